"""Registration mail goes out from the worker of the ``mail`` task backend, as the newsletter's.

A task is a row written in the transaction that changed the registration
(registrations/booking.py), so a mail exists exactly when that change was
committed; ``manage.py db_worker --backend mail --queue-name mail`` sends it.
"""

from django_tasks import task

from registrations.mails import (  # noqa: F401  (the kinds, for callers)
    AGAIN,
    CANCELLED,
    CANCELLED_BY_ORGANISER,
    CONFIRMED,
    MOVED_UP,
    REMINDER,
    WAITING,
    registration_message,
)
from registrations.models import Registration


@task(backend="mail", queue_name="mail")
def send_registration_mail(registration_id, kind, base_url):
    """Send one registration mail; nothing to a registration whose data was removed since."""
    registration = (
        Registration.objects.select_related("registration_list")
        .filter(pk=registration_id, anonymised_at__isnull=True)
        .first()
    )
    if registration is None or not registration.email:
        return False
    registration_message(registration, kind, base_url).send()
    return True
