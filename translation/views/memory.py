"""Filling texts from the translation memory: one suggestion, or every match at once.

The suggestions are shown in this project's review view (``views/review.py``),
with where each comes from; the translation editor's bar links there and
offers the bulk button (our override of its template). Both routes take POST
only, with Django's CSRF check, and write only what the user's team may write:
the translated page or record's own permissions, the team's language and its
lock, as the editor's own routes do (``translation.refusals``). Others get 403
with the reason in their admin language. Nothing already translated is
overwritten (``translation.memory.apply``).
"""

from django.contrib import messages
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail_localize.models import StringSegment, StringTranslation

from translation import memory
from translation.permissions import language_name, user_can_write, writable_locale_ids
from translation.refusals import write_refusal
from translation.views.review import enabled_translation
from translation.views.review import refused as refused_page

SHOW_MEMORY = "memory"


def memory_url(translation):
    url = reverse("translation_review", args=[translation.pk])
    return f"{url}?{urlencode({'show': SHOW_MEMORY})}"


def writable_translation(request, translation_id):
    """The translation and the reason to refuse (``None`` when the user may fill it)."""
    translation, target = enabled_translation(translation_id)
    if target.locale_id not in writable_locale_ids(request.user) or not user_can_write(
        request.user, target
    ):
        return translation, _(
            "Only the editorial team for %(language)s may fill this translation from the "
            "translation memory."
        ) % {"language": language_name(translation.target_locale)}
    return translation, write_refusal(request.user, target)


def refused(request, reason):
    return refused_page(request, reason, heading=_("Translation memory"))


def back(request, translation):
    return redirect(get_valid_next_url_from_request(request) or memory_url(translation))


def bad_request(message):
    return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")


@require_POST
def apply_all(request, translation_id):
    translation, reason = writable_translation(request, translation_id)
    if reason:
        return refused(request, reason)
    try:
        count = memory.apply_all(translation, request.user)
    except memory.Conflict:
        messages.warning(request, conflict_message())
        return back(request, translation)
    if not count:
        messages.warning(request, _("No text is left to fill from the translation memory."))
        return back(request, translation)
    messages.success(
        request,
        ngettext(
            "%(count)d text filled from the translation memory.",
            "%(count)d texts filled from the translation memory.",
            count,
        )
        % {"count": count},
    )
    return back(request, translation)


def conflict_message():
    return _(
        "Someone translated some of these texts meanwhile, so nothing was filled. "
        "The texts are shown as they are now; try again."
    )


@require_POST
def use_one(request, translation_id):
    """Fill one text with the suggestion chosen: ``use=<segment id>-<suggestion id>``."""
    translation, reason = writable_translation(request, translation_id)
    if reason:
        return refused(request, reason)
    try:
        segment_id, suggestion_id = (int(part) for part in request.POST.get("use", "").split("-"))
    except ValueError:
        return bad_request(_("Choose a suggestion from the translation memory."))
    segment = (
        StringSegment.objects.filter(pk=segment_id, source_id=translation.source_id)
        .exclude(context__path=memory.SLUG_PATH)
        .select_related("context")
        .first()
    )
    if segment is None:
        return bad_request(_("This text is not part of this translation."))
    if StringTranslation.objects.filter(
        translation_of_id=segment.string_id,
        context_id=segment.context_id,
        locale_id=translation.target_locale_id,
    ).exists():
        messages.warning(
            request, _("This text has been translated meanwhile; it was left as it is.")
        )
        return back(request, translation)
    chosen = (
        memory.earlier_translations(translation, [segment.string_id])
        .filter(pk=suggestion_id)
        .first()
    )
    if chosen is None:
        return bad_request(_("The translation memory has no such suggestion for this text."))
    try:
        memory.apply(translation, [(segment, memory.Suggestion(chosen, chosen.rank))], request.user)
    except memory.Conflict:
        messages.warning(request, conflict_message())
        return back(request, translation)
    messages.success(request, _("Translation taken from the translation memory."))
    return back(request, translation)


urlpatterns = [
    path("<int:translation_id>/memory/apply/", apply_all, name="translation_memory_apply"),
    path("<int:translation_id>/memory/use/", use_one, name="translation_memory_use"),
]
