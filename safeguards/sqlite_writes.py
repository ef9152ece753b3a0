"""On SQLite, a request that writes takes the write lock when its transaction begins.

With ``ATOMIC_REQUESTS`` every view runs in one transaction. SQLite begins it
``DEFERRED``: the first read takes a snapshot, and the first write then asks
for the write lock. When another connection has written since that snapshot,
SQLite cannot wait for it, and answers at once with "database is locked"
(``SQLITE_BUSY``, whatever the busy timeout): an editor's image upload in the
chooser and the page's autosave at the same moment ended in a 503. A
transaction begun ``IMMEDIATE`` takes the write lock first and waits up to the
busy timeout for it, so it cannot fail that way.

``IMMEDIATE`` for every request would make reads queue behind each other, so
only POST, PUT, PATCH and DELETE get it; everything else reads without locks
(write-ahead logging, see ``DATABASES`` in the settings). Some GETs write all
the same: Wagtail's page and snippet editors record an editing session when
they open. When such a request meets another writer, its transaction has been
rolled back whole, so it is run once more, this time ``IMMEDIATE``.

Django reads the mode from the connection when it begins a transaction, and
sets it again from ``OPTIONS`` whenever it connects, so it is set per request
and per new connection. Other databases are left alone.
"""

import logging
import sqlite3
from contextvars import ContextVar

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.backends.signals import connection_created
from django.db.utils import OperationalError

logger = logging.getLogger(__name__)

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})

_request_writes = ContextVar("request_writes", default=False)


def apply_transaction_mode(connection):
    if connection.vendor != "sqlite":
        return
    if _request_writes.get():
        connection.transaction_mode = "IMMEDIATE"
    else:
        configured = connection.settings_dict.get("OPTIONS", {}).get("transaction_mode")
        connection.transaction_mode = configured.upper() if configured else None


def on_connection_created(sender, connection, **kwargs):
    apply_transaction_mode(connection)


connection_created.connect(on_connection_created, dispatch_uid="twinsite_sqlite_writes")


def is_lock_contention(exception):
    cause = exception.__cause__
    return (
        isinstance(exception, OperationalError)
        and isinstance(cause, sqlite3.Error)
        and cause.sqlite_errorcode & 0xFF == sqlite3.SQLITE_BUSY  # also SQLITE_BUSY_SNAPSHOT
    )


class SQLiteWriteLockMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        """Sets the mode only when it changes: reads find their connections in read mode.

        A connection is put in read mode when it is made and again after every
        request that wrote, so a request that reads has nothing to set, unless
        ``process_exception`` turned it into one that writes.
        """
        writes = request.method in WRITE_METHODS
        token = _request_writes.set(writes)
        if writes:
            apply_to_connections()
        try:
            return self.get_response(request)
        finally:
            wrote = _request_writes.get()
            _request_writes.reset(token)
            if wrote:
                apply_to_connections()

    def process_exception(self, request, exception):
        """Run a read that turned out to write once more, holding the write lock from the start."""
        connection = connections[DEFAULT_DB_ALIAS]
        match = request.resolver_match
        if (
            _request_writes.get()
            or not is_lock_contention(exception)
            or connection.in_atomic_block
            # Only a request run in one transaction has left nothing behind.
            or not connection.settings_dict["ATOMIC_REQUESTS"]
            or connection.alias in getattr(match.func, "_non_atomic_requests", ())
        ):
            return None
        logger.info("%s %s met another writer; running it again", request.method, request.path)
        _request_writes.set(True)  # reset when __call__ returns
        apply_to_connections()
        with transaction.atomic(using=connection.alias):
            return match.func(request, *match.args, **match.kwargs)


def apply_to_connections():
    for connection in connections.all(initialized_only=True):
        apply_transaction_mode(connection)
