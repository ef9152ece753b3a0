"""The French editor opens the translation editor of the French 2025 report, in Chromium.

Its related-page panel asks the admin API for a German page, which the French
team may not explore: it used to stay on "Récupération des informations de la
page en cours." for good (a redirect to a public HTML page, "Unexpected token
'<'"). Now it shows the German page's title, read-only.
"""

import re

import pytest
from playwright.sync_api import expect

from partnership.models import DelegationRelatedPage, DelegationReportPage

pytestmark = pytest.mark.django_db

FETCHING = "Récupération des informations de la page en cours."


def test_lesulis_sees_the_translation_editor_of_the_french_report(editor, demo, screenshot):
    report = DelegationReportPage.objects.get(locale=demo.fr, start_date__year=2025)
    german = DelegationRelatedPage.objects.get(
        source_page__translation_key=report.translation_key, source_page__locale=demo.de
    ).page
    page = editor("lesulis")
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    api_answers = []
    page.on(
        "response",
        lambda response: (
            api_answers.append((response.url, response.status))
            if "/admin/api/main/pages/" in response.url
            else None
        ),
    )

    page.goto(f"/admin/pages/{report.pk}/edit/")

    chooser = page.locator(".page-chooser").first
    expect(chooser).to_contain_text(german.title)
    expect(page.get_by_text(FETCHING)).to_have_count(0)
    assert (f"/admin/api/main/pages/{german.pk}/", 200) in [
        (re.sub(r"^https?://[^/]+", "", url), status) for url, status in api_answers
    ]
    assert not [error for error in errors if "Unexpected token" in error], errors
    # The words the bundle writes without gettext are French too (editor_words.js).
    english = page.locator(".js-translation-editor .w-sr-only", has_text="More actions")
    expect(english).to_have_count(0)
    expect(page.get_by_role("button", name=re.compile(r"^Publier : Français"))).to_be_visible()
    screenshot(page)


def test_a_mistyped_admin_address_stays_in_the_admin(editor):
    page = editor("lesulis")
    response = page.goto("/admin/reports/")
    assert response.status == 404
    expect(page).to_have_url(re.compile(r"/admin/reports/$"))
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_text("Erreur 404")).to_be_visible()
