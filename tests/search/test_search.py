"""Search: one language at a time, stemmed per language on PostgreSQL, never a 500."""

import re

import pytest
from django.db import connection
from django.utils.html import escape

from partnership.models import DelegationReportIndexPage
from tests.factories import DelegationReportPageFactory, PartnerCityFactory

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="language-aware stemming needs PostgreSQL text search; SQLite matches plainly",
)


def result_titles(html):
    listing = html.split('<ol class="search-results">', 1)
    if len(listing) == 1:
        return []
    return re.findall(r'<h2><a href="[^"]+">([^<]+)</a>', listing[1].split("</ol>", 1)[0])


@pytest.fixture
def pages(demo):
    german_index = DelegationReportIndexPage.objects.get(locale=demo.de)
    french_index = DelegationReportIndexPage.objects.get(locale=demo.fr)
    german = DelegationReportPageFactory(
        parent=german_index,
        title="Bericht über die Wanderausstellung",
        summary="Die Ausstellung wanderte durch beide Städte.",
    )
    french = DelegationReportPageFactory(
        parent=french_index,
        locale=demo.fr,
        from_city=PartnerCityFactory(locale=demo.fr),
        to_city=PartnerCityFactory(locale=demo.fr, country="FR"),
        title="Retour sur la grande exposition",
        summary="L'exposition a voyagé entre les deux villes.",
    )
    return german, french


@postgres_only
@pytest.mark.parametrize(
    ("language", "query", "expected"),
    [
        ("de", "Ausstellungen", "Bericht über die Wanderausstellung"),
        ("de", "Städten", "Bericht über die Wanderausstellung"),
        ("fr", "expositions", "Retour sur la grande exposition"),
        ("fr", "villes voyagées", "Retour sur la grande exposition"),
    ],
)
def test_stemming_follows_the_language(client, pages, language, query, expected):
    path = {"de": "/de/suche/", "fr": "/fr/recherche/"}[language]
    titles = result_titles(client.get(path, {"q": query}).text)
    assert escape(expected) in titles


def test_each_language_finds_only_its_own_pages(client, pages):
    german, french = pages
    assert escape(german.title) in result_titles(
        client.get("/de/suche/", {"q": "Ausstellung"}).text
    )
    assert escape(french.title) not in result_titles(
        client.get("/de/suche/", {"q": "exposition"}).text
    )
    assert escape(french.title) in result_titles(
        client.get("/fr/recherche/", {"q": "exposition"}).text
    )


def test_results_can_be_narrowed_to_one_section(client, pages):
    html = client.get("/de/suche/", {"q": "Naumburg"}).text
    sections = dict(re.findall(r'type=(\w+)">[^<(]+\((\d+)\)</a>', html))
    assert set(sections) <= {"report", "workshop", "exhibition", "exchange"}
    assert int(sections["report"]) >= 1
    narrowed = client.get("/de/suche/", {"q": "Naumburg", "type": "report"}).text
    assert re.findall(r'search-results__type">([^<]+)<', narrowed) == ["Delegationsbericht"] * len(
        result_titles(narrowed)
    )
    assert len(result_titles(narrowed)) == int(sections["report"])


def test_excerpts_mark_the_words_searched_for(client, pages):
    html = client.get("/fr/recherche/", {"q": "exposition"}).text
    assert "L&#x27;<mark>exposition</mark>" in html or "<mark>L&#x27;exposition</mark>" in html


def test_highlighting_escapes_the_text():
    from search.templatetags.search_tags import highlight

    marked = highlight("Die <b>Ausstellung</b> & mehr", "Ausstellung")
    assert marked == "Die <mark>&lt;b&gt;Ausstellung&lt;/b&gt;</mark> &amp; mehr"
