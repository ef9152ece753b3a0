"""Chromium against the site served over HTTP, for the browser journeys.

Each journey runs in its own test transaction, which the server shares (see
``live_site``), so the demo is the same before and after, on SQLite and
on PostgreSQL, and the journeys can run in any order among the other tests.
"""

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect, sync_playwright
from wagtail.models import Site
from wagtail.users.models import UserProfile

from demo.users import DEMO_PASSWORD
from tests.browser.chromium import launch
from tests.live_server import serve_in_test_transaction

BROWSER_LOCALES = {"de": "de-DE", "fr": "fr-FR"}
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"
TIMEOUT_MS = 15_000


@pytest.fixture(scope="package")
def playwright():
    """Playwright's sync API runs an event loop in this thread while it is started.

    Django refuses ORM calls from a thread with a running event loop, so the
    journeys could not look at the database; nothing here is asynchronous, so
    the check is lifted for as long as Playwright runs.
    """
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as started:
            expect.set_options(timeout=TIMEOUT_MS)
            yield started
    finally:
        if previous is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="package")
def browser(playwright):
    chromium = launch(playwright)
    yield chromium
    chromium.close()


@pytest.fixture
def live_site(db, demo):
    """The site's base URL, served inside this test's transaction.

    The site record gets the server's address, as a real one has its domain,
    so absolute links (an issue's e-mail, feeds) lead back to this server.
    """
    with serve_in_test_transaction() as url:
        address = urlsplit(url)
        site = Site.objects.get(is_default_site=True)
        site.hostname, site.port = address.hostname, address.port
        site.save()
        yield url


@pytest.fixture
def locale():
    """The browser's language for ``page``; override it to read the site in French."""
    return "de-DE"


@pytest.fixture
def open_page(browser, live_site):
    """A page in a fresh browser, as a new visitor or editor: ``open_page("fr-FR")``.

    Every actor of a journey gets their own context, so cookies, sessions and
    the Accept-Language header are theirs alone.
    """
    contexts = []

    def open_(locale="de-DE"):
        context = browser.new_context(
            base_url=live_site,
            locale=locale,
            viewport={"width": 1280, "height": 900},
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield open_
    for context in contexts:
        context.close()


@pytest.fixture
def page(open_page, locale):
    return open_page(locale)


@pytest.fixture
def editor(open_page):
    """A demo editor signed in through the login form, in their browser's language.

    ``editor("naumburg")`` works in German, ``editor("lesulis")`` in French.
    """

    def sign_in(username):
        language = UserProfile.get_for_user(
            get_user_model().objects.get(username=username)
        ).preferred_language
        page = open_page(BROWSER_LOCALES[language])
        page.goto("/admin/login/")
        page.locator("input[name=username]").fill(username)
        page.locator("input[name=password]").fill(DEMO_PASSWORD)
        page.locator("form button[type=submit]").click()
        expect(page).to_have_url(re.compile(r"/admin/$"))
        expect(page.locator("html")).to_have_attribute("lang", language)
        return page

    return sign_in


@pytest.fixture
def screenshot(request):
    """Save a page's end state to test-artifacts/browser/<test>.png and return the path."""

    def save(page, suffix=""):
        name = re.sub(r"[^\w.-]+", "_", request.node.name + suffix)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=path, full_page=True)
        return path

    return save
