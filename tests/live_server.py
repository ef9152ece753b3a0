"""The site over HTTP, for tests that drive it with a real client or browser.

pytest-django's ``live_server`` fixture would make its tests transactional
and flush the database after each one, taking the session's demo with it.
So there are two servers here instead:

- ``serve_read_only`` runs beside ordinary tests that only read the demo;
- ``serve_in_test_transaction`` answers inside the running test's own
  transaction, for browser journeys that write.
"""

import threading
import weakref
from contextlib import contextmanager

from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.handlers.wsgi import WSGIHandler
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIServer
from django.core.signals import request_finished, request_started
from django.db import DEFAULT_DB_ALIAS, close_old_connections, connections
from django.test import TestCase
from django.test.testcases import LiveServerThread, QuietWSGIRequestHandler, _MediaFilesHandler

# How long stopping the server waits for requests still being answered.
REQUEST_GRACE_SECONDS = 10


class RequestTrackingServer(ThreadedWSGIServer):
    """Remembers the threads answering requests, which ``server_close`` does not wait for.

    A thread still answering holds a database connection; on PostgreSQL the
    test database cannot be dropped at the end of the session while it does.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.request_threads = weakref.WeakSet()

    def process_request_thread(self, request, client_address):
        self.request_threads.add(threading.current_thread())
        super().process_request_thread(request, client_address)


class ServerThread(LiveServerThread):
    server_class = RequestTrackingServer


@contextmanager
def serving(thread_class, host, shared):
    """Run ``thread_class`` on the ``shared`` connections; yields the base URL.

    On the way out it waits for requests still being answered, which hold a
    connection, before the connections stop being shared.
    """
    for connection in shared.values():
        connection.inc_thread_sharing()
    thread = thread_class(host, StaticFilesHandler, connections_override=shared)
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    try:
        if thread.error:
            raise thread.error
        yield f"http://{host}:{thread.port}"
    finally:
        thread.terminate()
        httpd = getattr(thread, "httpd", None)
        for request_thread in list(getattr(httpd, "request_threads", ())):
            request_thread.join(timeout=REQUEST_GRACE_SECONDS)
        for connection in shared.values():
            connection.dec_thread_sharing()


@contextmanager
def serve_read_only(host="localhost"):
    """Serve the site on a free port of ``host``; yields its base URL."""
    shared = {
        conn.alias: conn
        for conn in connections.all()
        if conn.vendor == "sqlite" and conn.is_in_memory_db()
    }
    with serving(ServerThread, host, shared) as url:
        yield url


# The site over HTTP, inside the running test's transaction.
#
# The browser journeys create pages, translations and form submissions, and
# the rest of the suite needs the session's demo untouched. pytest-django's
# ``live_server`` would make each journey transactional and flush the
# database afterwards, demo and all. Instead the server answers on the test's
# own database connection, on SQLite and PostgreSQL alike: it sees the demo
# and everything the test set up, and whatever the browser writes rolls back
# with the test.
#
# One connection carries one transaction, so the server answers one request
# at a time (Django then closes each HTTP connection after its response).
# Django would close a connection it finds inside a transaction at the start
# and end of each request; the test client disconnects that check, and so
# does this server while it runs. ``transaction.on_commit`` callbacks (search
# index, translation publishing, cache purges) run when each request ends, as
# they would after its commit.


class CommitAtRequestEnd:
    """Run the on_commit callbacks a request registered once it has been answered."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        with TestCase.captureOnCommitCallbacks(using=DEFAULT_DB_ALIAS, execute=True):
            return self.application(environ, start_response)


class SharedConnectionServerThread(LiveServerThread):
    """A single-threaded live server on the given connections, which it never closes."""

    def run(self):
        for alias, connection in self.connections_override.items():
            connections[alias] = connection
        try:
            self.httpd = WSGIServer(
                (self.host, self.port), QuietWSGIRequestHandler, allow_reuse_address=False
            )
            self.port = self.httpd.server_address[1]
            self.httpd.set_app(
                self.static_handler(_MediaFilesHandler(CommitAtRequestEnd(WSGIHandler())))
            )
            self.is_ready.set()
            self.httpd.serve_forever()
        except Exception as error:  # reported to the thread that started the server
            self.error = error
            self.is_ready.set()


@contextmanager
def serve_in_test_transaction(host="127.0.0.1"):
    """Serve the site on a free port of ``host``; yields its base URL."""
    shared = {alias: connections[alias] for alias in connections}
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        with serving(SharedConnectionServerThread, host, shared) as url:
            yield url
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
