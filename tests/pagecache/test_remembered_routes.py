"""A path's way down the page tree is remembered, and forgotten whenever the tree changes.

pagecache/routing.py keeps, in the page cache's store, which page a path led to,
whether that page was public, and which site a host name belongs to.
Visitors must never notice: every change to the tree, to a page's privacy or
to a site answers at once, in both languages, exactly as Wagtail's own walk
would.
"""

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction, Site

from partnership.models import DelegationReportPage, WorkshopIndexPage, WorkshopPage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]


def first_report(demo, language):
    locale = getattr(demo, language)
    return DelegationReportPage.objects.live().filter(locale=locale).order_by("path").first()


def page_queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return [
        q["sql"]
        for q in captured.captured_queries
        if '"wagtailcore_page"' in q["sql"] and not q["sql"].startswith(("SAVEPOINT", "RELEASE"))
    ]


@pytest.mark.parametrize("language", ["de", "fr"])
def test_the_second_visit_finds_the_page_with_one_query_less_per_level(editor, demo, language):
    report = first_report(demo, language)
    first = page_queries(editor, report.url)
    second = page_queries(editor, report.url)
    # Wagtail's walk: the section and the report, each by slug and then by type.
    assert sum('"slug" = ' in sql for sql in first) == 2
    assert not any('"slug" = ' in sql for sql in second)
    assert len(second) < len(first)


@pytest.mark.parametrize("language", ["de", "fr"])
def test_routes_below_a_page_still_answer(editor, demo, language):
    report = first_report(demo, language)
    section = report.get_parent()
    for _visit in range(2):
        assert editor.get(report.url + "email.txt").status_code == 200
        assert editor.get(report.url + "bilingual/").status_code == 200
        feed = editor.get(section.url + "feed/")
        assert feed.status_code == 200
        assert feed["Content-Type"].startswith("application/rss+xml")
        assert editor.get(report.url + "no-such-route/").status_code == 404


def test_a_new_slug_moves_the_page_at_once(editor, demo):
    report = first_report(demo, "de")
    old_url = report.url
    assert editor.get(old_url).status_code == 200
    report.slug = "ein-neuer-name"
    report.save_revision().publish()
    report.refresh_from_db()
    assert report.url.endswith("/ein-neuer-name/")
    assert editor.get(report.url).status_code == 200
    assert editor.get(old_url).status_code in (301, 302, 404)  # Wagtail's redirect, if any


def test_unpublished_and_deleted_pages_are_gone_at_once(editor, client, demo):
    workshop = WorkshopPage.objects.live().filter(locale=demo.fr).order_by("path").first()
    url = workshop.url
    assert editor.get(url).status_code == 200
    workshop.unpublish()
    assert editor.get(url).status_code == 404

    section = WorkshopIndexPage.objects.get(locale=demo.de)
    child = section.get_children().live().first()
    child_url = child.url
    assert editor.get(child_url).status_code == 200
    child.delete()
    assert editor.get(child_url).status_code == 404


def test_paths_that_lead_nowhere_stay_404(editor, demo):
    for _visit in range(2):
        assert editor.get("/de/delegationsreisen/gibt-es-nicht/").status_code == 404
        assert editor.get("/fr/nulle-part/").status_code == 404


def test_nothing_is_remembered_while_the_page_cache_is_off(editor, demo):
    report = first_report(demo, "de")
    with override_settings(CACHE_MIDDLEWARE_SECONDS=0):
        page_queries(editor, report.url)
        again = page_queries(editor, report.url)
    assert sum('"slug" = ' in sql for sql in again) == 2


def test_the_site_and_the_privacy_are_read_once(editor, demo):
    report = first_report(demo, "fr")
    with CaptureQueriesContext(connection) as first:
        editor.get(report.url)
    with CaptureQueriesContext(connection) as second:
        assert editor.get(report.url).status_code == 200
    for table in ("wagtailcore_site", "wagtailcore_pageviewrestriction"):
        assert any(table in q["sql"] for q in first.captured_queries)
        assert not any(table in q["sql"] for q in second.captured_queries)


@pytest.mark.parametrize("language", ["de", "fr"])
def test_privacy_set_above_a_remembered_page_applies_at_once(client, demo, language):
    report = first_report(demo, language)
    assert client.get(report.url + "?visit=1").status_code == 200  # remembered as public
    section = report.get_parent()
    restriction = PageViewRestriction.objects.create(
        page=section, restriction_type=PageViewRestriction.LOGIN
    )
    for visit in (2, 3):  # Wagtail's walk, then the remembered route
        response = client.get(f"{report.url}?visit={visit}")
        assert response.status_code == 302
        assert "/login/" in response["Location"]
    restriction.delete()
    assert client.get(report.url + "?visit=4").status_code == 200


def test_a_password_protected_page_stays_protected_on_its_remembered_route(client, demo):
    report = first_report(demo, "de")
    PageViewRestriction.objects.create(
        page=report, restriction_type=PageViewRestriction.PASSWORD, password="naumburg"
    )
    for visit in (1, 2):
        response = client.get(f"{report.url}?visit={visit}")
        assert response.status_code == 200
        assert 'name="password"' in response.text
        assert report.summary not in response.text


def test_a_changed_site_is_seen_at_once(editor, demo):
    report = first_report(demo, "de")
    assert editor.get(report.url).status_code == 200
    site = Site.objects.get(is_default_site=True)
    site.hostname = "jumelage.example.org"
    site.is_default_site = False
    site.save()
    assert editor.get(report.url).status_code == 404  # no site answers to testserver now
    site.is_default_site = True
    site.save()
    assert editor.get(report.url).status_code == 200
