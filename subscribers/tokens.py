"""Signed links for mails: confirming (expires) and managing a subscription.

A link names the reader by id and address, signed with ``SECRET_KEY`` and a
salt per purpose, so a link for one purpose is refused for another, and a
link of an erased reader leads nowhere even if the id is given again.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing

from subscribers.models import Subscriber

CONFIRM = "subscribers.confirm"
MANAGE = "subscribers.manage"


def make_token(subscriber, purpose):
    return signing.dumps({"id": subscriber.pk, "e": subscriber.email}, salt=purpose)


def read_token(token, purpose):
    """The reader a link names, or None when it is tampered with, expired or theirs no more."""
    max_age = timedelta(days=settings.SUBSCRIBERS_CONFIRM_DAYS) if purpose == CONFIRM else None
    try:
        data = signing.loads(token, salt=purpose, max_age=max_age)
        subscriber_id, email = int(data["id"]), str(data["e"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    return Subscriber.objects.select_related("locale").filter(pk=subscriber_id, email=email).first()
