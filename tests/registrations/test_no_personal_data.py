"""Who registered appears nowhere public: page, mail forms, cards, feeds, search, sitemap.

The registrations carry marker strings in every field a visitor fills in;
each public address of the event (docs/content-model.md,
docs/newsletters-and-embeds.md, twinsite/urls.py) is fetched in both
languages, after the registrations exist, and searched for them.
"""

import html

import pytest

from demo.registrations import WORKSHOP_PEOPLE
from tests.registrations.helpers import (
    form_data,
    new_workshop,
    open_registration,
    upcoming_workshop,
)

pytestmark = pytest.mark.django_db

MARKERS = {
    "name": "Quirina Vexmarker",
    "email": "vexmarker.quirina@example.org",
    "organisation": "Verein Plonkmarker",
    "town": "Zwirbelmarker",
    "access_needs": "Rollstuhl Glimmermarker",
    "answer": "Antwort Snorfmarker",
}
WAITING = {
    "name": "Bastien Quazmarker",
    "email": "quazmarker.bastien@example.org",
    "access_needs": "Interprète Flummarker",
}
SEARCH = {"de": "/de/suche/", "fr": "/fr/recherche/"}


@pytest.fixture
def event(client, demo):
    """A workshop of its own with one person holding its only seat and one waiting."""
    versions = new_workshop()
    question = {
        "type": "text",
        "value": {"label": "Votre question", "help_text": "", "required": False},
    }
    source = open_registration(versions["fr"], capacity=1, registration_questions=[question])
    [block] = source.registration_questions
    seat = form_data(
        MARKERS["email"],
        name=MARKERS["name"],
        language="fr",
        organisation=MARKERS["organisation"],
        town=MARKERS["town"],
        access_needs=MARKERS["access_needs"],
        **{f"q_{block.id}": MARKERS["answer"]},
    )
    assert client.post(f"/fr/registration/{source.pk}/", seat).status_code == 200
    german = versions["de"]
    waiting = form_data(
        WAITING["email"], name=WAITING["name"], access_needs=WAITING["access_needs"]
    )
    assert client.post(f"/de/registration/{german.pk}/", waiting).status_code == 200
    return {"fr": source, "de": type(source).objects.get(pk=german.pk)}


def public_addresses(page):
    """Every public address that shows something of ``page``, in its language."""
    language = page.locale.language_code
    index = page.get_parent()
    full_url = f"http://testserver{page.url}"
    return [
        page.url,
        f"{page.url}email/",
        f"{page.url}email/?format=full",
        f"{page.url}email.txt",
        f"{page.url}email.txt?format=full",
        f"{page.url}embed/",
        f"/oembed/?url={full_url}&format=json",
        f"{page.url}event.ics",
        index.url,
        f"{index.url}feed/",
        f"{index.url}calendar.ics",
        f"/{language}/",
        f"/{language}/feed/",
        f"{SEARCH[language]}?q={page.title.split()[0]}",
        f"/{language}/registration/{page.pk}/",
        "/sitemap.xml",
    ]


def fetch(client, address):
    answer = client.get(address)
    assert answer.status_code == 200, address
    return html.unescape(answer.content.decode())


def assert_nothing_of(texts, client, pages):
    for page in pages:
        for address in public_addresses(page):
            shown = fetch(client, address)
            for text in texts:
                assert text not in shown, (text, address)


def test_no_field_of_a_registration_is_public(client, event):
    assert fetch(client, event["fr"].url).count("Plus que") == 0, "full: no seats left to show"
    assert_nothing_of([*MARKERS.values(), *WAITING.values()], client, event.values())


@pytest.mark.parametrize("language", ["de", "fr"])
def test_searching_for_a_registrants_details_finds_no_page(client, event, language):
    for marker in [*MARKERS.values(), *WAITING.values()]:
        shown = fetch(client, f"{SEARCH[language]}?q={marker}")
        assert event[language].url not in shown, marker
        # The query itself is shown back, and nothing else of the registration.
        others = [text for text in [*MARKERS.values(), *WAITING.values()] if text != marker]
        for text in others:
            assert text not in shown, (marker, text)


def test_the_demo_workshops_people_are_not_shown_either(client, demo):
    """The demo's list, its newsletter issue (which carries the workshop) included."""
    from newsletter.models import NewsletterIssuePage

    texts = [name for name, *_rest in WORKSHOP_PEOPLE] + [
        email for _n, email, *_r in WORKSHOP_PEOPLE
    ]
    assert_nothing_of(texts, client, [upcoming_workshop("de"), upcoming_workshop("fr")])
    for issue in NewsletterIssuePage.objects.live():
        for suffix in ("", "email/", "email.txt"):
            shown = fetch(client, f"{issue.url}{suffix}")
            for text in texts:
                assert text not in shown, (text, issue.url, suffix)
