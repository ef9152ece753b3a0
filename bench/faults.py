"""``make faults``: restart PostgreSQL and stop Redis while the production stack is under load.

It changes services on this machine, so it is careful with them:

- it uses its own database, ``FAULTS_DATABASE_URL`` (default
  ``postgres://postgres@127.0.0.1:5432/twinsite_bench``): created if missing,
  migrated and given the demo; no other database is touched;
- before stopping PostgreSQL it waits (``FAULTS_QUIET_WAIT``, 180 s) until no
  client is connected to another database, and gives up rather than cut
  someone off (``FAULTS_FORCE=1`` goes ahead anyway);
- PostgreSQL and Redis are started again in ``finally``, whatever happened,
  and the script checks that they answer. Redis is started again with the
  configuration it ran with (its config file, or the settings it reports).

Each scenario runs the server (bench/stack.py) and a poller: ``FAULTS_THREADS``
(6) threads asking for pages, search results and feeds of both languages, a
new connection for each request. It prints a timeline (status counts per
second, with the events) and a verdict; the exit status is 1 if any verdict
fails.

1. PostgreSQL: stop the cluster, keep it down ``FAULTS_DOWN_SECONDS`` (10), start
   it. The page cache is off for this scenario, so every request needs the
   database. Passes if requests fail only while it is down, every failure is
   the 503 page in the language of the URL with ``Retry-After: 30``, and the
   same gunicorn serves again once PostgreSQL is back.
2. Redis: ``SHUTDOWN NOSAVE``, keep it down as long, start it. The page cache
   is on (in Redis). Passes if every request is answered 200.

``FAULTS_PG_STOP`` and ``FAULTS_PG_START`` replace the commands for PostgreSQL
(default: ``pg_ctlcluster <version> <cluster> stop|start`` for the cluster on
the URL's port, else ``service postgresql stop|start``).
"""

import contextlib
import http.client
import os
import random
import re
import shlex
import shutil
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from datetime import datetime
from urllib.parse import urlencode, urlsplit, urlunsplit
from xml.etree import ElementTree

import psycopg
import redis
from psycopg import sql
from stack import (
    ROOT,
    Stack,
    describe_database,
    empty_bench_redis,
    get,
    redis_answers,
    say,
)

DATABASE_URL = os.environ.get(
    "FAULTS_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/twinsite_bench"
)
REDIS_URL = "redis://127.0.0.1:6379/4"
# The bench database's uploads and renditions stay out of the dev site's var/media.
MEDIA_ROOT = str(ROOT / "var" / "bench" / "media")
PORT = int(os.environ.get("FAULTS_PORT", "8791"))
THREADS = int(os.environ.get("FAULTS_THREADS", "6"))
DOWN_SECONDS = float(os.environ.get("FAULTS_DOWN_SECONDS", "10"))
BEFORE_SECONDS, AFTER_SECONDS = 5.0, 12.0
# A request still counts as "while down" if it ends this long after the service is back.
GRACE_SECONDS = 2.0
EXPECTED_RETRY_AFTER = "30"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
TITLE = re.compile(r"<title>(.*?)</title>", re.S)
SEARCHES = {"de": "/de/suche/?", "fr": "/fr/recherche/?"}
SEARCH_WORDS = {"de": ["Naumburg", "Ausstellung", "Workshop"], "fr": ["exposition", "atelier"]}


# --- the services --------------------------------------------------------------


def with_database(url, name):
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def prepare_database(url):
    """Create the bench database if missing, then migrate it and load the demo."""
    name = urlsplit(url).path.lstrip("/")
    with psycopg.connect(with_database(url, "postgres"), autocommit=True) as admin:
        if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            say(f"Created database {name}")
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "twinsite.settings.dev",
        "MEDIA_ROOT": MEDIA_ROOT,
    }
    for command in (["migrate", "--no-input", "--verbosity", "0"], ["load_demo"]):
        subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    say(f"Database {name}: migrated, demo loaded")


class Postgres:
    def __init__(self, url):
        self.url = url
        self.port = urlsplit(url).port or 5432
        self.stop_command, self.start_command = self.commands()

    def commands(self):
        if os.environ.get("FAULTS_PG_STOP") and os.environ.get("FAULTS_PG_START"):
            return shlex.split(os.environ["FAULTS_PG_STOP"]), shlex.split(
                os.environ["FAULTS_PG_START"]
            )
        if shutil.which("pg_lsclusters"):
            listing = subprocess.run(
                ["pg_lsclusters", "--no-header"], capture_output=True, text=True, check=True
            ).stdout
            for line in listing.splitlines():
                version, cluster, port = line.split()[:3]
                if int(port) == self.port:
                    return (
                        ["pg_ctlcluster", version, cluster, "stop"],
                        ["pg_ctlcluster", version, cluster, "start"],
                    )
        return ["service", "postgresql", "stop"], ["service", "postgresql", "start"]

    def answers(self):
        try:
            with psycopg.connect(self.url, connect_timeout=2) as connection:
                return connection.execute("SELECT 1").fetchone() == (1,)
        except psycopg.Error:
            return False

    def other_clients(self):
        """Client connections to databases other than ours, by database."""
        bench = urlsplit(self.url).path.lstrip("/")
        with psycopg.connect(with_database(self.url, "postgres")) as connection:
            rows = connection.execute(
                "SELECT datname, count(*) FROM pg_stat_activity"
                " WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()"
                " AND datname IS DISTINCT FROM %s GROUP BY datname",
                [bench],
            ).fetchall()
        return dict(rows)

    def wait_until_quiet(self):
        deadline = time.monotonic() + float(os.environ.get("FAULTS_QUIET_WAIT", "180"))
        while others := self.other_clients():
            if os.environ.get("FAULTS_FORCE") == "1":
                say(f"FAULTS_FORCE=1: restarting although connected: {others}")
                return
            if time.monotonic() > deadline:
                raise SystemExit(
                    f"PostgreSQL still has clients on other databases ({others}); a restart "
                    "would cut them off. Try again later, or set FAULTS_FORCE=1."
                )
            say(f"Waiting for other PostgreSQL clients to finish: {others}")
            time.sleep(10)

    def stop(self):
        subprocess.run(self.stop_command, check=True, capture_output=True)

    def start(self):
        if self.answers():
            return
        subprocess.run(self.start_command, check=True, capture_output=True)
        deadline = time.monotonic() + 30
        while not self.answers():
            if time.monotonic() > deadline:
                raise RuntimeError("PostgreSQL does not answer after starting it")
            time.sleep(0.2)


class Redis:
    """The local Redis, stopped and started again exactly as it was running."""

    SETTINGS = (
        "port", "bind", "dir", "dbfilename", "save", "appendonly", "logfile", "pidfile",
        "databases", "protected-mode", "maxmemory", "maxmemory-policy",
    )  # fmt: skip

    def __init__(self, url):
        self.client = redis.Redis.from_url(url, socket_connect_timeout=1)
        info = self.client.info("server")
        self.config_file = info.get("config_file") or ""
        self.settings = {name: self.client.config_get(name).get(name, "") for name in self.SETTINGS}
        self.as_service = (
            subprocess.run(["service", "redis-server", "status"], capture_output=True).returncode
            == 0
        )

    def start_command(self):
        if self.as_service:
            return ["service", "redis-server", "start"]
        command = [shutil.which("redis-server") or "redis-server"]
        if self.config_file:
            return [*command, self.config_file]
        command += ["--daemonize", "yes"]
        for name, value in self.settings.items():
            if name in ("bind", "save"):
                # Several words, each its own argument; an empty save stays "".
                command += [f"--{name}", *(value.split() or [""])]
            elif value != "":
                command += [f"--{name}", value]
        return command

    def describe(self):
        return " ".join(shlex.quote(part) for part in self.start_command())

    def stop(self):
        if self.as_service:
            subprocess.run(["service", "redis-server", "stop"], check=True, capture_output=True)
        else:
            # It may go away before it answers.
            with contextlib.suppress(redis.ConnectionError):
                self.client.shutdown(nosave=True)

    def answers(self):
        try:
            return self.client.ping()
        except redis.RedisError:
            return False

    def start(self):
        if self.answers():
            return
        subprocess.run(self.start_command(), check=True, capture_output=True, cwd="/")
        deadline = time.monotonic() + 15
        while not self.answers():
            if time.monotonic() > deadline:
                raise RuntimeError(f"Redis does not answer after: {self.describe()}")
            time.sleep(0.2)
        changed = {
            name: (value, self.client.config_get(name).get(name, ""))
            for name, value in self.settings.items()
            if self.client.config_get(name).get(name, "") != value
        }
        if changed:
            say(f"Warning: Redis came back with other settings: {changed}")


# --- the load ------------------------------------------------------------------


def discover_and_warm(base_url):
    """Every page in the sitemap, a few searches and both home feeds, each asked for once.

    The first visit makes the image renditions, which takes seconds on a busy
    machine; under the poller's load that would look like a fault of its own.
    """
    status, _headers, body = get(f"{base_url}/sitemap.xml")
    if status != 200:
        raise SystemExit(f"/sitemap.xml answered {status}")
    paths = [urlsplit(loc.text).path for loc in ElementTree.fromstring(body).iter(f"{SITEMAP}loc")]
    paths += [f"/{language}/feed/" for language in SEARCHES]
    paths += [
        SEARCHES[language] + urlencode({"q": word})
        for language, words in SEARCH_WORDS.items()
        for word in words
    ]
    started = time.monotonic()
    statuses = Counter(get(base_url + path, timeout=120)[0] for path in paths)
    say(f"Warmed {len(paths)} URLs in {time.monotonic() - started:.0f} s: {dict(statuses)}")
    return paths


class Poller:
    """Threads asking for random URLs without pause; every answer is kept with its times."""

    def __init__(self, base_url, paths, threads):
        self.base_url, self.paths, self.threads = base_url, paths, threads
        self.results = []
        self.lock = threading.Lock()
        self.running = threading.Event()
        self.workers = []
        self.epoch = None

    def now(self):
        return time.monotonic() - self.epoch

    def __enter__(self):
        self.epoch = time.monotonic()
        self.running.set()
        self.workers = [
            threading.Thread(target=self.work, daemon=True) for _ in range(self.threads)
        ]
        for worker in self.workers:
            worker.start()
        return self

    def __exit__(self, *exc_info):
        self.running.clear()
        for worker in self.workers:
            worker.join(timeout=30)

    def work(self):
        while self.running.is_set():
            path = random.choice(self.paths)
            language = path.split("/")[1]
            started = self.now()
            try:
                status, headers, body = get(self.base_url + path, timeout=20)
                text = body.decode("utf-8", "replace")
                title = TITLE.search(text)
                result = {
                    "status": status,
                    "retry_after": headers.get("Retry-After"),
                    "in_language": f'<html lang="{language}">' in text[:400],
                    "title": title.group(1).strip() if title else "",
                }
            except (OSError, http.client.HTTPException) as error:
                result = {"status": "conn", "error": str(error)}
            result.update(path=path, language=language, start=started, end=self.now())
            with self.lock:
                self.results.append(result)


def timeline(results, events, seconds):
    """One row per second: answers by status, and what happened in that second."""
    by_second = defaultdict(Counter)
    for result in results:
        status = result["status"]
        column = status if status in (200, 503, "conn") else "other"
        by_second[int(result["end"])][column] += 1
    marks = defaultdict(list)
    for moment, label in events:
        marks[int(moment)].append(f"{label} ({moment:.1f} s)")
    lines = [f"  {'t (s)':>5} {'200':>5} {'503':>5} {'other':>5} {'conn':>5}  event"]
    for second in range(int(seconds) + 1):
        counts = by_second[second]
        lines.append(
            f"  {second:>5} {counts[200]:>5} {counts[503]:>5} {counts['other']:>5} "
            f"{counts['conn']:>5}  {'; '.join(marks[second])}".rstrip()
        )
    return "\n".join(lines)


def describe_failures(failures):
    statuses = Counter(result["status"] for result in failures)
    return ", ".join(f"{status} x{count}" for status, count in statuses.most_common())


def connection_errors(results):
    errors = Counter(
        (result["path"], result["error"]) for result in results if result["status"] == "conn"
    )
    for (path, error), count in errors.most_common():
        say(f"    no answer x{count}: {path}: {error}")


# --- the scenarios --------------------------------------------------------------


def postgres_restart(postgres):
    say(
        f"\n== PostgreSQL restart under load: {THREADS} threads, page cache off "
        "(every request needs the database) =="
    )
    postgres.wait_until_quiet()
    events = []
    stack = Stack(
        "faults-postgres",
        PORT,
        database_url=DATABASE_URL,
        redis_url=REDIS_URL,
        extra_env={"CONN_MAX_AGE": "60", "PAGE_CACHE_SECONDS": "0", "MEDIA_ROOT": MEDIA_ROOT},
    )
    with stack:
        master = stack.pid
        paths = discover_and_warm(stack.base_url)
        try:
            with Poller(stack.base_url, paths, THREADS) as poller:
                time.sleep(BEFORE_SECONDS)
                went_down = poller.now()
                events.append((went_down, "PostgreSQL stopping"))
                postgres.stop()
                events.append((poller.now(), "PostgreSQL down"))
                time.sleep(DOWN_SECONDS)
                events.append((poller.now(), "PostgreSQL starting"))
                postgres.start()
                came_back = poller.now()
                events.append((came_back, "PostgreSQL up"))
                time.sleep(AFTER_SECONDS)
                ended = poller.now()
        finally:
            postgres.start()
        app_survived = stack.alive() and stack.pid == master
        health = get(f"{stack.base_url}/healthz")[0]
        server_errors = stack.log_count("Internal Server Error", "WORKER TIMEOUT")

    results = sorted(poller.results, key=lambda result: result["end"])
    say(timeline(results, events, ended))

    def during(result):
        return result["end"] >= went_down and result["start"] <= came_back + GRACE_SECONDS

    before = [result for result in results if result["end"] < went_down]
    outage = [result for result in results if during(result)]
    after = [result for result in results if result["start"] > came_back + GRACE_SECONDS]
    failed_outside = [result for result in before + after if result["status"] != 200]
    failed_during = [result for result in outage if result["status"] != 200]
    wrong_503 = [
        result
        for result in failed_during
        if result["status"] != 503
        or not result["in_language"]
        or result["retry_after"] != EXPECTED_RETRY_AFTER
    ]
    recovered = [
        result["end"] - came_back
        for result in results
        if result["start"] >= came_back and result["status"] == 200
    ]
    titles = Counter(
        (result["language"], result["title"]) for result in failed_during if result["status"] == 503
    )

    say("\nVerdict:")
    say(f"  before: {len(before)} requests, {len(before) - count_failed(before)} answered 200")
    say(
        f"  while down ({went_down:.1f} s to {came_back:.1f} s, +{GRACE_SECONDS:.0f} s): "
        f"{len(outage)} requests, {len(failed_during)} failed ({describe_failures(failed_during)})"
    )
    connection_errors(results)
    for (language, title), count in sorted(titles.items()):
        say(f'    503 in {language}: "{title}", Retry-After {EXPECTED_RETRY_AFTER} x{count}')
    say(f"  after: {len(after)} requests, {len(after) - count_failed(after)} answered 200")
    if recovered:
        say(f"  first 200 after PostgreSQL was up: {min(recovered):.2f} s")
    say(f"  gunicorn master pid {master} served throughout, never restarted: {app_survived}")
    say(f"  /healthz afterwards: {health}; 500s and worker timeouts in the log: {server_errors}")
    checks = {
        "no failure outside the outage": not failed_outside,
        "the outage was seen (503s)": bool(failed_during),
        "every failure is the 503 page, in the URL's language, with Retry-After": not wrong_503,
        "recovered without restarting the app": app_survived and bool(after) and health == 200,
        "no 500 and no worker timeout in the server log": server_errors == 0,
    }
    return verdict(checks)


def redis_stop(cache_server):
    say(f"\n== Redis stopped under load: {THREADS} threads, page cache on (in Redis) ==")
    say(f"  Redis comes back with: {cache_server.describe()}")
    events = []
    stack = Stack(
        "faults-redis",
        PORT,
        database_url=DATABASE_URL,
        redis_url=REDIS_URL,
        extra_env={"CONN_MAX_AGE": "60", "MEDIA_ROOT": MEDIA_ROOT},
    )
    health_during = None
    with stack:
        paths = discover_and_warm(stack.base_url)
        try:
            with Poller(stack.base_url, paths, THREADS) as poller:
                time.sleep(BEFORE_SECONDS)
                went_down = poller.now()
                events.append((went_down, "Redis stopping"))
                cache_server.stop()
                events.append((poller.now(), "Redis down"))
                time.sleep(DOWN_SECONDS / 2)
                health_during = get(f"{stack.base_url}/healthz")
                time.sleep(DOWN_SECONDS / 2)
                events.append((poller.now(), "Redis starting"))
                cache_server.start()
                events.append((poller.now(), "Redis up"))
                time.sleep(AFTER_SECONDS)
                ended = poller.now()
        finally:
            cache_server.start()
        health_after = get(f"{stack.base_url}/healthz")
        server_errors = stack.log_count("Internal Server Error", "WORKER TIMEOUT")

    results = sorted(poller.results, key=lambda result: result["end"])
    say(timeline(results, events, ended))
    failed = [result for result in results if result["status"] != 200]
    say("\nVerdict:")
    say(f"  {len(results)} requests, {len(failed)} failed ({describe_failures(failed) or 'none'})")
    connection_errors(results)
    say(f"  /healthz while Redis was down: {health_during[0]} {health_during[2].decode()}")
    say(f"  /healthz afterwards: {health_after[0]} {health_after[2].decode()}")
    say(f"  Redis answers again: {cache_server.answers()}")
    checks = {
        "every request answered 200": not failed,
        "healthy without Redis (cache reported unavailable)": health_during[0] == 200
        and b'"cache": "unavailable"' in health_during[2],
        "Redis back, and the app uses it again": cache_server.answers()
        and b'"cache": "ok"' in health_after[2],
        "no 500 and no worker timeout in the server log": server_errors == 0,
    }
    return verdict(checks)


def count_failed(results):
    return sum(1 for result in results if result["status"] != 200)


def verdict(checks):
    for label, passed in checks.items():
        say(f"  [{'PASS' if passed else 'FAIL'}] {label}")
    return all(checks.values())


def main():
    say(f"make faults, {datetime.now().astimezone():%Y-%m-%d %H:%M %Z}, {os.cpu_count()} cores")
    say(f"database: {describe_database(DATABASE_URL)}; caches: {REDIS_URL} (databases 4-6)")
    if not redis_answers():
        raise SystemExit("No Redis at 127.0.0.1:6379: the Redis scenario needs one.")
    postgres, cache_server = Postgres(DATABASE_URL), Redis(REDIS_URL)
    say(f"PostgreSQL: {shlex.join(postgres.stop_command)}; {shlex.join(postgres.start_command)}")
    prepare_database(DATABASE_URL)
    empty_bench_redis(REDIS_URL)
    try:
        passed = [postgres_restart(postgres), redis_stop(cache_server)]
    finally:
        postgres.start()
        cache_server.start()
    say(f"\nPostgreSQL answers: {postgres.answers()}; Redis answers: {cache_server.answers()}")
    say("ALL PASSED" if all(passed) else "SOME CHECKS FAILED")
    return 0 if all(passed) else 1


if __name__ == "__main__":
    sys.exit(main())
