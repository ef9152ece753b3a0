"""``make bench``: every kind of page against a do-nothing view, measured with wrk.

Starts the production stack on loopback (bench/stack.py) with
``twinsite.settings.bench``: the production settings plus ``/bench/minimal/``.
wrk then runs a fixed time against each URL bench/pages.py names, once
signed in as the demo's ``admin`` (the page cache never answers a signed-in
editor, so every request is rendered) and once anonymously (after the first
request, the page cache answers). The minimal view (at the start and again at
the end) and a static file through whitenoise are the baselines; every result
is given as a share of the minimal view's requests per second. Then
bench/scale.py fills a throw-away copy of the database to show how index pages
grow with their children.

Writes ``bench/results/latest.json`` and prints a Markdown table, each row
marked against the goals in bench/README.md. Exits 1 only if a request
failed; a missed goal is a finding, not an error.

Environment (all optional): ``BENCH_SECONDS`` (2) per run and ``BENCH_RUNS``
(3) runs per measurement, the median counted, after ``BENCH_WARMUP`` (1);
``BENCH_CONNECTIONS`` (8), ``BENCH_THREADS`` (1) for
wrk; ``BENCH_PORT`` (8792); ``BENCH_SCALE_SIZES`` (10,100,1000);
``DATABASE_URL`` (unset: the dev SQLite database); ``REDIS_URL`` (unset: the
local Redis, databases 7-9, emptied first, if it answers; else memory).
"""

import http.client
import json
import os
import re
import shutil
import subprocess
import sys
import time
from datetime import datetime
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import scale
from stack import (
    OUTPUT_DIR,
    ROOT,
    Stack,
    bench_redis_url,
    describe_database,
    empty_bench_redis,
    say,
)

RESULTS_DIR = ROOT / "bench" / "results"
# Its own Redis databases (7-9), apart from make load (4-6), make serve (0-2) and the tests.
BENCH_REDIS_DB = 7
DEMO_ADMIN = ("admin", "twinsite")
GOALS = {
    "cached": 0.50,  # cached pages: half of the minimal view's requests per second or more
    "uncached detail": 0.10,  # uncached content pages: a tenth or more
}
UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def environment_int(name, default):
    return int(os.environ.get(name, default))


class Client:
    """One HTTP/1.1 request at a time, redirects not followed, headers kept."""

    def __init__(self, port):
        self.port = port

    def request(self, method, path, *, body=None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return response.status, response.headers, response.read()
        finally:
            connection.close()


def cookies_from(headers):
    jar = SimpleCookie()
    for header in headers.get_all("Set-Cookie") or []:
        jar.load(header)
    return {name: morsel.value for name, morsel in jar.items()}


def sign_in(client):
    """The demo admin's session, through the real sign-in form (with django-axes and CSRF)."""
    status, headers, body = client.request("GET", "/admin/login/")
    if status != 200:
        raise SystemExit(f"/admin/login/ answered {status}")
    cookies = cookies_from(headers)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
    username, password = DEMO_ADMIN
    form = urlencode({"csrfmiddlewaretoken": token, "username": username, "password": password})
    status, headers, _body = client.request(
        "POST",
        "/admin/login/",
        body=form,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={cookies['csrftoken']}",
        },
    )
    session = cookies_from(headers).get("sessionid")
    if status != 302 or not session:
        raise SystemExit(
            f"Signing in as {username!r} failed ({status}); the demo users come with make demo."
        )
    return f"sessionid={session}"


def static_path(client):
    """The first stylesheet the home page links to: a hashed file whitenoise serves."""
    _status, _headers, body = client.request("GET", "/de/")
    match = re.search(rb'<link[^>]+rel="stylesheet"[^>]+href="(/static/[^"]+)"', body)
    if match is None:
        match = re.search(rb'href="(/static/[^"]+\.css)"', body)
    return match.group(1).decode()


def check(client, target, cookie):
    """Both ways of asking answer 200; signed in, the page is rendered, not taken from the cache."""
    status, headers, body = client.request("GET", target["path"])
    if status != 200:
        raise SystemExit(f"{target['path']} answered {status}")
    if target["kind"] not in ("feed", "oembed", "email") and (
        f'lang="{target["language"]}"'.encode() not in body[:500]
    ):
        raise SystemExit(f"{target['path']} is not in {target['language']}")
    cache_control = headers.get("Cache-Control", "")
    target["cacheable"] = "max-age=" in cache_control and not re.search(
        r"private|no-cache|no-store|max-age=0\b", cache_control
    )
    target["cache_control"] = cache_control
    status, headers, _body = client.request("GET", target["path"], headers={"Cookie": cookie})
    if status != 200 or "private" not in headers.get("Cache-Control", ""):
        raise SystemExit(
            f"{target['path']} signed in: {status}, Cache-Control "
            f"{headers.get('Cache-Control')!r}; expected 200 and private"
        )


def milliseconds(text):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return round(float(number) * UNITS_MS[unit], 2)


def parse_wrk(output):
    percentiles = dict(re.findall(r"^\s+(50|75|90|99)%\s+(\S+)\s*$", output, re.M))
    requests = int(re.search(r"^\s+(\d+) requests in", output, re.M).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    if "50" not in percentiles or "99" not in percentiles:
        # No answer was timed (every request timed out): keep the output to look at.
        (OUTPUT_DIR / "wrk-untimed.txt").write_text(output)
        percentiles = {"50": "10s", "99": "10s"}
        requests = 0
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50_ms": milliseconds(percentiles["50"]),
        "p99_ms": milliseconds(percentiles["99"]),
        "requests": requests,
        "errors": (int(non_2xx.group(1)) if non_2xx else 0)
        + (sum(int(n) for n in socket.groups()) if socket else 0)
        + (0 if requests else 1),
    }


class Wrk:
    def __init__(self, base_url, *, seconds, runs, warmup, connections, threads):
        self.base_url = base_url
        self.seconds = seconds
        self.runs = runs
        self.warmup = warmup
        self.connections = connections
        self.threads = threads

    def run(self, path, seconds, headers=()):
        command = [
            "wrk", f"-t{self.threads}", f"-c{self.connections}", f"-d{seconds}s",
            "--latency", "--timeout", "10s",
        ]  # fmt: skip
        for header in headers:
            command += ["-H", header]
        command.append(self.base_url + path)
        return subprocess.run(command, capture_output=True, text=True, check=True).stdout

    def measure(self, path, headers=()):
        """The median of a few short runs.

        On a shared machine one run now and then catches a stall (a neighbour's
        burst, a gunicorn worker being replaced) and a single long run
        averages it in; the median of several leaves it out. Errors of every
        run count.
        """
        if self.warmup:
            self.run(path, self.warmup, headers)  # renditions, page cache, worker warm-up
        runs = sorted(
            (parse_wrk(self.run(path, self.seconds, headers)) for _ in range(self.runs)),
            key=lambda run: run["rps"],
        )
        median = dict(runs[len(runs) // 2])
        median["errors"] = sum(run["errors"] for run in runs)
        median["requests"] = sum(run["requests"] for run in runs)
        median["runs_rps"] = [run["rps"] for run in runs]
        return median


def wrk_version():
    result = subprocess.run(["wrk", "-v"], capture_output=True, text=True, check=False)
    return (result.stdout + result.stderr).splitlines()[0].strip()


def goal_for(kind, mode):
    """The goal a row is held to (a share of the minimal view), or None for information only."""
    if mode == "cached":
        return GOALS["cached"]
    if kind == "detail":
        return GOALS["uncached detail"]
    return None


def verdict(ratio, goal):
    if goal is None:
        return ""
    return f"{'pass' if ratio >= goal else 'FAIL'} (≥ {goal:.0%})"


def markdown(report):
    minimal = report["baselines"]["minimal"]
    lines = [
        f"make bench, {report['meta']['date']}: {report['meta']['database']}, "
        f"caches {report['meta']['caches']}, gunicorn {report['meta']['gunicorn']}, "
        f"{report['meta']['wrk']} ({report['meta']['wrk_options']})",
        "",
        f"Minimal view: {minimal['rps']:.0f} req/s (start {minimal['start_rps']:.0f}, "
        f"end {minimal['end_rps']:.0f}); every ratio is req/s ÷ {minimal['rps']:.0f}.",
        "",
        "| page | mode | req/s | p50 ms | p99 ms | ÷ minimal | goal |",
        "|---|---|--:|--:|--:|--:|---|",
    ]
    for row in report["results"]:
        note = "" if row.get("cacheable", True) or row["mode"] != "cached" else " (not cached)"
        lines.append(
            f"| {row['name']} | {row['mode']}{note} | {row['rps']:.0f} | {row['p50_ms']:.1f} "
            f"| {row['p99_ms']:.1f} | {row['ratio']:.2f} | {verdict(row['ratio'], row['goal'])} |"
        )
    lines += [
        "",
        "Queries and time per request as an index grows (German tree, Django's test client, "
        "no page cache):",
        "",
        "| page | children | queries | render ms | listing | goal |",
        "|---|--:|--:|--:|---|---|",
    ]
    for row in report["scale"]:
        listing = (
            f"{row['per_page']} per page, {row['pages']} page{'s' if row['pages'] > 1 else ''}"
            if row["per_page"]
            else "latest of each section"
        )
        lines.append(
            f"| {row['page']} | {row['children']} | {row['queries']} | {row['render_ms']:.1f} "
            f"| {listing} | {'pass' if row['constant'] else 'FAIL'} (queries constant) |"
        )
    passed, total = report["goals_met"], report["goals_total"]
    lines += ["", f"Goals met: {passed} of {total}."]
    return "\n".join(lines)


def main():
    if shutil.which("wrk") is None:
        say("wrk is missing: apt-get install wrk (make bench does it).")
        return 2
    port = environment_int("BENCH_PORT", 8792)
    wrk_options = {
        "seconds": environment_int("BENCH_SECONDS", 2),
        "runs": environment_int("BENCH_RUNS", 3),
        "warmup": environment_int("BENCH_WARMUP", 1),
        "connections": environment_int("BENCH_CONNECTIONS", 8),
        "threads": environment_int("BENCH_THREADS", 1),
    }
    database_url = os.environ.get("DATABASE_URL") or None
    redis_url = bench_redis_url(BENCH_REDIS_DB)
    if redis_url and not os.environ.get("REDIS_URL"):
        empty_bench_redis(redis_url)
    workers = os.environ.get("WEB_CONCURRENCY", str((os.cpu_count() or 1) * 2 + 1))
    threads = os.environ.get("GUNICORN_THREADS", "2")
    started = time.monotonic()
    meta = {
        "date": f"{datetime.now().astimezone():%Y-%m-%d %H:%M %Z}",
        "cores": os.cpu_count(),
        "load_average_before": os.getloadavg()[0],
        "database": describe_database(database_url),
        "caches": f"Redis {redis_url}" if redis_url else "local memory",
        "gunicorn": f"{workers} workers x {threads} threads",
        "wrk": wrk_version(),
        "wrk_options": "{threads} thread, {connections} connections, "
        "{warmup} s warm-up + median of {runs} x {seconds} s".format(**wrk_options),
    }
    say(
        f"make bench, {meta['date']}, {meta['cores']} cores, load {meta['load_average_before']:.1f}"
    )
    say(f"database: {meta['database']}; caches: {meta['caches']}; gunicorn: {meta['gunicorn']}")

    stack = Stack(
        "bench",
        port,
        database_url=database_url,
        redis_url=redis_url,
        extra_env={
            "DJANGO_SETTINGS_MODULE": "twinsite.settings.bench",
            "CONN_MAX_AGE": os.environ.get("CONN_MAX_AGE", "60"),
        },
    )
    with stack:
        client = Client(port)
        found = subprocess.run(
            [sys.executable, str(ROOT / "bench" / "pages.py"), stack.base_url],
            cwd=ROOT, env=stack.env, capture_output=True, text=True, check=True,
        )  # fmt: skip
        targets = json.loads(found.stdout)
        cookie = sign_in(client)
        for target in targets:
            check(client, target, cookie)
        wrk = Wrk(stack.base_url, **wrk_options)
        measured = len(targets) * 2 + 3
        each = wrk_options["warmup"] + wrk_options["runs"] * wrk_options["seconds"]
        say(f"{measured} measurements of {each} s each")

        def measure(name, path, headers=()):
            result = wrk.measure(path, headers)
            say(
                f"  {name:44} {result['rps']:8.1f} req/s  p50 {result['p50_ms']:7.1f} ms  "
                f"p99 {result['p99_ms']:7.1f} ms  runs {' '.join(map(str, result['runs_rps']))}"
            )
            return result

        minimal_start = measure("minimal view", "/bench/minimal/")
        static = {"path": static_path(client)}
        static.update(measure("static file (whitenoise)", static["path"]))
        results = []
        for target in targets:
            for mode, headers in (("uncached", [f"Cookie: {cookie}"]), ("cached", [])):
                row = {**target, "mode": mode}
                row.update(measure(f"{target['name']} {mode}", target["path"], headers))
                results.append(row)
                if mode == "uncached":
                    # wrk stops, the server does not: the renders still under way
                    # would slow the cached run that follows (most for the slowest
                    # pages, the home pages). They end within about the p99.
                    time.sleep(min(row["p99_ms"], 10_000) / 1000)
        minimal_end = measure("minimal view (again)", "/bench/minimal/")
        server_errors = stack.log_count("Internal Server Error", "WORKER TIMEOUT")

    say("Index pages with more and more children (a throw-away copy of the database):")
    try:
        scale_rows = scale.run(database_url, stack.env, OUTPUT_DIR)
    except subprocess.CalledProcessError as error:
        say(f"The index scale measurement failed ({error}); the wrk results are kept.")
        scale_rows = []

    minimal_rps = (minimal_start["rps"] + minimal_end["rps"]) / 2
    goals_met = goals_total = 0
    for row in results:
        row["ratio"] = round(row["rps"] / minimal_rps, 3)
        row["goal"] = goal_for(row["kind"], row["mode"])
        if row["goal"] is not None:
            goals_total += 1
            goals_met += row["ratio"] >= row["goal"]
    first_count = {}
    for row in scale_rows:
        first_count.setdefault(row["page"], row["queries"])
        row["constant"] = row["queries"] == first_count[row["page"]]
        goals_total += 1
        goals_met += row["constant"]
    static["ratio"] = round(static["rps"] / minimal_rps, 3)
    baseline_rows = [
        {
            "name": "minimal view",
            "kind": "baseline",
            "mode": "baseline",
            "goal": None,
            **minimal_start,
        },
        {
            "name": "static file (whitenoise)",
            "kind": "baseline",
            "mode": "baseline",
            "goal": None,
            **static,
        },
    ]
    baseline_rows[0].update(
        rps=minimal_rps, ratio=1.0, path="/bench/minimal/", p50_ms=minimal_start["p50_ms"]
    )
    meta["load_average_after"] = os.getloadavg()[0]
    meta["seconds"] = round(time.monotonic() - started)
    report = {
        "meta": meta,
        "goals": {
            "cached pages": f"≥ {GOALS['cached']:.0%} of the minimal view",
            "uncached detail pages": f"≥ {GOALS['uncached detail']:.0%} of the minimal view",
            "index pages": "the same number of queries with 10, 100 and 1,000 children",
        },
        "baselines": {
            "minimal": {
                "rps": minimal_rps,
                "start_rps": minimal_start["rps"],
                "end_rps": minimal_end["rps"],
                "start": minimal_start,
                "end": minimal_end,
            },
            "static": static,
        },
        "results": [*baseline_rows, *results],
        "scale": scale_rows,
        "goals_met": goals_met,
        "goals_total": goals_total,
        "server_errors": server_errors,
    }
    report["table"] = markdown(report)
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    (RESULTS_DIR / "latest.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
    say(f"\n{report['table']}\n")
    say(
        f"Took {meta['seconds']} s; load average {meta['load_average_before']:.1f} before, "
        f"{meta['load_average_after']:.1f} after. Written to "
        f"{(RESULTS_DIR / 'latest.json').relative_to(ROOT)}."
    )
    errors = sum(row["errors"] for row in results) + server_errors
    if errors:
        say(f"FAIL: {errors} failed requests or server errors; see {stack.log_path}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
