"""Links into the subscription pages and the mails that carry them.

``list_unsubscribe_headers(subscriber)`` is what every mail to a reader
carries (RFC 2369 and RFC 8058), so that mail clients offer to leave with one
click; the confirmation mail has them too, so whoever did not ask for it can
say so at once.
"""

from urllib.parse import urljoin

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from emails.rendering import render_email, site_base_url
from emails.text import html_to_text
from subscribers import tokens
from subscribers.models import Subscriber

CONFIRMATION_TEMPLATE = "subscribers/email/confirmation.mjml"


def link(subscriber, name, purpose, base_url=None):
    """The absolute URL of one of the subscription views, on the reader's list's site."""
    with translation.override(subscriber.locale.language_code):
        path = reverse(f"subscribers:{name}", args=[tokens.make_token(subscriber, purpose)])
    return urljoin(base_url or site_base_url(), path)


def confirm_url(subscriber, base_url=None):
    return link(subscriber, "confirm", tokens.CONFIRM, base_url)


def unsubscribe_url(subscriber, base_url=None):
    return link(subscriber, "unsubscribe", tokens.MANAGE, base_url)


def one_click_url(subscriber, base_url=None):
    return link(subscriber, "one_click", tokens.MANAGE, base_url)


def preferences_url(subscriber, base_url=None):
    return link(subscriber, "preferences", tokens.MANAGE, base_url)


def list_unsubscribe_headers(subscriber, base_url=None):
    """The ``List-Unsubscribe`` and ``List-Unsubscribe-Post`` headers for a mail to ``subscriber``.

    The URL takes the RFC 8058 POST (``List-Unsubscribe=One-Click``) and
    unsubscribes at once; a GET only leads to the page with the button.
    """
    return {
        "List-Unsubscribe": f"<{one_click_url(subscriber, base_url)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def mail_languages(subscriber):
    """The languages a mail to the reader is written in, their list's language first."""
    if subscriber.language != Subscriber.Language.BOTH:
        return [subscriber.language]
    first = subscriber.locale.language_code
    return [first] + [code for code, _name in settings.LANGUAGES if code != first]


def confirmation_message(subscriber, base_url=None):
    """The confirmation mail (or, for a confirmed reader, a note with their preferences link)."""
    base_url = base_url or site_base_url()
    languages = mail_languages(subscriber)
    already = subscriber.state == Subscriber.State.CONFIRMED
    subjects = []
    for language in languages:
        with translation.override(language):
            subjects.append(
                _("You are already subscribed")
                if already
                else _("Please confirm your subscription")
            )
    subject = " · ".join(subjects)
    context = {
        "subject": subject,
        "preheader": subject,
        "languages": languages,
        "already": already,
        "confirm_url": confirm_url(subscriber, base_url),
        "preferences_url": preferences_url(subscriber, base_url),
        "days": settings.SUBSCRIBERS_CONFIRM_DAYS,
        "email": subscriber.email,
    }
    with translation.override(languages[0]):
        html = render_email(CONFIRMATION_TEMPLATE, context, base_url=base_url)
    message = EmailMultiAlternatives(
        subject=subject,
        body=html_to_text(html),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[subscriber.email],
        headers=list_unsubscribe_headers(subscriber, base_url),
    )
    message.attach_alternative(html, "text/html")
    return message
