"""wagtail-localize's submit, sync and translation editor views, held to each team's rights.

Upstream lets anyone with ``submit_translation`` create or overwrite content
in every language. A town's team may only create translations into, and sync
translations in, the languages it writes (see ``translation.permissions``),
and only where the page's or snippet type's own permissions and locks would
let it write too (see ``translation.refusals``).
"""

from functools import wraps

import polib
from django import forms
from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin.views.pages.utils import get_valid_next_url_from_request
from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation
from wagtail_localize.views.edit_translation import StringTranslationSerializer
from wagtail_localize.views.submit_translations import (
    SubmitPageTranslationView,
    SubmitSnippetTranslationView,
    SubmitTranslationForm,
)
from wagtail_localize.views.update_translations import UpdateTranslationsView

from translation.field_checks import flag_invalid
from translation.handoff import may_request
from translation.overrides import broken_message, flag_broken_overrides
from translation.permissions import language_name, refuse, user_can_write, writable_locale_ids
from translation.refusals import (
    creation_refusal,
    linked_records_refusal,
    lock_for,
    lock_message,
    page_translation_refusal,
    refusal_response,
    separately_written_message,
    target_refusal,
    write_refusal,
)
from translation.separately import is_translated_separately
from translation.views.requests import request_url
from translation.views.submit import KeepExistingVersionsMixin


def _language_list(locales):
    return ", ".join(sorted(language_name(locale) for locale in locales))


class TeamSubmitTranslationMixin:
    """Offer only the languages the user may create the translation in; refuse when none is left."""

    def get_form(self):
        form = super().get_form()
        form.fields["locales"].queryset = form.fields["locales"].queryset.filter(
            pk__in=self.creatable_locale_ids()
        )
        return form

    def get(self, request, *args, **kwargs):
        return self.refusal() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self.refusal() or super().post(request, *args, **kwargs)

    def refusal(self):
        if is_translated_separately(self.object):
            return refuse(self.request, separately_written_message(self.object))
        missing = self.missing_locales()
        writable = writable_locale_ids(self.request.user)
        if missing and not any(locale.pk in writable for locale in missing):
            message = _("Only the editorial team for %(languages)s may create this version.") % {
                "languages": _language_list(missing)
            }
            if may_request(self.request.user, self.object):
                # Not a dead end: the request form asks that team for it.
                messages.info(self.request, message + " " + _("You can ask them for it here."))
                return redirect(request_url(self.object))
            return refuse(self.request, message)
        reasons = self.creation_refusals()
        if reasons and not self.creatable_locale_ids():
            return refuse(self.request, next(iter(reasons.values())))
        return None

    def missing_locales(self):
        return list(SubmitTranslationForm(self.object).fields["locales"].queryset)

    def creation_refusals(self):
        """Why each missing language the team writes may not be created, by locale id."""
        if not hasattr(self, "_refusals"):
            writable = writable_locale_ids(self.request.user)
            reasons = {
                locale.pk: self.creation_refusal(locale)
                for locale in self.missing_locales()
                if locale.pk in writable
            }
            self._refusals = {pk: reason for pk, reason in reasons.items() if reason}
            self._creatable = {pk for pk, reason in reasons.items() if not reason}
        return self._refusals

    def creatable_locale_ids(self):
        self.creation_refusals()
        return self._creatable


class TeamSubmitPageTranslationView(
    TeamSubmitTranslationMixin, KeepExistingVersionsMixin, SubmitPageTranslationView
):
    def creation_refusal(self, locale):
        user = self.request.user
        return page_translation_refusal(user, self.object, locale) or linked_records_refusal(
            user, self.object, locale
        )


class TeamSubmitSnippetTranslationView(
    TeamSubmitTranslationMixin, KeepExistingVersionsMixin, SubmitSnippetTranslationView
):
    def creation_refusal(self, locale):
        user = self.request.user
        return creation_refusal(user, type(self.object), locale) or linked_records_refusal(
            user, self.object, locale
        )


class TeamUpdateTranslationsView(UpdateTranslationsView):
    """A sync rewrites every enabled translation, so the user must write them all.

    Writing takes the team's language, then what the target's own editor
    would ask: the page's or the snippet type's permissions, and no lock held
    by someone else. "Publish immediately" is offered only to users who may
    publish every translation; the others update drafts, which their
    reviewers publish.
    """

    def dispatch(self, request, *args, **kwargs):
        if request.user.has_perm("wagtail_localize.submit_translation"):
            source = self.get_object()
            translations = list(
                source.translations.filter(enabled=True).select_related("source", "target_locale")
            )
            forbidden = [
                translation.target_locale
                for translation in translations
                if translation.target_locale_id not in writable_locale_ids(request.user)
            ]
            if forbidden:
                return refuse(
                    request,
                    _("Only the editorial team for %(languages)s may update this version.")
                    % {"languages": _language_list(forbidden)},
                )
            publish = request.method == "POST" and forms.BooleanField().to_python(
                request.POST.get("publish_translations")
            )
            for translation in translations:
                reason = target_refusal(request.user, translation, publish=publish)
                if reason:
                    return refuse(request, reason)
        return super().dispatch(request, *args, **kwargs)

    def get_form(self):
        form = super().get_form()
        if not self.user_can_publish_translations():
            field = form.fields["publish_translations"]
            field.disabled = True
            field.initial = False
            field.help_text = _("You may update the translations, but not publish them.")
        return form

    def form_valid(self, form):
        # Overrides that point nowhere would make publishing fail: mark them, so
        # that the translations take the original's values there, and say so.
        for translation in self.object.translations.filter(enabled=True):
            broken = flag_broken_overrides(translation)
            if broken:
                messages.warning(self.request, broken_message(translation, broken))
        return super().form_valid(form)

    def user_can_publish_translations(self):
        return not any(
            target_refusal(self.request.user, translation, publish=True)
            for translation in self.object.translations.filter(enabled=True)
        )


def for_target_writers(view):
    """Let through only users who may write the translation's target.

    wagtail-localize's translation editor views check page permissions for
    pages, but only model-wide permissions for snippets, and no locks. A
    request that only reads (GET: the PO download, the preview) takes the
    right to edit the target; any other request writes, so it also respects
    the target's lock, as the target's own editor does.
    """

    @wraps(view)
    def guarded(request, translation_id, *args, **kwargs):
        translation = get_object_or_404(Translation, id=translation_id)
        try:
            target = translation.get_target_instance()
        except ObjectDoesNotExist:
            raise Http404 from None
        if target.locale_id not in writable_locale_ids(request.user):
            raise PermissionDenied
        if request.method in ("GET", "HEAD"):
            if not user_can_write(request.user, target):
                raise PermissionDenied
        elif reason := write_refusal(request.user, target):
            return refusal_response(request, reason)
        return view(request, translation_id, *args, **kwargs)

    return guarded


def hold_locks(view):
    """Refuse a page view while the page is locked for the user.

    wagtail-localize's "Convert to alias" overwrites the page with its source
    after checking only the right to edit it.
    """

    @wraps(view)
    def guarded(request, page_id, *args, **kwargs):
        page = get_object_or_404(Page, id=page_id)
        lock = lock_for(request.user, page)
        if lock is not None:
            return refuse(request, lock_message(lock, request.user, page))
        return view(request, page_id, *args, **kwargs)

    return guarded


def refuse_po_files_without_their_translation(view):
    """Turn away a PO file that does not say which translation it belongs to.

    wagtail-localize reads its ``X-WagtailLocalize-TranslationID`` header
    unchecked, so an empty file, or one whose tool dropped the header, ended
    in a server error.
    """

    @wraps(view)
    def checked(request, translation_id, *args, **kwargs):
        upload = request.FILES.get("file")
        try:
            po = polib.pofile(upload.read().decode("utf-8")) if upload else None
        except (OSError, ValueError):
            po = None
        if po is None or "X-WagtailLocalize-TranslationID" not in po.metadata:
            messages.error(request, _("Please upload a valid PO file."))
            return redirect(
                get_valid_next_url_from_request(request) or reverse("wagtailadmin_home")
            )
        upload.seek(0)
        return view(request, translation_id, *args, **kwargs)

    return checked


def check_the_saved_string(view):
    """Flag a segment's new text at once if its field refuses it (``translation.field_checks``).

    wagtail-localize's answer then carries the message as the segment's
    ``error``, which the editor shows under it, as it does for broken markup.
    """

    @wraps(view)
    def checked(request, translation_id, string_segment_id, *args, **kwargs):
        response = view(request, translation_id, string_segment_id, *args, **kwargs)
        if request.method != "PUT" or response.status_code not in (200, 201):
            return response
        translation = Translation.objects.get(id=translation_id)
        segment = StringSegment.objects.get(id=string_segment_id)
        saved = StringTranslation.objects.select_related("context").get(
            translation_of_id=segment.string_id,
            locale_id=translation.target_locale_id,
            context_id=segment.context_id,
        )
        if flag_invalid(translation, [saved]):
            response.data = StringTranslationSerializer(
                saved, context={"translation_source": translation.source}
            ).data
        return response

    return checked


def check_the_uploaded_strings(view):
    """After a PO file is read in, flag each text its field refuses, as the editor would."""

    @wraps(view)
    def checked(request, translation_id, *args, **kwargs):
        response = view(request, translation_id, *args, **kwargs)
        flag_invalid(get_object_or_404(Translation, id=translation_id))
        return response

    return checked
