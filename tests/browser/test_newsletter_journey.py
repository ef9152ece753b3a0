"""The Naumburg editor composes a bilingual newsletter issue and opens its e-mail."""

import re

import pytest
from playwright.sync_api import expect

from demo.sections import demo_key
from newsletter.models import NewsletterIndexPage, NewsletterIssuePage
from partnership.models import DelegationReportPage
from tests.browser.wagtail_admin import autosaved, publish

pytestmark = pytest.mark.django_db

TITLE = "Partnerschaftsbrief Juni"
INTRO = "Liebe Leserinnen und Leser in beiden Städten!"


def test_bilingual_issue_in_its_email_form(demo, editor, screenshot):
    report = DelegationReportPage.objects.get(
        translation_key=demo_key("page:report"), locale=demo.de
    )
    report_fr = report.get_translation(demo.fr)
    index = NewsletterIndexPage.objects.get(locale=demo.de)

    page = editor("naumburg")
    page.goto(f"/admin/pages/{index.id}/")
    page.get_by_role("link", name="Unterseite hinzufügen").first.click()
    page.locator("#id_title").fill(TITLE)
    page.get_by_label("Sprachen").select_option(label="Zweisprachig, nebeneinander")
    page.get_by_role("button", name="Seite auswählen").click()
    chooser = page.locator(".modal-content")
    chooser.get_by_placeholder("Suchen…").fill("Zukunft")
    chooser.get_by_role("link", name=re.compile("^Gemeinsam Zukunft gestalten")).first.click()
    expect(chooser).to_be_hidden()
    with autosaved(page):
        page.locator("[data-contentpath=intro] [contenteditable=true]").click()
        page.keyboard.type(INTRO)
    publish(page, "Mehr Aktionen", "Veröffentlichen")
    messages = page.locator(".messages")
    expect(messages).to_contain_text(f"Seite ‚{TITLE}")
    issue = NewsletterIssuePage.objects.get(locale=demo.de, title=TITLE)
    assert issue.live and issue.is_bilingual

    messages.get_by_role("link", name="Bearbeiten").click()
    with page.context.expect_page() as opened:
        page.get_by_role("link", name="E-Mail (HTML)").click()
    email = opened.value
    expect(email).to_have_url(re.compile(re.escape(issue.url) + "email/$"))
    expect(email.get_by_role("article", name=TITLE).get_by_text(INTRO)).to_be_visible()
    expect(email.locator('[lang="de"]', has_text=report.title).first).to_be_visible()
    expect(email.locator('[lang="fr"]', has_text=report_fr.title).first).to_be_visible()
    screenshot(email)
