"""How an index page's cost grows with its children, for ``make bench``.

A throw-away copy of the database (a temporary SQLite file, or the PostgreSQL
database named after the bench's with ``_scale``) gets each German section index filled with
10, 100 and 1,000 children, copies of the index's first demo page. At each
size, the index page and the home page (which lists the latest pages of every
section) are asked for through Django's test client with the bench settings
and no page cache. The output is the number of queries per request
(``CaptureQueriesContext``) and the median time of a full request.

``run()`` prepares and drops the copy; ``python bench/scale.py`` is the part
that runs inside Django, with DATABASE_URL pointing at the copy.
"""

import json
import os
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from pages import section_models

ROOT = Path(__file__).resolve().parent.parent


def scale_database(source_name):
    """The copy's name follows the source's, so two benches on one server never share one."""
    return f"{source_name}_scale"


# Child rows an index's filter reads, copied with each new page.
CHILD_ROWS = {"ArtistExchange": ("towns", "city_id")}


def sizes_from_environment():
    return [int(size) for size in os.environ.get("BENCH_SCALE_SIZES", "10,100,1000").split(",")]


# --- outside Django: the throw-away copy --------------------------------------------


def copy_sqlite(source, target):
    """SQLite's online backup API: a consistent copy, never a file copy."""
    target.unlink(missing_ok=True)
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)


def copy_postgres(source_url):
    """CREATE DATABASE ... TEMPLATE: the copy takes seconds, not a migrate and a demo load."""
    import psycopg

    parts = urlsplit(source_url)
    source_name = parts.path.strip("/")
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as connection:
        copy = scale_database(source_name)
        connection.execute(f'DROP DATABASE IF EXISTS "{copy}"')
        connection.execute(f'CREATE DATABASE "{copy}" TEMPLATE "{source_name}"')
    return urlunsplit(parts._replace(path=f"/{copy}"))


def drop_postgres(source_url):
    import psycopg

    parts = urlsplit(source_url)
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{scale_database(parts.path.strip("/"))}"')


def run(database_url, env, output_dir):
    """Copy the database, measure in a child process, drop the copy; returns its JSON."""
    sqlite_copy = output_dir / "scale.sqlite3"
    if database_url:
        scale_url = copy_postgres(database_url)
    else:
        copy_sqlite(ROOT / "var" / "db.sqlite3", sqlite_copy)
        scale_url = f"sqlite:///{sqlite_copy}"
    result_path = output_dir / "scale.json"
    result_path.unlink(missing_ok=True)
    child_env = {
        **env,
        "DATABASE_URL": scale_url,
        "PAGE_CACHE_SECONDS": "0",
        "CONN_MAX_AGE": "0",
        "BENCH_SCALE_OUTPUT": str(result_path),
    }
    child_env.pop("REDIS_URL", None)  # caches in memory: nothing shared with the server
    try:
        # The tree may have gained static files since the server started (manifest storage).
        collect = [sys.executable, "manage.py", "collectstatic", "--no-input", "--verbosity", "0"]
        subprocess.run(collect, cwd=ROOT, env=child_env, check=True)
        subprocess.run([sys.executable, str(Path(__file__))], cwd=ROOT, env=child_env, check=True)
        return json.loads(result_path.read_text())
    finally:
        if database_url:
            drop_postgres(database_url)
        else:
            sqlite_copy.unlink(missing_ok=True)


# --- inside Django: grow the indexes and measure ----------------------------------------


def content_fields(model):
    """The fields a page type adds to Page, minus its link to Page itself."""
    from wagtail.models import Page

    page_fields = {field.attname for field in Page._meta.concrete_fields}
    return [
        field.attname
        for field in model._meta.concrete_fields
        if field.attname not in page_fields and not field.primary_key
    ]


def grow(index, model, prefix, template, count):
    """Add copies of ``template`` under ``index`` until it has ``count`` children.

    The search and reference indexes are not updated: index pages read neither,
    and they would triple the time it takes to add a thousand pages.
    """
    from django.db import transaction
    from django.db.models.signals import post_save
    from modelsearch.signal_handlers import post_save_signal_handler
    from wagtail.signal_handlers import disable_reference_index_auto_update

    fields = content_fields(model)
    rows = CHILD_ROWS.get(prefix)
    template_rows = list(getattr(template, rows[0]).all()) if rows else []
    existing = model.objects.child_of(index).count()
    post_save.disconnect(post_save_signal_handler, sender=model)
    with transaction.atomic(), disable_reference_index_auto_update():
        for number in range(existing, count):
            page = model(
                title=f"{template.title} {number + 1}",
                slug=f"bench-{number + 1}",
                locale_id=index.locale_id,
                **{name: getattr(template, name) for name in fields},
            )
            # The values are a valid page's; checking them again would double the time.
            page.full_clean = lambda *args, **kwargs: None
            page.draft_title = page.title
            index.add_child(instance=page)
            for row in template_rows:
                getattr(page, rows[0]).create(**{rows[1]: getattr(row, rows[1])})
            index.refresh_from_db(fields=["numchild", "path"])


def measure(client, url, repeat):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    warm = client.get(url)  # image renditions are made on the first view
    if warm.status_code != 200:
        raise SystemExit(f"{url} answered {warm.status_code}")
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    # Read now: the list is a view of the connection's log, which each request empties.
    queries = len(captured)
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    return queries, statistics.median(timings)


def measure_scale():
    import django

    django.setup()
    from django.test import Client
    from wagtail.models import Locale

    from home.models import HomePage

    sizes = sizes_from_environment()
    repeat = int(os.environ.get("BENCH_SCALE_REPEAT", "5"))
    german = Locale.objects.get(language_code="de")
    home = HomePage.objects.live().get(locale=german)
    client = Client(HTTP_HOST="localhost")
    results = []
    prepared = []
    for label, index_model, model in section_models():
        index = index_model.objects.live().get(locale=german)
        prefix = model.__name__.removesuffix("Page")
        children = list(model.objects.child_of(index).order_by("path"))
        template = children[0]
        for child in children:  # the copy only; start from an empty index
            child.delete()
        index.refresh_from_db()
        prepared.append((label, index, model, prefix, template))

    for size in sizes:
        for label, index, model, prefix, template in prepared:
            started = time.perf_counter()
            grow(index, model, prefix, template, size)
            grown_in = time.perf_counter() - started
            queries, milliseconds = measure(client, index.url, repeat)
            per_page = index.per_page
            results.append(
                {
                    "page": f"{label} index",
                    "path": index.url,
                    "children": size,
                    "queries": queries,
                    "render_ms": round(milliseconds, 1),
                    "per_page": per_page,
                    "pages": -(-size // per_page),
                }
            )
            print(
                f"  {label} index, {size} children: {queries} queries, "
                f"{milliseconds:.1f} ms (children added in {grown_in:.1f} s)",
                flush=True,
            )
        queries, milliseconds = measure(client, home.url, repeat)
        results.append(
            {
                "page": "home",
                "path": home.url,
                "children": size,
                "queries": queries,
                "render_ms": round(milliseconds, 1),
                "per_page": None,
                "pages": 1,
            }
        )
        print(f"  home, {size} children per section: {queries} queries, {milliseconds:.1f} ms")
    Path(os.environ["BENCH_SCALE_OUTPUT"]).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    measure_scale()
