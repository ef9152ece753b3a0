"""What each pytest-xdist worker has to itself when ``make test`` runs the suite in parallel.

pytest-django already gives every worker its own test database (``test_twinsite_gw0``
...); the free ports, ``tmp_path`` and ``MEDIA_ROOT`` (a ``mkdtemp`` per process) are
apart by construction. What is left is the machine's one Redis server: a test that
empties a Redis database would empty another worker's too.
"""

import fcntl
import os
from contextlib import contextmanager
from pathlib import Path
from tempfile import gettempdir

# Three consecutive Redis databases per worker (default, pages, renditions). 10-12
# come first, as before the suite ran in parallel; 0, the dev server's, is never used.
REDIS_FIRST_DATABASES = (10, 13, 7, 4, 1)


def worker_index():
    """0, 1, ... for xdist's gw0, gw1, ...; 0 in a serial run (``-n 0``)."""
    name = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    return int(name.removeprefix("gw") or 0)


def redis_first_database(available=16):
    """The first of this worker's three Redis databases, of the ``available`` ones."""
    usable = [first for first in REDIS_FIRST_DATABASES if first + 3 <= available]
    return usable[worker_index() % len(usable)]


@contextmanager
def holding_redis_databases(first):
    """Hold databases ``first`` .. ``first + 2`` against every other test process on this machine.

    Each worker has its own three up to five workers; beyond that, and for two
    runs of the suite at once on one machine, the lock makes them take turns.
    """
    lock = Path(gettempdir()) / f"twinsite-tests-redis-{first}.lock"
    with lock.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
