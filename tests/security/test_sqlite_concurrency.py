"""SQLite, the ``make run`` default, serves an editor's requests that write at the same moment.

An image upload in the chooser and the page's autosave at once used to end in
a 503 ("database is locked") for one of them. The writers run in a separate
process on a SQLite file holding a copy of the session's demo
(``tests/security/sqlite_writers.py``): the suite's in-memory database cannot
be shared by threads the way a file is. A write that still cannot get the
lock tells the editor, in the admin language, that nothing was saved, and
the same form sent again is saved.
"""

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
WRITERS_TIMEOUT_SECONDS = 300  # bounded even on a loaded machine; a run takes far less


@pytest.fixture(scope="module")
def sqlite_file(django_db_setup, django_db_blocker, tmp_path_factory):
    """A file copy of the session's database, demo included."""
    with django_db_blocker.unblock():
        if connection.vendor != "sqlite":
            pytest.skip("SQLite's locking; PostgreSQL has row locks and none of this")
        connection.ensure_connection()
        path = tmp_path_factory.mktemp("sqlite") / "db.sqlite3"
        copy = sqlite3.connect(path)
        connection.connection.backup(copy)
        copy.close()
    return path


def run_writers(sqlite_file, scenario, **env):
    """Copy the file for this scenario and run it; return what it printed."""
    database = sqlite_file.with_name(f"{scenario}.sqlite3")
    database.write_bytes(sqlite_file.read_bytes())
    result = subprocess.run(
        [sys.executable, "-m", "tests.security.sqlite_writers", scenario],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "twinsite.settings.test",
            "DATABASE_URL": f"sqlite:///{database}",
            **env,
        },
        capture_output=True,
        text=True,
        timeout=WRITERS_TIMEOUT_SECONDS,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_editors_opening_uploading_and_saving_at_the_same_moment_all_succeed(sqlite_file):
    from tests.security.sqlite_writers import ROUNDS, WRITERS

    outcome = run_writers(sqlite_file, "concurrent")
    failed = [
        (a["kind"], a["status"], a["text"][:300])
        for a in outcome["answers"]
        if not (
            (a["kind"] == "editor" and a["status"] == 200)
            or (a["kind"] == "upload" and a["status"] == 200 and a["step"] == "chosen")
            or (a["kind"] == "draft" and a["status"] == 302)
        )
    ]
    assert failed == []
    assert len(outcome["answers"]) == 3 * WRITERS * ROUNDS
    # Every upload and every draft is in the database.
    assert outcome["images"] == WRITERS * ROUNDS
    assert outcome["drafts"] == WRITERS * ROUNDS


def test_a_write_that_cannot_get_the_lock_says_so_in_the_admin_language(sqlite_file):
    outcome = run_writers(sqlite_file, "locked", SQLITE_TIMEOUT="1")
    during = outcome["during"]
    assert during["status"] == 503
    assert '<html lang="fr">' in during["text"]  # Les Ulis reads the admin in French
    assert "Ce que vous avez envoyé n’a pas été enregistré." in during["text"]
    assert "vos saisies sont encore dans le formulaire" in during["text"]
    assert 'http-equiv="refresh"' not in during["text"]  # a reload would lose the form
    assert outcome["saved_during"] == 0
    # Sent again once the lock is gone, the same form is saved.
    assert outcome["after"]["status"] == 302
    assert outcome["drafts"] == 1
