"""``make bench``: every kind of page against do-nothing views, measured with wrk.

Starts the production stack on loopback twice (bench/stack.py), with the same
gunicorn: ``twinsite.settings.bench`` (the production settings plus
``/bench/minimal/``, a view that does nothing) and, one port up,
``twinsite.settings.bench_bare`` (the same view behind Django's
``startproject`` middleware only). The two do-nothing views are measured in
turns at the start and at the end; the bare one is the baseline every row is
given as a share of. wrk then runs a fixed time against each URL
bench/pages.py names, three times: anonymously on a third server, two ports
up, with ``PAGE_CACHE_SECONDS=0`` (page cache, fragments, chrome and
remembered routes off: every request renders everything, goal 4); signed in
as the demo's ``admin`` (the page cache never answers a signed-in editor, but
the fragments do); and anonymously (after the first request, the page cache
answers). Then
bench/queries.py counts queries and bench/scale.py fills a throw-away copy of
the database to show how index pages grow with their children.

Writes ``bench/results/latest.json`` and prints Markdown tables, each goal of
issue 21 marked met or missed (bench/README.md). Exits 1 only if a request
failed; a missed goal is a finding, not an error.

Environment (all optional): ``BENCH_SECONDS`` (2) per run and ``BENCH_RUNS``
(3) runs per measurement, the median counted, after ``BENCH_WARMUP`` (1);
``BENCH_PAIR_RUNS`` (5) pairs of runs of the two baselines, at the start and
at the end; ``BENCH_CONNECTIONS`` (8), ``BENCH_THREADS`` (1) for wrk;
``BENCH_PORT`` (8792, the next one for the bare baseline, the one after for
the uncached server);
``BENCH_SCALE_SIZES`` (10,100,1000); ``BENCH_ONLY=baselines`` (the two
do-nothing views alone, written to var/bench/baselines.json);
``DATABASE_URL`` (unset: the dev SQLite database); ``REDIS_URL`` (unset: the
local Redis, databases 7-9, emptied first, if it answers; else memory).
"""

import http.client
import json
import os
import re
import shutil
import statistics
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
# Issue 21's goals, as shares of the bare baseline (Django's startproject middleware, the
# same do-nothing view) or as queries per request; bench/README.md says what each means.
GOALS = {
    "stack": 0.50,  # 2: the do-nothing view through the whole stack
    "cached": 0.40,  # 3: every cached page
    "uncached detail": 0.035,  # 4: uncached content pages
    "uncached index": 0.020,  # 4: uncached home and index pages
    "queries detail": 12,  # 5: a content page rendered for an anonymous visitor
    "queries index": 15,  # 5: the home and index pages likewise
    "queries editor": {"de": 4, "fr": 5},  # 7: a delegation report for a signed-in editor
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


def on_port(path, port, other_port):
    """``path`` for the server on ``other_port``: an oEmbed ``?url=`` names its own server."""
    return path.replace(f"127.0.0.1%3A{port}", f"127.0.0.1%3A{other_port}")


def check_uncached(client, target, path):
    """The uncached server answers anonymously and lets no shared cache keep its answer."""
    status, headers, _body = client.request("GET", path)
    if status != 200:
        raise SystemExit(f"{target['path']} (uncached server) answered {status}")
    if "max-age=" in headers.get("Cache-Control", "") and "max-age=0" not in headers.get(
        "Cache-Control", ""
    ):
        raise SystemExit(f"{target['path']} (uncached server) says it may be kept")


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


def median_of(runs):
    runs = sorted(runs, key=lambda run: run["rps"])
    median = dict(runs[len(runs) // 2])
    median["errors"] = sum(run["errors"] for run in runs)
    median["requests"] = sum(run["requests"] for run in runs)
    median["runs_rps"] = [run["rps"] for run in runs]
    return median


def measure_pairs(bare, whole, path, runs):
    """The bare baseline and the whole stack in turns, run by run, with the ratio of each pair.

    Neighbours on a shared machine change its speed from one run to the next
    by several times; two runs a few seconds apart see about the same machine,
    so the median of the pairs' ratios is steadier than a ratio of medians.
    """
    for wrk in (bare, whole):
        if wrk.warmup:
            wrk.run(path, wrk.warmup)
    bare_runs, whole_runs, ratios = [], [], []
    for _ in range(runs):
        bare_runs.append(parse_wrk(bare.run(path, bare.seconds)))
        whole_runs.append(parse_wrk(whole.run(path, whole.seconds)))
        if bare_runs[-1]["rps"]:
            ratios.append(whole_runs[-1]["rps"] / bare_runs[-1]["rps"])
    return median_of(bare_runs), median_of(whole_runs), ratios


def wrk_version():
    result = subprocess.run(["wrk", "-v"], capture_output=True, text=True, check=False)
    return (result.stdout + result.stderr).splitlines()[0].strip()


def goal_for(kind, mode):
    """The goal a row is held to (a share of the bare baseline), or None for information only."""
    if mode == "cached":
        return GOALS["cached"]
    if mode != "uncached":
        return None  # an editor's render: the fragments are kept, so it is not goal 4's
    if kind == "detail":
        return GOALS["uncached detail"]
    if kind in ("home", "index"):
        return GOALS["uncached index"]
    return None


def verdict(met, goal_text):
    return f"{'met' if met else 'MISSED'} ({goal_text})"


def query_goal(row):
    if row["who"] == "editor":
        return GOALS["queries editor"][row["language"]]
    return GOALS["queries detail"] if row["kind"] == "detail" else GOALS["queries index"]


def goal_summary(report):
    """One line per goal of issue 21: what was measured, and met or missed."""
    bare = report["baselines"]["bare"]["rps"]
    stack = report["baselines"]["stack_ratio"]
    rows = [
        ("1", "bare baseline (startproject middleware)", f"{bare:.0f} req/s", True),
        (
            "2",
            f"do-nothing view, whole stack ≥ {GOALS['stack']:.2f}× bare",
            f"{stack:.2f}× (median of {len(report['baselines']['pair_ratios'])} pairs of runs)",
            stack >= GOALS["stack"],
        ),
    ]

    def worst(selected, goal_text, number):
        if not selected:
            return
        low = min(selected, key=lambda row: row["bare_ratio"] / row["goal"])
        met = all(row["bare_ratio"] >= row["goal"] for row in selected)
        missed = sum(row["bare_ratio"] < row["goal"] for row in selected)
        result = f"lowest {low['bare_ratio']:.3f}× ({low['name']})"
        if missed:
            result += f"; {missed} of {len(selected)} rows below"
        rows.append((number, goal_text, result, met))

    measured = [row for row in report["results"] if row["mode"] in ("cached", "uncached")]
    worst(
        [row for row in measured if row["mode"] == "cached"],
        f"cached pages ≥ {GOALS['cached']:.2f}× bare",
        "3",
    )
    worst(
        [row for row in measured if row["mode"] == "uncached" and row["goal"] is not None],
        f"uncached content pages ≥ {GOALS['uncached detail']:.3f}×, home and index "
        f"≥ {GOALS['uncached index']:.3f}× bare",
        "4",
    )
    rendered = [row for row in report["queries"] if row["who"] == "rendered"]
    if rendered:
        high = max(rendered, key=lambda row: row["queries"] - row["goal"])
        rows.append(
            (
                "5",
                f"queries, page rendered anonymously: content ≤ {GOALS['queries detail']}, "
                f"home and index ≤ {GOALS['queries index']}",
                f"most over: {high['queries']} ({high['name']})",
                all(row["met"] for row in rendered),
            )
        )
    editor = [row for row in report["queries"] if row["who"] == "editor"]
    if editor:
        rows.append(
            (
                "7",
                "queries, delegation report for a signed-in editor: "
                + ", ".join(f"{lang} ≤ {n}" for lang, n in GOALS["queries editor"].items()),
                ", ".join(f"{row['language']} {row['queries']}" for row in editor),
                all(row["met"] for row in editor),
            )
        )
    if report["scale"]:
        rows.append(
            (
                "-",
                "index pages: the same queries with 10, 100 and 1,000 children",
                f"{sum(row['constant'] for row in report['scale'])} of {len(report['scale'])}",
                all(row["constant"] for row in report["scale"]),
            )
        )
    return [
        {"goal": number, "what": what, "result": result, "met": bool(met)}
        for number, what, result, met in rows
    ]


def markdown(report):
    minimal = report["baselines"]["minimal"]
    bare = report["baselines"]["bare"]
    meta = report["meta"]
    lines = [
        f"make bench, {meta['date']}: {meta['database']}, "
        f"caches {meta['caches']}, gunicorn {meta['gunicorn']}, "
        f"{meta['wrk']} ({meta['wrk_options']})",
        f"Load average (1, 5, 15 min) before: {meta['uptime_before']}; after: "
        f"{meta['uptime_after']}.",
        "",
        f"Bare baseline (the do-nothing view, startproject's middleware only): {bare['rps']:.0f} "
        f"req/s (start {bare['start_rps']:.0f}, end {bare['end_rps']:.0f}). Minimal view (the "
        f"same view, twinsite's whole stack): {minimal['rps']:.0f} req/s (start "
        f"{minimal['start_rps']:.0f}, end {minimal['end_rps']:.0f}). `÷ bare` is req/s ÷ "
        f"{bare['rps']:.0f}, `÷ minimal` req/s ÷ {minimal['rps']:.0f}. Measured in turns, "
        f"run by run, the whole stack served "
        f"{' '.join(f'{r:.2f}' for r in report['baselines']['pair_ratios'])} "
        f"times as many requests as the bare one (median "
        f"{report['baselines']['stack_ratio']:.2f}).",
        "",
        "| page | mode | req/s | p50 ms | p99 ms | ÷ bare | ÷ minimal | goal |",
        "|---|---|--:|--:|--:|--:|--:|---|",
    ]
    for row in report["results"]:
        note = "" if row.get("cacheable", True) or row["mode"] != "cached" else " (not cached)"
        goal = ""
        if row["goal"] is not None:
            goal = verdict(row["bare_ratio"] >= row["goal"], f"≥ {row['goal']:g}× bare")
        lines.append(
            f"| {row['name']} | {row['mode']}{note} | {row['rps']:.0f} | {row['p50_ms']:.1f} "
            f"| {row['p99_ms']:.1f} | {row['bare_ratio']:.3f} | {row['ratio']:.2f} | {goal} |"
        )
    if report["queries"]:
        lines += [
            "",
            "Queries per request (bench/queries.py, Django's test client, second request):",
            "",
            "| page | who | queries | goal |",
            "|---|---|--:|---|",
        ]
        for row in report["queries"]:
            goal = verdict(row["met"], f"≤ {row['goal']}")
            lines.append(f"| {row['name']} | {row['who']} | {row['queries']} | {goal} |")
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
            f"| {listing} | {'met' if row['constant'] else 'MISSED'} (queries constant) |"
        )
    lines += ["", "Goals (issue 21):", "", "| goal | what | result | |", "|---|---|---|---|"]
    for goal in report["goals_summary"]:
        lines.append(
            f"| {goal['goal']} | {goal['what']} | {goal['result']} "
            f"| {'met' if goal['met'] else 'MISSED'} |"
        )
    passed = sum(goal["met"] for goal in report["goals_summary"])
    lines += ["", f"Goals met: {passed} of {len(report['goals_summary'])}."]
    return "\n".join(lines)


def uptime():
    """The load average as ``uptime`` prints it (1, 5 and 15 minutes)."""
    return " ".join(f"{load:.2f}" for load in os.getloadavg())


def main():
    if shutil.which("wrk") is None:
        say("wrk is missing: apt-get install wrk (make bench does it).")
        return 2
    port = environment_int("BENCH_PORT", 8792)
    quick = os.environ.get("BENCH_ONLY", "") == "baselines"
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
        "uptime_before": uptime(),
        "database": describe_database(database_url),
        "caches": f"Redis {redis_url}" if redis_url else "local memory",
        "gunicorn": f"{workers} workers x {threads} threads",
        "wrk": wrk_version(),
        "wrk_options": "{threads} thread, {connections} connections, "
        "{warmup} s warm-up + median of {runs} x {seconds} s".format(**wrk_options),
        "only": "baselines" if quick else "everything",
    }
    say(f"make bench, {meta['date']}, {meta['cores']} cores, load average {meta['uptime_before']}")
    say(f"database: {meta['database']}; caches: {meta['caches']}; gunicorn: {meta['gunicorn']}")

    def server(name, server_port, settings_module, **extra):
        return Stack(
            name,
            server_port,
            database_url=database_url,
            redis_url=redis_url,
            extra_env={
                "DJANGO_SETTINGS_MODULE": settings_module,
                "CONN_MAX_AGE": os.environ.get("CONN_MAX_AGE", "60"),
                **extra,
            },
        )

    # The same gunicorn three times: the site, the bare baseline one port up, and the
    # site with every cache of rendered parts off (goal 4) one port further.
    stack = server("bench", port, "twinsite.settings.bench")
    bare_stack = server("bench-bare", port + 1, "twinsite.settings.bench_bare")
    uncached_stack = server(
        "bench-uncached", port + 2, "twinsite.settings.bench", PAGE_CACHE_SECONDS="0"
    )
    targets, queries = [], []
    with stack, bare_stack, uncached_stack:
        client = Client(port)
        if not quick:
            found = subprocess.run(
                [sys.executable, str(ROOT / "bench" / "pages.py"), stack.base_url],
                cwd=ROOT, env=stack.env, capture_output=True, text=True, check=True,
            )  # fmt: skip
            targets = json.loads(found.stdout)
            cookie = sign_in(client)
            uncached_client = Client(port + 2)
            for target in targets:
                check(client, target, cookie)
                check_uncached(uncached_client, target, on_port(target["path"], port, port + 2))
        wrk = Wrk(stack.base_url, **wrk_options)
        bare_wrk = Wrk(bare_stack.base_url, **wrk_options)
        uncached_wrk = Wrk(uncached_stack.base_url, **wrk_options)
        measured = len(targets) * 3 + 1 + 4 * environment_int("BENCH_PAIR_RUNS", 5)
        each = wrk_options["warmup"] + wrk_options["runs"] * wrk_options["seconds"]
        say(f"{measured} measurements of {each} s each")

        def measure(name, path, headers=(), runner=wrk):
            result = runner.measure(path, headers)
            say(
                f"  {name:44} {result['rps']:8.1f} req/s  p50 {result['p50_ms']:7.1f} ms  "
                f"p99 {result['p99_ms']:7.1f} ms  runs {' '.join(map(str, result['runs_rps']))}"
            )
            return result

        pair_runs = environment_int("BENCH_PAIR_RUNS", 5)
        pair_ratios = []

        def measure_baselines(label):
            bare, whole, ratios = measure_pairs(bare_wrk, wrk, "/bench/minimal/", pair_runs)
            pair_ratios.extend(ratios)
            for name, result in ((f"bare baseline{label}", bare), (f"minimal view{label}", whole)):
                say(
                    f"  {name:44} {result['rps']:8.1f} req/s  p50 {result['p50_ms']:7.1f} ms  "
                    f"p99 {result['p99_ms']:7.1f} ms  runs {' '.join(map(str, result['runs_rps']))}"
                )
            say(f"  {'minimal ÷ bare, run by run':44} {' '.join(f'{r:.2f}' for r in ratios)}")
            return bare, whole

        bare_start, minimal_start = measure_baselines("")
        static = {"path": static_path(client)}
        static.update(measure("static file (whitenoise)", static["path"]))
        results = []
        for target in targets:
            for mode, runner, path, headers in (
                ("uncached", uncached_wrk, on_port(target["path"], port, port + 2), []),
                ("editor", wrk, target["path"], [f"Cookie: {cookie}"]),
                ("cached", wrk, target["path"], []),
            ):
                row = {**target, "mode": mode}
                row.update(measure(f"{target['name']} {mode}", path, headers, runner))
                results.append(row)
                if mode != "cached":
                    # wrk stops, the server does not: the renders still under way
                    # would slow the cached run that follows (most for the slowest
                    # pages, the home pages). They end within about the p99.
                    time.sleep(min(row["p99_ms"], 10_000) / 1000)
        bare_end, minimal_end = measure_baselines(" (again)")
        server_errors = stack.log_count("Internal Server Error", "WORKER TIMEOUT")
        server_errors += bare_stack.log_count("Internal Server Error", "WORKER TIMEOUT")
        server_errors += uncached_stack.log_count("Internal Server Error", "WORKER TIMEOUT")
        if not quick:
            say("Queries per request (bench/queries.py):")
            counted = subprocess.run(
                [sys.executable, str(ROOT / "bench" / "queries.py")],
                cwd=ROOT, env=stack.env, capture_output=True, text=True, check=True,
            )  # fmt: skip
            queries = json.loads(counted.stdout)

    scale_rows = []
    if not quick:
        say("Index pages with more and more children (a throw-away copy of the database):")
        try:
            scale_rows = scale.run(database_url, stack.env, OUTPUT_DIR)
        except subprocess.CalledProcessError as error:
            say(f"The index scale measurement failed ({error}); the wrk results are kept.")

    minimal_rps = (minimal_start["rps"] + minimal_end["rps"]) / 2
    bare_rps = (bare_start["rps"] + bare_end["rps"]) / 2
    for row in results:
        row["ratio"] = round(row["rps"] / minimal_rps, 3)
        row["bare_ratio"] = round(row["rps"] / bare_rps, 4)
        row["goal"] = goal_for(row["kind"], row["mode"])
    for row in queries:
        row["goal"] = query_goal(row)
        row["met"] = row["queries"] <= row["goal"]
    first_count = {}
    for row in scale_rows:
        first_count.setdefault(row["page"], row["queries"])
        row["constant"] = row["queries"] == first_count[row["page"]]
    static["ratio"] = round(static["rps"] / minimal_rps, 3)
    static["bare_ratio"] = round(static["rps"] / bare_rps, 4)
    baseline_rows = [
        {
            "name": "bare baseline (startproject middleware)",
            "kind": "baseline",
            "mode": "baseline",
            "goal": None,
            **bare_start,
        },
        {
            "name": "minimal view (whole stack)",
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
        rps=bare_rps, ratio=round(bare_rps / minimal_rps, 3), bare_ratio=1.0,
        path="/bench/minimal/",
    )  # fmt: skip
    baseline_rows[1].update(
        rps=minimal_rps, ratio=1.0, bare_ratio=round(minimal_rps / bare_rps, 4),
        path="/bench/minimal/",
    )  # fmt: skip
    meta["load_average_after"] = os.getloadavg()[0]
    meta["uptime_after"] = uptime()
    meta["seconds"] = round(time.monotonic() - started)
    report = {
        "meta": meta,
        "goals": {
            "2 stack": f"the minimal view ≥ {GOALS['stack']}× the bare baseline",
            "3 cached pages": f"≥ {GOALS['cached']}× the bare baseline",
            "4 uncached pages": f"content ≥ {GOALS['uncached detail']}×, home and index "
            f"≥ {GOALS['uncached index']}× the bare baseline",
            "5 queries": f"content ≤ {GOALS['queries detail']}, home and index "
            f"≤ {GOALS['queries index']} (rendered for an anonymous visitor)",
            "7 editor's queries": "a delegation report for a signed-in editor: "
            + ", ".join(f"{lang} ≤ {n}" for lang, n in GOALS["queries editor"].items()),
            "index pages": "the same number of queries with 10, 100 and 1,000 children",
        },
        "baselines": {
            "bare": {
                "rps": bare_rps,
                "start_rps": bare_start["rps"],
                "end_rps": bare_end["rps"],
                "start": bare_start,
                "end": bare_end,
            },
            "pair_ratios": [round(ratio, 3) for ratio in pair_ratios],
            "stack_ratio": round(statistics.median(pair_ratios), 3) if pair_ratios else 0.0,
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
        "queries": queries,
        "scale": scale_rows,
        "server_errors": server_errors,
    }
    report["goals_summary"] = goal_summary(report)
    report["goals_met"] = sum(goal["met"] for goal in report["goals_summary"])
    report["goals_total"] = len(report["goals_summary"])
    report["table"] = markdown(report)
    # A quick run of the baselines only is a check while working, not a result to keep.
    written = OUTPUT_DIR / "baselines.json" if quick else RESULTS_DIR / "latest.json"
    written.parent.mkdir(parents=True, exist_ok=True)
    written.write_text(json.dumps(report, indent=2, ensure_ascii=False))
    say(f"\n{report['table']}\n")
    say(
        f"Took {meta['seconds']} s; load average {meta['uptime_before']} before, "
        f"{meta['uptime_after']} after. Written to {written.relative_to(ROOT)}."
    )
    errors = sum(row["errors"] for row in report["results"]) + server_errors
    if errors:
        say(f"FAIL: {errors} failed requests or server errors; see {stack.log_path}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
