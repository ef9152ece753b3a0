"""A publish expires only what shows the page; every other cached page keeps answering at once.

pagecache/cache.py gives new generation tokens (pagecache/generations.py) to the
page in both languages, the pages above it, the answers that are not one
page's (search), and the pages that link to it; a snippet's change goes to the
pages that use it. Query strings and sub-routes need no listing: they all hold
their page's token.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from exhibitions.models import ExhibitionIndexPage, ExhibitionPage
from partnership.models import (
    DelegationReportIndexPage,
    DelegationReportPage,
    PartnerCity,
    WorkshopPage,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]

NEW_TITLE = "Construire ensemble, édition revue"


@pytest.fixture
def report(demo):
    """The French delegation report; the French exhibition "Instants partagés" links to it."""
    return DelegationReportPage.objects.live().get(locale=demo.fr)


@pytest.fixture
def unrelated(demo):
    """A French workshop: nothing about it shows the report."""
    return WorkshopPage.objects.live().get(locale=demo.fr, slug="grandir-ensemble-hildesheim-2025")


def rendered(client, url):
    """The answer, and whether it was rendered (it asked the database) rather than kept."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return response, bool(captured.captured_queries)


def publish_new_title(page, title=NEW_TITLE):
    page.title = title
    page.save_revision().publish()


def test_an_unrelated_page_answers_from_the_cache_right_after_a_publish(
    client, report, unrelated, django_assert_num_queries
):
    kept = client.get(unrelated.url)
    publish_new_title(report)
    with django_assert_num_queries(0):
        again = client.get(unrelated.url)
    assert again.content == kept.content
    assert NEW_TITLE in client.get(report.url).text


def test_every_query_string_and_route_of_the_page_and_its_index_is_refreshed(client, report):
    index = report.get_parent()
    urls = [
        report.url,
        report.url + "?utm_source=newsletter",
        report.url + "bilingual/",
        index.url,
        index.url + "?page=2",
        index.url + "?year=2025",
        index.url + "feed/",
    ]
    for url in urls:
        assert NEW_TITLE not in client.get(url).text
    publish_new_title(report)
    for url in urls:
        response, was_rendered = rendered(client, url)
        assert was_rendered, url
        assert NEW_TITLE in response.content.decode(), url


def test_the_home_pages_search_and_a_page_linking_to_it_are_refreshed(client, report, demo):
    linking = ExhibitionPage.objects.live().get(locale=demo.fr, slug="instants-partages")
    search = "/fr/recherche/?q=construire"
    urls = ["/fr/", "/de/", search, linking.url]
    for url in urls:
        rendered(client, url)
    assert not rendered(client, linking.url)[1]  # kept

    publish_new_title(report)
    for url in urls:
        assert rendered(client, url)[1], url
    assert NEW_TITLE in client.get("/fr/").text
    assert NEW_TITLE in client.get(linking.url).text
    assert NEW_TITLE in client.get(search).text


def test_the_translation_is_refreshed(client, report, demo):
    german = report.get_translation(demo.de)
    assert f"http://testserver{german.url}" in client.get(report.url).text
    german.slug = "zukunft-gemeinsam-gestalten"
    german.save_revision().publish()
    german.refresh_from_db()
    html = client.get(report.url).text
    assert f'hreflang="de" href="http://testserver{german.url}"' in html
    assert "zukunft-gemeinsam-gestalten" in german.url


def test_unpublishing_refreshes_what_showed_it_and_nothing_else(
    client, report, unrelated, demo, django_assert_num_queries
):
    index = report.get_parent()
    kept = client.get(unrelated.url)
    assert escape(report.title) in client.get(index.url).text
    assert escape(report.title) in client.get("/fr/").text
    report.unpublish()
    assert client.get(report.url).status_code == 404
    assert report.url not in client.get(index.url).text
    assert report.url not in client.get("/fr/").text
    with django_assert_num_queries(0):
        assert client.get(unrelated.url).content == kept.content


def test_moving_refreshes_both_places_and_nothing_else(
    client, report, unrelated, demo, django_assert_num_queries
):
    old_index = report.get_parent()
    new_index = ExhibitionIndexPage.objects.get(locale=demo.fr)
    old_url = report.url
    kept = client.get(unrelated.url)
    assert old_url in client.get(old_index.url).text
    client.get(old_url)
    report.move(new_index, pos="last-child")
    report.refresh_from_db()
    assert old_url not in client.get(old_index.url).text
    moved = client.get(old_url)
    assert moved.status_code == 301  # Wagtail's redirect, not the kept page
    assert moved["Location"] == report.url
    assert client.get(report.url).status_code == 200
    with django_assert_num_queries(0):
        assert client.get(unrelated.url).content == kept.content


def test_a_changed_snippet_refreshes_the_pages_that_use_it(
    client, report, demo, django_assert_num_queries
):
    german_workshop = WorkshopPage.objects.live().get(
        locale=demo.de, slug="gemeinsam-wachsen-hildesheim-2025"
    )
    index = DelegationReportIndexPage.objects.get(locale=demo.fr)
    for url in (report.url, index.url, german_workshop.url):
        client.get(url)
    kept = client.get(german_workshop.url)
    city = PartnerCity.objects.get(locale=demo.fr, name="Les Ulis")
    city.name = "Les Ulis (Essonne)"
    city.save()
    assert "Les Ulis (Essonne)" in client.get(report.url).text
    assert "Les Ulis (Essonne)" in client.get(index.url).text
    with django_assert_num_queries(0):  # a German page: the French town is not on it
        assert client.get(german_workshop.url).content == kept.content


def test_a_new_menu_title_refreshes_every_page_of_the_language(client, report, unrelated):
    index = report.get_parent().specific
    assert index.title in client.get(unrelated.url).text
    publish_new_title(index, "Toutes les délégations")
    assert f'<a href="{index.url}">Toutes les délégations</a>' in client.get(unrelated.url).text
    html = client.get(report.url).text  # its breadcrumbs and menu entry
    assert f'<a href="{index.url}" aria-current="page">Toutes les délégations</a>' in html


def test_a_body_change_of_a_menu_page_keeps_the_other_pages(
    client, report, unrelated, django_assert_num_queries
):
    index = report.get_parent().specific
    kept = client.get(unrelated.url)
    index.save_revision().publish()  # the same title, place and menu setting
    with django_assert_num_queries(0):
        assert client.get(unrelated.url).content == kept.content
    assert rendered(client, index.url)[1]
