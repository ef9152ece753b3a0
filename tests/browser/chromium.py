"""The machine's Chromium, driven by Playwright.

Playwright's own browser downloads are not used: scripts/system-deps.sh
installs Chromium through apt, and this is the one place that knows where it
lives and how it must be started in a container.
"""

import os

from tests.system_tools import INSTALL, missing

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# A container has no sandbox and no GPU; the rest keeps Chromium from calling
# home, so a run depends on nothing but the site under test.
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def executable():
    """Chromium's path; the tests that need it skip where it is missing."""
    if not os.access(CHROMIUM, os.X_OK):
        missing(
            f"Chromium not found at {CHROMIUM}: run `{INSTALL}` "
            "(or `sudo apt-get install chromium`, or set CHROMIUM_PATH)"
        )
    return CHROMIUM


def launch(playwright, **options):
    """A headless Chromium from a started ``sync_playwright()``."""
    return playwright.chromium.launch(
        executable_path=executable(), headless=True, args=ARGS, **options
    )
