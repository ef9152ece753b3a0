"""The production settings plus the benchmark's baseline view, for ``make bench`` only.

bench/bench.py measures every page against ``/bench/minimal/``, a view that
does nothing, served by the same gunicorn through the same middleware. It must
never be reachable on a real server, so it lives in its own URLconf that only
this module names; production.py knows nothing of it.
"""

from .production import *  # noqa: F403

ROOT_URLCONF = "twinsite.bench_urls"
