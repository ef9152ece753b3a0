"""The switcher's fallback for untranslated pages, the sitemap and robots.txt."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone
from django.utils.html import escape

from partnership.models import DelegationReportIndexPage, DelegationReportPage

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


@pytest.fixture
def german_only(demo):
    return next(
        page
        for page in DelegationReportPage.objects.live().filter(locale=demo.de)
        if not page.has_translation(demo.fr)
    )


def switcher_link(html, language):
    return re.search(rf'<a href="([^"]+)" hreflang="{language}"', html)[1]


def test_switcher_on_an_untranslated_page_leads_to_the_explanation(client, demo, german_only):
    html = client.get(german_only.url).text
    link = switcher_link(html, "fr")
    assert link == f"/fr/pas-encore-traduit/{german_only.pk}/"

    response = client.get(link)
    assert response.status_code == 200
    page = response.text
    assert '<html lang="fr">' in page
    assert '<meta name="robots" content="noindex">' in page
    assert "Cette page n'est pas encore traduite" in escape_free(page)
    # The original, marked as German, and the French section to browse instead.
    assert f'href="{german_only.url}" hreflang="de"' in page
    assert f'<span lang="de">{escape(german_only.title)}</span>' in page
    french_section = DelegationReportIndexPage.objects.get(locale=demo.fr)
    assert f'<a href="{french_section.url}">{escape(french_section.title)}</a>' in page


def escape_free(html):
    return html.replace("&#x27;", "'")


def test_the_explanation_redirects_once_the_translation_is_live(client, demo):
    report = DelegationReportPage.objects.live().filter(locale=demo.de).first()
    french = report.get_translation(demo.fr)
    response = client.get(f"/fr/pas-encore-traduit/{report.pk}/")
    assert response.status_code == 302
    assert response["Location"] == french.url


def test_the_explanation_in_german_for_a_french_page(client, demo, german_only):
    response = client.get(f"/de/noch-nicht-uebersetzt/{german_only.pk}/")
    assert response.status_code == 302  # the page is German: go straight to it
    assert response["Location"] == german_only.url


@pytest.mark.parametrize("page_id", ["999999", "1"])
def test_the_explanation_for_unknown_or_unpublished_pages_is_a_404(client, demo, page_id):
    assert client.get(f"/fr/pas-encore-traduit/{page_id}/").status_code == 404


def test_unpublished_pages_get_no_explanation(client, demo, german_only):
    german_only.unpublish()
    assert client.get(f"/fr/pas-encore-traduit/{german_only.pk}/").status_code == 404


def test_sitemap_covers_both_trees_with_alternates(client, demo, german_only):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    entries = {}
    for url in root.findall("sm:url", NS):
        loc = url.find("sm:loc", NS).text
        alternates = {
            link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", NS)
        }
        entries[loc] = (url.find("sm:lastmod", NS).text, alternates)

    assert "http://testserver/de/" in entries and "http://testserver/fr/" in entries
    assert (
        len([loc for loc in entries if "/fr/" in loc])
        == len([loc for loc in entries if "/de/" in loc]) - 1
    )  # the German-only page
    report = DelegationReportPage.objects.live().get(locale=demo.fr)
    lastmod, alternates = entries[f"http://testserver{report.url}"]
    # The sitemap writes the day in the site's time zone (TIME_ZONE), as visitors read it.
    assert lastmod == timezone.localdate(report.last_published_at).isoformat()
    german = report.get_translation(demo.de)
    assert alternates == {
        "de": f"http://testserver{german.url}",
        "fr": f"http://testserver{report.url}",
        "x-default": f"http://testserver{german.url}",
    }
    assert entries[f"http://testserver{german_only.url}"][1] == {}


def test_sitemap_leaves_out_unpublished_pages(client, demo, german_only):
    german_only.unpublish()
    assert german_only.url_path.split("/")[-2] not in client.get("/sitemap.xml").text


def test_robots_txt_points_at_the_sitemap(client, demo):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.text
    assert "Disallow: /admin/" in response.text
    assert "Disallow: /fr/recherche/" in response.text
