"""Lighthouse on the home page and a delegation report, in both languages: 90 or more.

Lighthouse (npm, on the machine's Node) audits the pages in the system
Chromium, as served over HTTP, for accessibility, best practices (console
errors, deprecated APIs, image sizes ...) and SEO. The scores are written
to bench/results/lighthouse.json, so a change shows up in review.
"""

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.browser.chromium import ARGS, executable
from tests.gates.conftest import ROOT, node_tool, system_tool
from tests.gates.pages import case_id

# The gates read the demo; the mark has pytest-django create the test database.
pytestmark = pytest.mark.django_db

CATEGORIES = ("accessibility", "best-practices", "seo")
LOWEST_SCORE = 90
PAGES = [("home", "de"), ("home", "fr"), ("delegation-report", "de"), ("delegation-report", "fr")]
RESULTS = ROOT / "bench" / "results" / "lighthouse.json"
SCRIPT = Path(__file__).with_name("lighthouse.mjs")


@pytest.fixture(scope="module")
def scores(gate_pages, site_url, django_db_blocker):
    """Each page's score per category (0-100) and the audits that cost points."""
    node = system_tool("node")
    chromium = executable()
    node_tool("lighthouse/package.json")
    urls = {f"{site_url}{gate_pages[case].path}": case for case in PAGES}
    # A module's fixture runs before its first test opens the database to the server.
    with django_db_blocker.unblock():
        run = subprocess.run(
            [node, str(SCRIPT), *urls],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
            cwd=ROOT,
            env={**os.environ, "CHROME_PATH": chromium, "CHROME_FLAGS": " ".join(ARGS)},
        )
    assert run.returncode == 0, f"Lighthouse failed:\n{run.stderr[-3000:]}"
    report = json.loads(run.stdout)
    found = {
        urls[url]: {
            category: {
                "score": round(result["score"] * 100),
                "lost_points": result["failing"],
            }
            for category, result in categories.items()
        }
        for url, categories in report.items()
    }
    record(gate_pages, found)
    return found


def record(gate_pages, found):
    """Write the scores, without times or ports, so the file only changes with them."""
    version = json.loads(node_tool("lighthouse/package.json").read_text())["version"]
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "tool": f"lighthouse {version}, desktop preset, system Chromium",
                "lowest_passing_score": LOWEST_SCORE,
                "pages": {
                    gate_pages[case].path: {
                        category: {
                            "score": result["score"],
                            "audits_below_full_marks": [
                                audit["id"] for audit in result["lost_points"]
                            ],
                        }
                        for category, result in found[case].items()
                    }
                    for case in PAGES
                },
            },
            indent=2,
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )


@pytest.mark.parametrize("category", CATEGORIES)
@pytest.mark.parametrize("case", PAGES, ids=case_id)
def test_lighthouse_score(gate_pages, scores, case, category):
    result = scores[case][category]
    lost = "\n".join(
        f"  {audit['id']} ({audit['score']}): {audit['title']} {json.dumps(audit['items'])[:300]}"
        for audit in result["lost_points"]
    )
    assert result["score"] >= LOWEST_SCORE, (
        f"Lighthouse {category} on {gate_pages[case].label}: {result['score']}\n{lost}"
    )
