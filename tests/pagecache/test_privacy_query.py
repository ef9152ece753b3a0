"""Which pages a privacy setting covers, asked inside the query that lists them.

``under_restriction()`` (pagecache/privacy.py) is a subquery of fixed text that
every listing, switcher and detail route holds. It must say what Wagtail's own
check says for each page: a restriction on the page or a page above it, and for
an alias, one on its original. The privacy is set through Wagtail's admin.
"""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction

from pagecache.privacy import under_restriction
from partnership.models import DelegationReportIndexPage, DelegationReportPage, WorkshopIndexPage
from tests.security.helpers import visible

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_admin(demo):
    admin = Client()
    admin.force_login(get_user_model().objects.get(username="admin"))
    return admin


def set_privacy(admin, page, kind=PageViewRestriction.PASSWORD):
    """Wagtail's privacy dialog, as an editor submits it."""
    url = reverse("wagtailadmin_pages:set_privacy", args=[page.pk])
    response = admin.post(url, {"restriction_type": kind, "password": "nur-fuer-mitglieder"})
    assert response.status_code == 200, response.content[:300]


def covered_by_wagtail(page):
    """Wagtail's own answer: ``Page.get_view_restrictions()`` of the generic page."""
    return Page.get_view_restrictions(page).exists()


@pytest.fixture
def german_reports(demo):
    index = DelegationReportIndexPage.objects.get(locale=demo.de)
    reports = list(DelegationReportPage.objects.child_of(index).live().order_by("path"))
    assert len(reports) >= 2, "the demo has at least two German delegation reports"
    return index, reports


def test_the_subquery_says_what_wagtail_says_for_every_page(demo, site_admin, german_reports):
    index, (first, second, *_) = german_reports
    elsewhere = WorkshopIndexPage.objects.get(locale=demo.fr)
    alias = second.create_alias(parent=elsewhere, update_slug=f"{second.slug}-alias")
    set_privacy(site_admin, second)
    # A section restricted too: it covers its reports, and none of them is an alias.
    french_section = DelegationReportIndexPage.objects.get(locale=demo.fr)
    set_privacy(site_admin, french_section, PageViewRestriction.LOGIN)

    answers = {page.pk: page.private for page in Page.objects.annotate(private=under_restriction())}
    for page in Page.objects.all():
        assert answers[page.pk] == covered_by_wagtail(page), page.url_path
    assert answers[second.pk] and answers[alias.pk] and not answers[first.pk]
    assert not answers[elsewhere.pk]
    public = set(Page.objects.exclude(under_restriction()).values_list("pk", flat=True))
    assert public == {pk for pk, private in answers.items() if not private}


def test_an_alias_of_a_private_report_is_neither_listed_nor_shown(
    client, demo, site_admin, german_reports
):
    index, (first, second, *_) = german_reports
    alias = second.create_alias(parent=index, update_slug=f"{second.slug}-kopie")
    listed = client.get(index.url)
    assert listed.status_code == 200
    assert alias.url in listed.content.decode()

    set_privacy(site_admin, second)

    listed = client.get(index.url)
    assert listed.status_code == 200
    html = listed.content.decode()
    assert alias.url not in html and second.url not in html
    assert first.title in visible(listed)
    for page in (second, alias):
        response = client.get(page.url)
        assert response.status_code == 200
        assert "Passwort" in visible(response), page.url  # Wagtail's password form, in German
        assert page.specific.summary not in visible(response)
