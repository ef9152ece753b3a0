"""The send page follows its progress by itself: the fragment it fetches, and when it does."""

import pytest
from django.test import override_settings
from lxml import html as lxml_html

from demo.sections import demo_key
from newsletter.models import NewsletterIssuePage
from subscribers.models import Subscriber
from tests.newsletter.test_send_to_readers import confirm, login, reader, url
from tests.smtp import local_smtp
from tests.subscribers.helpers import run_mail_worker

pytestmark = pytest.mark.django_db

SCRIPT = "newsletter/send-progress.js"
XHR = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}  # as the script asks
WORDS = {
    "de": {
        "heading": "Fortschritt",
        "queued": "In der Warteschlange",
        "sent": "Gesendet",
        "versions": ["Deutsche Fassung", "Französische Fassung", "Zweisprachige Fassung"],
        "follows": "Diese Tabelle aktualisiert sich alle paar Sekunden",
    },
    "fr": {
        "heading": "Avancement",
        "queued": "En attente",
        "sent": "Envoyé",
        "versions": ["Version allemande", "Version française", "Version bilingue"],
        "follows": "Ce tableau se met à jour toutes les quelques secondes",
    },
}


def progress_url(page):
    return f"{url(page)}progress/"


def table(answer):
    """{version: {state: count}} as the fragment's table shows it, and the area's element."""
    tree = lxml_html.fromstring(answer.content.decode())
    [area] = tree.xpath('//*[@id="send-progress-area"]')
    [progress] = area.xpath('.//table[@id="send-progress"]')
    states = [th.text_content().strip() for th in progress.xpath(".//thead//th")][1:]
    rows = {}
    for tr in progress.xpath(".//tbody/tr"):
        cells = [td.text_content().strip() for td in tr.xpath("./td")]
        rows[cells[0]] = dict(zip(states, map(int, cells[1:]), strict=True))
    return rows, area


@pytest.fixture
def lists(demo):
    """One reader of each version on each town's list, and only these (not the demo's)."""
    Subscriber.objects.all().delete()
    for locale, town in ((demo.de, "naumburg"), (demo.fr, "lesulis")):
        for language in ("de", "fr", "both"):
            reader(locale, f"{town}-{language}@example.org", language)


@pytest.fixture
def issues(demo):
    key = demo_key("page:newsletter-bilingual")
    family = NewsletterIssuePage.objects.filter(translation_key=key)
    return {"de": family.get(locale=demo.de), "fr": family.get(locale=demo.fr)}


@pytest.mark.parametrize(("username", "language"), [("naumburg", "de"), ("lesulis", "fr")])
def test_the_fragment_shows_the_counts_in_the_admin_language_and_the_page_follows_while_in_flight(
    client, lists, issues, monkeypatch, username, language
):
    words = WORDS[language]
    issue = issues[language]
    login(client, username)
    before = client.get(url(issue))
    assert SCRIPT not in before.text, "nothing to follow before the editor confirms"
    assert client.get(progress_url(issue), **XHR).status_code == 200

    assert confirm(client, issue).status_code == 302
    page = client.get(url(issue))
    assert SCRIPT in page.text, "queued: the page follows its progress"
    answer = client.get(progress_url(issue), **XHR)
    assert answer.status_code == 200
    assert "<html" not in answer.text, "the progress alone, not a page"
    rows, area = table(answer)
    assert area.get("data-in-flight") == "true"
    assert words["heading"] in answer.text and words["follows"] in answer.text
    assert set(rows) == set(words["versions"])
    for version in words["versions"]:
        assert rows[version][words["queued"]] == 1
        assert rows[version][words["sent"]] == 0
    # The page shows the same table (the script's starting point, and what a reload shows).
    assert table(page)[0] == rows

    run_mail_worker(monkeypatch)
    answer = client.get(progress_url(issue), **XHR)
    rows, area = table(answer)
    assert area.get("data-in-flight") == "false", "the script stops here"
    assert words["follows"] not in answer.text
    for version in words["versions"]:
        assert (rows[version][words["queued"]], rows[version][words["sent"]]) == (0, 1)
    page = client.get(url(issue))
    assert SCRIPT not in page.text, "nothing in flight: no script"
    assert table(page)[0] == rows


def test_a_retry_waiting_keeps_the_page_following(client, lists, issues, smtp, monkeypatch):
    smtp.refuse["naumburg-fr@example.org"] = "451 4.7.1 Try again later"
    login(client, "naumburg")
    with override_settings(NEWSLETTER_RETRY_SECONDS=3600):
        confirm(client, issues["de"])
        run_mail_worker(monkeypatch)
    answer = client.get(progress_url(issues["de"]), **XHR)
    rows, area = table(answer)
    assert rows["Französische Fassung"]["Vorerst fehlgeschlagen, neuer Versuch folgt"] == 1
    assert area.get("data-in-flight") == "true"
    assert "naumburg-fr@example.org" in answer.text, "and the address, with the answer"
    assert SCRIPT in client.get(url(issues["de"])).text


def test_the_other_town_gets_403(client, lists, issues):
    login(client, "naumburg")
    confirm(client, issues["de"])
    login(client, "lesulis")
    for headers in (XHR, {}):
        answer = client.get(progress_url(issues["de"]), **headers)
        assert answer.status_code == 403
        assert "naumburg-de@example.org" not in answer.text
    assert client.get(progress_url(issues["fr"]), **XHR).status_code == 200
    client.logout()
    assert client.get(progress_url(issues["de"])).status_code == 302  # to the login


@pytest.fixture
def smtp():
    with local_smtp() as handler:
        yield handler
