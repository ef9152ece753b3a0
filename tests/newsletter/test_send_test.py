"""Send test: a real multipart e-mail through Django's SMTP backend, to a local SMTP server."""

import email
import html
import re
from email import policy

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import override_settings
from django.utils import translation
from django.utils.translation import gettext

from demo.sections import demo_key
from newsletter.models import NewsletterIndexPage, NewsletterIssueItem, NewsletterIssuePage
from partnership.models import DelegationReportPage, WorkshopPage
from tests.smtp import free_port, local_smtp

pytestmark = pytest.mark.django_db

# Tests go to the editor's own address or to these (tests/security/test_send_test_relay.py).
TEST_INBOXES = ["leserin@example.org", "lectrice@example.org"]


@pytest.fixture
def smtp():
    with local_smtp() as handler:
        yield handler


@pytest.fixture
def closed_port():
    """An SMTP backend pointed at a port nobody listens on."""
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=free_port(),
        EMAIL_USE_TLS=False,
        EMAIL_USE_SSL=False,
        EMAIL_HOST_USER="",
        EMAIL_HOST_PASSWORD="",
        EMAIL_TIMEOUT=5,
    ):
        yield


@pytest.fixture
def german_only(db):
    """A German-only issue: the report without French version in full, then a workshop teaser."""
    index = NewsletterIndexPage.objects.get(locale__language_code="de")
    issue = index.add_child(
        instance=NewsletterIssuePage(
            title="Rückblick: wie alles begann",
            slug="rueckblick",
            intro="<p>Für alle, die neu dabei sind.</p>",
            language_mode="de",
            items=[
                NewsletterIssueItem(
                    page=demo_page(DelegationReportPage, "german-only"), format="full"
                ),
                NewsletterIssueItem(page=demo_page(WorkshopPage, "workshop"), format="teaser"),
            ],
        )
    )
    issue.save_revision().publish()
    return issue


def demo_page(model, key):
    return model.objects.get(translation_key=demo_key(f"page:{key}"), locale__language_code="de")


def issue(language, key):
    return NewsletterIssuePage.objects.get(
        translation_key=demo_key(f"page:newsletter-{key}"), locale__language_code=language
    )


def login(client, username):
    user = get_user_model().objects.get(username=username)
    client.force_login(user)
    return user


def send_url(page):
    return f"/admin/newsletter/issues/{page.pk}/send-test/"


def received(handler):
    assert len(handler.envelopes) == 1
    envelope = handler.envelopes[0]
    return envelope, email.message_from_bytes(envelope.original_content, policy=policy.default)


@override_settings(NEWSLETTER_TEST_ADDRESSES=TEST_INBOXES)
def test_naumburg_sends_the_german_issue_as_text_and_html(client, smtp, german_only):
    german = german_only
    user = login(client, "naumburg")

    form = client.get(send_url(german))
    assert form.status_code == 200
    assert f'value="{user.email}"' in form.content.decode()  # their own address by default

    response = client.post(send_url(german), {"recipient": "leserin@example.org"})
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{german.pk}/edit/"

    envelope, message = received(smtp)
    assert envelope.rcpt_tos == ["leserin@example.org"]
    assert message["To"] == "leserin@example.org"
    assert message["From"] == settings.DEFAULT_FROM_EMAIL
    assert message["Subject"] == german.title
    assert message["Content-Language"] == "de"
    assert message.get_content_type() == "multipart/alternative"
    text, html = message.get_body(("plain",)), message.get_body(("html",))
    assert [part.get_content_type() for part in message.iter_parts()] == [
        "text/plain",
        "text/html",
    ]

    report = demo_page(DelegationReportPage, "german-only")
    workshop = demo_page(WorkshopPage, "workshop")
    plain = text.get_content()
    assert report.title in plain and workshop.title in plain
    assert plain.index(report.title) < plain.index(workshop.title)
    assert f"[http://testserver{workshop.url}]" in plain

    markup = html.get_content()
    assert f"<title>{german.title}</title>" in markup
    assert '<html lang="de"' in markup
    assert f'href="http://testserver{workshop.url}"' in markup
    for url in re.findall(r'\s(?:href|src)="([^"]*)"', markup):
        assert url.startswith(("http://testserver/", "mailto:", "tel:")), url


@override_settings(NEWSLETTER_TEST_ADDRESSES=TEST_INBOXES)
def test_les_ulis_sends_the_french_version_of_the_bilingual_issue(client, smtp):
    french = issue("fr", "bilingual")
    login(client, "lesulis")
    response = client.post(send_url(french), {"recipient": "lectrice@example.org"})
    assert response.status_code == 302

    _envelope, message = received(smtp)
    german = french.get_translation(issue("de", "bilingual").locale)
    # Django folds a long encoded subject onto a continuation line; clients strip the space.
    assert message["Subject"].strip() == f"{french.title} · {german.title}"
    assert message["Content-Language"] == "fr"
    html = message.get_body(("html",)).get_content()
    assert '<html lang="fr"' in html and 'lang="de"' in html
    plain = message.get_body(("plain",)).get_content()
    assert plain.index("Chères amies") < plain.index("Liebe Freundinnen")


@override_settings(NEWSLETTER_TEST_ADDRESSES=TEST_INBOXES)
def test_the_test_shows_the_draft(client, smtp, german_only):
    """Editors test what they are working on, before they publish it."""
    german = german_only
    draft = german.get_latest_revision_as_object()
    draft.title = "Rückblick (Entwurf)"
    draft.save_revision()
    login(client, "naumburg")
    client.post(send_url(german), {"recipient": "leserin@example.org"})
    _envelope, message = received(smtp)
    assert message["Subject"] == "Rückblick (Entwurf)"


@pytest.mark.parametrize(("username", "language"), [("naumburg", "de"), ("lesulis", "fr")])
def test_another_address_is_a_form_error_in_the_admin_language(client, smtp, username, language):
    page = issue(language, "bilingual")
    login(client, username)
    english = "Tests go only to your own address or to one of this site's test addresses."
    for recipient in ("nicht-gültig", "leserin@example.org"):
        response = client.post(send_url(page), {"recipient": recipient})
        assert response.status_code == 200
        with translation.override(language):
            error = gettext(english)
        assert error != english
        assert html.unescape(response.content.decode()).count(error) == 1
    assert smtp.envelopes == []


@override_settings(NEWSLETTER_TEST_ADDRESSES=TEST_INBOXES)
def test_an_unreachable_mail_server_is_an_error_message_not_a_500(client, closed_port, german_only):
    german = german_only
    login(client, "naumburg")
    response = client.post(send_url(german), {"recipient": "leserin@example.org"})
    assert response.status_code == 200
    content = response.content.decode()
    assert 'role="alert"' in content and "ConnectionRefusedError" in content
    assert re.search(r'value="leserin@example.org"[^>]* checked', content)  # kept, chosen


def test_only_editors_of_the_issue_may_send(client, smtp, german_only):
    german = german_only
    login(client, "lesulis")  # the French team edits no German page
    for response in (
        client.get(send_url(german)),
        client.post(send_url(german), {"recipient": "x@example.org"}),
    ):
        # Wagtail answers a refusal with a redirect to the dashboard and a message.
        assert response.status_code == 302 and response["Location"] == "/admin/"
    assert smtp.envelopes == []

    client.logout()
    response = client.get(send_url(german))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_the_send_test_button_appears_for_those_who_may_send(client):
    german = issue("de", "bilingual")
    login(client, "naumburg")
    edit = client.get(f"/admin/pages/{german.pk}/edit/").content.decode()
    assert send_url(german) in edit
    listing = client.get(f"/admin/pages/{german.get_parent().pk}/").content.decode()
    assert send_url(german) in listing

    login(client, "lesulis")
    listing = client.get(f"/admin/pages/{german.get_parent().pk}/").content.decode()
    assert send_url(german) not in listing
    # The French version opens in wagtail-localize's editor; the listing offers the test.
    french = issue("fr", "bilingual")
    listing = client.get(f"/admin/pages/{french.get_parent().pk}/").content.decode()
    assert send_url(french) in listing


def test_the_send_test_page_warns_before_gmail_would_clip_the_mail(client, german_only):
    big = issue("de", "bilingual")  # the 2025 report in full, side by side, and two teasers
    report = big.items.first()
    for _ in range(2):
        big.items.create(page=report.page, format="full")
    big.save_revision().publish()
    parts = big.render_email()
    assert parts.too_large
    login(client, "naumburg")
    page = client.get(send_url(big)).content.decode()
    assert f"{parts.size_kb} KB" in page and "102 KB" in page

    small = client.get(send_url(german_only)).content.decode()
    assert "102 KB" not in small
