"""The production stack on loopback, as ``make serve`` runs it, for the load and fault scripts.

``Stack`` collects the static files, starts gunicorn with ``gunicorn.conf.py``
and the production settings in a process group of its own, waits for
``/healthz`` and stops the whole group on the way out, whatever happened.
Local stand-ins replace the secrets a server gets from its environment;
anything already set in the environment wins, as in the Makefile.
"""

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
OUTPUT_DIR = ROOT / "var" / "bench"
LOCAL_REDIS = "redis://127.0.0.1:6379"
# The bench's own Redis databases (4: default, 5: pages, 6: renditions), emptied
# before each run: runs start cold and never mix with `make serve` (0-2) or the
# test suite (10-12).
BENCH_REDIS_DB = 4


def say(message):
    print(message, flush=True)


def redis_answers(url=LOCAL_REDIS):
    import redis

    try:
        return redis.Redis.from_url(url, socket_connect_timeout=0.5).ping()
    except redis.RedisError:
        return False


def empty_bench_redis(url):
    """Empty the three databases the bench's caches use, and nothing else."""
    import redis

    parts = urlsplit(url)
    first = int(parts.path.strip("/") or 0)
    for number in range(first, first + 3):
        # The URL's database wins over a db= argument, so each gets its own URL.
        database = urlunsplit(parts._replace(path=f"/{number}"))
        redis.Redis.from_url(database, socket_connect_timeout=0.5).flushdb()


def bench_redis_url(first_database=BENCH_REDIS_DB):
    """REDIS_URL from the environment, else the local Redis if it answers, else None (memory).

    The local Redis is used from ``first_database`` on (three databases), so
    each script keeps to its own.
    """
    if os.environ.get("REDIS_URL"):
        return os.environ["REDIS_URL"]
    if redis_answers():
        return f"{LOCAL_REDIS}/{first_database}"
    return None


def describe_database(url):
    if not url:
        return "SQLite var/db.sqlite3"
    parts = urlsplit(url)
    return f"{parts.scheme} {parts.hostname}:{parts.port or ''}{parts.path}"


def server_environment(port, *, database_url=None, redis_url=None, extra=None):
    env = dict(os.environ)
    env.setdefault("SECRET_KEY", "local-bench-key-not-for-the-internet-0123456789abcdef")
    env.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
    env.setdefault("SECURE_SSL_REDIRECT", "False")
    env.setdefault("SECURE_HSTS_SECONDS", "0")
    env["WAGTAILADMIN_BASE_URL"] = f"http://127.0.0.1:{port}"
    # BENCH_SETTINGS: a deployment's own settings module, if it has one.
    env["DJANGO_SETTINGS_MODULE"] = os.environ.get("BENCH_SETTINGS", "twinsite.settings.production")
    env["PORT"] = str(port)
    env.pop("GUNICORN_BIND", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    else:
        env.pop("DATABASE_URL", None)
    if redis_url:
        env["REDIS_URL"] = redis_url
    else:
        env.pop("REDIS_URL", None)
    env.update(extra or {})
    return env


def get(url, timeout=10):
    """(status, headers, body) of a GET; HTTP errors are answers too."""
    request = urllib.request.Request(url, headers={"User-Agent": "twinsite-bench"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


class Stack:
    """``with Stack(...) as stack:`` gunicorn is up and healthy inside, gone after."""

    def __init__(self, name, port, *, database_url=None, redis_url=None, extra_env=None):
        self.name = name
        self.port = port
        self.base_url = f"http://127.0.0.1:{port}"
        self.env = server_environment(
            port, database_url=database_url, redis_url=redis_url, extra=extra_env
        )
        self.log_path = OUTPUT_DIR / f"{name}-server.log"
        self.process = None

    def __enter__(self):
        OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
        self.refuse_a_busy_port()
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--no-input", "--verbosity", "0"],
            cwd=ROOT,
            env=self.env,
            check=True,
        )
        log = self.log_path.open("w")
        self.process = subprocess.Popen(
            [str(VENV_BIN / "gunicorn"), "-c", "gunicorn.conf.py", "twinsite.wsgi"],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        try:
            self.wait_until_healthy()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc_info):
        self.stop()

    def refuse_a_busy_port(self):
        try:
            get(f"{self.base_url}/healthz", timeout=1)
        except OSError:
            return
        raise SystemExit(f"Something already answers on port {self.port}; stop it or pick another.")

    def wait_until_healthy(self, timeout=90):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(
                    f"gunicorn exited with {self.process.returncode}; see {self.log_path}"
                )
            try:
                status, _headers, body = get(f"{self.base_url}/healthz", timeout=2)
                if status == 200:
                    say(f"Server up at {self.base_url}: /healthz {json.loads(body)}")
                    return
            except OSError:
                pass
            time.sleep(0.5)
        raise SystemExit(f"/healthz did not answer 200 within {timeout} s; see {self.log_path}")

    @property
    def pid(self):
        return self.process.pid

    def alive(self):
        return self.process is not None and self.process.poll() is None

    def stop(self):
        """SIGTERM to gunicorn's group (a graceful stop), SIGKILL if it lingers."""
        if self.process is None or self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        except ProcessLookupError:
            pass
        say(f"Server stopped (log: {self.log_path.relative_to(ROOT)})")

    def log_count(self, *needles):
        text = self.log_path.read_text(errors="replace")
        return sum(text.count(needle) for needle in needles)
