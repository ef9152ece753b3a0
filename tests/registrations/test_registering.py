"""Registering for an event through the HTTP interface, in both languages, with the real worker."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from registrations.models import Registration, RegistrationList
from tests.registrations.helpers import (
    WORKSHOP_TITLE,
    cancel_path,
    new_workshop,
    open_registration,
    register,
)
from tests.subscribers.helpers import run_mail_worker

pytestmark = pytest.mark.django_db

SEATS_LEFT = {"de": "Noch 2 Plätze frei", "fr": "Plus que 2 places"}
ONE_LEFT = {"de": "Noch 1 Platz frei", "fr": "Plus qu’une place"}
FULL = {"de": "Ausgebucht.", "fr": "Complet."}
THANKS = {"de": "Danke für Ihre Anmeldung", "fr": "Merci pour votre inscription"}
SEAT_SUBJECT = {"de": "Ihre Anmeldung", "fr": "Votre inscription"}
WAITING_SUBJECT = {"de": "Auf der Warteliste", "fr": "Sur la liste d’attente"}
MOVED_UP_SUBJECT = {"de": "Sie haben einen Platz", "fr": "Vous avez une place"}
CLOSED = {"de": "Die Anmeldung ist geschlossen.", "fr": "Les inscriptions sont closes."}


@pytest.fixture
def workshop(demo):
    """A workshop of its own, French-source, 2 seats and a waiting list; both versions."""
    versions = new_workshop()
    source = open_registration(versions["fr"])
    return {"fr": source, "de": type(source).objects.get(pk=versions["de"].pk)}


def on_list(workshop):
    """The registrations of this test's workshop (the demo's events have their own)."""
    key = workshop["fr"].translation_key
    return Registration.objects.filter(registration_list__translation_key=key)


def mails_to(address):
    return [message for message in mail.outbox if message.to == [address]]


def test_both_versions_show_the_seats_of_one_list(client, workshop):
    for language in ("de", "fr"):
        html = client.get(workshop[language].url).text
        assert SEATS_LEFT[language] in html
        assert f'action="/{language}/registration/{workshop[language].pk}/"' in html
    # The German version was never synced after the French editor opened registration.
    assert workshop["de"].registration_on_site is True
    key = workshop["fr"].translation_key
    assert RegistrationList.objects.filter(translation_key=key).count() == 1


def test_full_journey_in_both_languages(client, workshop, monkeypatch):
    answer = register(client, workshop["fr"], "claire@example.org", language="fr")
    assert answer.status_code == 200
    assert THANKS["fr"] in answer.text
    assert mail.outbox == [], "nothing is sent in the request"
    run_mail_worker(monkeypatch)
    [confirmation] = mails_to("claire@example.org")
    assert confirmation.subject.startswith(SEAT_SUBJECT["fr"])
    assert WORKSHOP_TITLE["fr"] in confirmation.subject
    assert confirmation.extra_headers["Content-Language"] == "fr"
    [(filename, ics, mimetype)] = confirmation.attachments
    assert filename == "event.ics" and mimetype.startswith("text/calendar")
    [event] = Calendar.from_ical(ics).walk("VEVENT")
    assert event.decoded("dtstart") == workshop["fr"].start.astimezone(datetime.UTC)
    assert WORKSHOP_TITLE["fr"] in str(event["summary"])
    html = confirmation.alternatives[0][0]
    assert "Annuler mon inscription" in html

    # The German page of the same event now has one seat left.
    assert ONE_LEFT["de"] in client.get(workshop["de"].url).text
    answer = register(client, workshop["de"], "erika@example.org", language="de")
    assert THANKS["de"] in answer.text
    # Full: the third goes on the waiting list and is told their place, in German.
    assert FULL["fr"] in client.get(workshop["fr"].url).text
    answer = register(client, workshop["fr"], "hans@example.org", language="de")
    assert answer.status_code == 200
    assert "liste d’attente" in answer.text
    run_mail_worker(monkeypatch)
    [waiting] = mails_to("hans@example.org")
    assert waiting.subject.startswith(WAITING_SUBJECT["de"])
    assert "Nummer 1 auf der Warteliste" in waiting.body
    assert waiting.attachments == [], "no calendar file without a seat"
    statuses = dict(on_list(workshop).values_list("email", "status"))
    assert statuses == {
        "claire@example.org": "confirmed",
        "erika@example.org": "confirmed",
        "hans@example.org": "waiting",
    }

    # Claire cancels from her mail: the link shows a button, only its POST cancels.
    path = cancel_path(confirmation)
    assert path.startswith("/fr/registration/cancel/")
    page = client.get(path)
    assert page.status_code == 200
    assert "Annuler mon inscription" in page.text
    assert on_list(workshop).get(email="claire@example.org").status == "confirmed"
    done = client.post(path)
    assert done.status_code == 200
    assert "est annulée" in done.text
    assert on_list(workshop).get(email="claire@example.org").status == "cancelled"
    # Hans moves up and is told in German, with the calendar file.
    assert on_list(workshop).get(email="hans@example.org").status == "confirmed"
    run_mail_worker(monkeypatch)
    [moved] = mails_to("hans@example.org")[1:]
    assert moved.subject.startswith(MOVED_UP_SUBJECT["de"])
    assert moved.attachments[0][0] == "event.ics"
    [cancelled] = mails_to("claire@example.org")[1:]
    assert "annulée" in cancelled.subject
    # Cancelling again changes nothing and sends nothing.
    assert client.post(path).status_code == 200
    run_mail_worker(monkeypatch)
    assert len(mails_to("claire@example.org")) == 2


def test_registering_again_sends_the_same_answer_and_no_second_seat(client, workshop, monkeypatch):
    first = register(client, workshop["fr"], "claire@example.org", language="fr")
    again = register(client, workshop["fr"], "Claire@Example.org ", language="fr")
    assert again.status_code == first.status_code == 200
    assert again.text == first.text.replace("Claire@Example.org", "claire@example.org")
    assert on_list(workshop).filter(email="claire@example.org").count() == 1
    run_mail_worker(monkeypatch)
    assert len(mails_to("claire@example.org")) == 2
    assert "déjà inscrit" in mails_to("claire@example.org")[1].body


@pytest.mark.parametrize("language", ["de", "fr"])
def test_past_the_deadline_the_form_is_refused_on_the_server(client, workshop, language):
    open_registration(
        workshop["fr"], registration_deadline=timezone.localdate() - datetime.timedelta(days=1)
    )
    page = workshop[language]
    html = client.get(page.url).text
    assert CLOSED[language] in html
    assert "registration-form" not in html
    answer = register(client, page, "spaet@example.org")
    assert answer.status_code == 400
    assert on_list(workshop).count() == 0


@pytest.mark.parametrize("language", ["de", "fr"])
def test_full_without_waiting_list_is_closed(client, workshop, monkeypatch, language):
    open_registration(workshop["fr"], capacity=1, waiting_list=False)
    assert register(client, workshop["fr"], "eins@example.org").status_code == 200
    page = workshop[language]
    assert {"de": "Ausgebucht: Die Anmeldung", "fr": "Complet : les inscriptions"}[language] in (
        client.get(page.url).text
    )
    answer = register(client, page, "zwei@example.org")
    assert answer.status_code == 400
    assert on_list(workshop).filter(status="confirmed").count() == 1
    assert not on_list(workshop).filter(email="zwei@example.org").exists()


@pytest.mark.parametrize(
    ("language", "message"),
    [("de", "Bitte geben Sie Ihren Namen an."), ("fr", "Veuillez indiquer votre nom.")],
)
def test_bad_input_is_a_400_in_the_visitors_language(client, workshop, language, message):
    answer = register(client, workshop[language], "x@example.org", name="")
    assert answer.status_code == 400
    assert message in answer.text
    broken = register(client, workshop[language], "not-an-address")
    assert broken.status_code == 400
    one_line = register(client, workshop[language], "y@example.org", name="Erika\r\nBcc: z@x")
    assert one_line.status_code == 400
    no_consent = register(client, workshop[language], "z@example.org", consent=False)
    assert no_consent.status_code == 400
    assert on_list(workshop).count() == 0


def test_honeypot_and_rate_limit(client, workshop, settings):
    trapped = register(client, workshop["de"], "bot@example.org", trap="http://spam.example")
    assert trapped.status_code == 400
    assert on_list(workshop).count() == 0
    settings.REGISTRATIONS_RATE = "2/h"
    for number in range(2):
        register(client, workshop["de"], f"p{number}@example.org")
    limited = register(client, workshop["de"], "p9@example.org")
    assert limited.status_code == 429
    assert "zu oft" in limited.text


def test_an_event_without_registration_has_no_endpoint(client, demo):
    page = new_workshop()["de"]
    assert register(client, page, "x@example.org").status_code == 404
    assert client.get("/de/registration/999999/").status_code == 404


@pytest.mark.parametrize("language", ["de", "fr"])
def test_a_tampered_cancel_link_is_a_400(client, demo, language):
    answer = client.get(f"/{language}/registration/cancel/abc/")
    assert answer.status_code == 400
    assert {"de": "Dieser Link ist nicht gültig", "fr": "Ce lien n’est pas valable"}[language] in (
        answer.text
    )


WAITING_ANSWER = {
    "de": "ist ausgebucht; neue Anmeldungen kommen auf die Warteliste",
    "fr": "est complet : les nouvelles inscriptions vont sur la liste d’attente",
}
WAITING_PLACE = {
    "de": "Sie sind Nummer {place} auf der Warteliste.",
    "fr": "Vous êtes numéro {place} sur la liste d’attente.",
}


@pytest.mark.parametrize(("language", "mail_language"), [("de", "fr"), ("fr", "de")])
def test_the_waiting_list_answer_and_mail_tell_the_place_in_each_language(
    client, workshop, monkeypatch, language, mail_language
):
    """The answer says it is the waiting list, in the page's language; the mail gives the place.

    The answer cannot give the place itself: it is the same for an address that
    is on the list already (which would have another place, or a seat), so that
    nobody learns who registered.
    """
    open_registration(workshop["fr"], capacity=1)
    register(client, workshop["fr"], "sitz@example.org", language="fr")
    page = workshop[language]
    for place, address in enumerate(["erste@example.org", "zweite@example.org"], start=1):
        answer = register(client, page, address, language=mail_language)
        assert answer.status_code == 200
        assert WAITING_ANSWER[language] in answer.text
        assert address in answer.text
        registration = on_list(workshop).get(email=address)
        assert registration.waiting_place() == place
    run_mail_worker(monkeypatch)
    for place, address in enumerate(["erste@example.org", "zweite@example.org"], start=1):
        [waiting] = mails_to(address)
        assert waiting.subject.startswith(WAITING_SUBJECT[mail_language])
        expected = WAITING_PLACE[mail_language].format(place=place)
        assert expected in " ".join(waiting.body.split())
        assert expected in waiting.alternatives[0][0]
