"""What each middleware costs per request, in-process: no server, no wrk.

Sends the do-nothing view (``/bench/minimal/``) through Django's WSGI handler
with ``twinsite.settings.bench``, as gunicorn would, ``MIDDLEWARE_COST_REQUESTS``
(2000) times in a row, best of ``MIDDLEWARE_COST_REPEATS`` (5). It does so with
the whole stack, with Django's ``startproject`` middleware only (the stack of
``twinsite.settings.bench_bare``), and with the whole stack less one middleware
at a time: that difference is the middleware's cost. Anonymous without a
cookie, as most visitors come, and again with a signed-in editor's session
(``--signed-in``). Uses the dev database (``make demo``) and local-memory
caches, so nothing here waits on Redis.

    .venv/bin/python bench/middleware_cost.py [--signed-in] [--json]
"""

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PATH = "/bench/minimal/"


def setup():
    os.environ["DJANGO_SETTINGS_MODULE"] = "twinsite.settings.bench"
    os.environ.setdefault("SECRET_KEY", "local-bench-key-not-for-the-internet-0123456789abcdef")
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
    os.environ.setdefault("SECURE_SSL_REDIRECT", "False")
    os.environ.setdefault("SECURE_HSTS_SECONDS", "0")
    os.environ.pop("REDIS_URL", None)
    os.environ.setdefault("CONN_MAX_AGE", "60")  # persistent, as make bench runs gunicorn
    import django

    django.setup()


def signed_in_cookie():
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(username="admin"))
    return f"sessionid={client.cookies['sessionid'].value}"


class NotServed(Exception):
    """The stack did not answer 200: another middleware needs the one left out."""


def time_stack(middleware, cookie, requests, repeats):
    """Microseconds per request of ``middleware`` (best of ``repeats``)."""
    from django.core.handlers.wsgi import WSGIHandler
    from django.test import RequestFactory, override_settings

    with override_settings(MIDDLEWARE=middleware):
        handler = WSGIHandler()
    environ = RequestFactory()._base_environ(PATH_INFO=PATH, REQUEST_METHOD="GET")
    environ["HTTP_HOST"] = "127.0.0.1"
    if cookie:
        environ["HTTP_COOKIE"] = cookie

    def start_response(status, headers):
        if not status.startswith("200"):
            raise NotServed(status)

    best = None
    for _ in range(repeats):
        started = time.perf_counter()
        for _ in range(requests):
            response = handler(dict(environ), start_response)
            b"".join(response)
            response.close()
        elapsed = (time.perf_counter() - started) / requests * 1e6
        best = elapsed if best is None else min(best, elapsed)
    return best


def main(argv):
    setup()
    from django.conf import settings

    from twinsite.settings.bench_bare import MIDDLEWARE as BARE

    requests = int(os.environ.get("MIDDLEWARE_COST_REQUESTS", 2000))
    repeats = int(os.environ.get("MIDDLEWARE_COST_REPEATS", 5))
    cookie = signed_in_cookie() if "--signed-in" in argv else ""
    full = list(settings.MIDDLEWARE)
    report = {
        "who": "signed in" if cookie else "anonymous, no cookie",
        "full_us": time_stack(full, cookie, requests, repeats),
        "bare_us": time_stack(list(BARE), cookie, requests, repeats),
        "without": {},
    }
    for name in full:
        less = [other for other in full if other != name]
        try:
            report["without"][name] = report["full_us"] - time_stack(
                less, cookie, requests, repeats
            )
        except NotServed:
            report["without"][name] = None  # another middleware needs it
    if "--json" in argv:
        print(json.dumps(report, indent=2))
        return 0
    print(f"{PATH}, {report['who']}, µs per request (best of {repeats} x {requests}):")
    print(f"  whole stack          {report['full_us']:8.1f}")
    print(f"  startproject's only  {report['bare_us']:8.1f}")
    print(f"  bare ÷ whole         {report['bare_us'] / report['full_us']:8.2f}")
    print("Cost of each middleware (whole stack minus the stack without it):")
    for name, cost in sorted(report["without"].items(), key=lambda item: -(item[1] or 0)):
        print(f"  {'needed' if cost is None else f'{cost:8.1f}':>8}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
