"""Each editor's user bar is rendered once per page, and follows their rights and language at once.

Wagtail's user bar costs three queries and most of an editor's render time.
home/templates/base.html keeps it in the fragment cache per editor and page, and
pagecache/cache.py empties that cache whenever what an editor may do, or the
language of their admin, changes. An editor must never see another editor's
bar, nor an "Edit" link to a page they may no longer edit.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import GroupPagePermission
from wagtail.users.models import UserProfile

from partnership.models import DelegationReportPage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]

EDIT = {"de": "Diese Seite bearbeiten", "fr": "Modifier cette page"}
ADMIN = {"de": "Zum Wagtail Admin-Interface", "fr": "Aller sur l’administration de Wagtail"}


@pytest.fixture
def login():
    def login(username):
        client = Client()
        client.force_login(get_user_model().objects.get(username=username))
        return client

    return login


@pytest.fixture
def german_report(demo):
    return DelegationReportPage.objects.live().filter(locale=demo.de).order_by("path").first()


def edit_link(page, host="testserver"):
    return f'href="//{host}{reverse("wagtailadmin_pages:edit", args=[page.pk])}"'


def test_each_editor_gets_their_own_bar_in_their_own_language(login, german_report):
    naumburg, lesulis = login("naumburg"), login("lesulis")
    for _visit in range(2):
        mine = naumburg.get(german_report.url).text
        theirs = lesulis.get(german_report.url).text
        assert "<wagtail-userbar" in mine and "<wagtail-userbar" in theirs
        # Naumburg edits its German pages; Les Ulis may read them but not edit them.
        assert edit_link(german_report) in mine
        assert EDIT["de"] in mine and ADMIN["de"] in mine
        assert edit_link(german_report) not in theirs
        assert EDIT["de"] not in theirs and EDIT["fr"] not in theirs
        assert ADMIN["fr"] in theirs and ADMIN["de"] not in theirs


def test_the_second_visit_renders_no_user_bar(login, german_report):
    naumburg = login("naumburg")
    first = naumburg.get(german_report.url)
    with CaptureQueriesContext(connection) as captured:
        second = naumburg.get(german_report.url)
    assert second.content == first.content
    assert not [q for q in captured.captured_queries if "wagtailusers_userprofile" in q["sql"]]


def test_visitors_get_no_user_bar(client, german_report):
    for _visit in range(2):
        assert "<wagtail-userbar" not in client.get(german_report.url + "?fresh").text


def test_rights_given_and_taken_show_at_once(login, demo, german_report):
    lesulis = login("lesulis")
    user = get_user_model().objects.get(username="lesulis")
    naumburg_team = Group.objects.get(name="Redaktion Naumburg")
    assert edit_link(german_report) not in lesulis.get(german_report.url).text

    user.groups.add(naumburg_team)
    assert edit_link(german_report) in lesulis.get(german_report.url).text
    user.groups.remove(naumburg_team)
    assert edit_link(german_report) not in lesulis.get(german_report.url).text

    own_team = Group.objects.get(name="Rédaction Les Ulis")
    permission = GroupPagePermission.objects.create(
        group=own_team, page=demo.home_de, permission_type="change"
    )
    assert edit_link(german_report) in lesulis.get(german_report.url).text
    permission.delete()
    assert edit_link(german_report) not in lesulis.get(german_report.url).text

    user.is_superuser = True
    user.save()
    assert edit_link(german_report) in lesulis.get(german_report.url).text
    user.is_superuser = False
    user.save()
    assert edit_link(german_report) not in lesulis.get(german_report.url).text


def test_rights_given_by_the_group_form_and_taken_with_the_group_show_at_once(
    login, demo, german_report
):
    """Wagtail's group form writes page permissions with bulk_create, then saves the group."""
    lesulis = login("lesulis")
    own_team = Group.objects.get(name="Rédaction Les Ulis")
    assert edit_link(german_report) not in lesulis.get(german_report.url).text
    change = Permission.objects.get(content_type__app_label="wagtailcore", codename="change_page")
    GroupPagePermission.objects.bulk_create(
        [GroupPagePermission(group=own_team, page=demo.home_de, permission=change)]
    )
    own_team.save()
    assert edit_link(german_report) in lesulis.get(german_report.url).text

    naumburg = login("naumburg")
    assert edit_link(german_report) in naumburg.get(german_report.url).text
    Group.objects.get(name="Redaktion Naumburg").delete()
    html = naumburg.get(german_report.url).text
    assert edit_link(german_report) not in html
    assert "<wagtail-userbar" not in html  # no group, no admin access: no bar at all


def test_each_host_name_gets_links_to_itself(login, german_report, settings):
    settings.ALLOWED_HOSTS = ["testserver", "jumelage.example.org"]
    naumburg = login("naumburg")
    for _visit in range(2):
        assert edit_link(german_report) in naumburg.get(german_report.url).text
        other = naumburg.get(german_report.url, HTTP_HOST="jumelage.example.org").text
        assert edit_link(german_report, "jumelage.example.org") in other


def test_a_new_admin_language_shows_at_once(login, german_report):
    naumburg = login("naumburg")
    assert EDIT["de"] in naumburg.get(german_report.url).text
    profile = UserProfile.get_for_user(get_user_model().objects.get(username="naumburg"))
    profile.preferred_language = "fr"
    profile.save()
    html = naumburg.get(german_report.url).text
    assert EDIT["fr"] in html
    assert EDIT["de"] not in html


def test_signing_in_keeps_the_cache(login, client, german_report):
    """Each sign-in saves the user's last_login: that must not cost every visitor a render."""
    client.get(german_report.url)
    with CaptureQueriesContext(connection) as captured:
        login("naumburg")
        assert client.get(german_report.url).status_code == 200
    assert not [q for q in captured.captured_queries if '"wagtailcore_page"' in q["sql"]]
