"""Sending one issue to one address, so editors see it in a real mail client.

Mass sending stays with the agency's newsletter tool; this goes through
Django's own mail backend, as ``EMAIL_URL`` configures it.
"""

import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

# Seconds to wait for the mail server, so an editor is never left hanging.
DEFAULT_TIMEOUT = 20


class SendError(Exception):
    """The mail server would not take the message; the text is for the editor."""


def build_message(parts, recipient, *, connection=None):
    """A multipart/alternative message: the text first, the HTML as its alternative."""
    message = EmailMultiAlternatives(
        subject=parts.subject,
        body=parts.text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[recipient],
        headers={"Content-Language": parts.lang},
        connection=connection,
    )
    message.attach_alternative(parts.html, "text/html")
    return message


def send_test(issue, recipient, request=None):
    """Send ``issue`` to ``recipient``; return the parts sent, or raise ``SendError``."""
    parts = issue.render_email(request)
    timeout = getattr(settings, "EMAIL_TIMEOUT", None) or DEFAULT_TIMEOUT
    connection = get_connection(timeout=timeout)
    try:
        build_message(parts, recipient, connection=connection).send()
    except smtplib.SMTPRecipientsRefused as error:
        logger.warning("Test of issue %s refused for %s: %s", issue.pk, recipient, error)
        raise SendError(_("The mail server refused this address.")) from error
    except (smtplib.SMTPException, OSError) as error:
        logger.warning("Test of issue %s not sent: %r", issue.pk, error)
        raise SendError(
            _(
                "The mail server could not be reached or refused the message, so nothing was "
                "sent. Check EMAIL_URL, or try again later. (%(error)s)"
            )
            % {"error": error.__class__.__name__}
        ) from error
    return parts
