"""Registering for an exhibition's opening, end to end through HTTP and the mail worker."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from registrations.models import Registration
from tests.registrations.helpers import OPENING_TITLE, new_exhibition, open_registration, register
from tests.subscribers.helpers import run_mail_worker

pytestmark = pytest.mark.django_db

HEADING = {"de": "Anmeldung zur Eröffnung", "fr": "Inscription au vernissage"}
SEATS_LEFT = {"de": "Noch 2 Plätze frei", "fr": "Plus que 2 places"}
ONE_LEFT = {"de": "Noch 1 Platz frei", "fr": "Plus qu’une place"}
SEAT_SUBJECT = {"de": "Ihre Anmeldung", "fr": "Votre inscription"}
CLOSED = {"de": "Die Anmeldung ist geschlossen.", "fr": "Les inscriptions sont closes."}


@pytest.fixture
def exhibition(demo):
    """An exhibition of its own, written in German, 2 seats for the opening; both versions."""
    versions = new_exhibition()
    source = open_registration(versions["de"])
    return {"de": source, "fr": type(source).objects.get(pk=versions["fr"].pk)}


def on_list(exhibition):
    key = exhibition["de"].translation_key
    return Registration.objects.filter(registration_list__translation_key=key)


@pytest.mark.parametrize("language", ["de", "fr"])
def test_the_opening_shows_its_seats_box_in_the_pages_language(client, exhibition, language):
    page = exhibition[language]
    html = client.get(page.url).text
    assert HEADING[language] in html
    assert SEATS_LEFT[language] in html
    assert f'action="/{language}/registration/{page.pk}/"' in html


@pytest.mark.parametrize(("language", "other"), [("de", "fr"), ("fr", "de")])
def test_registering_for_the_opening_sends_the_opening_as_ics(
    client, exhibition, monkeypatch, language, other
):
    page = exhibition[language]
    answer = register(client, page, f"vernissage-{language}@example.org", language=language)
    assert answer.status_code == 200
    assert on_list(exhibition).get().status == "confirmed"
    # Both versions fill one list.
    assert ONE_LEFT[other] in client.get(exhibition[other].url).text
    run_mail_worker(monkeypatch)
    [confirmation] = mail.outbox
    assert confirmation.subject.startswith(SEAT_SUBJECT[language])
    assert OPENING_TITLE[language] in confirmation.subject
    [(filename, ics, mimetype)] = confirmation.attachments
    assert filename == "event.ics" and mimetype.startswith("text/calendar")
    [event] = Calendar.from_ical(ics).walk("VEVENT")
    opening = exhibition["de"].opening.astimezone(datetime.UTC)
    assert event.decoded("dtstart") == opening
    assert event.decoded("dtend") == opening + datetime.timedelta(hours=2)
    assert OPENING_TITLE[language] in str(event["summary"])
    assert "Rathaus Naumburg" in str(event["location"])


@pytest.mark.parametrize("language", ["de", "fr"])
def test_registration_closes_when_the_opening_starts(client, exhibition, language):
    source = exhibition["de"]
    # A deadline after the opening does not keep it open: the start closes it.
    source.registration_deadline = source.closing_date
    source.opening = timezone.now() - datetime.timedelta(minutes=5)
    source.save_revision().publish()
    page = exhibition[language]
    html = client.get(page.url).text
    assert CLOSED[language] in html
    assert "registration-form" not in html
    answer = register(client, page, "zu-spaet@example.org")
    assert answer.status_code == 400
    assert CLOSED[language] in answer.text
    assert not on_list(exhibition).exists()
