"""Each town's editor writes its own statement in the admin; the rules of both laws hold there."""

import csv
import io

import pytest
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from wagtail.models import Page

from accessibility.models import AccessibilityStatementPage
from tests.accessibility.helpers import add_url, french_form, statement, statement_form
from translation.status import build_board

pytestmark = pytest.mark.django_db


def login(username):
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def error_messages(response):
    return [str(m) for m in response.wsgi_request._messages if m.level == messages.ERROR]


def refused(response):
    """A 403, or Wagtail's redirect to the dashboard with its refusal."""
    if response.status_code == 403:
        return True
    return response.status_code == 302 and response.url == reverse("wagtailadmin_home")


@pytest.mark.parametrize(
    ("username", "language", "form"),
    [
        ("naumburg", "de", statement_form),
        ("lesulis", "fr", french_form),
        ("admin", "fr", french_form),
    ],
)
def test_an_editor_writes_the_statement_of_their_town(demo, username, language, form):
    home = demo.home_de if language == "de" else demo.home_fr
    statement(language).delete()
    client = login(username)

    assert client.get(add_url(home)).status_code == 200
    response = client.post(add_url(home), form())

    assert response.status_code == 302, response.content.decode()[:3000]
    page = AccessibilityStatementPage.objects.get(locale__language_code=language)
    assert page.get_parent().pk == home.pk
    assert page.regime == ("bitv" if language == "de" else "rgaa")
    if language == "de":
        assert page.non_accessible[0].value["reason"] == "non-conformity"


def test_one_statement_per_language_and_only_under_a_home_page(demo):
    client = login("admin")
    # The demo has one in each language already.
    assert refused(client.get(add_url(demo.home_de)))
    assert refused(client.get(add_url(demo.home_fr)))
    standard_page = Page.objects.get(locale=demo.de, slug="datenschutz")
    statement("de").delete()
    assert refused(client.get(add_url(standard_page)))
    assert client.get(add_url(demo.home_de)).status_code == 200


@pytest.mark.parametrize(("username", "other"), [("naumburg", "fr"), ("lesulis", "de")])
def test_a_town_cannot_touch_the_other_towns_statement(demo, username, other):
    page = statement(other)
    client = login(username)
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    form = french_form() if other == "fr" else statement_form()

    assert refused(client.get(edit))
    assert refused(client.post(edit, form))
    home = demo.home_fr if other == "fr" else demo.home_de
    page.delete()
    assert refused(client.get(add_url(home)))


@pytest.mark.parametrize(
    ("username", "language", "form", "field_message"),
    [
        (
            "lesulis",
            "fr",
            french_form(conformity="partial"),
            "Sans audit RGAA, le RGAA impose le statut « non conforme ».",
        ),
        (
            "lesulis",
            "fr",
            french_form(multi_year_plan_url=""),
            "Le RGAA impose un lien vers le schéma pluriannuel.",
        ),
        (
            "naumburg",
            "de",
            statement_form(enforcement="defenseur"),
            "Dieses Durchsetzungsverfahren gehört nicht zur gewählten Rechtsgrundlage.",
        ),
        (
            "naumburg",
            "de",
            statement_form(method="external"),
            "Nennen Sie, wer die externe Prüfung durchgeführt hat.",
        ),
    ],
)
def test_the_rules_of_each_law_are_explained_in_the_editors_language(
    demo, username, language, form, field_message
):
    home = demo.home_de if language == "de" else demo.home_fr
    statement(language).delete()
    response = login(username).post(add_url(home), form)

    assert response.status_code == 200
    assert field_message in response.content.decode()
    assert not AccessibilityStatementPage.objects.filter(locale=home.locale).exists()


def test_with_an_rgaa_audit_the_french_statement_may_say_partially(demo):
    statement("fr").delete()
    response = login("lesulis").post(
        add_url(demo.home_fr), french_form(conformity="partial", rgaa_audit="on")
    )
    assert response.status_code == 302
    assert AccessibilityStatementPage.objects.get(locale=demo.fr).conformity == "partial"


def test_a_statement_is_never_translated_and_never_missing_a_translation(demo):
    german = statement("de")
    client = login("admin")
    url = reverse("wagtail_localize:submit_page_translation", args=[german.pk])

    response = client.post(url, {"locales": [demo.fr.pk]})

    assert refused(response)
    # The admin's language follows the browser; without one it is the site's, German.
    assert any("eigens geschrieben" in m for m in error_messages(response))
    assert not AccessibilityStatementPage.objects.filter(
        translation_key=german.translation_key, locale=demo.fr
    ).exists()

    rows = build_board().rows
    titles = {row.title for row in rows}
    assert german.title not in titles
    assert statement("fr").title not in titles
    board = client.get("/admin/translation-status/", {"status": "missing", "export": "csv"})
    assert board.status_code == 200
    content = b"".join(board.streaming_content).decode()
    listed = {row["Titel"] for row in csv.DictReader(io.StringIO(content))}
    assert german.title not in listed
    assert statement("fr").title not in listed
    assert "Wie alles begann: der Deutsch-Französische Tag 2022 und 2023" in listed
