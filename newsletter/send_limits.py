"""Where a test of an issue may go, how often, and the record of each one.

"Send test" mails from the site's own sender address. Left open, it relays
whatever an editor, or whoever holds an editor's session, asks it to. So a test
goes only to the editor's own address or to one of ``NEWSLETTER_TEST_ADDRESSES``,
each editor may send ``SEND_TEST_LIMIT`` an hour, and every send, sent or
refused by the mail server, is in Wagtail's audit log: the issue's history and
the site history report.
"""

from django.conf import settings
from django_ratelimit.core import is_ratelimited
from wagtail.log_actions import log

SEND_TEST_LIMIT = 10  # per editor and hour: plenty to check an issue, useless for spam
SEND_TEST_ACTION = "newsletter.send_test"


def allowed_recipients(user):
    """The editor's own address first, then the site's test addresses, each once."""
    addresses = {}
    for address in (user.email, *settings.NEWSLETTER_TEST_ADDRESSES):
        address = (address or "").strip()
        if address:
            addresses.setdefault(address.casefold(), address)
    return list(addresses.values())


def over_limit(request):
    """Count this send against the editor; true once they have used up the hour's sends.

    django-ratelimit counts in the default cache, as it does for the public forms.
    """
    return is_ratelimited(
        request,
        group="newsletter-send-test",
        key="user",
        rate=f"{SEND_TEST_LIMIT}/h",
        increment=True,
    )


def log_send(page, user, recipient, subject, error=None):
    """One audit log entry per send, on the page; the revision is the draft that was sent."""
    cause = error.__cause__ if error is not None and error.__cause__ else error
    log(
        instance=page,
        action=SEND_TEST_ACTION,
        user=user,
        revision=page.latest_revision,
        data={
            "recipient": recipient,
            "subject": subject,
            "outcome": "sent" if error is None else "failed",
            "error": type(cause).__name__ if cause is not None else "",
        },
    )
