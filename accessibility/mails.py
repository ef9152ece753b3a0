"""The two mails a feedback message makes: the notice to the town and the receipt to the sender.

The notice is written in the statement's language (its town's), the receipt in
the language the visitor wrote in; both are plain text, as the form pages' are.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from accessibility.forms import kind_label
from safetext.single_line import single_line


def _context(statement, data, base_url):
    return {
        "statement": statement,
        "data": data,
        "kind": kind_label(data.get("kind")),
        "statement_url": statement.get_full_url() or base_url,
    }


def contact_notice(statement, submission, base_url):
    """To the statement's feedback address; answering it reaches the sender."""
    data = submission.form_data
    with translation.override(statement.locale.language_code):
        context = _context(statement, data, base_url)
        subject = _("Accessibility feedback: %(kind)s") % {"kind": context["kind"]}
        body = render_to_string("accessibility/email/contact_notice.txt", context)
    return EmailMessage(
        subject=single_line(subject),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[statement.feedback_email],
        reply_to=[data["email"]],
    )


def sender_receipt(statement, submission, base_url):
    """To the visitor, in the language they wrote in: what was received and what comes next."""
    data = submission.form_data
    language = data.get("language") or statement.locale.language_code
    if language not in dict(settings.LANGUAGES):
        language = statement.locale.language_code
    with translation.override(language):
        context = _context(statement, data, base_url)
        subject = _("We have received your message about accessibility")
        body = render_to_string("accessibility/email/sender_receipt.txt", context)
    return EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[data["email"]],
        reply_to=[statement.feedback_email],
    )
