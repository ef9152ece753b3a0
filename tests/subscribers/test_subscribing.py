"""Subscribing with double opt-in, through the HTTP interface, in both languages."""

import email
import time
from email import policy

import pytest
from django.core import mail, signing
from django.utils import translation
from django_tasks_db.models import DBTaskResult

from subscribers import tokens
from subscribers.forms import CONSENT_TEXT
from subscribers.mails import list_unsubscribe_headers
from subscribers.models import Subscriber
from tests.smtp import local_smtp
from tests.subscribers.helpers import links, run_mail_worker, subscribe

pytestmark = pytest.mark.django_db

CHECK_INBOX = {"de": "Bitte sehen Sie in Ihr Postfach", "fr": "Veuillez consulter votre boîte"}
SUBJECT = {"de": "Bitte bestätigen Sie Ihr Abonnement", "fr": "Merci de confirmer votre abonnement"}
CONFIRM_BUTTON = {"de": "Abonnement bestätigen", "fr": "Confirmer mon abonnement"}
SUBSCRIBED = {"de": "Sie haben den Newsletter abonniert", "fr": "Vous êtes abonné"}
INVALID = {"de": "Dieser Link ist nicht gültig", "fr": "Ce lien n’est pas valable"}


@pytest.fixture
def smtp():
    with local_smtp() as handler:
        yield handler


def parts(raw):
    message = email.message_from_bytes(raw, policy=policy.default)
    return (
        message,
        message.get_body(("plain",)).get_content(),
        message.get_body(("html",)).get_content(),
    )


@pytest.mark.parametrize("language", ["de", "fr"])
def test_subscribe_and_confirm_end_to_end_over_smtp(client, demo, smtp, monkeypatch, language):
    address = f"leser-{language}@example.org"
    answer = subscribe(client, language, address, source=f"/{language}/")
    assert answer.status_code == 200
    assert CHECK_INBOX[language] in answer.text
    subscriber = Subscriber.objects.get(email=address)
    assert subscriber.state == Subscriber.State.PENDING
    assert subscriber.locale.language_code == language, "the list is the site's language"
    consent = subscriber.consents.get()
    with translation.override(language):
        assert consent.text == str(CONSENT_TEXT)
    assert consent.language == language
    assert consent.page_url == f"http://testserver/{language}/"

    # Nothing is sent in the request: the mail waits for the worker.
    assert smtp.envelopes == []
    assert DBTaskResult.objects.filter(backend_name="mail", status="READY").count() == 1
    run_mail_worker(monkeypatch)
    assert DBTaskResult.objects.get(backend_name="mail").status == "SUCCESSFUL"
    [envelope] = smtp.envelopes
    assert envelope.rcpt_tos == [address]
    message, text, html = parts(envelope.content)
    assert message["Subject"] == SUBJECT[language]
    assert message.get_content_type() == "multipart/alternative"
    assert f'lang="{language}"' in html
    assert CONFIRM_BUTTON[language] in html
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["List-Unsubscribe"].strip().startswith("<http://testserver/")
    [confirm_path] = links(text)
    assert f"/{language}/subscription/confirm/" in confirm_path

    # A mail scanner's GET shows the button and confirms nothing.
    page = client.get(confirm_path)
    assert page.status_code == 200
    assert 'method="post"' in page.text
    assert CONFIRM_BUTTON[language] in page.text
    subscriber.refresh_from_db()
    assert subscriber.state == Subscriber.State.PENDING

    confirmed = client.post(confirm_path)
    assert confirmed.status_code == 200
    assert SUBSCRIBED[language] in confirmed.text
    subscriber.refresh_from_db()
    assert subscriber.state == Subscriber.State.CONFIRMED
    assert subscriber.confirmed_at is not None
    # Confirming again changes nothing.
    assert client.post(confirm_path).status_code == 200


def test_both_languages_get_german_and_french(client, demo, monkeypatch):
    subscribe(client, "fr", "beide@example.org", language="both")
    run_mail_worker(monkeypatch)
    [message] = mail.outbox
    assert message.subject == f"{SUBJECT['fr']} · {SUBJECT['de']}", "the site's language first"
    html = message.alternatives[0][0]
    assert CONFIRM_BUTTON["fr"] in html and CONFIRM_BUTTON["de"] in html
    assert CONFIRM_BUTTON["fr"] in message.body and CONFIRM_BUTTON["de"] in message.body
    assert html.index('lang="fr"') < html.index('lang="de"')


@pytest.mark.parametrize("language", ["de", "fr"])
def test_the_answer_never_tells_a_known_address(client, demo, monkeypatch, language):
    subscribe(client, language, "bekannt@example.org")
    Subscriber.objects.filter(email="bekannt@example.org").update(state=Subscriber.State.CONFIRMED)
    known = subscribe(client, language, "bekannt@example.org", language="both")
    new = subscribe(client, language, "neu@example.org", language="both")
    assert known.status_code == new.status_code == 200
    assert known.text.replace("bekannt@", "neu@") == new.text
    # The known reader's language changes on their preferences page only.
    assert Subscriber.objects.get(email="bekannt@example.org").language == language
    run_mail_worker(monkeypatch)
    assert sorted(m.to[0] for m in mail.outbox) == [
        "bekannt@example.org",
        "bekannt@example.org",
        "neu@example.org",
    ]
    note = [m for m in mail.outbox if m.to == ["bekannt@example.org"]][-1]
    assert links(note.body) and "/preferences/" in links(note.body)[0]


def test_the_same_address_on_both_sites_is_on_both_lists(client, demo):
    subscribe(client, "de", "zwei@example.org")
    subscribe(client, "fr", "ZWEI@example.org ")
    lists = Subscriber.objects.filter(email="zwei@example.org").values_list(
        "locale__language_code", flat=True
    )
    assert sorted(lists) == ["de", "fr"]


def old_token(subscriber, purpose, monkeypatch, days):
    real = time.time
    monkeypatch.setattr(signing.time, "time", lambda: real() - days * 86400)
    token = tokens.make_token(subscriber, purpose)
    monkeypatch.setattr(signing.time, "time", real)
    return token


@pytest.mark.parametrize("language", ["de", "fr"])
def test_expired_and_tampered_links_are_400_and_offer_the_form(client, demo, monkeypatch, language):
    subscribe(client, language, "spaet@example.org")
    subscriber = Subscriber.objects.get(email="spaet@example.org")
    fresh = tokens.make_token(subscriber, tokens.CONFIRM)
    expired = old_token(subscriber, tokens.CONFIRM, monkeypatch, days=8)
    tampered = fresh[:-3] + ("abc" if not fresh.endswith("abc") else "xyz")
    unsubscribe_token = tokens.make_token(subscriber, tokens.MANAGE)
    for token in (expired, tampered, unsubscribe_token, "nonsense"):
        for method in (client.get, client.post):
            answer = method(f"/{language}/subscription/confirm/{token}/")
            assert answer.status_code == 400, token
            assert INVALID[language] in answer.text
            assert f'action="/{language}/subscription/"' in answer.text
    subscriber.refresh_from_db()
    assert subscriber.state == Subscriber.State.PENDING
    # Seven days are fine (SUBSCRIBERS_CONFIRM_DAYS).
    week_old = old_token(subscriber, tokens.CONFIRM, monkeypatch, days=6)
    assert client.post(f"/{language}/subscription/confirm/{week_old}/").status_code == 200


@pytest.mark.parametrize("language", ["de", "fr"])
def test_the_honeypot_refuses(client, demo, language):
    trapped = subscribe(client, language, "bot@example.org", trap="http://spam.example")
    too_fast = subscribe(client, language, "bot@example.org", seconds_ago=0)
    for answer in (trapped, too_fast):
        assert answer.status_code == 400
        assert answer.headers["Content-Language"] == language
    assert not Subscriber.objects.exists()
    assert not DBTaskResult.objects.exists()


@pytest.mark.parametrize("language", ["de", "fr"])
def test_the_rate_limit_refuses(client, demo, settings, language):
    settings.SUBSCRIBERS_RATE = "2/h"
    assert subscribe(client, language, "a@example.org").status_code == 200
    assert subscribe(client, language, "b@example.org").status_code == 200
    refused = subscribe(client, language, "c@example.org")
    assert refused.status_code == 429
    assert refused.headers["Content-Language"] == language
    assert not Subscriber.objects.filter(email="c@example.org").exists()


@pytest.mark.parametrize(
    ("language", "message"),
    [("de", "Bitte geben Sie eine gültige E-Mail-Adresse ein"), ("fr", "adresse e-mail valide")],
)
def test_bad_input_is_a_400_in_the_visitors_language(client, demo, settings, language, message):
    settings.SUBSCRIBERS_RATE = "100/h"
    bad_address = subscribe(client, language, "not-an-address")
    assert bad_address.status_code == 400
    assert message in bad_address.text
    no_consent = subscribe(client, language, "ok@example.org", consent=False)
    assert no_consent.status_code == 400
    odd_language = subscribe(client, language, "ok@example.org", language="en")
    assert odd_language.status_code == 400
    assert subscribe(client, language, "ok@example.org", source="/\x00").status_code == 400
    odd_source = subscribe(client, language, "ok@example.org", source="//evil.example/")
    assert odd_source.status_code == 200
    assert Subscriber.objects.get().consents.get().page_url.startswith("http://testserver/")
    empty = client.post(f"/{language}/subscription/", {})
    assert empty.status_code == 400
    assert client.get(f"/{language}/subscription/").status_code == 200


def test_list_unsubscribe_headers_name_the_one_click_url(client, demo):
    subscribe(client, "fr", "entete@example.org")
    subscriber = Subscriber.objects.get()
    headers = list_unsubscribe_headers(subscriber, "https://jumelage.example.org/")
    url = headers["List-Unsubscribe"].strip("<>")
    assert url.startswith("https://jumelage.example.org/fr/subscription/one-click/")
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
