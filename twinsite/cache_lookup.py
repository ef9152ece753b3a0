"""The page cache's middleware, without asking the store for answers it never keeps.

The page cache's ``FetchFromCacheMiddleware`` (pagecache/middleware.py) asks
its store (Redis in production) for every GET before any view runs, and a view
that always says
``Cache-Control: no-cache`` (``never_cache``: the health check, forms with a
token, editors' pages marked private) gets that round trip on every request
for nothing: its answer is never stored. On a busy two-core machine the round
trip was most of what the whole middleware stack cost (bench/README.md).

So each process remembers, for ``CACHE_MIDDLEWARE_SECONDS`` at most, the
addresses (with the language and the visitor's cookies) whose last answer said
it must not be kept, and skips the lookup for them. Skipping can only cost a
rendering, never give a wrong page: the request is still marked for
``UpdateCacheMiddleware``, which stores the answer as usual if it has become
cacheable, and forgets the address then. Emptying the store
(pagecache/cache.py) does not concern this memory: it holds no answers.
"""

import threading
import time

from django.conf import settings
from django.utils.cache import get_max_age
from django.utils.translation import get_language

from pagecache import middleware as cache

NOT_KEPT = ("private", "no-cache", "no-store")
LIMIT = 2000  # addresses per process; then it starts again empty

_never_kept = {}
_lock = threading.Lock()


def _address(request):
    return (
        request.build_absolute_uri(),
        get_language(),
        request.META.get("HTTP_COOKIE", ""),
    )


def never_kept(response):
    """What the view said, before UpdateCacheMiddleware adds its own max-age."""
    cache_control = response.get("Cache-Control", "").lower()
    return any(directive in cache_control for directive in NOT_KEPT) or (get_max_age(response) == 0)


def forget_all():
    with _lock:
        _never_kept.clear()


class UpdateCacheMiddleware(cache.UpdateCacheMiddleware):
    def process_response(self, request, response):
        if self._should_update_cache(request, response) and request.method in ("GET", "HEAD"):
            address = _address(request)
            if never_kept(response):
                with _lock:
                    if len(_never_kept) >= LIMIT:
                        _never_kept.clear()
                    _never_kept[address] = time.monotonic() + self.cache_timeout
            elif address in _never_kept:
                with _lock:
                    _never_kept.pop(address, None)
        return super().process_response(request, response)


class FetchFromCacheMiddleware(cache.FetchFromCacheMiddleware):
    def process_request(self, request):
        if request.method in ("GET", "HEAD") and settings.CACHE_MIDDLEWARE_SECONDS:
            until = _never_kept.get(_address(request))
            if until is not None and until > time.monotonic():
                request._cache_update_cache = True  # as after a miss
                return None
        return super().process_request(request)
