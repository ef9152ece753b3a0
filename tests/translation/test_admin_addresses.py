"""Admin addresses never fall into the public site: the admin's 404 and JSON errors from its API.

Over HTTP, for both town editors (German and French admin).
"""

import html
import json

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from wagtail.models import Page

from partnership.models import DelegationRelatedPage, DelegationReportPage, WorkshopIndexPage
from tests.factories import WorkshopPageFactory

pytestmark = pytest.mark.django_db

ADMIN_404 = {"naumburg": "Fehler 404", "lesulis": "Erreur 404"}
API_404 = {
    "naumburg": "Diese Seite gibt es nicht, oder Sie dürfen sie nicht sehen.",
    "lesulis": "Cette page n'existe pas, ou vous n'avez pas le droit de la voir.",
}
LANGUAGE = {"naumburg": "de", "lesulis": "fr"}
EDITORS = ["naumburg", "lesulis"]


@pytest.mark.parametrize("username", EDITORS)
@pytest.mark.parametrize(
    "path", ["/admin/reports/", "/admin/nichts/da/", "/admin/pages/999999/edit/"]
)
def test_an_unknown_admin_address_is_the_admins_404_in_the_admin_language(login, username, path):
    # The browser asks for the other language: the editor's admin language wins.
    other = "fr" if LANGUAGE[username] == "de" else "de"
    response = login(username).get(path, HTTP_ACCEPT_LANGUAGE=other)
    assert response.status_code == 404
    assert "Location" not in response
    assert response["Content-Language"] == LANGUAGE[username]
    text = html.unescape(response.content.decode())
    assert f'<html lang="{LANGUAGE[username]}"' in text
    assert ADMIN_404[username] in text
    assert 'href="/admin/"' in text  # the admin's own way back, not the public site's


@pytest.mark.parametrize("username", EDITORS)
def test_a_missing_page_in_the_admin_api_is_a_json_404(login, username):
    response = login(username).get("/admin/api/main/pages/999999/")
    assert response.status_code == 404
    assert "Location" not in response
    assert response["Content-Type"] == "application/json"
    assert response.json()["message"] == API_404[username]


@pytest.mark.parametrize("ajax", [{}, {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}])
def test_the_admin_api_answers_401_in_json_when_not_signed_in(demo, ajax):
    visitor = Client(HTTP_ACCEPT_LANGUAGE="fr")
    response = visitor.get(f"/admin/api/main/pages/{demo.home_fr.pk}/", **ajax)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "message": "Connectez-vous à l'administration pour utiliser cette adresse."
    }


def test_the_admin_api_answers_403_in_json_without_admin_access(demo):
    client = Client(HTTP_ACCEPT_LANGUAGE="de")
    client.force_login(get_user_model().objects.create_user("leser", password="x"))
    response = client.get(f"/admin/api/main/pages/{demo.home_de.pk}/")
    assert response.status_code == 403
    assert response.json() == {"message": "Diese Adresse der Verwaltung dürfen Sie nicht nutzen."}


def test_public_addresses_without_a_language_still_find_their_language(demo):
    response = Client(HTTP_ACCEPT_LANGUAGE="fr").get("/nous-ecrire/")
    assert response.status_code == 302
    assert response["Location"] == "/fr/nous-ecrire/"


def french_report(demo):
    return DelegationReportPage.objects.get(locale=demo.fr, start_date__year=2025)


def test_the_french_editor_reads_the_german_page_her_report_links_to(login, demo):
    """The translation editor's related-page panel asks the admin API for the German page."""
    report = french_report(demo)
    german = DelegationRelatedPage.objects.filter(source_page__locale=demo.de).first().page
    assert german.locale_id == demo.de.id and german.live
    # The panel of the French report's translation editor points to this page.
    editor = login("lesulis").get(f"/admin/pages/{report.pk}/edit/")
    assert editor.status_code == 200

    response = login("lesulis").get(f"/admin/api/main/pages/{german.pk}/")

    assert response.status_code == 200
    details = response.json()
    assert details["id"] == german.pk
    assert details["title"] == german.title
    assert details["meta"]["locale"] == "de"
    assert details["meta"]["html_url"] == german.full_url
    assert details["meta"]["read_only"] is True
    assert "detail_url" not in details["meta"]  # nothing the explorer would follow


def test_a_draft_of_the_other_team_stays_hidden(login, demo):
    draft = WorkshopPageFactory(parent=WorkshopIndexPage.objects.get(locale=demo.de), live=False)
    response = login("lesulis").get(f"/admin/api/main/pages/{draft.pk}/")
    assert response.status_code == 404
    body = response.json()
    assert body["message"] == API_404["lesulis"]
    assert body["title"] == API_404["lesulis"]  # what the editor's panel shows
    assert draft.title not in json.dumps(body)


def test_the_own_teams_pages_keep_wagtails_full_answer(login, demo):
    page = Page.objects.get(pk=french_report(demo).pk)
    details = login("lesulis").get(f"/admin/api/main/pages/{page.pk}/").json()
    assert details["meta"]["detail_url"].endswith(f"/admin/api/main/pages/{page.pk}/")
    assert "read_only" not in details["meta"]
