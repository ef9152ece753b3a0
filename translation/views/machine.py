"""The translation editor's "Translate with DeepL/LibreTranslate" button.

It replaces wagtail-localize's view at the same path, which checks only
model-wide permissions (and no lock) and reports success even when the
provider failed.
The work itself stays upstream's ``apply_machine_translation``: it skips
segments that already have a translation and saves what the translator
returned, which with ``translation.machine``'s translators is every chunk
that came back before an error. The page's slug is not sent
(``translation.slugs``).
"""

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.models import Translation

from translation.machine import REASON_TEXTS, ChunkedTranslatorMixin, Reason, translate_missing
from translation.permissions import writable_locale_ids
from translation.refusals import refusal_response, write_refusal


def advice(reason, partial):
    if reason is Reason.RATE_LIMITED:
        return _("try again in a few minutes.")
    if reason is Reason.QUOTA_EXCEEDED:
        return _("try again when the quota renews, or translate by hand.")
    if reason in (Reason.AUTH_FAILED, Reason.TOO_LARGE):
        return _("ask the site administrator to check the machine translation settings.")
    return _("try the rest later.") if partial else _("try again later.")


def failure_message(translator):
    done, total = translator.translated, translator.requested
    return failure_text(translator.display_name, done, total, translator.error.reason)


def failure_text(service, done, total, reason):
    """What went wrong, in the admin language; the bulk job's report says the same."""
    values = {
        "service": service,
        "done": done,
        "total": total,
        "reason": REASON_TEXTS[reason],
        "advice": advice(reason, partial=done > 0),
    }
    if not done:
        return _("%(service)s could not translate: %(reason)s. Nothing was changed; %(advice)s") % (
            values
        )
    return (
        ngettext(
            "%(service)s stopped after %(done)d of %(total)d texts: %(reason)s. "
            "The translation that came back is kept; %(advice)s",
            "%(service)s stopped after %(done)d of %(total)d texts: %(reason)s. "
            "The %(done)d translations are kept; %(advice)s",
            done,
        )
        % values
    )


def report(request, translator, applied):
    if not applied:
        messages.warning(request, _("There isn't anything left to translate."))
        return
    if not isinstance(translator, ChunkedTranslatorMixin):
        # One of wagtail-localize's own, such as its DummyTranslator for development
        messages.success(
            request, _("Successfully translated with {}.").format(translator.display_name)
        )
        return
    if translator.error:
        messages.error(request, failure_message(translator))
    elif translator.translated:
        messages.success(
            request,
            ngettext(
                "Translated %(count)d text with %(service)s.",
                "Translated %(count)d texts with %(service)s.",
                translator.translated,
            )
            % {"count": translator.translated, "service": translator.display_name},
        )
    if translator.too_long:
        messages.warning(
            request,
            ngettext(
                "%(count)d text is too long to send to %(service)s; please translate it by hand.",
                "%(count)d texts are too long to send to %(service)s; "
                "please translate them by hand.",
                translator.too_long,
            )
            % {"count": translator.too_long, "service": translator.display_name},
        )


@require_POST
def machine_translate(request, translation_id):
    translator = get_machine_translator()
    if translator is None:
        raise Http404
    translation = get_object_or_404(Translation, id=translation_id)
    try:
        target = translation.get_target_instance()
    except ObjectDoesNotExist as error:
        raise Http404 from error
    if target.locale_id not in writable_locale_ids(request.user):
        raise PermissionDenied
    if reason := write_refusal(request.user, target):
        return refusal_response(request, reason)

    applied = translate_missing(translation, request.user, translator)
    report(request, translator, applied)
    return redirect(get_valid_next_url_from_request(request) or reverse("wagtailadmin_home"))
