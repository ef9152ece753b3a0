"""What happens to registrations with time: reminders before an event, removal after it.

django-tasks has no scheduler, so two ways run it, both documented in
docs/event-registration.md: ``manage.py registrations_housekeeping`` from
cron, or ``--schedule``, which queues ``housekeeping`` on the ``mail`` backend,
a task that runs both and queues its own next run (``run_after``).
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from registrations import mails
from registrations.models import Registration, RegistrationList
from registrations.tasks import send_registration_mail

PERSONAL_FIELDS = {
    "name": "",
    "email": "",
    "organisation": "",
    "town": "",
    "access_needs": "",
    "answers": {},
    "page_url": "",
}


def send_reminders(base_url, now=None):
    """Remind everyone with a seat at an event starting within ``REGISTRATIONS_REMINDER_DAYS``.

    Each reminder is claimed with a conditional UPDATE before its task is
    queued, so a person is reminded once, however often this runs.
    """
    now = now or timezone.now()
    soon = now + datetime.timedelta(days=settings.REGISTRATIONS_REMINDER_DAYS)
    due = Registration.objects.filter(
        status=Registration.Status.CONFIRMED,
        reminded_at__isnull=True,
        anonymised_at__isnull=True,
        registration_list__enabled=True,
        registration_list__starts_at__gt=now,
        registration_list__starts_at__lte=soon,
    )
    sent = 0
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            claimed = Registration.objects.filter(pk=pk, reminded_at__isnull=True).update(
                reminded_at=now
            )
            if claimed:
                send_registration_mail.enqueue(pk, mails.REMINDER, base_url)
                sent += 1
    return sent


def remove_personal_data(now=None):
    """Blank the personal data of every event that ended ``REGISTRATIONS_RETENTION_DAYS`` ago.

    The rows stay, without anything that names a person, so that the
    organisers keep the number of registrations; their signed links lead nowhere.
    Returns (events, registrations) changed.
    """
    now = now or timezone.now()
    limit = now - datetime.timedelta(days=settings.REGISTRATIONS_RETENTION_DAYS)
    lists = RegistrationList.objects.filter(ends_at__lt=limit, anonymised_at__isnull=True)
    events = registrations = 0
    for registration_list in lists:
        with transaction.atomic():
            registrations += registration_list.registrations.filter(
                anonymised_at__isnull=True
            ).update(anonymised_at=now, **PERSONAL_FIELDS)
            registration_list.anonymised_at = now
            registration_list.save(update_fields=["anonymised_at"])
            events += 1
    return events, registrations


def schedule(base_url, run_after=None):
    """Queue the next ``housekeeping`` run, unless one is waiting already; return it or None."""
    if DBTaskResult.objects.filter(task_path=housekeeping.module_path, status="READY").exists():
        return None
    run_after = run_after or timezone.now()
    return housekeeping.using(run_after=run_after).enqueue(base_url)


@task(backend="mail", queue_name="mail")
def housekeeping(base_url):
    """Reminders and removal, then the next run after ``REGISTRATIONS_HOUSEKEEPING_SECONDS``."""
    reminded = send_reminders(base_url)
    events, removed = remove_personal_data()
    next_run = timezone.now() + datetime.timedelta(
        seconds=settings.REGISTRATIONS_HOUSEKEEPING_SECONDS
    )
    schedule(base_url, run_after=next_run)
    return {"reminded": reminded, "events": events, "removed": removed}
