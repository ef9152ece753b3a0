"""Every page links to its language's statement; French pages carry the RGAA mention."""

import pytest
from wagtail.models import Page

from accessibility.models import AccessibilityStatementPage
from tests.accessibility.helpers import STATEMENT, statement
from tests.queries import counted_queries

pytestmark = pytest.mark.django_db

GERMAN_PAGES = ["/de/", "/de/kontakt/", "/de/datenschutz/", STATEMENT["de"]]
FRENCH_PAGES = ["/fr/", "/fr/nous-ecrire/", "/fr/protection-des-donnees/", STATEMENT["fr"]]


def footer(response):
    html = response.content.decode()
    start = html.index('<footer class="site-footer">')
    return html[start : html.index("</footer>", start)]


@pytest.mark.parametrize("path", GERMAN_PAGES)
def test_german_pages_link_to_the_german_statement(client, demo, path):
    response = client.get(path)
    assert response.status_code == 200
    line = footer(response)
    assert '<a href="/de/barrierefreiheit/">Erklärung zur Barrierefreiheit</a>' in line
    # The RGAA mention is French law's; the German statement is under BITV 2.0.
    assert "konform" not in line


@pytest.mark.parametrize("path", FRENCH_PAGES)
def test_french_pages_carry_the_rgaa_mention(client, demo, path):
    response = client.get(path)
    assert response.status_code == 200
    line = footer(response)
    assert '<a href="/fr/accessibilite/">Déclaration d&#x27;accessibilité</a>' in line
    assert "Accessibilité : non conforme" in line


def test_the_mention_follows_the_published_statement(client, demo):
    assert "Accessibilité : non conforme" in footer(client.get("/fr/"))
    page = statement("fr")
    page.rgaa_audit = True
    page.conformity = "partial"
    page.save_revision().publish()
    assert "Accessibilité : partiellement conforme" in footer(client.get("/fr/"))

    page.conformity = "full"
    page.save_revision()  # a draft changes nothing a visitor sees
    assert "Accessibilité : partiellement conforme" in footer(client.get("/fr/"))


def test_no_statement_no_line(client, demo):
    AccessibilityStatementPage.objects.filter(locale=demo.fr).delete()
    line = footer(client.get("/fr/"))
    assert "accessibilite" not in line and "Accessibilité :" not in line


def test_the_switcher_leads_to_the_other_towns_statement(client, demo):
    html = client.get(STATEMENT["de"]).content.decode()
    assert '<link rel="alternate" hreflang="fr" href="http://testserver/fr/accessibilite/">' in html
    assert '<a href="/fr/accessibilite/" hreflang="fr" lang="fr">' in html
    html = client.get(STATEMENT["fr"]).content.decode()
    assert 'hreflang="de" href="http://testserver/de/barrierefreiheit/">' in html

    # Without a live counterpart the switcher says "not yet translated", as elsewhere.
    statement("fr").unpublish()
    html = client.get(STATEMENT["de"]).content.decode()
    assert 'hreflang="fr" href="http://testserver/fr/accessibilite/"' not in html


def count(client, path):
    assert client.get(path).status_code == 200  # builds the chrome and the renditions
    with counted_queries() as queries:
        assert client.get(path).status_code == 200
    return len(queries)


@pytest.mark.parametrize("path", ["/de/", "/fr/", "/de/kontakt/", "/fr/protection-des-donnees/"])
def test_the_line_costs_no_query_once_the_chrome_is_built(client, demo, settings, path):
    settings.CACHE_MIDDLEWARE_SECONDS = 0  # render every time, as for a signed-in editor
    with_statements = count(client, path)
    Page.objects.type(AccessibilityStatementPage).delete()
    client.get("/de/")  # the chrome is built again, now without a statement
    without = count(client, path)
    assert with_statements == without
