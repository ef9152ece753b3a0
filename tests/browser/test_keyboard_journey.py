"""A visitor who uses only the keyboard, in German and in French.

From the start page on, the visitor has Tab, Shift+Tab, Enter and Space (and
types into fields); nothing is clicked and no address is typed. They skip to
the content, switch the language and back, make the text larger, search,
open a report, send the contact form once with a mistake and then right, and
find the accessibility statement's feedback form. At every stop, and at every
element the focus passes on the way, the focus is on the element expected,
shows an indicator, is in view and is not covered (tests/browser/focus.py).
"""

import re
import time

import pytest
from django.conf import settings
from django.utils import translation
from playwright.sync_api import expect
from wagtail.contrib.forms.models import FormSubmission

from home.models import FormPage
from partnership.models import DelegationReportPage
from tests.browser.conftest import BROWSER_LOCALES
from tests.browser.focus import assert_focus_visible

pytestmark = pytest.mark.django_db

OTHER = {"de": "fr", "fr": "de"}
# A word that finds a delegation report among other pages, in each language's demo.
SEARCH_WORD = {"de": "Zukunft", "fr": "avenir"}
CONTACT_SLUG = {"de": "kontakt", "fr": "nous-ecrire"}
FIELDS = {
    "de": {"name": "Ihr Name", "email": "Ihre E-Mail-Adresse", "message": "Ihre Nachricht"},
    "fr": {"name": "Votre nom", "email": "Votre adresse e-mail", "message": "Votre message"},
}
THANKS = {"de": "Danke für Ihre Nachricht!", "fr": "Merci pour votre message !"}
MESSAGE = {
    "de": "Unser Chor möchte nächstes Jahr in Les Ulis singen.",
    "fr": "Notre chorale aimerait chanter à Naumburg l'an prochain.",
}
STATEMENT_LINK = {"de": "Barrierefreiheit", "fr": "Accessibilité"}
# More presses than any demo page has stops before the element sought.
PRESS_LIMIT = 150


def press_until(page, key, selector, where):
    """Press ``key`` until the focus is on an element matching ``selector``; checks every stop."""
    for _ in range(PRESS_LIMIT):
        page.keyboard.press(key)
        state = assert_focus_visible(page, where)
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return state
    pytest.fail(f"{where}: {key} pressed {PRESS_LIMIT} times, never reached {selector}")


def follow(page, key="Enter"):
    """Activate the focused link or button and wait for the page it leads to."""
    with page.expect_navigation():
        page.keyboard.press(key)


def wait_like_a_person(opened):
    """The honeypot drops forms sent faster than a person fills them in."""
    remaining = settings.HONEYPOT_TIME_INTERVAL + 1.5 - (time.monotonic() - opened)
    if remaining > 0:
        time.sleep(remaining)


def skip_to_content(page, where):
    """From the top of a freshly loaded page: the skip link, then the main content."""
    press_until(page, "Tab", "a.skip-link", f"{where}: skip link")
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main", where
    # The main region takes the focus without a ring of its own; it must be in view.
    assert_focus_visible(page, f"{where}: main content", indicator=False)


@pytest.mark.parametrize("language", ["de", "fr"])
def test_keyboard_only_visitor(demo, open_page, screenshot, language):
    other = OTHER[language]
    page = open_page(BROWSER_LOCALES[language])
    page.goto(f"/{language}/")
    expect(page.locator("html")).to_have_attribute("lang", language)

    # 1. Skip to the content: the next Tab lands inside it.
    skip_to_content(page, "start page")
    page.keyboard.press("Tab")
    assert_focus_visible(page, "first stop in the content")
    assert page.evaluate("() => document.getElementById('main').contains(document.activeElement)")

    # 2. Switch the language, then back, with the switcher in the header.
    press_until(page, "Shift+Tab", f".language-switcher a[hreflang={other}]", "language switcher")
    follow(page)
    expect(page.locator("html")).to_have_attribute("lang", other)
    press_until(page, "Tab", f".language-switcher a[hreflang={language}]", "switching back")
    follow(page)
    expect(page.locator("html")).to_have_attribute("lang", language)

    # 3. Larger text, with Space on the control's button; it stays for the rest of the visit.
    press_until(page, "Tab", '.text-size button[data-text-size="large"]', "text size")
    page.keyboard.press("Space")
    expect(page.locator("html")).to_have_class(re.compile(r"\btext-size-large\b"))
    expect(page.locator('[data-text-size="large"]')).to_have_attribute("aria-pressed", "true")
    assert page.evaluate("() => getComputedStyle(document.documentElement).fontSize") == "19px"
    assert_focus_visible(page, "text size chosen")

    # 4. Search from the header's search field.
    press_until(page, "Shift+Tab", "#site-search", "search field")
    page.keyboard.type(SEARCH_WORD[language])
    follow(page)
    expect(page).to_have_url(re.compile(rf"/{language}/.+\?q="))
    expect(page.locator("html")).to_have_class(re.compile(r"\btext-size-large\b"))
    results = page.locator(".search-results > li")
    expect(results.first).to_be_visible()

    # 5. Open the first delegation report among the results.
    with translation.override(language):
        report_type = str(DelegationReportPage._meta.verbose_name)
    report_links = page.locator(".search-results > li").filter(
        has=page.locator(".search-results__type", has_text=report_type)
    )
    expect(report_links.first).to_be_visible()
    report_href = report_links.first.locator("h2 a").get_attribute("href")
    press_until(page, "Tab", f'.search-results h2 a[href="{report_href}"]', "search result")
    follow(page)
    expect(page).to_have_url(re.compile(re.escape(report_href) + "$"))
    expect(page.locator(".content-page__type")).to_have_text(report_type)

    # 6. The contact form from the main menu: first sent with a mistake, then right.
    contact = FormPage.objects.get(
        locale=getattr(demo, language), slug=CONTACT_SLUG[language]
    ).specific
    press_until(page, "Tab", f'.main-menu a[href="{contact.url}"]', "contact in the menu")
    follow(page)
    opened = time.monotonic()
    labels = FIELDS[language]
    name, email, message = (page.get_by_label(labels[key]) for key in ("name", "email", "message"))
    press_until(page, "Tab", f"#{name.get_attribute('id')}", "name field")
    page.keyboard.type("Chorale des Ulis")
    press_until(page, "Tab", f"#{email.get_attribute('id')}", "e-mail field")
    page.keyboard.type("chorale@example.org")
    # The message is left out and the consent box unticked: the form must say so.
    wait_like_a_person(opened)
    press_until(page, "Tab", "form.public-form button[type=submit]", "send button")
    follow(page)
    opened = time.monotonic()
    expect(page.locator("#form-errors")).to_be_visible()
    # What was typed is still there (WCAG 3.3.7): only the missing answers are asked for.
    expect(name).to_have_value("Chorale des Ulis")
    expect(email).to_have_value("chorale@example.org")
    expect(message).to_have_attribute("aria-invalid", "true")
    skip_to_content(page, "form with errors")
    press_until(page, "Tab", f"#{message.get_attribute('id')}", "message field")
    page.keyboard.type(MESSAGE[language])
    press_until(page, "Tab", "input[name=consent]", "consent box")
    page.keyboard.press("Space")
    expect(page.locator("input[name=consent]")).to_be_checked()
    wait_like_a_person(opened)
    press_until(page, "Tab", "form.public-form button[type=submit]", "send button, again")
    follow(page)
    expect(page.get_by_text(THANKS[language])).to_be_visible()
    submission = FormSubmission.objects.filter(page=contact).latest("submit_time")
    assert MESSAGE[language] in submission.form_data.values()
    screenshot(page)


@pytest.mark.parametrize("language", ["de", "fr"])
def test_keyboard_reaches_the_accessibility_feedback_form(demo, open_page, language):
    page = open_page(BROWSER_LOCALES[language])
    page.goto(f"/{language}/")
    footer_link = page.locator("footer.site-footer a", has_text=STATEMENT_LINK[language])
    if footer_link.count() == 0:
        pytest.skip(
            f"no accessibility statement yet: the footer has no '{STATEMENT_LINK[language]}' link"
        )
    href = footer_link.first.get_attribute("href")
    skip_to_content(page, "start page")
    press_until(page, "Tab", f'footer.site-footer a[href="{href}"]', "statement in the footer")
    follow(page)
    expect(page.locator("html")).to_have_attribute("lang", language)
    skip_to_content(page, "accessibility statement")
    press_until(
        page, "Tab", "main form input:not([type=hidden]), main form textarea", "feedback form"
    )
