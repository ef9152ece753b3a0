"""The header link to the easy-read page, the switcher and hreflang between the two pages."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from partnership.models import DelegationReportPage

pytestmark = pytest.mark.django_db

HEADER_LINK = re.compile(
    r'<a class="easy-read-link" href="([^"]+)" lang="(\w+)"[^>]*>.*?</svg>([^<]+)</a>'
)


def header_link(html):
    header = html[html.index('<header class="site-header">') : html.index("</header>")]
    match = HEADER_LINK.search(header)
    return match and match.groups()


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/de/", ("/de/leichte-sprache/", "de", "Leichte Sprache")),
        ("/fr/", ("/fr/facile-a-lire/", "fr", "FALC")),
        ("/de/suche/?q=Naumburg", ("/de/leichte-sprache/", "de", "Leichte Sprache")),
        ("/fr/recherche/?q=Naumburg", ("/fr/facile-a-lire/", "fr", "FALC")),
    ],
)
def test_every_page_links_to_its_language_easy_read_page(client, easy, path, expected):
    response = client.get(path)
    assert response.status_code == 200
    assert header_link(response.text) == expected


@pytest.mark.parametrize("language", ["de", "fr"])
def test_content_pages_and_the_404_page_have_the_link(client, easy, demo, language):
    locale = getattr(demo, language)
    report = DelegationReportPage.objects.live().filter(locale=locale).first()
    link = header_link(client.get(report.url).text)
    assert link[0] == getattr(easy, language).url
    missing = client.get(f"/{language}/gibt-es-nicht/")
    assert missing.status_code == 404
    assert header_link(missing.text)[0] == getattr(easy, language).url


def test_the_link_is_marked_current_on_the_easy_read_page(client, easy):
    html = client.get(easy.de.url).text
    assert (
        'class="easy-read-link" href="/de/leichte-sprache/" lang="de" aria-current="page"' in html
    )


def test_without_a_live_easy_read_page_there_is_no_link(client, easy):
    easy.fr.unpublish()
    assert header_link(client.get("/fr/").text) is None
    # The German site keeps its own.
    assert header_link(client.get("/de/").text)[0] == "/de/leichte-sprache/"


def test_the_start_page_is_the_first_one_under_home(client, easy, demo):
    """A second easy-read page further down the tree does not take the link."""
    from easyread.models import EasyReadPage

    easy.de.add_child(instance=EasyReadPage(title="Mehr", slug="mehr", locale=demo.de))
    assert header_link(client.get("/de/").text)[0] == "/de/leichte-sprache/"


@pytest.mark.parametrize("language", ["de", "fr"])
def test_switcher_and_hreflang_lead_to_the_counterpart(client, easy, language):
    page, other = (easy.de, easy.fr) if language == "de" else (easy.fr, easy.de)
    html = client.get(page.url).text
    base = "http://testserver"
    assert f'<link rel="alternate" hreflang="de" href="{base}{easy.de.url}">' in html
    assert f'<link rel="alternate" hreflang="fr" href="{base}{easy.fr.url}">' in html
    assert f'<link rel="alternate" hreflang="x-default" href="{base}{easy.de.url}">' in html
    assert f'<a href="{other.url}" hreflang="{other.locale.language_code}"' in html
    assert "not-translated" not in html and "nicht-uebersetzt" not in html


def test_either_page_may_name_the_other(client, easy):
    """The demo names the German page on the French one; the German page finds it back."""
    assert easy.de.counterpart is None
    assert easy.fr.counterpart == easy.de
    assert easy.de.language_counterpart() == easy.fr
    assert easy.fr.language_counterpart() == easy.de


def test_without_a_counterpart_the_switcher_says_not_translated(client, easy):
    easy.fr.counterpart = None
    easy.fr.save_revision().publish()
    html = client.get(easy.de.url).text
    assert 'hreflang="fr"' not in html.split("</head>")[0]
    with translation.override("fr"):
        not_translated = reverse("not_translated", args=[easy.de.pk])
    assert f'<a href="{not_translated}" hreflang="fr"' in html


def queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


@pytest.mark.parametrize("path", ["/de/", "/fr/"])
def test_the_link_costs_no_query(client, easy, path, settings):
    """The link comes with the menu's query: the home page costs the same without it.

    Both with the chrome freshly built (first visit) and kept (second visit), the
    page cache off so that the page itself is rendered each time.
    """
    settings.CACHE_MIDDLEWARE_SECONDS = 0
    client.get(path)  # renditions
    from django.core.cache import caches

    def cold_and_warm():
        for alias in caches:
            caches[alias].clear()
        return queries(client, path), queries(client, path)

    with_link = cold_and_warm()
    easy.de.unpublish()
    easy.fr.unpublish()
    without_link = cold_and_warm()
    assert header_link(client.get(path).text) is None
    assert with_link == without_link


def test_the_sitemap_pairs_the_two_pages(client, easy):
    import xml.etree.ElementTree as ET

    ns = {
        "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
        "xhtml": "http://www.w3.org/1999/xhtml",
    }
    root = ET.fromstring(client.get("/sitemap.xml").content)
    alternates = {}
    for url in root.findall("sm:url", ns):
        alternates[url.find("sm:loc", ns).text] = {
            link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", ns)
        }
    expected = {
        "de": f"http://testserver{easy.de.url}",
        "fr": f"http://testserver{easy.fr.url}",
        "x-default": f"http://testserver{easy.de.url}",
    }
    assert alternates[f"http://testserver{easy.de.url}"] == expected
    assert alternates[f"http://testserver{easy.fr.url}"] == expected
