"""Counting the queries a request itself makes.

On PostgreSQL the request's transaction runs as a savepoint inside the test's
own, on SQLite it does not; the SAVEPOINT and RELEASE statements are the test
harness's and the database's bookkeeping, not the page's work.
"""

from contextlib import contextmanager

from django.db import connection
from django.test.utils import CaptureQueriesContext


@contextmanager
def counted_queries():
    """Yields a list that holds, once the block ends, the SQL of every query but savepoints."""
    work = []
    with CaptureQueriesContext(connection) as captured:
        yield work
    work.extend(
        query["sql"]
        for query in captured.captured_queries
        if not query["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT"))
    )
