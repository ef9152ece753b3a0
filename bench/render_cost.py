"""Queries and in-process time of rendered (uncached) pages, per page type.

A throw-away copy of the dev SQLite database (``make demo`` first) is read
through Django's test client with the page cache and the fragment cache off,
once signed in as the demo's ``admin`` and once anonymous. For each page type and language it prints
the queries per request (``CaptureQueriesContext``, the request's BEGIN and
COMMIT included) and the median wall-clock and CPU time (``process_time``) of
``RENDER_REQUESTS`` (10) requests, after one warm-up request. On a busy machine
the CPU time is the steadier of the two. Unlike
``make bench`` there is no server, so the numbers show what rendering costs,
not what the network or gunicorn add.

    .venv/bin/python bench/render_cost.py [--json] [--no-chrome] [--sql NAME]
    .venv/bin/python bench/render_cost.py --profile NAME [--no-chrome]

``--no-chrome`` also keeps the header, menu and footer out of the cache
(``CHROME_CACHE_SECONDS=0``), so every part of the page is built each time.
``--sql NAME`` prints the queries of the anonymous request to the page whose
name starts with NAME; ``--profile NAME`` prints a cProfile of 50 anonymous
renders of it (cumulative and own time), the "where the time goes" of a page.
``RENDER_DB`` names another SQLite file than ``var/db.sqlite3``.
"""

import atexit
import json
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def copy_database():
    source = Path(os.environ.get("RENDER_DB", ROOT / "var" / "db.sqlite3"))
    if not source.exists():
        raise SystemExit(f"No {source}; run make demo first.")
    directory = tempfile.mkdtemp(prefix="twinsite-render-")
    atexit.register(shutil.rmtree, directory, ignore_errors=True)
    target = Path(directory) / "db.sqlite3"
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    return target


def measure(client, path, count):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    times, cpu = [], []
    for _ in range(count):
        with CaptureQueriesContext(connection) as captured:
            start, start_cpu = time.perf_counter(), time.process_time()
            response = client.get(path)
            times.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        assert response.status_code == 200
    return len(captured), statistics.median(times) * 1000, statistics.median(cpu) * 1000


def option(name):
    if name not in sys.argv:
        return None
    return sys.argv[sys.argv.index(name) + 1]


def print_sql(client, path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        client.get(path)
    for number, query in enumerate(captured.captured_queries, 1):
        sql = query["sql"]
        where = sql.find(" FROM ")
        print(f"{number:3} {sql[:60]} ... {sql[where : where + 500]}")


# The parts of a render the profile sums up: (file the function is in, function names).
WHERE = {
    "the whole response (middleware, view, template)": ("django/test/client.py", {"request"}),
    "Wagtail's walk from the site to the page": ("wagtail/models/pages.py", {"route_for_request"}),
    "the template, all of it": ("django/template/response.py", {"rendered_content"}),
    "SQL: building and running every query": ("django/db/models/sql/compiler.py", {"execute_sql"}),
    "StreamField blocks ({% include_block %})": (
        "wagtail/templatetags/wagtailcore_tags.py",
        {"render"},
    ),
    "pictures ({% picture %}, renditions)": ("core/templatetags/picture_tags.py", {"render"}),
    "rich text (|richtext)": ("wagtail/templatetags/wagtailcore_tags.py", {"richtext"}),
    "language versions (switcher, hreflang)": (
        "home/templatetags/navigation_tags.py",
        {"language_versions"},
    ),
    "head: social tags": ("home/templatetags/seo_tags.py", {"social_meta"}),
    "head: JSON-LD": ("home/templatetags/seo_tags.py", {"structured_data"}),
    "head: feed links": ("home/templatetags/seo_tags.py", {"feed_links"}),
    "header, menu and footer (chrome)": (
        "home/templatetags/navigation_tags.py",
        {"main_menu", "easy_read_link", "accessibility_line", "site_identity"},
    ),
    "page URLs (Page.get_url)": ("wagtail/models/pages.py", {"get_url"}),
    "gettext": ("django/utils/translation/__init__.py", {"gettext", "ngettext", "pgettext"}),
    "dates (core/dates.py)": (
        "core/dates.py",
        {"format_day", "format_date_range", "format_event_time"},
    ),
}


def profile(client, path, count=50):
    import cProfile
    import io
    import pstats

    client.get(path)
    profiler = cProfile.Profile()
    start = time.perf_counter()
    profiler.enable()
    for _ in range(count):
        client.get(path)
    profiler.disable()
    if os.environ.get("PROFILE_DUMP"):
        profiler.dump_stats(os.environ["PROFILE_DUMP"])
    elapsed = (time.perf_counter() - start) * 1000 / count
    print(f"{path}: {elapsed:.1f} ms per render under the profiler, {count} renders")
    print("\nWhere the time goes (cumulative, ms per render; parts overlap):")
    stats = pstats.Stats(profiler).stats
    for label, (file_end, names) in WHERE.items():
        total = sum(
            row[3]
            for (file, _line, name), row in stats.items()
            if file.endswith(file_end) and name in names
        )
        print(f"  {total * 1000 / count:7.2f}  {label}")
    print()
    for order in ("cumulative", "tottime"):
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).strip_dirs().sort_stats(order).print_stats(45)
        print(out.getvalue())


def main():
    os.environ["DATABASE_URL"] = f"sqlite:///{copy_database()}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "twinsite.settings.test")
    os.chdir(ROOT)
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client, override_settings
    from pages import targets

    count = int(os.environ.get("RENDER_REQUESTS", "10"))
    wanted = {"home", "index", "detail"}
    pages = [page for page in targets("http://testserver") if page["kind"] in wanted]
    anonymous = Client()
    signed_in = Client()
    signed_in.force_login(get_user_model().objects.get(username="admin"))
    rows = []
    overrides = {"CACHE_MIDDLEWARE_SECONDS": 0, "MEDIA_ROOT": ROOT / "var" / "media"}
    if "--no-chrome" in sys.argv:
        overrides["CHROME_CACHE_SECONDS"] = 0
    chosen = option("--profile") or option("--sql")
    with override_settings(**overrides):
        if chosen:
            page = next(page for page in pages if page["name"].startswith(chosen))
            if option("--profile"):
                profile(anonymous, page["path"])
            else:
                print_sql(anonymous, page["path"])
            return
        for page in pages:
            row = {"name": page["name"], "path": page["path"]}
            for label, client in (("anonymous", anonymous), ("signed_in", signed_in)):
                queries, median, cpu = measure(client, page["path"], count)
                row[label] = {
                    "queries": queries,
                    "median_ms": round(median, 1),
                    "median_cpu_ms": round(cpu, 1),
                }
            rows.append(row)
    if "--json" in sys.argv:
        print(json.dumps(rows, indent=2))
        return
    print(
        f"{'page':32} {'anon q':>7} {'anon ms':>8} {'anon cpu':>8}"
        f" {'user q':>7} {'user ms':>8} {'user cpu':>8}"
    )
    for row in rows:
        anon, user = row["anonymous"], row["signed_in"]
        print(
            f"{row['name']:32} {anon['queries']:7} {anon['median_ms']:8.1f}"
            f" {anon['median_cpu_ms']:8.1f} {user['queries']:7} {user['median_ms']:8.1f}"
            f" {user['median_cpu_ms']:8.1f}"
        )


if __name__ == "__main__":
    main()
