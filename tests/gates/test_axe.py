"""axe-core in Chromium on every kind of page, in both languages: no serious or critical violation.

axe checks the page as a visitor's browser has it: styles applied (for
contrast), scripts run, at the width of a laptop screen. Besides axe's
default rules (WCAG 2.0 and 2.1 A and AA, and its best practices) it runs
the WCAG 2.2 rules, which axe leaves off by default: target-size (2.5.8,
every control 24 by 24 CSS pixels or spaced as far apart). Minor and
moderate findings are printed, not failed on. The WCAG 2.2 criteria axe
cannot judge have tests of their own (tests/browser/test_wcag22.py).
"""

import pytest

from tests.gates.conftest import node_tool, visit
from tests.gates.pages import CASES, case_id

# The gates read the demo; the mark has pytest-django create the test database.
pytestmark = pytest.mark.django_db

FAILING_IMPACTS = {"serious", "critical"}

# Rules axe may not fail the gate on, each with the reason. Keep this empty
# unless a finding is axe's mistake or lies in markup the site cannot change.
IGNORED_RULES = {}

# The WCAG 2.2 success criteria axe has rules for, switched on beside the defaults.
WCAG22_TAGS = ["wcag22a", "wcag22aa"]
# Rules that must have run on every page, so that a renamed tag cannot switch them off unseen.
REQUIRED_RULES = {"target-size"}

RUN_AXE = """
(tags) => axe.run(document, {
    resultTypes: ["violations"],
    rules: Object.fromEntries(axe.getRules(tags).map((rule) => [rule.ruleId, {enabled: true}])),
})
"""


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


def describe(violation, url):
    targets = "; ".join(
        " ".join(str(part) for part in node["target"]) for node in violation["nodes"]
    )
    return f"{violation['id']} [{violation['impact']}] {violation['help']} at {targets} ({url})"


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_no_serious_accessibility_violations(gate_pages, tab, site_url, case):
    gate = gate_pages[case]
    visit(tab, site_url, gate)
    result = tab.evaluate(RUN_AXE, WCAG22_TAGS)
    ran = {
        rule["id"]
        for outcome in ("violations", "passes", "incomplete", "inapplicable")
        for rule in result[outcome]
    }
    assert ran >= REQUIRED_RULES, f"axe did not run {REQUIRED_RULES - ran} on {gate.label}"

    violations = [v for v in result["violations"] if v["id"] not in IGNORED_RULES]
    failing = [v for v in violations if v["impact"] in FAILING_IMPACTS]
    for violation in violations:
        if violation not in failing:
            print(describe(violation, gate.path))
    assert not failing, f"axe-core on {gate.label}:\n" + "\n".join(
        describe(violation, gate.path) for violation in failing
    )
