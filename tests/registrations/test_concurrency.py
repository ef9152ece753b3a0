"""No overbooking: 50 people posting at the same moment for 10 seats, against a live server.

Only PostgreSQL has what this tests (row locks between connections); the
suite's SQLite database lives in memory, shared by every thread. The burst
runs in its own process (``tests/registrations/burst.py``) on the session's
database, with a connection per request thread, and removes what it made.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
BURST_TIMEOUT_SECONDS = 300


@pytest.fixture
def postgres_url(db):
    if connection.vendor != "postgresql":
        pytest.skip("row locks between connections: PostgreSQL only (CI runs it there)")
    settings = connection.settings_dict
    user, host, port = settings["USER"] or "postgres", settings["HOST"], settings["PORT"] or 5432
    return f"postgres://{user}@{host or '127.0.0.1'}:{port}/{settings['NAME']}"


def test_fifty_at_once_for_ten_seats_end_as_ten_seats_and_forty_waiting(postgres_url):
    result = subprocess.run(
        [sys.executable, "-m", "tests.registrations.burst"],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "twinsite.settings.test",
            "DATABASE_URL": postgres_url,
            "BURST_PEOPLE": "50",
            "BURST_SEATS": "10",
        },
        capture_output=True,
        text=True,
        timeout=BURST_TIMEOUT_SECONDS,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["answers"] == [200] * 50, "every visitor gets an answer, none a 500"
    rows = outcome["rows"]
    assert len(rows) == 50, "nobody lost, nobody twice"
    statuses = [row["status"] for row in rows]
    assert statuses.count("confirmed") == 10
    assert statuses.count("waiting") == 40
    # In the order the database let them in: the first ten rows have the seats.
    assert statuses == ["confirmed"] * 10 + ["waiting"] * 40
    assert len({row["email"] for row in rows}) == 50
    assert outcome["mail_tasks"] == 50, "one mail each, queued with its registration"
