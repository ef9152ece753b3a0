"""The contact and registration forms, in both languages, with their spam and error cases."""

import re
import time

import pytest
from django.core import mail
from wagtail.contrib.forms.models import FormSubmission

from home.models import FormPage

pytestmark = pytest.mark.django_db

CONTACT = {"de": "/de/kontakt/", "fr": "/fr/nous-ecrire/"}


def answers(language, **overrides):
    names = {
        "de": ("ihr_name", "ihre_e_mail_adresse", "ihre_nachricht"),
        "fr": ("ihr_name", "ihre_e_mail_adresse", "ihre_nachricht"),  # keys stay German
    }[language]
    data = {
        names[0]: "Marie Dupont",
        names[1]: "marie@example.org",
        names[2]: "Nous aimerions venir à Naumburg au printemps.",
        "consent": "on",
        "whf_name": "",
        "whf_time": str(int(time.time()) - 60),  # a person takes a while
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("language", "recipient", "subject", "thanks"),
    [
        (
            "de",
            "partnerschaft@example.org",
            "Nachricht über die Partnerschaftsseite",
            "Danke für Ihre Nachricht",
        ),
        (
            "fr",
            "jumelage@example.org",
            "Message depuis le site du jumelage",
            "Merci pour votre message",
        ),
    ],
)
def test_a_message_reaches_the_towns_contact(client, demo, language, recipient, subject, thanks):
    form = client.get(CONTACT[language])
    assert form.status_code == 200
    assert ("Ihre Nachricht" if language == "de" else "Votre message") in form.text
    assert (
        "Wie wir Ihre Daten schützen" if language == "de" else "Comment nous protégeons vos données"
    ) in form.text

    response = client.post(CONTACT[language], answers(language))
    assert response.status_code == 200
    assert thanks in response.text
    assert f'<html lang="{language}">' in response.text
    (message,) = mail.outbox
    assert message.to == [recipient]
    assert message.subject == subject
    assert "Nous aimerions venir à Naumburg au printemps." in message.body
    page = FormPage.objects.get(url_path__endswith=CONTACT[language].split("/")[2] + "/")
    submission = FormSubmission.objects.get(page=page)
    assert submission.form_data["ihre_e_mail_adresse"] == "marie@example.org"
    assert submission.form_data["consent"] is True


@pytest.mark.parametrize(
    ("language", "overrides", "message"),
    [
        ("fr", {"consent": ""}, "Merci de donner votre accord"),
        ("de", {"consent": ""}, "Bitte stimmen Sie zu"),
        ("fr", {"ihre_e_mail_adresse": "pas-une-adresse"}, "Saisissez une adresse e-mail valide"),
        ("de", {"ihr_name": ""}, "Dieses Feld muss ausgefüllt werden"),
    ],
)
def test_errors_are_explained_in_the_visitors_language(client, demo, language, overrides, message):
    response = client.post(CONTACT[language], answers(language, **overrides))
    assert response.status_code == 200
    assert message in response.text
    assert 'aria-invalid="true"' in response.text
    error_ids = re.findall(r'aria-describedby="([^"]+_error)"', response.text)
    assert error_ids and all(f'id="{error_id}"' in response.text for error_id in error_ids)
    # What was typed stays in the form; nothing was sent or stored.
    assert "Nous aimerions venir à Naumburg au printemps." in response.text
    assert mail.outbox == []
    assert not FormSubmission.objects.exists()


@pytest.mark.parametrize(
    "trap",
    [
        {"whf_name": "http://spam.example.org"},
        {"whf_time": "now"},
        {"whf_time": "x"},
    ],
    ids=["filled-trap", "too-fast", "forged-time"],
)
def test_bots_get_a_thank_you_but_nothing_is_sent(client, demo, trap):
    if trap.get("whf_time") == "now":
        trap = {"whf_time": str(int(time.time()))}  # sent the moment the form arrived
    response = client.post(CONTACT["fr"], answers("fr", **trap))
    assert response.status_code == 200
    assert mail.outbox == []
    assert not FormSubmission.objects.exists()


def test_many_posts_from_one_address_are_refused_in_its_language(client, demo):
    for _ in range(5):
        assert client.post(CONTACT["fr"], answers("fr")).status_code == 200
    response = client.post(CONTACT["fr"], answers("fr"))
    assert response.status_code == 429
    assert "Vous avez envoyé plusieurs formulaires" in response.text
    assert len(mail.outbox) == 5


def test_behind_a_proxy_each_visitor_has_their_own_count(client, demo, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for _ in range(5):
        sent = client.post(
            CONTACT["de"], answers("de"), HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy
        )
        assert sent.status_code == 200
    limited = client.post(CONTACT["de"], answers("de"), HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy)
    assert limited.status_code == 429
    # A neighbour behind the same proxy can still write, and a forged left-hand
    # entry does not give the first visitor a fresh count.
    neighbour = client.post(
        CONTACT["de"], answers("de"), HTTP_X_FORWARDED_FOR="198.51.100.4", **proxy
    )
    assert neighbour.status_code == 200
    forged = client.post(
        CONTACT["de"], answers("de"), HTTP_X_FORWARDED_FOR="192.0.2.1, 203.0.113.7", **proxy
    )
    assert forged.status_code == 429
    assert len(mail.outbox) == 6


def test_the_registration_form_offers_its_choices_in_each_language(client, demo):
    german = client.get("/de/verein-eintragen/").text
    french = client.get("/fr/inscrire-une-association/").text
    assert "Besuche und Begegnungen" in german
    assert "Visites et rencontres" in french
    assert 'name="wofur_suchen_sie_partner"' in french  # the same key in both languages
