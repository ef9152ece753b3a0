import json
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import translation

EXPORT = Path(__file__).parent / "export"


def run_import(export_dir, report_path, *extra):
    """import_plone as an operator runs it; its output (in English) and its JSON report."""
    out = StringIO()
    with translation.override("en"):
        call_command(
            "import_plone", str(export_dir), "--report", str(report_path), *extra, stdout=out
        )
    report = json.loads(Path(report_path).read_text()) if Path(report_path).exists() else None
    return out.getvalue(), report


@pytest.fixture(scope="module")
def imported(django_db_setup, django_db_blocker, tmp_path_factory):
    """The committed export, imported once for the module, rolled back after it."""
    tmp = tmp_path_factory.mktemp("plone")
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            output, report = run_import(EXPORT, tmp / "report.json")
            yield {"output": output, "report": report, "tmp": tmp}
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def export_copy(tmp_path):
    """A copy of the committed export, to break."""
    target = tmp_path / "export"
    shutil.copytree(EXPORT, target)
    return target


def items_of(report):
    return {item["path"]: item for item in report["items"]}
