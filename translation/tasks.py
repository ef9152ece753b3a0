"""Hand-off mails go out from the worker of the ``mail`` task backend, as the newsletter's.

``translation.handoff.notify`` enqueues one task per recipient when the
change to the request commits; ``manage.py db_worker --backend mail
--queue-name mail`` sends them (docs/operations.md, "Background workers").
"""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from translation.handoff import (
    DECLINED,
    DONE,
    OPENED,
    REMINDER,
    WITHDRAWN,
    handoff_message,
    send_reminders,
)
from translation.models import TranslationRequest

#: The state a request must still be in for each mail to be worth sending.
STATE_FOR = {
    OPENED: TranslationRequest.State.OPEN,
    DECLINED: TranslationRequest.State.DECLINED,
    DONE: TranslationRequest.State.DONE,
    WITHDRAWN: TranslationRequest.State.WITHDRAWN,
    REMINDER: TranslationRequest.State.OPEN,
}


@task(backend="mail", queue_name="mail")
def send_handoff_mail(request_id, kind, user_id):
    """Send one mail about a request; nothing if the request moved on meanwhile
    (a request declined before its first mail went out is not announced)."""
    request_obj = (
        TranslationRequest.objects.select_related(
            "content_type", "source_locale", "target_locale", "requested_by", "closed_by"
        )
        .filter(pk=request_id, state=STATE_FOR[kind])
        .first()
    )
    recipient = (
        get_user_model()
        .objects.select_related("wagtail_userprofile")
        .filter(pk=user_id, is_active=True)
        .exclude(email="")
        .first()
    )
    if request_obj is None or recipient is None:
        return False
    handoff_message(request_obj, kind, recipient).send()
    return True


def schedule_reminders(run_after=None):
    """Queue the next ``request_reminders`` run, unless one is waiting already."""
    if DBTaskResult.objects.filter(
        task_path=request_reminders.module_path, status="READY"
    ).exists():
        return None
    return request_reminders.using(run_after=run_after or timezone.now()).enqueue()


@task(backend="mail", queue_name="mail")
def request_reminders():
    """Remind the teams of requests past their wished-for date, then run again after
    ``TRANSLATION_REQUEST_REMINDER_SECONDS``, as the registrations' housekeeping does."""
    reminded = send_reminders()
    schedule_reminders(
        timezone.now() + datetime.timedelta(seconds=settings.TRANSLATION_REQUEST_REMINDER_SECONDS)
    )
    return reminded
