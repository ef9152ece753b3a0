"""A French visitor searches, reads a report in both languages and writes to the towns."""

import re
import time

import pytest
from django.conf import settings
from playwright.sync_api import expect
from wagtail.contrib.forms.models import FormSubmission

from home.models import FormPage

pytestmark = pytest.mark.django_db

MESSAGE = "Bonjour, notre chorale aimerait chanter à Naumburg l'an prochain."


def test_search_read_side_by_side_and_write(demo, open_page, screenshot):
    visitor = open_page("fr-FR")
    visitor.goto("/fr/")
    search = visitor.get_by_role("search")
    search.get_by_role("searchbox").fill("théâtre")
    search.get_by_role("button", name="Rechercher").click()
    expect(visitor).to_have_url(re.compile(r"/fr/recherche/\?q=th"))
    expect(visitor.locator("main")).to_contain_text("pour « théâtre »")

    visitor.get_by_role("main").get_by_role("link", name=re.compile("Construire l'avenir")).click()
    expect(visitor.get_by_role("heading", level=1)).to_contain_text("Construire l'avenir ensemble")
    expect(visitor.locator("html")).to_have_attribute("lang", "fr")

    visitor.get_by_role("link", name="Lire en deux langues").click()
    expect(visitor).to_have_url(re.compile(r"/bilingual/$"))
    french = visitor.locator('[role=cell][lang="fr"]')
    german = visitor.locator('[role=cell][lang="de"]')
    expect(french.first).to_contain_text("Construire l'avenir ensemble")
    expect(german.first).to_contain_text("Gemeinsam Zukunft gestalten")
    assert french.count() == german.count() > 1

    visitor.get_by_role("link", name="Nous écrire").first.click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Nous écrire")
    opened = time.monotonic()
    visitor.get_by_label("Votre nom").fill("Chorale des Ulis")
    visitor.get_by_label("Votre adresse e-mail").fill("chorale@example.org")
    visitor.get_by_label("Votre message").fill(MESSAGE)
    visitor.get_by_label("J'accepte que mes informations").check()
    # A person needs a few seconds for a form; the honeypot drops faster posts.
    remaining = settings.HONEYPOT_TIME_INTERVAL + 1.2 - (time.monotonic() - opened)
    visitor.wait_for_timeout(max(remaining, 0) * 1000)
    visitor.get_by_role("button", name="Envoyer").click()

    expect(visitor.get_by_text("Merci pour votre message !")).to_be_visible()
    expect(visitor.locator("html")).to_have_attribute("lang", "fr")
    form = FormPage.objects.get(locale=demo.fr, slug="nous-ecrire")
    submission = FormSubmission.objects.filter(page=form).latest("submit_time")
    assert MESSAGE in submission.form_data.values()
    screenshot(visitor)
