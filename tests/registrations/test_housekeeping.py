"""Reminders before an event and removal of personal data after it, by command and by task."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from home.models import StandardPage
from registrations.housekeeping import housekeeping
from registrations.models import Registration, RegistrationList
from tests.registrations.helpers import cancel_path, new_workshop, open_registration, register
from tests.subscribers.helpers import run_mail_worker

pytestmark = pytest.mark.django_db


@pytest.fixture
def workshop(demo):
    return open_registration(new_workshop()["fr"], capacity=1)


def move_event(page, start):
    """The event now starts at ``start``, as its organiser would publish it."""
    page.start = start
    page.end = start + datetime.timedelta(hours=3)
    page.save_revision().publish()


def test_reminder_goes_once_to_those_with_a_seat_in_their_language(
    client, workshop, monkeypatch, settings
):
    register(client, workshop, "sitz@example.org", language="de")
    register(client, workshop, "warte@example.org", language="fr")
    run_mail_worker(monkeypatch)
    mail.outbox.clear()
    settings.REGISTRATIONS_REMINDER_DAYS = 2

    out = StringIO()
    call_command("registrations_housekeeping", stdout=out)
    assert "Reminders queued: 0" in out.getvalue(), "the event is months away"

    move_event(workshop, timezone.now() + datetime.timedelta(days=1))
    for _ in range(2):
        call_command("registrations_housekeeping", stdout=StringIO())
    run_mail_worker(monkeypatch)
    [reminder] = mail.outbox
    assert reminder.to == ["sitz@example.org"]
    assert reminder.subject.startswith("Erinnerung:")
    assert reminder.attachments[0][0] == "event.ics"


def test_personal_data_is_removed_after_the_retention_period(
    client, workshop, monkeypatch, settings
):
    register(client, workshop, "vorbei@example.org", name="Vera Vorbei", access_needs="Rollstuhl")
    run_mail_worker(monkeypatch)
    [confirmation] = mail.outbox
    settings.REGISTRATIONS_RETENTION_DAYS = 30
    registration_list = RegistrationList.objects.get(translation_key=workshop.translation_key)
    RegistrationList.objects.filter(pk=registration_list.pk).update(
        starts_at=timezone.now() - datetime.timedelta(days=31, hours=3),
        ends_at=timezone.now() - datetime.timedelta(days=31),
    )
    out = StringIO()
    call_command("registrations_housekeeping", stdout=out)
    assert "Personal data removed: 1 registrations of 1 events" in out.getvalue()
    registration = Registration.objects.get(registration_list=registration_list)
    assert registration.email == registration.name == registration.access_needs == ""
    assert registration.anonymised_at is not None
    assert registration.status == "confirmed", "the count stays"
    # The old cancel link leads nowhere, in the page's language.
    assert client.get(cancel_path(confirmation)).status_code == 400
    # A second run changes nothing.
    out = StringIO()
    call_command("registrations_housekeeping", stdout=out)
    assert "Personal data removed: 0 registrations of 0 events" in out.getvalue()


def test_the_scheduled_task_runs_and_queues_its_next_run_once(workshop, monkeypatch):
    call_command("registrations_housekeeping", "--schedule", stdout=StringIO())
    out = StringIO()
    call_command("registrations_housekeeping", "--schedule", stdout=out)
    assert "queued already" in out.getvalue()
    path = housekeeping.module_path
    assert DBTaskResult.objects.filter(task_path=path, status="READY").count() == 1
    run_mail_worker(monkeypatch)
    assert DBTaskResult.objects.filter(task_path=path, status="SUCCESSFUL").count() == 1
    [upcoming] = DBTaskResult.objects.filter(task_path=path, status="READY")
    assert upcoming.run_after > timezone.now() + datetime.timedelta(minutes=50)


@pytest.mark.parametrize(
    ("language", "text"),
    [("de", "90 Tage nach der Veranstaltung"), ("fr", "90 jours après l’événement")],
)
def test_the_privacy_page_states_the_period_the_site_applies(client, demo, language, text):
    home = demo.home_de if language == "de" else demo.home_fr
    page = home.add_child(
        instance=StandardPage(
            title="Datenschutz", slug="datenschutz-test", body=[("retention_period", None)]
        )
    )
    page.save_revision().publish()
    html = client.get(page.url).text
    assert text in html
