"""Queries per request for ``make bench``'s query goals, counted in-process and printed as JSON.

Run by bench/bench.py with the server's environment (the same database and
caches), through Django's test client:

- **rendered**: every home, index and content page of bench/pages.py for an
  anonymous visitor with the page cache off, as the test suite counts them
  (caches in this process's memory, so nothing the server's runs kept is
  read; the menu and footer are kept as in production, the page's own
  fragments are not) (goal 5);
- **editor**: the first delegation report in each language for the signed-in
  demo ``admin``, with the page cache's store on and warm, as an editor reads
  it (goal 7).

Each count is of the second request, after one that warms Wagtail's and
Django's own caches (content types, the site, translations), and leaves out
the request's own transaction (``ATOMIC_REQUESTS``: BEGIN, COMMIT), as the
test suite's counts do.
"""

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
TRANSACTION_CONTROL = {"BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE"}


def count(client, path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}")
    return sum(not is_transaction(query["sql"]) for query in captured.captured_queries)


def is_transaction(sql):
    """BEGIN and COMMIT of the request's own transaction, which Django logs too, are not queries."""
    return sql.split(None, 1)[0].upper() in TRANSACTION_CONTROL


def main():
    os.chdir(ROOT)
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client, override_settings
    from pages import targets

    host = "127.0.0.1"
    pages = targets(f"http://{host}")
    rows = []
    anonymous = Client(SERVER_NAME=host)
    in_memory = {
        alias: {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"bench-queries-{alias}",
        }
        for alias in settings.CACHES
    }
    with override_settings(CACHE_MIDDLEWARE_SECONDS=0, CACHES=in_memory):
        for page in pages:
            if page["kind"] in ("home", "index", "detail"):
                rows.append({**page, "who": "rendered", "queries": count(anonymous, page["path"])})
    editor = Client(SERVER_NAME=host)
    editor.force_login(get_user_model().objects.get(username="admin"))
    for page in pages:
        if page["kind"] == "detail" and page["name"].startswith("delegation report"):
            rows.append({**page, "who": "editor", "queries": count(editor, page["path"])})
    print(json.dumps(rows))


if __name__ == "__main__":
    main()
