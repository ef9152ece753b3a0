"""axe-core in Chromium on every kind of page, in both languages: no serious or critical violation.

axe checks the page as a visitor's browser has it: styles applied (for
contrast), scripts run, at the width of a laptop screen. Minor and moderate
findings are printed, not failed on.
"""

import pytest

from tests.gates.conftest import node_tool
from tests.gates.pages import CASES, case_id

# The gates read the demo; the mark has pytest-django create the test database.
pytestmark = pytest.mark.django_db

FAILING_IMPACTS = {"serious", "critical"}

# Rules axe may not fail the gate on, each with the reason. Keep this empty
# unless a finding is axe's mistake or lies in markup the site cannot change.
IGNORED_RULES = {}


@pytest.fixture(scope="module")
def tab(browser, site_url):
    """One tab for every page, with axe loaded into each document before the page's own scripts.

    An init script is not subject to the page's Content-Security-Policy, so the
    pages run under the policy visitors get.
    """
    context = browser.new_context(base_url=site_url, viewport={"width": 1280, "height": 900})
    context.add_init_script(path=node_tool("axe-core/axe.min.js"))
    yield context.new_page()
    context.close()


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


def describe(violation, url):
    targets = "; ".join(
        " ".join(str(part) for part in node["target"]) for node in violation["nodes"]
    )
    return f"{violation['id']} [{violation['impact']}] {violation['help']} at {targets} ({url})"


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_no_serious_accessibility_violations(gate_pages, tab, site_url, case):
    gate = gate_pages[case]
    visit(tab, site_url, gate)
    result = tab.evaluate("() => axe.run(document, {resultTypes: ['violations']})")

    violations = [v for v in result["violations"] if v["id"] not in IGNORED_RULES]
    failing = [v for v in violations if v["impact"] in FAILING_IMPACTS]
    for violation in violations:
        if violation not in failing:
            print(describe(violation, gate.path))
    assert not failing, f"axe-core on {gate.label}:\n" + "\n".join(
        describe(violation, gate.path) for violation in failing
    )
