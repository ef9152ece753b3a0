"""Pushing an issue as draft campaigns to Brevo, Mailchimp and listmonk, served locally."""

import copy
import html
import re

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import PageLogEntry

from demo.sections import demo_key
from newsletter.campaigns import PUSH_ACTION
from newsletter.models import NewsletterIssuePage
from tests.fake_apis import fake_api
from tests.smtp import free_port

pytestmark = pytest.mark.django_db

TITLE = {"de": "Neues aus der Partnerschaft", "fr": "Des nouvelles du jumelage"}
KEY = "brevo-secret-key"
MC_KEY = "0123456789abcdef-us21"


def issue(language):
    return NewsletterIssuePage.objects.get(
        translation_key=demo_key("page:newsletter-bilingual"), locale__language_code=language
    )


def login(client, username):
    client.force_login(get_user_model().objects.get(username=username))


def url(page):
    return f"/admin/newsletter/issues/{page.pk}/push/"


def configure(settings, **providers):
    config = copy.deepcopy(django_settings.NEWSLETTER_PROVIDERS)
    for name, values in providers.items():
        config[name].update(values)
    settings.NEWSLETTER_PROVIDERS = config
    settings.NEWSLETTER_PROVIDER_TIMEOUT = 5


@pytest.fixture
def api():
    with fake_api() as served:
        yield served


@pytest.fixture
def brevo(settings, api):
    server, base = api
    configure(
        settings,
        brevo={
            "api_key": KEY,
            "api_url": base + "/v3",
            "sender_name": "Partnerschaft",
            "sender_email": "news@agentur.example",
            "lists": {"": [], "de": ["3"], "fr": ["4"], "both": ["5", "6"]},
        },
    )
    return server


@pytest.fixture
def mailchimp(settings, api):
    server, base = api
    configure(
        settings,
        mailchimp={
            "api_key": MC_KEY,
            "api_url": base + "/3.0",
            "from_name": "Partnerschaft",
            "reply_to": "news@agentur.example",
            "lists": {"": ["aud1"], "de": [], "fr": ["audfr"], "both": []},
        },
    )
    return server


@pytest.fixture
def listmonk(settings, api):
    server, base = api
    configure(
        settings,
        listmonk={
            "url": base,
            "user": "twinsite",
            "token": "lm-token",
            "lists": {"": [], "de": ["1"], "fr": ["2"], "both": ["1", "2"]},
        },
    )
    return server, base


def push(client, page, provider, versions):
    """Choose, then confirm on the confirmation page, as an editor does."""
    data = {"provider": provider, "versions": versions}
    confirmation = client.post(url(page), data)
    token = re.search(r'name="push_token" value="(\w+)"', confirmation.content.decode())[1]
    return client.post(url(page), {**data, "confirm": "1", "push_token": token})


def test_a_reloaded_confirmation_pushes_once(client, brevo):
    """A confirm posted again (the browser's "resend" on reload) creates no second campaign."""
    brevo.answer("POST", "/v3/emailCampaigns", 201, {"id": 201})
    german = issue("de")
    login(client, "naumburg")
    data = {"provider": "brevo", "versions": ["de"]}
    confirmation = client.post(url(german), data)
    token = re.search(r'name="push_token" value="(\w+)"', confirmation.content.decode())[1]
    confirmed = {**data, "confirm": "1", "push_token": token}
    assert client.post(url(german), confirmed).status_code == 200
    again = client.post(url(german), confirmed)
    assert again.status_code == 400
    assert "bereits aus dieser Bestätigung angelegt" in text(again)
    assert len(brevo.requests) == 1


def text(response):
    return html.unescape(response.content.decode())


def translated(language, english):
    with translation.override(language):
        message = gettext(english)
    assert message != english
    return message


def test_brevo_gets_each_version_with_its_language(client, brevo):
    for n in (101, 102, 103):
        brevo.answer("POST", "/v3/emailCampaigns", 201, {"id": n})
    german = issue("de")
    login(client, "naumburg")
    response = push(client, german, "brevo", ["de", "fr", "both"])
    assert response.status_code == 200
    page = text(response)
    for n in (101, 102, 103):
        assert f"https://app.brevo.com/camp/classic/{n}/setup" in page
        assert f" {n} " in page
    assert [r.path for r in brevo.requests] == ["/v3/emailCampaigns"] * 3
    de, fr, both = brevo.requests
    for received in (de, fr, both):
        assert received.headers["api-key"] == KEY
        assert received.json["sender"] == {"name": "Partnerschaft", "email": "news@agentur.example"}
        assert "{{ unsubscribe }}" in received.json["htmlContent"]
        assert "scheduledAt" not in received.json
    assert de.json["subject"] == TITLE["de"] and de.json["recipients"] == {"listIds": [3]}
    assert '<html lang="de"' in de.json["htmlContent"]
    assert fr.json["subject"] == TITLE["fr"] and fr.json["recipients"] == {"listIds": [4]}
    assert '<html lang="fr"' in fr.json["htmlContent"]
    assert both.json["subject"] == f"{TITLE['de']} · {TITLE['fr']}"
    assert both.json["recipients"] == {"listIds": [5, 6]}
    assert de.json["previewText"] and de.json["previewText"] != fr.json["previewText"]
    assert TITLE["de"] in de.json["name"] and "de" in de.json["name"]

    logs = PageLogEntry.objects.filter(page=german, action=PUSH_ACTION).order_by("pk")
    assert [(e.data["provider"], e.data["campaign_id"]) for e in logs] == [
        ("Brevo", "101"),
        ("Brevo", "102"),
        ("Brevo", "103"),
    ]
    assert KEY not in str([e.data for e in logs])


def test_mailchimp_creates_then_fills_the_campaign(client, mailchimp):
    mailchimp.answer("POST", "/3.0/campaigns", 200, {"id": "abc123", "web_id": 4711})
    mailchimp.answer("PUT", "/3.0/campaigns/abc123/content", 200, {"html": "…"})
    french = issue("fr")
    login(client, "lesulis")
    response = push(client, french, "mailchimp", ["fr"])
    assert response.status_code == 200
    assert "https://us21.admin.mailchimp.com/campaigns/edit?id=4711" in text(response)
    assert "abc123" in text(response)
    create, content = mailchimp.requests
    assert create.method == "POST" and content.method == "PUT"
    for received in (create, content):
        assert received.basic_auth[1] == MC_KEY
    assert create.json["type"] == "regular"
    assert create.json["recipients"] == {"list_id": "audfr"}
    assert create.json["settings"]["subject_line"] == TITLE["fr"]
    assert create.json["settings"]["preview_text"]
    assert create.json["settings"]["from_name"] == "Partnerschaft"
    assert create.json["settings"]["reply_to"] == "news@agentur.example"
    assert '<html lang="fr"' in content.json["html"] and "*|UNSUB|*" in content.json["html"]
    assert "Des nouvelles du jumelage" in content.json["plain_text"]
    assert "*|UNSUB|*" in content.json["plain_text"]
    assert "<" not in content.json["plain_text"].split("\n")[0]


def test_mailchimp_host_comes_from_the_key(settings):
    from newsletter.providers.mailchimp import Mailchimp

    configure(settings, mailchimp={"api_key": "abc-us21", "api_url": ""})
    assert Mailchimp().api_url() == "https://us21.api.mailchimp.com/3.0"


def test_listmonk_gets_html_and_text(client, listmonk):
    server, base = listmonk
    server.answer("POST", "/api/campaigns", 200, {"data": {"id": 9, "name": "x"}})
    german = issue("de")
    login(client, "naumburg")
    response = push(client, german, "listmonk", ["de"])
    assert response.status_code == 200
    assert f"{base}/admin/campaigns/9" in text(response)
    (received,) = server.requests
    assert received.basic_auth == ("twinsite", "lm-token")
    body = received.json
    assert body["lists"] == [1] and body["type"] == "regular"
    assert body["content_type"] == "html" and body["subject"] == TITLE["de"]
    assert '<html lang="de"' in body["body"] and "{{ UnsubscribeURL }}" in body["body"]
    assert TITLE["de"] in body["altbody"] and "<html" not in body["altbody"]


@pytest.mark.parametrize(
    ("answer", "english"),
    [
        (
            (401, {"code": "unauthorized", "message": "Key not found"}, None),
            "%(provider)s refused the API key (HTTP %(status)s). Check %(setting)s in the site's "
            "environment: it must be valid and allowed to create campaigns.",
        ),
        (
            (429, {"message": "slow down"}, {"Retry-After": "30"}),
            "%(provider)s is limiting requests (HTTP 429). Please try again in "
            "%(seconds)s seconds.",
        ),
        (
            (500, {"message": "oops"}, None),
            "%(provider)s has a problem of its own (HTTP %(status)s). Nothing was created. "
            "Please try again later.",
        ),
        (
            (201, None, None),
            "%(provider)s answered in a way the site does not understand. Look in %(provider)s "
            "whether the campaign was created before pushing again.",
        ),
    ],
)
@pytest.mark.parametrize(("username", "language"), [("naumburg", "de"), ("lesulis", "fr")])
def test_brevo_failures_are_messages_in_the_admin_language(
    client, brevo, answer, english, username, language
):
    status, body, headers = answer
    raw = b"<html>not json" if body is None else None
    brevo.answer("POST", "/v3/emailCampaigns", status, body, headers, raw=raw)
    login(client, username)
    response = push(client, issue(language), "brevo", [language])
    assert response.status_code == 200
    params = {
        "provider": "Brevo",
        "status": status,
        "setting": "BREVO_API_KEY",
        "seconds": 30,
    }
    assert translated(language, english) % params in text(response)
    entry = PageLogEntry.objects.get(page=issue(language), action=PUSH_ACTION)
    assert entry.data["outcome"] == "failed" and entry.data["provider"] == "Brevo"


def test_a_refused_connection_is_a_message(client, settings):
    configure(
        settings,
        listmonk={
            "url": f"http://127.0.0.1:{free_port()}",
            "user": "u",
            "token": "t",
            "lists": {"": ["1"]},
        },
    )
    login(client, "naumburg")
    response = push(client, issue("de"), "listmonk", ["de"])
    assert response.status_code == 200
    english = (
        "%(provider)s cannot be reached. Please try again later; if it keeps failing, check "
        "the address of %(provider)s in the site's settings."
    )
    assert translated("de", english) % {"provider": "listmonk"} in text(response)


def test_mailchimp_content_refused_names_the_empty_campaign(client, mailchimp):
    mailchimp.answer("POST", "/3.0/campaigns", 200, {"id": "abc123", "web_id": 1})
    mailchimp.answer("PUT", "/3.0/campaigns/abc123/content", 400, {"title": "Invalid Resource"})
    login(client, "naumburg")
    response = push(client, issue("de"), "mailchimp", ["de"])
    assert response.status_code == 200
    assert "abc123" in text(response) and "Invalid Resource" in text(response)


def test_no_provider_configured_says_how(client, settings):
    configure(settings)
    login(client, "naumburg")
    response = client.get(url(issue("de")))
    assert response.status_code == 200
    assert 'id="no-provider"' in response.content.decode()
    assert "BREVO_API_KEY" in response.content.decode()
    assert 'name="provider"' not in response.content.decode()


def test_only_configured_providers_are_offered_and_confirmed(client, brevo):
    german = issue("de")
    login(client, "naumburg")
    form = client.get(url(german)).content.decode()
    assert 'value="brevo"' in form and 'value="mailchimp"' not in form
    assert re.findall(r'name="versions" value="(\w+)"', form) == ["de", "fr", "both"]
    answer = client.post(url(german), {"provider": "brevo", "versions": ["fr"]})
    assert answer.status_code == 200 and 'id="push-confirm"' in answer.content.decode()
    assert brevo.requests == []  # nothing before the confirmation
    refused = client.post(url(german), {"provider": "mailchimp", "versions": ["fr"]})
    assert refused.status_code == 400 and brevo.requests == []


def test_only_editors_of_the_issue_may_push(client, brevo):
    german = issue("de")
    login(client, "lesulis")
    confirm = {"provider": "brevo", "versions": ["de"], "confirm": "1", "push_token": "x"}
    for response in (
        client.get(url(german)),
        client.post(url(german), {"provider": "brevo", "versions": ["de"]}),
        client.post(url(german), confirm),
    ):
        assert response.status_code == 302 and response["Location"] == "/admin/"
    assert brevo.requests == []
    login(client, "naumburg")
    assert url(german) in client.get(f"/admin/pages/{german.pk}/edit/").content.decode()
    login(client, "admin")
    assert client.get(url(german)).status_code == 200
