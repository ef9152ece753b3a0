"""The W3C Nu HTML checker on every kind of page, in both languages: no error.

The checker (the vnu-jar npm package, run with the machine's Java) reads the
HTML the site answers, saved to files, all in one run: starting Java once
costs more than checking forty pages.
"""

import json
import subprocess
from collections import defaultdict

import pytest

from tests.gates.conftest import node_tool, system_tool
from tests.gates.pages import CASES, case_id

# The gates read the demo; the mark has pytest-django create the test database.
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def checker_errors(gate_pages, tmp_path_factory):
    """The checker's errors, keyed by (kind, language)."""
    folder = tmp_path_factory.mktemp("html")
    files = {}
    for case, gate in gate_pages.items():
        path = folder / f"{case_id(case)}.html"
        path.write_text(gate.html, encoding="utf-8")
        files[str(path)] = case
    run = subprocess.run(
        [
            system_tool("java"),
            "-jar",
            str(node_tool("vnu-jar/build/dist/vnu.jar")),
            "--format",
            "json",
            "--errors-only",
            *files,
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    # The checker writes its report to standard error and exits 1 when it found errors.
    report = json.loads(run.stderr)
    errors = defaultdict(list)
    for message in report["messages"]:
        # It names each file by a URL: "file:" and the path.
        case = files.get(message.get("url", "").removeprefix("file:"))
        assert case is not None and message["type"] == "error", f"the checker failed: {message}"
        errors[case].append(message)
    return errors


def describe(message):
    extract = " ".join(message.get("extract", "").split())
    return f"line {message.get('lastLine')}: {message['message']}\n    {extract}"


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_the_html_is_valid(gate_pages, checker_errors, case):
    errors = checker_errors[case]
    assert not errors, f"Nu HTML checker on {gate_pages[case].label}:\n" + "\n".join(
        describe(message) for message in errors
    )
