"""The feedback form: stored, mailed to the town, confirmed to the sender in their language."""

import pytest
from django.core import mail
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from wagtail.contrib.forms.models import FormSubmission

from tests.accessibility.helpers import STATEMENT, feedback, feedback_url, statement
from tests.subscribers.helpers import run_mail_worker

pytestmark = pytest.mark.django_db


def test_the_statement_page_shows_the_form_and_the_address(client, demo):
    html = client.get(STATEMENT["fr"]).content.decode()
    page = statement("fr")
    assert f'action="{feedback_url(page, "fr")}"' in html
    assert '<a href="mailto:accessibilite@example.org">accessibilite@example.org</a>' in html
    assert "Signaler un obstacle" in html
    assert "J&#x27;ai besoin d&#x27;un contenu sous une forme accessible" in html
    assert "Comment nous protégeons vos données" in html
    # The facts of the model statement, each in its place.
    for text in (
        "La ville des Ulis s'engage à rendre son site internet accessible",
        "Ce site n'est pas conforme au RGAA version 4.1.2.",
        "Aucun audit selon le RGAA n'a encore été réalisé",
        "Hors du champ de la législation",
        "Défenseur des droits",
        "Schéma pluriannuel",
    ):
        assert text in html, text
    german = client.get(STATEMENT["de"]).content.decode()
    for text in (
        "Stadt Naumburg (Saale) ist bemüht, ihre Website im Einklang mit dem",
        "nur teilweise mit BITV 2.0 und EN 301 549 (WCAG 2.1, Stufe AA) vereinbar",
        "Unverhältnismäßige Belastung",
        "Schlichtungsstelle des Landes Sachsen-Anhalt",
        "Barriere melden",
    ):
        assert text in german, text


@pytest.mark.parametrize(
    ("language", "contact", "contact_subject", "receipt_subject", "receipt_text"),
    [
        (
            "fr",
            "accessibilite@example.org",
            "Retour sur l'accessibilité : Je veux signaler un obstacle",
            "Nous avons bien reçu votre message sur l'accessibilité",
            "vous pouvez saisir Défenseur des droits",
        ),
        (
            "de",
            "barrierefreiheit@example.org",
            "Rückmeldung zur Barrierefreiheit: Ich möchte eine Barriere melden",
            "Wir haben Ihre Nachricht zur Barrierefreiheit erhalten",
            "können Sie sich an Schlichtungsstelle des Landes Sachsen-Anhalt",
        ),
    ],
)
def test_feedback_reaches_the_town_and_is_confirmed_to_the_sender(
    client, demo, monkeypatch, language, contact, contact_subject, receipt_subject, receipt_text
):
    page = statement(language)
    response = client.post(feedback_url(page, language), feedback())

    assert response.status_code == 200
    text = response.content.decode()
    assert f'<html lang="{language}">' in text
    assert "marie@example.org" in text
    assert ("Merci. Nous avons bien reçu" if language == "fr" else "Danke. Wir haben") in text
    submission = FormSubmission.objects.get(page=page)
    assert submission.form_data["email"] == "marie@example.org"
    assert submission.form_data["language"] == language
    assert "consent" not in submission.form_data
    # Nothing leaves within the request: the worker sends the two mails.
    assert mail.outbox == []
    assert DBTaskResult.objects.filter(status="READY").count() == 2
    run_mail_worker(monkeypatch)

    notice, receipt = sorted(mail.outbox, key=lambda m: m.to != [contact])
    assert notice.to == [contact]
    assert notice.subject == contact_subject
    assert notice.reply_to == ["marie@example.org"]
    assert "Le PDF du programme ne se lit pas avec mon lecteur d'écran." in notice.body
    assert receipt.to == ["marie@example.org"]
    assert receipt.subject == receipt_subject
    assert receipt_text in receipt.body
    assert receipt.reply_to == [contact]

    # Run again: nothing is sent twice.
    run_mail_worker(monkeypatch)
    assert len(mail.outbox) == 2


def test_a_german_visitor_on_the_french_statement_gets_a_german_receipt(client, demo, monkeypatch):
    page = statement("fr")
    assert client.post(feedback_url(page, "de"), feedback()).status_code == 200
    run_mail_worker(monkeypatch)
    receipt = next(m for m in mail.outbox if m.to == ["marie@example.org"])
    notice = next(m for m in mail.outbox if m.to == ["accessibilite@example.org"])
    assert receipt.subject == "Wir haben Ihre Nachricht zur Barrierefreiheit erhalten"
    assert notice.subject.startswith("Retour sur l'accessibilité")  # the town's language


def test_submissions_are_listed_with_the_forms_in_the_admin(client, admin_client, demo):
    page = statement("fr")
    client.post(feedback_url(page, "fr"), feedback(message='=HYPERLINK("x")'))
    listing = admin_client.get(reverse("wagtailforms:list_submissions", args=[page.pk]))
    assert listing.status_code == 200
    assert "marie@example.org" in listing.content.decode()
    export = admin_client.get(
        reverse("wagtailforms:list_submissions", args=[page.pk]), {"export": "csv"}
    )
    content = b"".join(export.streaming_content).decode()
    assert "'=HYPERLINK" in content  # kept as text, never a formula
    forms = admin_client.get(reverse("wagtailforms:index"))
    listed = forms.content.decode()
    assert "Déclaration d&#x27;accessibilité" in listed
    assert "Erklärung zur Barrierefreiheit" in listed


@pytest.mark.parametrize(
    ("language", "overrides", "message"),
    [
        ("fr", {"email": "pas-une-adresse"}, "Veuillez saisir une adresse e-mail valide."),
        ("de", {"email": "keine-adresse"}, "Bitte geben Sie eine gültige E-Mail-Adresse ein."),
        ("fr", {"message": ""}, "Veuillez décrire l&#x27;obstacle ou ce dont vous avez besoin."),
        ("de", {"consent": None}, "Bitte stimmen Sie zu"),
        ("fr", {"kind": "nonsense"}, "Sélectionnez un choix valide."),
        ("de", {"message": "x" * 6000}, "höchstens 5000 Zeichen"),
        ("fr", {"where": "a\nb" * 300}, "500"),
    ],
)
def test_bad_input_is_a_400_in_the_visitors_language(client, demo, language, overrides, message):
    page = statement(language)
    response = client.post(feedback_url(page, language), feedback(**overrides))
    assert response.status_code == 400
    text = response.content.decode()
    assert message in text
    assert 'id="form-errors"' in text
    assert not FormSubmission.objects.exists()
    assert not DBTaskResult.objects.exists()


@pytest.mark.parametrize(
    "trap",
    [{"whf_name": "http://spam.example.org"}, {"whf_time": "x"}, {"whf_time": None}],
    ids=["filled-trap", "forged-time", "no-time"],
)
def test_the_honeypot_refuses_bots(client, demo, trap):
    page = statement("fr")
    response = client.post(feedback_url(page, "fr"), feedback(**trap))
    assert response.status_code == 400
    assert "Votre demande n’a pas pu être acceptée" in response.content.decode()
    assert not FormSubmission.objects.exists()
    assert not DBTaskResult.objects.exists()


def test_too_many_posts_from_one_visitor_are_refused_in_their_language(client, demo):
    page = statement("de")
    for _ in range(5):
        assert client.post(feedback_url(page, "de"), feedback()).status_code == 200
    response = client.post(feedback_url(page, "de"), feedback())
    assert response.status_code == 429
    assert "Sie haben in kurzer Zeit mehrere Formulare gesendet" in response.content.decode()
    assert FormSubmission.objects.filter(page=page).count() == 5


@pytest.mark.parametrize("page_id", ["999999", "draft", "other-type"])
def test_only_a_live_statement_takes_feedback(client, demo, page_id):
    if page_id == "draft":
        page = statement("fr")
        page.unpublish()
        target = page.pk
    elif page_id == "other-type":
        target = demo.home_fr.pk
    else:
        target = int(page_id)
    response = client.post(feedback_url_for(target), feedback())
    assert response.status_code == 404
    assert not FormSubmission.objects.exists()


def feedback_url_for(page_id):
    return f"/fr/accessibility-feedback/{page_id}/"


def test_a_get_of_the_endpoint_shows_the_statement(client, demo):
    page = statement("de")
    response = client.get(feedback_url(page, "de"))
    assert response.status_code == 200
    assert "Barriere melden" in response.content.decode()
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
