"""The subscription form, shown by the body block and the subscription page alike.

The form posts to ``subscribers:subscribe`` without a CSRF token, so that the
pages that show it stay in the page cache (a token would set a cookie on every
page). The endpoint is protected by the honeypot, the rate limit and the
double opt-in instead (subscribers/views.py).
"""

from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.public_forms import honeypot_context
from pagecache.privacy import public_localized
from subscribers.models import Subscriber

# The reader agrees to this, and it is kept word for word in their language (Consent.text).
CONSENT_TEXT = _(
    "I agree that my e-mail address and my choice of language are stored so that the twinning "
    "team of this site sends me its newsletter. I can leave at any time with the link in every "
    "mail."
)


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        error_messages={
            "required": _("Please enter your e-mail address."),
            "invalid": _("Please enter a valid e-mail address."),
        },
    )
    language = forms.ChoiceField(
        label=_("Newsletter language"),
        choices=Subscriber.Language.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose a language.")},
    )
    consent = forms.BooleanField(
        label=CONSENT_TEXT,
        error_messages={"required": _("Please agree, so that we may send you the newsletter.")},
    )
    # The page the form was on, for the consent record.
    source = forms.CharField(required=False, max_length=2000, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "subscribe-%s")
        super().__init__(*args, **kwargs)


def page_language(page=None):
    language = getattr(getattr(page, "locale", None), "language_code", None) or get_language()
    return language if language in dict(Subscriber.Language.choices) else settings.LANGUAGE_CODE


def privacy_url(privacy_page):
    """The privacy page in the active language, if it is live and public; else ""."""
    privacy = public_localized(privacy_page)
    if privacy is None or not privacy.live:
        return ""
    return privacy.get_url() or ""


def form_context(page=None, privacy_page=None, form=None):
    """What the form's template needs: the form, where it posts, the privacy link."""
    if form is None:
        form = SubscribeForm(
            initial={
                "language": page_language(page),
                "source": page.get_url() if page is not None else "",
            }
        )
    return {
        "subscribe_form": form,
        "subscribe_action": reverse("subscribers:subscribe"),
        "privacy_url": privacy_url(privacy_page),
        **honeypot_context(),
    }
