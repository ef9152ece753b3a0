"""gunicorn settings for twinsite; every value can be overridden from the environment.

``make serve`` runs the production stack locally with this file. On a server:
``gunicorn -c gunicorn.conf.py twinsite.wsgi`` behind a TLS-terminating proxy.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
# Two workers per core plus one, as gunicorn's documentation suggests; threads
# let a worker keep serving while another request waits on the database.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
# A worker takes at most this many connections at a time, kept-alive ones included.
# gunicorn's default (1,000) lets the first worker to wake take every connection a
# client keeps open, so its threads share one interpreter lock while the other
# workers wait: with keep-alive clients half the CPU stood idle. Twice the threads
# keeps each worker busy and spreads the connections over the workers.
worker_connections = int(os.environ.get("GUNICORN_WORKER_CONNECTIONS", str(2 * threads)))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then, so a slow leak never takes a server down.
max_requests = 2000
max_requests_jitter = 200
# Load Django once in the master and fork the workers from it: a recycled
# worker is then ready in milliseconds instead of importing everything again,
# which on a busy two-core machine took seconds (bench/RESULTS.md, "max").
# Nothing opens a database or cache connection at import time.
preload_app = os.environ.get("GUNICORN_PRELOAD", "1") == "1"
# Logs go to stdout and stderr, for the process manager to collect.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
# The proxy in front sets X-Forwarded-Proto; trust it only from these addresses.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# Worker heartbeats in memory, not on a possibly slow disk.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
