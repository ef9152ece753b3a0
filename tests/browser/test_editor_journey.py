"""A report travels from the Naumburg editor to French readers, in a real browser.

The Naumburg editor writes and publishes it in the German admin; the Les
Ulis editor, in the French admin, finds it waiting for a French version,
asks for one (the team that writes a language creates its versions, see
``translation.permissions``), machine-translates it through a local
LibreTranslate-compatible server and publishes it; a visitor reads it in
French and switches to German.
"""

import re
import threading
from http.server import ThreadingHTTPServer

import environ
import pytest
from PIL import Image
from playwright.sync_api import expect

from partnership.models import DelegationReportIndexPage, DelegationReportPage
from tests.browser.wagtail_admin import autosaved, publish
from tests.translation.conftest import MACHINE_VARIABLES, FakeTranslationService, Handler
from translation.machine_config import machine_translator_config

pytestmark = pytest.mark.django_db

TITLE = "Jugendorchester in Les Ulis"
SUMMARY = "Das Jugendorchester probte eine Woche lang mit der Musikschule in Les Ulis."
AIM = "Gemeinsam musizieren und voneinander lernen."


@pytest.fixture
def libretranslate(monkeypatch, settings):
    """The translation suite's LibreTranslate stand-in, configured as base.py does."""
    service = FakeTranslationService()
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), type("BoundHandler", (Handler,), {"service": service})
    )
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    for variable in MACHINE_VARIABLES:
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LIBRETRANSLATE_URL", f"http://127.0.0.1:{server.server_port}/")
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = machine_translator_config(environ.Env())
    yield service
    server.shutdown()
    server.server_close()


@pytest.fixture
def photo(tmp_path):
    path = tmp_path / "orchester.jpg"
    Image.new("RGB", (800, 450), (40, 90, 150)).save(path, "JPEG")
    return path


def write_report(page, index, photo):
    """The Naumburg editor fills in a new delegation report and publishes it."""
    page.goto(f"/admin/pages/{index.id}/")
    page.get_by_role("link", name="Unterseite hinzufügen").first.click()
    expect(page.get_by_role("heading", name="Neu: Delegationsbericht")).to_be_visible()

    page.locator("#id_title").fill(TITLE)
    page.get_by_label("Reisebeginn").fill("2026-05-04")
    page.keyboard.press("Escape")
    page.get_by_label("Reiseende").fill("2026-05-08")
    page.keyboard.press("Escape")
    chooser = page.locator(".modal-content")
    for city in ["Naumburg (Saale)", "Les Ulis"]:
        page.get_by_role("button", name="Partnerstadt auswählen").first.click()
        chooser.get_by_role("link", name=city, exact=True).click()
        expect(chooser).to_be_hidden()
    page.get_by_label("Zusammenfassung").fill(SUMMARY)

    with autosaved(page):
        page.get_by_role("button", name="Bild auswählen").click()
        chooser.get_by_role("tab", name="Hochladen").click()
        chooser.locator("input[type=file]").set_input_files(photo)
        chooser.get_by_label("Titel").fill("Probe des Jugendorchesters")
        chooser.get_by_role("button", name="Hochladen").click()
        expect(chooser).to_be_hidden()
    expect(page.get_by_text("Probe des Jugendorchesters")).to_be_visible()

    with autosaved(page):
        page.locator("[data-contentpath=aim] [contenteditable=true]").click()
        page.keyboard.type(AIM)
    publish(page, "Mehr Aktionen", "Veröffentlichen")
    expect(page.locator(".messages")).to_contain_text(f"Seite ‚{TITLE}‘ wurde veröffentlicht.")


def translate_report(page):
    """The Les Ulis editor finds the report waiting, asks for French and machine-translates it."""
    page.goto("/admin/")
    page.get_by_role("link", name=re.compile("besoin d'une version en français")).click()
    page.locator("tr", has_text=TITLE).get_by_role("link", name="Traduire").click()
    expect(page.get_by_role("heading", name=f"Traduire la page {TITLE}")).to_be_visible()
    page.get_by_label("Français").check()
    page.get_by_role("button", name="Soumettre").click()

    page.get_by_role("button", name="Traduire avec LibreTranslate").click()
    content = page.get_by_role("tabpanel", name="Contenu")
    expect(content.get_by_text(f"[FR] {TITLE}", exact=True)).to_be_visible()
    expect(content.get_by_text(f"[FR] {SUMMARY}", exact=True)).to_be_visible()
    page.get_by_role("button", name="Publier : Français").click()
    expect(page.locator(".messages")).to_contain_text(
        f"« [FR] {TITLE} » est publié (langue : Français)."
    )


def test_report_written_translated_and_read_in_both_languages(
    demo, editor, open_page, libretranslate, photo, screenshot
):
    write_report(editor("naumburg"), DelegationReportIndexPage.objects.get(locale=demo.de), photo)
    german = DelegationReportPage.objects.get(locale=demo.de, title=TITLE)
    assert german.live
    assert german.teaser_image.title == "Probe des Jugendorchesters"

    translate_report(editor("lesulis"))
    french = german.get_translation(demo.fr)
    assert french.live
    assert libretranslate.translate_requests, "the machine translation went elsewhere"

    # A French visitor arrives at the site's root, finds the report, reads it ...
    visitor = open_page("fr-FR")
    visitor.goto("/")
    expect(visitor).to_have_url(re.compile(r"/fr/$"))
    visitor.get_by_role("navigation", name="Navigation principale").get_by_role(
        "link", name="Voyages de délégation"
    ).click()
    visitor.get_by_role("link", name=f"[FR] {TITLE}").first.click()
    expect(visitor.locator("html")).to_have_attribute("lang", "fr")
    expect(visitor.get_by_role("heading", level=1)).to_have_text(f"[FR] {TITLE}")
    expect(visitor.get_by_text(f"[FR] {SUMMARY}")).to_be_visible()
    expect(visitor.locator("main img").first).to_be_visible()

    # ... and switches to German.
    visitor.get_by_role("navigation", name="Langue").get_by_role("link", name="Deutsch").click()
    expect(visitor).to_have_url(re.compile(re.escape(german.url) + "$"))
    expect(visitor.locator("html")).to_have_attribute("lang", "de")
    expect(visitor.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(visitor.get_by_text(SUMMARY)).to_be_visible()
    expect(visitor.get_by_text(AIM)).to_be_visible()
    screenshot(visitor)
