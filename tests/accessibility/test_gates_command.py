"""``manage.py accessibility_gates``: a real run of the checks, written into drafts only."""

import os
import shutil
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from accessibility import gates
from tests.accessibility.helpers import STATEMENT, statement
from tests.live_server import serve_in_test_transaction
from tests.system_tools import missing

pytestmark = pytest.mark.django_db


def needs(*programs):
    if not os.access(gates.CHROMIUM, os.X_OK):
        missing(f"Chromium not found at {gates.CHROMIUM}: run `sudo scripts/system-deps.sh`")
    for name in programs:
        if shutil.which(name) is None:
            missing(f"`{name}` not found: run `sudo scripts/system-deps.sh`")
    for package in ("axe-core/axe.min.js", "vnu-jar/build/dist/vnu.jar"):
        if not (gates.NODE_MODULES / package).exists():
            missing(f"node_modules/{package} not found: run `make install-dev`")


def test_a_real_run_writes_a_draft_of_each_statement_and_publishes_nothing(client, demo):
    needs("java")
    german, french = statement("de"), statement("fr")
    live_before = {page.pk: page.live_revision_id for page in (german, french)}
    out = StringIO()

    with serve_in_test_transaction() as url:
        call_command("accessibility_gates", "--base-url", url, "--tools", "axe,nu", stdout=out)

    output = out.getvalue()
    assert "axe-core 4." in output and "Nu HTML checker" in output
    for page in (german, french):
        page.refresh_from_db()
        # A new draft revision; the live version and the conformity status are untouched.
        assert page.live_revision_id == live_before[page.pk]
        assert page.has_unpublished_changes
        assert page.latest_revision_id != page.live_revision_id
        assert page.automatic_checks == ""
        draft = page.get_latest_revision_as_object()
        assert draft.conformity == page.conformity
        report = draft.automatic_checks
        assert "axe-core 4." in report and "Chromium" in report
        assert "Nu HTML checker" in report
        # Every page type, in both languages, is named with its path.
        assert f"- {STATEMENT['de']} (accessibility.AccessibilityStatementPage, de)" in report
        assert f"- {STATEMENT['fr']} (accessibility.AccessibilityStatementPage, fr)" in report
        assert "(partnership.DelegationReportPage, fr)" in report
        assert "(home.HomePage, de)" in report
    assert "Automatische Tests vom" in german.get_latest_revision_as_object().automatic_checks
    assert "Tests automatiques du" in french.get_latest_revision_as_object().automatic_checks

    # The public page still shows the published statement, without the draft's report.
    assert "Automatische Tests vom" not in client.get(STATEMENT["de"]).content.decode()


def test_lighthouse_scores_are_written_too(demo):
    needs("node")
    if not (gates.NODE_MODULES / "lighthouse/package.json").exists():
        missing("node_modules/lighthouse not found: run `make install-dev`")
    out = StringIO()
    with serve_in_test_transaction() as url:
        call_command(
            "accessibility_gates",
            "--base-url",
            url,
            "--tools",
            "lighthouse",
            "--language",
            "fr",
            "--page-type",
            "accessibility.AccessibilityStatementPage",
            stdout=out,
        )
    report = statement("fr").get_latest_revision_as_object().automatic_checks
    assert "Lighthouse 12." in report
    assert f"- {STATEMENT['fr']}: accessibility " in report
    # Only the French statement was asked for.
    assert not statement("de").has_unpublished_changes


def test_unknown_tools_are_refused(demo):
    with pytest.raises(CommandError, match="Unknown tools"):
        call_command("accessibility_gates", "--tools", "wave", stdout=StringIO())
