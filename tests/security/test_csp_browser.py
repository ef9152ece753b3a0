"""The policies as Chromium enforces them: no violation on a public page or in the page editor.

A header test cannot tell whether Wagtail's admin still works under its
policy; the browser reports every script, style or frame it refused.
"""

import os

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from playwright.sync_api import sync_playwright

from partnership.models import DelegationReportPage
from tests.browser.chromium import launch
from tests.live_server import serve_in_test_transaction


@pytest.fixture(scope="module")
def chromium():
    """Playwright's sync API keeps an event loop in this thread; nothing here is asynchronous."""
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = launch(playwright)
            yield browser
            browser.close()
    finally:
        if previous is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def site(demo):
    with serve_in_test_transaction() as url:
        yield url


@pytest.fixture
def browser_page(chromium, site):
    """A page whose ``violations`` lists what the policy refused, from any frame."""
    context = chromium.new_context(base_url=site, locale="de-DE")
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.violations = []
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and page.violations.append(message.text)
        ),
    )
    yield page
    context.close()


def sign_in(page, site, username):
    """The editor's session, made in the test's transaction, which the server shares."""
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": site}])


def test_a_public_page_in_chromium_has_no_violations(browser_page, demo):
    report = DelegationReportPage.objects.live().filter(locale=demo.fr).first()
    for path in [demo.home_de.url, report.url, f"{report.url}bilingual/"]:
        browser_page.goto(path, wait_until="networkidle")
    # The text-size control is drawn by a script file: it ran.
    assert browser_page.locator(".text-size").first.is_visible()

    assert browser_page.violations == []


def test_the_page_editor_and_image_chooser_have_no_violations(browser_page, site, demo):
    report = DelegationReportPage.objects.live().filter(locale=demo.de).first()
    sign_in(browser_page, site, "naumburg")

    browser_page.goto(
        reverse("wagtailadmin_pages:edit", args=[report.pk]), wait_until="networkidle"
    )
    browser_page.locator(".public-DraftEditor-content").first.wait_for()  # Draftail started
    browser_page.locator(
        "#id_teaser_image-chooser [data-chooser-action-choose]"
    ).first.dispatch_event("click")
    chooser = browser_page.locator(".modal")
    chooser.locator("img").first.wait_for()
    chooser.locator("[data-dismiss='modal']").first.click()
    chooser.wait_for(state="hidden")
    browser_page.locator("[data-side-panel-toggle='preview']").first.click()
    preview = browser_page.frame_locator("#w-preview-iframe")
    preview.locator("h1").first.wait_for()

    assert browser_page.violations == []
