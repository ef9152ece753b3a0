"""``make load``: the production stack on loopback under locust, for a bounded time.

Starts gunicorn with the production settings (bench/stack.py), waits for
``/healthz``, runs bench/locustfile.py headless with LOAD_USERS visitors for
LOAD_SECONDS, stops the server and prints requests/s, p50, p99 and the error
count, overall and per kind of request. Exits 1 if there was any error.

Environment (all optional):

- ``LOAD_SECONDS`` (60), ``LOAD_USERS`` (20), ``LOAD_PORT`` (8790);
- ``DATABASE_URL``: unset means the dev SQLite database ``var/db.sqlite3``
  (``make load`` runs ``make demo`` first, which loads the demo into it);
- ``REDIS_URL``: unset means the local Redis if it answers (its databases 4-6,
  emptied first, so every run starts cold), else each process's memory;
- ``CONN_MAX_AGE`` (60 here): persistent database connections, as a server runs.
"""

import json
import os
import subprocess
import sys
import time
from datetime import datetime

from stack import (
    OUTPUT_DIR,
    ROOT,
    VENV_BIN,
    Stack,
    bench_redis_url,
    describe_database,
    empty_bench_redis,
    say,
)

COLUMNS = ("requests", "errors", "req/s", "p50 ms", "p99 ms", "max ms")


def table(result):
    lines = [f"{'':16}" + "".join(f"{column:>10}" for column in COLUMNS)]
    for name, row in [*result["by_name"].items(), ("all", result["total"])]:
        values = (
            row["requests"],
            row["errors"],
            f"{row['rps']:.1f}",
            row["p50"],
            row["p99"],
            round(row["max"] or 0),
        )
        lines.append(f"{name:16}" + "".join(f"{value:>10}" for value in values))
    return "\n".join(lines)


def load_average():
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


def main():
    seconds = int(os.environ.get("LOAD_SECONDS", "60"))
    users = int(os.environ.get("LOAD_USERS", "20"))
    port = int(os.environ.get("LOAD_PORT", "8790"))
    database_url = os.environ.get("DATABASE_URL") or None
    redis_url = bench_redis_url()
    if redis_url and not os.environ.get("REDIS_URL"):
        empty_bench_redis(redis_url)
    workers = os.environ.get("WEB_CONCURRENCY", str((os.cpu_count() or 1) * 2 + 1))
    threads = os.environ.get("GUNICORN_THREADS", "2")

    say(f"make load, {datetime.now().astimezone():%Y-%m-%d %H:%M %Z}, {os.cpu_count()} cores")
    say(f"database: {describe_database(database_url)}; caches: {redis_url or 'local memory'}")
    say(f"gunicorn: {workers} workers x {threads} threads; load average {load_average()}")
    say(f"locust: {users} users, no pause, for {seconds} s")

    summary_path = OUTPUT_DIR / "load-summary.json"
    summary_path.unlink(missing_ok=True)
    locust_log = OUTPUT_DIR / "load-locust.log"
    stack = Stack(
        "load",
        port,
        database_url=database_url,
        redis_url=redis_url,
        extra_env={"CONN_MAX_AGE": os.environ.get("CONN_MAX_AGE", "60")},
    )
    with stack, locust_log.open("w") as log:
        started = time.monotonic()
        subprocess.run(
            [
                str(VENV_BIN / "locust"),
                "--locustfile", str(ROOT / "bench" / "locustfile.py"),
                "--headless", "--only-summary",
                "--host", stack.base_url,
                "--users", str(users), "--spawn-rate", str(users),
                "--run-time", f"{seconds}s", "--stop-timeout", "10",
                "--loglevel", "WARNING",
            ],
            cwd=ROOT,
            env={**os.environ, "LOAD_SUMMARY": str(summary_path)},
            check=False,  # locust exits 1 on errors; the summary says which
            stderr=log,
        )  # fmt: skip
        elapsed = time.monotonic() - started
        server_errors = stack.log_count("Internal Server Error", "WORKER TIMEOUT")
        recycled = stack.log_count("Autorestarting worker")

    if not summary_path.exists():
        say(f"FAIL: locust wrote no summary; see {locust_log.relative_to(ROOT)}")
        return 1
    result = json.loads(summary_path.read_text())
    total = result["total"]
    say(f"\nload average after the run: {load_average()}")
    say(f"Results: {result['seconds']:.0f} s of load ({elapsed:.0f} s with URL discovery)\n")
    say(table(result))
    say(
        f"\nrequests/s {total['rps']:.1f}, p50 {total['p50']} ms, p99 {total['p99']} ms, "
        f"errors {total['errors']} (server log: {server_errors})"
    )
    say(f"workers recycled after gunicorn's max_requests: {recycled}")
    for error in result["errors"]:
        say(f"  error: {error['name']}: {error['error']} x{error['count']}")
    if total["errors"] or server_errors:
        say("FAIL: there were errors")
        return 1
    say("OK: zero errors")
    return 0


if __name__ == "__main__":
    sys.exit(main())
