"""Erasing a reader on request (GDPR Art. 17).

The reader and their consent records are deleted. What stays is a hash of the
address in ``ErasedAddress``, so that an import skips it, and an audit-log entry
that names the list, not the address; earlier log entries about the reader
(their language changed by an editor) lose the address too. A reader who later
subscribes again on the site and confirms the new mail removes the hash
(``subscribers.views.confirm``).
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from subscribers.models import ErasedAddress, Subscriber

ERASE_ACTION = "subscribers.erase"
ERASED_LABEL = "–"


@transaction.atomic
def erase(subscriber, user):
    ErasedAddress.objects.get_or_create(
        locale_id=subscriber.locale_id, email_hash=ErasedAddress.hash(subscriber.email)
    )
    ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Subscriber),
        object_id=str(subscriber.pk),
    ).update(label=ERASED_LABEL, data={})
    log(
        subscriber,
        ERASE_ACTION,
        user=user,
        title=ERASED_LABEL,
        data={"list": subscriber.locale.language_code},
    )
    subscriber.delete()  # the consents go with it (on_delete=CASCADE)


def forget_erasure(subscriber):
    """The reader confirmed a new subscription of their own: the tombstone has done its job."""
    ErasedAddress.objects.filter(
        locale_id=subscriber.locale_id, email_hash=ErasedAddress.hash(subscriber.email)
    ).delete()


ERASE_LABEL = _("Erase subscriber (GDPR)")
