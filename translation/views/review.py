"""Reviewing machine translation: the texts of one translation, and who made each.

wagtail-localize's translation editor is a compiled bundle, so this is a view
of its own, linked from the editor's header (our override of its template)
and from the status board. Only those who may edit the translated page or
record (its language's team, ``translation.permissions``) may open it; the
rest get 403, unknown or unsynced translations 404.
"""

from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from translation import memory
from translation.models import SegmentReview
from translation.permissions import language_name, user_can_write
from translation.review import (
    MACHINE,
    mark_reviewed,
    strings_of,
    unreviewed_machine_strings,
)

MACHINE_UNREVIEWED = "machine-unreviewed"
FROM_MEMORY = "memory"


@dataclass
class SegmentRow:
    segment: StringSegment
    label: str
    string_translation: StringTranslation | None
    review: SegmentReview | None
    suggestions: list = field(default_factory=list)  # from the translation memory, best first

    @property
    def source_text(self):
        return self.segment.string.data

    @property
    def is_machine(self):
        return (
            self.string_translation is not None
            and self.string_translation.translation_type == MACHINE
        )

    @property
    def review_is_current(self):
        return self.review is not None and self.review.data == self.string_translation.data

    @property
    def needs_review(self):
        return self.is_machine and not self.review_is_current

    @property
    def made_by(self):
        translated = self.string_translation
        if translated is None:
            return _("Not translated yet")
        if memory.is_from_memory(translated.tool_name):
            return memory.made_by_text(translated)
        if self.is_machine:
            return _("Machine (%(tool)s)") % {"tool": translated.tool_name or _("unknown tool")}
        if translated.last_translated_by is not None:
            return _("A person (%(name)s)") % {"name": display_name(translated.last_translated_by)}
        return _("A person")

    @property
    def state(self):
        if self.string_translation is None:
            return ""
        if not self.is_machine:
            return _("Written or edited by a person")
        if self.review_is_current:
            return _("Reviewed by %(name)s") % {"name": display_name(self.review.reviewed_by)}
        if self.review is not None:
            return _("Changed since it was reviewed")
        return _("Not reviewed")


def display_name(user):
    if user is None:
        return _("a former user")
    return user.get_full_name() or user.get_username()


def field_label(model, path):
    """The name of the field a segment's path starts in, as the editor shows it."""
    name = path.split(".", 1)[0]
    try:
        return str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


def enabled_translation(translation_id):
    """An enabled translation and its target object; 404 for either missing."""
    translation = get_object_or_404(
        Translation.objects.select_related("source__locale", "target_locale"),
        pk=translation_id,
        enabled=True,
    )
    try:
        return translation, translation.get_target_instance()
    except ObjectDoesNotExist:
        raise Http404 from None


def reviewable_translation(request, translation_id):
    translation, target = enabled_translation(translation_id)
    if not user_can_write(request.user, target):
        raise Refused(
            _("Only the editorial team for %(language)s may review this translation.")
            % {"language": language_name(translation.target_locale)}
        )
    return translation, target


class Refused(Exception):
    """Wagtail's admin turns PermissionDenied into a redirect; this view answers 403."""


def refused(request, message, heading=None):
    return TemplateResponse(
        request,
        "translation/review_refused.html",
        {"message": message, "heading": heading},
        status=403,
    )


def segment_rows(translation):
    model = translation.source.specific_content_type.model_class()
    segments = (
        StringSegment.objects.filter(source_id=translation.source_id)
        .select_related("string", "context")
        .order_by("order")
    )
    translated = {
        (row.translation_of_id, row.context_id): row
        for row in strings_of(translation.source_id, translation.target_locale_id).select_related(
            "last_translated_by"
        )
    }
    reviews = {
        review.string_translation_id: review
        for review in SegmentReview.objects.filter(
            string_translation__in=[row.pk for row in translated.values()]
        ).select_related("reviewed_by")
    }
    rows = []
    for segment in segments:
        string_translation = translated.get((segment.string_id, segment.context_id))
        review = reviews.get(string_translation.pk) if string_translation else None
        rows.append(
            SegmentRow(
                segment, field_label(model, segment.context.path), string_translation, review
            )
        )
    if any(row.string_translation is None for row in rows):
        matches = {match.segment.pk: match.suggestions for match in memory.lookup(translation)}
        for row in rows:
            row.suggestions = matches.get(row.segment.pk, [])
    return rows


def parse_ids(values):
    try:
        return {int(value) for value in values}
    except (TypeError, ValueError):
        return None


def review_translation(request, translation_id):
    try:
        translation, target = reviewable_translation(request, translation_id)
    except Refused as refusal:
        return refused(request, str(refusal))
    show = request.GET.get("show", "")
    if show not in ("", MACHINE_UNREVIEWED, FROM_MEMORY):
        show = ""

    if request.method == "POST":
        if "review" in request.POST:
            ids = parse_ids(request.POST.getlist("review"))
        else:
            ids = parse_ids(request.POST.getlist("shown"))
        if not ids:
            return HttpResponseBadRequest(
                _("Choose the machine translations you have reviewed."),
                content_type="text/plain; charset=utf-8",
            )
        chosen = unreviewed_machine_strings(translation).filter(pk__in=ids)
        count = mark_reviewed(chosen, request.user)
        if count:
            messages.success(
                request,
                ngettext(
                    "%(count)d machine translation marked as reviewed. Publish the page to show "
                    "the reviewed version.",
                    "%(count)d machine translations marked as reviewed. Publish the page to show "
                    "the reviewed version.",
                    count,
                )
                % {"count": count},
            )
        else:
            messages.warning(request, _("These texts were already reviewed or have changed."))
        return redirect(request.get_full_path())

    rows = segment_rows(translation)
    unreviewed = sum(1 for row in rows if row.needs_review)
    with_suggestions = sum(1 for row in rows if row.suggestions)
    if show == MACHINE_UNREVIEWED:
        shown = [row for row in rows if row.needs_review]
    elif show == FROM_MEMORY:
        shown = [row for row in rows if row.suggestions]
    else:
        shown = rows
    url = reverse("translation_review", args=[translation.pk])
    return TemplateResponse(
        request,
        "translation/review.html",
        {
            "translation": translation,
            "target": target,
            "rows": shown,
            "total": len(rows),
            "machine": sum(1 for row in rows if row.is_machine),
            "unreviewed": unreviewed,
            "show": show,
            "all_url": url,
            "unreviewed_url": f"{url}?{urlencode({'show': MACHINE_UNREVIEWED})}",
            "memory_url": f"{url}?{urlencode({'show': FROM_MEMORY})}",
            "with_suggestions": with_suggestions,
            "shown_unreviewed": [row for row in shown if row.needs_review],
            "editor_url": translation.get_target_instance_edit_url(),
            "source_language": translation.source.locale.language_code,
            "target_language": translation.target_locale.language_code,
        },
    )


urlpatterns = [
    path("<int:translation_id>/", review_translation, name="translation_review"),
]
