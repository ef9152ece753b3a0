"""A visitor registers on the French page of a German workshop; Naumburg's organiser sees it.

The workshop is the demo's follow-up on funding, written in German first and
translated into French, moved ahead and opened for registration by its
German editor. The visitor fills in the form on the French page in
Chromium; ``naumburg`` signs in through the login form and finds the
registration in *Anmeldungen*, in German, with the counts grown.
"""

import datetime
import re
import time

import pytest
from playwright.sync_api import expect

from partnership.models import WorkshopPage
from registrations.models import Registration, RegistrationList
from tests.registrations.helpers import days_from_now, open_registration

pytestmark = pytest.mark.django_db

SLUG = {"de": "folgeworkshop-foerdermoeglichkeiten-2025", "fr": "atelier-de-suivi-financement-2025"}
TITLE = "Folgeworkshop: Fördermöglichkeiten für Städtepartnerschaften"
HUMAN_SECONDS = 4.5  # wagtail-honeypot counts whole seconds and wants more than 3
NAME = "Camille Visiteuse"
ADDRESS = "camille.visiteuse@example.org"


@pytest.fixture
def workshop(demo):
    """Registration open at the German source, 3 seats; the French version synced to its dates."""
    RegistrationList.objects.all().delete()  # only this event's list, whatever the demo brings
    start = days_from_now(21).replace(second=0, microsecond=0)
    end = start + datetime.timedelta(hours=2)
    german = open_registration(
        WorkshopPage.objects.get(slug=SLUG["de"]), start=start, end=end, capacity=3
    )
    french = WorkshopPage.objects.get(slug=SLUG["fr"])
    french.start, french.end, french.registration_deadline = start, end, None
    french.save_revision().publish()
    return {"de": german, "fr": french}


def organiser_list(admin, registration_list):
    """From the menu item to the event's list, as the organiser clicks."""
    admin.goto("/admin/registrations/")
    expect(admin.get_by_role("heading", level=1)).to_have_text("Anmeldungen")
    row = admin.locator(f'tr[data-list="{registration_list.pk}"]')
    expect(row.get_by_role("link", name=TITLE)).to_be_visible()
    return row


def test_a_registration_on_the_french_page_reaches_the_german_organisers_list(
    open_page, editor, workshop, screenshot
):
    registration_list = RegistrationList.objects.get(translation_key=workshop["de"].translation_key)

    # Naumburg's organiser sees the list, empty so far.
    admin = editor("naumburg")
    row = organiser_list(admin, registration_list)
    expect(row.locator("[data-confirmed]")).to_have_text("0")
    expect(row.locator("[data-seats-left]")).to_have_text("3")

    # The visitor registers on the French page, in French.
    visitor = open_page("fr-FR")
    visitor.goto(workshop["fr"].url)
    loaded = time.monotonic()
    box = visitor.locator("#registration")
    expect(box).to_contain_text("Plus que 3 places")
    form = box.locator("form.registration-form")
    form.get_by_role("textbox", name="Nom").fill(NAME)
    form.get_by_role("textbox", name="Adresse e-mail").fill(ADDRESS)
    form.get_by_role("textbox", name="Association ou organisme").fill("Comité de jumelage")
    form.get_by_role("textbox", name="Ville").fill("Les Ulis")
    form.get_by_role("radio", name="Français", exact=True).check()
    form.get_by_role("textbox", name="Besoins d’accessibilité").fill("Interprète LSF")
    form.get_by_role("checkbox", name=re.compile("^J’accepte|^J'accepte")).check()
    visitor.wait_for_timeout(max(0, HUMAN_SECONDS - (time.monotonic() - loaded)) * 1000)
    form.get_by_role("button", name="S'inscrire").click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Merci pour votre inscription")
    registration = Registration.objects.get(email=ADDRESS)
    assert registration.registration_list == registration_list
    assert (registration.status, registration.language) == ("confirmed", "fr")

    # The German organiser's list has grown, in German.
    row = organiser_list(admin, registration_list)
    expect(row.locator("[data-confirmed]")).to_have_text("1")
    expect(row.locator("[data-seats-left]")).to_have_text("2")
    row.get_by_role("link", name=TITLE).click()
    expect(admin.locator("[data-counts]")).to_contain_text("1 bestätigt")
    seats = admin.locator('table[data-section="confirmed"]')
    person = seats.locator("tr", has_text=NAME)
    expect(person).to_contain_text(ADDRESS)
    expect(person).to_contain_text("Comité de jumelage")
    expect(person).to_contain_text("Interprète LSF")
    expect(person).to_contain_text("Français")
    expect(person.get_by_role("link", name="Für die Person stornieren")).to_be_visible()
    screenshot(admin, "-list")

    # Its check-in list has the visitor, without the address.
    admin.get_by_role("link", name="Anwesenheitsliste zum Drucken").click()
    expect(admin.get_by_role("heading", level=1)).to_contain_text("Anwesenheitsliste")
    expect(admin.locator("tr[data-person]")).to_have_count(1)
    expect(admin.locator("tr[data-person]")).to_contain_text(NAME)
    expect(admin.locator("body")).not_to_contain_text(ADDRESS)
    screenshot(admin)
