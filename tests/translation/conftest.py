"""A local stand-in for DeepL and LibreTranslate, speaking their HTTP protocols.

The fake "translates" by prefixing ``[FR] `` (or ``[DE] ``), records every
request's size and parameters, and can be told to fail from its Nth request.
"""

import json
import socket
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import environ
import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from translation.machine_config import machine_translator_config


@dataclass
class Recorded:
    path: str
    headers: dict
    size: int
    params: dict = field(default_factory=dict)

    @property
    def texts(self):
        return self.params.get("text") or self.params.get("q") or []


class FakeTranslationService:
    """What the fake answers, and what it was asked."""

    def __init__(self):
        self.requests = []
        self.glossaries = []
        self.failure = None
        self.fail_from = None
        self.released = threading.Event()
        self.lock = threading.Lock()

    def fail(self, failure, *, from_request=1):
        """From the ``from_request``-th request on, answer with ``failure``.

        ``failure`` is an HTTP status, ``"slow"`` (answer after the client gave
        up) or ``"malformed"`` (200 with a body that is not JSON).
        """
        self.failure, self.fail_from = failure, from_request

    @property
    def translate_requests(self):
        return [r for r in self.requests if r.path in ("/v2/translate", "/translate")]

    def record(self, recorded):
        """Keep the request; return its number, counting from 1."""
        with self.lock:
            self.requests.append(recorded)
            return len(self.requests)


def translate(text, target_lang):
    return f"[{target_lang.upper()}] {text}"


class Handler(BaseHTTPRequestHandler):
    service: FakeTranslationService

    def log_message(self, format, *args):
        pass

    def answer(self, status, payload):
        body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeout test)

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if self.headers.get("Content-Type", "").startswith("application/json"):
            params = json.loads(body)
        else:
            params = {
                key: values if key == "text" else values[0]
                for key, values in parse_qs(body.decode("ascii")).items()
            }
        number = self.service.record(Recorded(self.path, dict(self.headers), len(body), params))
        service = self.service
        if service.failure is not None and number >= service.fail_from:
            if service.failure == "slow":
                service.released.wait(10)
            elif service.failure == "malformed":
                return self.answer(200, b"<html>Bad gateway</html>")
            else:
                return self.answer(service.failure, {"message": "scripted failure"})
        if self.path == "/v2/translate":
            texts = params["text"]
            return self.answer(
                200,
                {
                    "translations": [
                        {"detected_source_language": params["source_lang"], "text": t}
                        for t in (translate(t, params["target_lang"]) for t in texts)
                    ]
                },
            )
        if self.path == "/translate":
            return self.answer(
                200, {"translatedText": [translate(t, params["target"]) for t in params["q"]]}
            )
        if self.path == "/v2/glossaries":
            service.glossaries.append(params)
            glossary_id = f"glossary-{params['source_lang']}-{params['target_lang']}"
            entries = params["entries"].count("\n") + 1
            return self.answer(
                201,
                {
                    "glossary_id": glossary_id,
                    "name": params["name"],
                    "ready": True,
                    "source_lang": params["source_lang"],
                    "target_lang": params["target_lang"],
                    "entry_count": entries,
                },
            )
        return self.answer(404, {"message": "not found"})


@pytest.fixture
def fake_service():
    service = FakeTranslationService()
    handler = type("BoundHandler", (Handler,), {"service": service})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    server.block_on_close = False
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    service.url = f"http://127.0.0.1:{server.server_port}"
    yield service
    service.released.set()
    server.shutdown()
    server.server_close()


@pytest.fixture
def closed_port_url():
    """A URL where nothing listens: connection refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


MACHINE_VARIABLES = (
    "DEEPL_AUTH_KEY",
    "DEEPL_FORMALITY",
    "DEEPL_API_URL",
    "DEEPL_GLOSSARY_ID_DE_FR",
    "DEEPL_GLOSSARY_ID_FR_DE",
    "LIBRETRANSLATE_URL",
    "LIBRETRANSLATE_API_KEY",
    "LIBRETRANSLATE_CHAR_LIMIT",
    "MACHINE_TRANSLATION_TIMEOUT",
)


@pytest.fixture
def machine_env(monkeypatch, settings):
    """Set machine translation variables and rebuild the setting as base.py does."""
    for variable in MACHINE_VARIABLES:
        monkeypatch.delenv(variable, raising=False)

    def configure(**variables):
        for name, value in variables.items():
            monkeypatch.setenv(name, str(value))
        config = machine_translator_config(environ.Env())
        settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = config
        return config

    return configure


@pytest.fixture
def deepl(fake_service, machine_env):
    machine_env(
        DEEPL_AUTH_KEY="test-key:fx",
        DEEPL_API_URL=fake_service.url,
        DEEPL_GLOSSARY_ID_DE_FR="glossary-de-fr",
        MACHINE_TRANSLATION_TIMEOUT=2,
    )
    return fake_service


@pytest.fixture
def libretranslate(fake_service, machine_env):
    machine_env(
        LIBRETRANSLATE_URL=fake_service.url + "/",
        LIBRETRANSLATE_API_KEY="libre-key",
        LIBRETRANSLATE_CHAR_LIMIT=2000,
        MACHINE_TRANSLATION_TIMEOUT=2,
    )
    return fake_service


@pytest.fixture
def login(db):
    """Sign in as one of the demo users: ``login("lesulis")`` gives a test client."""

    def log_in(username):
        client = Client()
        client.force_login(get_user_model().objects.get(username=username))
        return client

    return log_in
