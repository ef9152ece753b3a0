"""Anonymous visitors get cached pages; any change shows at once, in both languages."""

import pytest

from home.models import SiteIdentity
from partnership.models import DelegationReportIndexPage, DelegationReportPage, PartnerCity

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]


@pytest.fixture
def report(demo):
    return DelegationReportPage.objects.live().get(locale=demo.fr)


def test_a_second_anonymous_visit_costs_no_query(client, report, django_assert_num_queries):
    first = client.get(report.url)
    assert first.status_code == 200
    assert "max-age=300" in first["Cache-Control"]
    with django_assert_num_queries(0):
        second = client.get(report.url)
    assert second.content == first.content


def test_saving_a_draft_keeps_the_cache(client, report, django_assert_num_queries):
    """Editors' autosaves and saved drafts change nothing visitors see."""
    first = client.get(report.url)
    report.title = "Un brouillon pas encore publié"
    report.save_revision()
    with django_assert_num_queries(0):
        second = client.get(report.url)
    assert second.content == first.content
    report.save_revision().publish()
    assert "Un brouillon pas encore publié" in client.get(report.url).text


def test_publishing_shows_in_both_languages_at_once(client, report, demo):
    german = report.get_translation(demo.de)
    client.get(report.url)
    client.get("/de/")
    report.title = "Un titre tout neuf"
    report.save_revision().publish()
    assert "Un titre tout neuf" in client.get(report.url).text
    assert "Un titre tout neuf" in client.get("/fr/").text
    german.title = "Ein ganz neuer Titel"
    german.save_revision().publish()
    assert "Ein ganz neuer Titel" in client.get("/de/").text


def test_unpublishing_removes_the_page_and_its_links(client, report, demo):
    german = report.get_translation(demo.de)
    client.get(report.url)
    assert f'hreflang="fr" href="http://testserver{report.url}"' in client.get(german.url).text
    report.unpublish()
    assert client.get(report.url).status_code == 404
    assert f'hreflang="fr" href="http://testserver{report.url}"' not in client.get(german.url).text


def test_deleting_and_moving_are_seen_at_once(client, demo):
    index = DelegationReportIndexPage.objects.get(locale=demo.de)
    german_only = [p for p in index.get_children().specific() if not p.has_translation(demo.fr)][0]
    assert german_only.title in client.get(index.url).text
    german_only.delete()
    assert german_only.title not in client.get(index.url).text

    report = DelegationReportPage.objects.live().get(locale=demo.de)
    old_url = report.url
    assert client.get(old_url).status_code == 200
    report.move(demo.home_de, pos="last-child")
    report.refresh_from_db()
    moved = client.get(old_url)  # Wagtail's automatic redirect, not the cached page
    assert moved.status_code == 301
    assert moved["Location"] == report.url


def test_changed_shared_records_show_at_once(client, demo):
    assert "centre du bénévolat de Naumburg" in client.get("/fr/").text
    identity = SiteIdentity.objects.get(locale=demo.fr)
    identity.organisation = "Maison du jumelage"
    identity.save()
    assert "Maison du jumelage" in client.get("/fr/").text
    city = PartnerCity.objects.filter(locale=demo.fr).first()
    city.name = "Ville renommée"
    city.save()
    assert "Ville renommée" in client.get("/fr/").text


def test_signed_in_editors_are_never_served_or_stored_in_the_cache(client, report):
    from django.contrib.auth import get_user_model

    anonymous = client.get(report.url)
    client.force_login(get_user_model().objects.get(username="lesulis"))
    signed_in = client.get(report.url)
    assert "private" in signed_in["Cache-Control"]
    assert signed_in.content != anonymous.content  # the user bar is there
    client.logout()
    assert client.get(report.url).content == anonymous.content


def test_editors_see_a_changed_header_menu_and_footer_at_once(
    client, report, demo, django_user_model
):
    """Rendered pages keep the chrome in the page cache's store; changes empty it too."""
    client.force_login(django_user_model.objects.get(username="lesulis"))
    index = DelegationReportIndexPage.objects.get(locale=demo.fr)
    first = client.get(report.url)
    assert "private" in first["Cache-Control"]
    assert f'<a href="{index.url}" aria-current="page">{index.title}</a>' in first.text

    identity = SiteIdentity.objects.get(locale=demo.fr)
    identity.site_name = "Jumelage renommé"
    identity.organisation = "Maison du jumelage"
    identity.save()
    html = client.get("/fr/").text
    assert '<a class="site-name" href="/fr/">Jumelage renommé</a>' in html
    assert "<strong>Maison du jumelage</strong>" in html
    assert f'<a href="{index.url}">{index.title}</a>' in html  # not the current section here

    index.title = "Toutes les délégations"
    index.save_revision().publish()
    html = client.get(report.url).text
    assert f'<a href="{index.url}" aria-current="page">Toutes les délégations</a>' in html
    assert "Jumelage renommé" not in client.get("/de/").text


def test_making_a_page_private_takes_it_out_of_the_cache_at_once(client, report, demo):
    """Set through the admin's privacy dialog, as an editor does it."""
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    section = report.get_parent()
    assert client.get(report.url).status_code == 200  # now in the cache
    editor = Client()
    editor.force_login(get_user_model().objects.get(username="admin"))
    url = reverse("wagtailadmin_pages:set_privacy", args=[section.pk])
    assert editor.post(url, {"restriction_type": "login"}).status_code == 200
    assert section.get_view_restrictions().exists()

    response = client.get(report.url)
    assert response.status_code == 302
    assert "/login/" in response["Location"]

    assert editor.post(url, {"restriction_type": "none"}).status_code == 200
    assert client.get(report.url).status_code == 200


def test_the_store_is_emptied_again_when_a_change_commits(
    client, report, django_capture_on_commit_callbacks
):
    """Requests are atomic: until the change commits, others still read the old state.

    A page served in that gap is kept again, as it was: public. The commit
    must empty the store once more.
    """
    from django.conf import settings
    from django.core.cache import caches
    from wagtail.models import PageViewRestriction

    store = caches[settings.CACHE_MIDDLEWARE_ALIAS]
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=report, restriction_type=PageViewRestriction.LOGIN)
        assert client.get(report.url + "?in-the-gap").status_code == 302
        store.set("kept-in-the-gap", "the page as it was", 300)
    assert store.get("kept-in-the-gap") is None
    assert client.get(report.url).status_code == 302
