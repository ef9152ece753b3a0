"""The machine's programs that the browser tests and the gates run: Chromium, Java, Node.

``scripts/system-deps.sh`` installs them (``make test`` runs it first). Where one
is missing, the tests that need it skip with one line that says what is missing
and what installs it; under CI they fail instead, so a green run cannot hide them.
"""

import os
import shutil

import pytest

INSTALL = "sudo scripts/system-deps.sh"


def missing(reason):
    if os.environ.get("CI"):
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


def program(name, package):
    """The path of the program ``name`` on PATH; the apt ``package`` installs it."""
    found = shutil.which(name)
    if found is None:
        missing(f"`{name}` not found: run `{INSTALL}` (or `sudo apt-get install {package}`)")
    return found
