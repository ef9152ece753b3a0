"""Small local HTTP servers that answer like a newsletter tool's API, and record each request."""

import base64
import json
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Received:
    method: str
    path: str
    headers: dict
    body: bytes

    @property
    def json(self):
        return json.loads(self.body)

    @property
    def basic_auth(self):
        """(user, password) of an ``Authorization: Basic`` header."""
        kind, _sep, value = self.headers.get("authorization", "").partition(" ")
        assert kind == "Basic", self.headers
        user, _sep, password = base64.b64decode(value).decode().partition(":")
        return user, password


class FakeAPI:
    """Answers ``(method, path)`` with the answers queued for it, in order; else 404."""

    def __init__(self):
        self.requests = []
        self.answers = {}
        self.lock = threading.Lock()

    def answer(self, method, path, status, body=None, headers=None, raw=None):
        payload = raw if raw is not None else json.dumps(body or {}).encode()
        self.answers.setdefault((method, path), []).append((status, headers or {}, payload))

    def handle(self, handler):
        length = int(handler.headers.get("Content-Length") or 0)
        received = Received(
            method=handler.command,
            path=handler.path,
            headers={key.lower(): value for key, value in handler.headers.items()},
            body=handler.rfile.read(length),
        )
        with self.lock:
            self.requests.append(received)
            queue = self.answers.get((handler.command, handler.path))
            status, headers, payload = queue.pop(0) if queue else (404, {}, b'{"message":"?"}')
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(payload)))
        for key, value in headers.items():
            handler.send_header(key, value)
        handler.end_headers()
        handler.wfile.write(payload)


@contextmanager
def fake_api():
    """A ``FakeAPI`` served on a free local port; yields (api, base URL)."""
    api = FakeAPI()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            api.handle(self)

        do_PUT = do_GET = do_PATCH = do_DELETE = do_POST

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield api, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
