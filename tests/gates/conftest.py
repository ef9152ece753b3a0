"""The quality gates: accessibility, HTML validity and Lighthouse, on the demo in both languages.

The gates only read the session's demo: the site is served beside the tests
(tests/live_server.py), and the pages a form submission shows are rendered
in a transaction that is rolled back (tests/gates/pages.py). One Chromium
serves every page of the run.
"""

import os
from pathlib import Path
from unittest import mock

import pytest
from playwright.sync_api import sync_playwright

from tests.browser.chromium import launch
from tests.gates import pages
from tests.live_server import serve_read_only
from tests.system_tools import missing, program

ROOT = Path(__file__).resolve().parents[2]


def pytest_collection_modifyitems(items):
    """Mark every gate, so that one database's CI pass may leave them out."""
    for item in items:
        if item.path.is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.gates)


NODE_MODULES = ROOT / "node_modules"


# The apt package of each program the gates run.
PACKAGES = {"java": "default-jre-headless", "node": "nodejs"}


def node_tool(relative):
    """A file of the gates' npm packages; ``make install-dev`` installs them."""
    path = NODE_MODULES / relative
    if not path.exists():
        missing(f"node_modules/{relative} not found: run `make install-dev` (npm ci)")
    return path


def system_tool(name):
    return program(name, PACKAGES[name])


@pytest.fixture(scope="package")
def gate_pages(django_db_setup, django_db_blocker):
    """Every page the gates check, keyed by (kind, language), with what the site answers."""
    with django_db_blocker.unblock():
        return pages.collect()


@pytest.fixture(scope="package")
def site_url(django_db_setup):
    with serve_read_only() as url:
        yield url


@pytest.fixture(scope="package")
def browser(site_url):
    """One Chromium for every page of the gates, closed before the server stops.

    Playwright's sync API runs an event loop in the test thread while it is
    started, and Django then refuses ORM calls there; nothing here is
    asynchronous, so the check is lifted for as long as Playwright runs.
    """
    with (
        mock.patch.dict(os.environ, {"DJANGO_ALLOW_ASYNC_UNSAFE": "true"}),
        sync_playwright() as playwright,
    ):
        chromium = launch(playwright)
        yield chromium
        chromium.close()


def visit(tab, site_url, gate):
    """Open ``gate``; a page only a rolled-back transaction shows is handed over as rendered."""
    url = f"{site_url}{gate.path}"
    if gate.rendered_in_transaction:
        headers = {k: v for k, v in gate.headers.items() if k != "content-length"}
        tab.route(
            url, lambda route: route.fulfill(status=gate.status, headers=headers, body=gate.html)
        )
    try:
        response = tab.goto(url, wait_until="load")
    finally:
        tab.unroute_all()
    assert response.status == gate.status, f"{gate.label} answered {response.status}"
