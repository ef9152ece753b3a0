"""An issue's test goes to the editor and the site's test addresses only, ten times an hour.

A town editor could POST any address to the send-test view and have the site
mail it from its own sender address, as fast as they liked: an open relay for
whoever holds (or steals) an editor account. Now the form offers the editor's
own address and the addresses in ``NEWSLETTER_TEST_ADDRESSES``, refuses any
other in the admin language, allows ten sends an hour per editor, and writes
each send to Wagtail's audit log (page history and site history report).
"""

from pathlib import Path
from types import SimpleNamespace

import lxml.html
import pytest
from django.contrib.auth import get_user_model
from django.contrib.staticfiles import finders
from django.test import Client, override_settings
from wagtail.models import Locale, PageLogEntry

from demo.sections import demo_key
from newsletter.models import NewsletterIndexPage, NewsletterIssueItem, NewsletterIssuePage
from partnership.models import WorkshopPage
from tests.security.helpers import visible

pytestmark = pytest.mark.django_db

OUTSIDERS = [f"opfer{number}@elsewhere.example" for number in range(25)]
TEST_ADDRESSES = ["pruefung@agentur.example", "essai@mairie-lesulis.example"]
HUGE_ID = "9" * 25

TEAMS = {
    "de": SimpleNamespace(
        username="naumburg",
        display_name="Anna Beispiel",
        send="Test senden",
        refused="Tests gehen nur an Ihre eigene Adresse oder an eine der Testadressen "
        "dieser Website.",
        limited="Sie haben die Grenze von 10 Tests pro Stunde erreicht. "
        "Bitte versuchen Sie es später noch einmal.",
        logged="Test gesendet an {recipient}",
        failed="Test an {recipient} nicht gesendet",
    ),
    "fr": SimpleNamespace(
        username="lesulis",
        display_name="Claire Exemple",
        send="Envoyer un test",
        refused="Les tests ne partent qu'à votre propre adresse ou à l'une des adresses "
        "de test de ce site.",
        limited="Vous avez atteint la limite de 10 tests par heure. Veuillez réessayer plus tard.",
        logged="Test envoyé à {recipient}",
        failed="Test à {recipient} non envoyé",
    ),
}


@pytest.fixture(params=sorted(TEAMS))
def team(request, client, demo):
    """A town editor signed in, with the bilingual demo issue of their own language."""
    language = request.param
    spec = TEAMS[language]
    user = get_user_model().objects.get(username=spec.username)
    client.force_login(user)
    issue = NewsletterIssuePage.objects.get(
        translation_key=demo_key("page:newsletter-bilingual"), locale__language_code=language
    )
    return SimpleNamespace(
        client=client, user=user, language=language, issue=issue, url=send_url(issue), **vars(spec)
    )


def send_url(page):
    return f"/admin/newsletter/issues/{page.pk}/send-test/"


def test_twenty_five_outside_addresses_send_nothing(team, mailoutbox):
    """The reported attack: one POST per outside address."""
    for address in OUTSIDERS:
        response = team.client.post(team.url, {"recipient": address})
        assert response.status_code == 200
        assert team.refused in visible(response)
    assert mailoutbox == []
    assert not PageLogEntry.objects.filter(action="newsletter.send_test").exists()


def test_an_outside_address_is_refused_with_the_form_kept(team, mailoutbox):
    response = team.client.post(team.url, {"recipient": "leserin@elsewhere.example"})
    assert response.status_code == 200
    form = lxml.html.fromstring(response.content).get_element_by_id("send-test-form")
    # Only the addresses a test may go to are offered, the editor's own checked.
    assert form.xpath(".//input[@name='recipient']/@value") == [team.user.email]
    assert "leserin@elsewhere.example" not in response.text
    assert mailoutbox == []


def test_the_editors_own_address_works(team, mailoutbox):
    form = team.client.get(team.url)
    assert form.status_code == 200
    radio = lxml.html.fromstring(form.content).xpath("//input[@name='recipient']")
    assert [(r.get("value"), r.get("checked") is not None) for r in radio] == [
        (team.user.email, True)
    ]

    response = team.client.post(team.url, {"recipient": team.user.email})
    assert response.status_code == 302
    assert [message.to for message in mailoutbox] == [[team.user.email]]


@override_settings(NEWSLETTER_TEST_ADDRESSES=TEST_ADDRESSES)
def test_the_test_addresses_from_the_environment_are_offered_and_work(team, mailoutbox):
    form = team.client.get(team.url)
    values = lxml.html.fromstring(form.content).xpath("//input[@name='recipient']/@value")
    assert values == [team.user.email, *TEST_ADDRESSES]

    for address in TEST_ADDRESSES:
        response = team.client.post(team.url, {"recipient": address})
        assert response.status_code == 302
    assert [message.to for message in mailoutbox] == [[address] for address in TEST_ADDRESSES]

    response = team.client.post(team.url, {"recipient": "drittens@elsewhere.example"})
    assert team.refused in visible(response)
    assert len(mailoutbox) == 2


@override_settings(NEWSLETTER_TEST_ADDRESSES=[TEST_ADDRESSES[0]])
def test_without_an_own_address_only_the_test_addresses_remain(team, mailoutbox):
    team.user.email = ""
    team.user.save(update_fields=["email"])
    values = lxml.html.fromstring(team.client.get(team.url).content).xpath(
        "//input[@name='recipient']/@value"
    )
    assert values == [TEST_ADDRESSES[0]]
    response = team.client.post(team.url, {"recipient": ""})
    assert response.status_code == 200 and mailoutbox == []


def test_the_eleventh_send_in_an_hour_is_refused(team, mailoutbox):
    for _ in range(10):
        assert team.client.post(team.url, {"recipient": team.user.email}).status_code == 302
    assert len(mailoutbox) == 10

    response = team.client.post(team.url, {"recipient": team.user.email})
    assert response.status_code == 429
    assert team.limited in visible(response)
    assert len(mailoutbox) == 10
    assert PageLogEntry.objects.filter(action="newsletter.send_test").count() == 10

    # The limit is the editor's own: a colleague of the same team still may send.
    colleague = get_user_model().objects.create_user(
        f"kollegin-{team.language}", email="kollegin@example.org", password="x"
    )
    colleague.groups.set(team.user.groups.all())
    other = Client()
    other.force_login(colleague)
    assert other.post(team.url, {"recipient": "kollegin@example.org"}).status_code == 302
    assert len(mailoutbox) == 11


@override_settings(NEWSLETTER_TEST_ADDRESSES=TEST_ADDRESSES)
def test_each_send_is_in_the_audit_log_with_user_issue_and_recipient(team, mailoutbox):
    team.client.post(team.url, {"recipient": TEST_ADDRESSES[1]})
    assert len(mailoutbox) == 1

    entry = PageLogEntry.objects.get(action="newsletter.send_test")
    assert entry.page_id == team.issue.pk
    assert entry.user == team.user
    assert entry.revision_id == team.issue.latest_revision_id  # what was sent: that draft
    assert entry.data["recipient"] == TEST_ADDRESSES[1]
    assert entry.data["outcome"] == "sent"
    assert entry.data["subject"] == mailoutbox[0].subject

    logged = team.logged.format(recipient=TEST_ADDRESSES[1])
    history = team.client.get(f"/admin/pages/{team.issue.pk}/history/")
    assert history.status_code == 200
    assert logged in visible(history) and team.display_name in visible(history)
    report = team.client.get("/admin/reports/site-history/")
    assert report.status_code == 200 and logged in visible(report)
    # The send-test page lists the latest sends of the issue.
    assert logged in visible(team.client.get(team.url))


def test_a_failed_send_is_logged_as_failed(team, mailoutbox):
    unreachable = override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=9,  # discard: nobody listens
        EMAIL_USE_TLS=False,
        EMAIL_USE_SSL=False,
        EMAIL_TIMEOUT=5,
    )
    with unreachable:
        response = team.client.post(team.url, {"recipient": team.user.email})
    assert response.status_code == 200
    entry = PageLogEntry.objects.get(action="newsletter.send_test")
    assert (entry.user, entry.data["outcome"]) == (team.user, "failed")
    history = visible(team.client.get(f"/admin/pages/{team.issue.pk}/history/"))
    assert team.failed.format(recipient=team.user.email) in history


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("page_id", [HUGE_ID, str(2**63), "999999"])
def test_a_huge_issue_id_is_a_404_like_any_missing_issue(team, method, page_id):
    """The admin's own 404, without a detour under /de/ (twinsite/admin_errors.py)."""
    client = Client(raise_request_exception=False)
    client.force_login(team.user)
    url = f"/admin/newsletter/issues/{page_id}/send-test/"
    response = getattr(client, method)(url, follow=True)
    assert response.redirect_chain == []
    assert response.status_code == 404


@pytest.mark.parametrize("extension", ["html", "eml"])
def test_a_huge_page_id_in_the_email_downloads_is_a_404(team, extension):
    client = Client(raise_request_exception=False)
    client.force_login(team.user)
    response = client.get(f"/admin/newsletter/pages/{HUGE_ID}/email-teaser.{extension}")
    assert response.status_code == 404


def mail_button(html, xpath):
    """The button at ``xpath``, its visible text and its icon's classes."""
    (button,) = lxml.html.fromstring(html).xpath(xpath)
    (svg,) = button.xpath(".//svg")
    return button, button.text_content().strip(), svg.get("class").split()


def own_language_issue(team):
    """An issue written in the team's language, which opens in Wagtail's own editor."""
    index = NewsletterIndexPage.objects.get(locale__language_code=team.language)
    workshop = WorkshopPage.objects.get(
        translation_key=demo_key("page:workshop"), locale=Locale.objects.get(language_code="de")
    )
    issue = index.add_child(
        instance=NewsletterIssuePage(
            title="Essai" if team.language == "fr" else "Versuch",
            slug="essai-bouton",
            language_mode=team.language,
            items=[NewsletterIssueItem(page=workshop, format="teaser")],
        )
    )
    issue.save_revision()
    return issue


def test_the_send_buttons_show_their_label_next_to_a_sized_icon(team):
    """Wagtail sizes an icon inside a button only under ``.button--icon``; without it the
    SVG took its default 300×150 px and covered "Test senden"."""
    css = Path(finders.find("wagtailadmin/css/core.css")).read_text(encoding="utf-8")
    assert ".button.button--icon .icon{height:1em;vertical-align:text-top;width:1em}" in css

    form = team.client.get(team.url).content
    button, text, icon = mail_button(form, "//main//form[@method='post']//button[@type='submit']")
    assert text == team.send
    assert {"button", "button--icon"} <= set(button.get("class").split())
    assert {"icon", "icon-mail"} <= set(icon)

    issue = own_language_issue(team)
    edit = team.client.get(f"/admin/pages/{issue.pk}/edit/")
    assert edit.status_code == 200
    link, text, icon = mail_button(
        edit.content, f"//a[@href='{send_url(issue)}'][contains(@class, 'button-small')]"
    )
    assert text == team.send
    assert {"button", "button--icon"} <= set(link.get("class").split())
    assert {"icon", "icon-mail"} <= set(icon)


def test_a_malformed_test_address_in_the_environment_fails_the_checks():
    from newsletter.checks import check_test_addresses  # new with the fix

    with override_settings(NEWSLETTER_TEST_ADDRESSES=["ok@example.org", "kein adresse", " "]):
        errors = check_test_addresses(None)
    assert [error.id for error in errors] == ["newsletter.E001"]
    assert "'kein adresse'" in errors[0].msg
    with override_settings(NEWSLETTER_TEST_ADDRESSES=TEST_ADDRESSES):
        assert check_test_addresses(None) == []
