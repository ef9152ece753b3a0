"""``/healthz``: is this app server fit to take traffic?

A load balancer asks this every few seconds. The database is required: without
it the answer is 503 and the balancer stops sending visitors here. The cache
is reported but not required, because the caches fail open and the site keeps
serving without them. The answer names no host, user or version.
"""

import uuid

from django.core.cache import caches
from django.db import DatabaseError, connection, transaction
from django.http import JsonResponse
from django.views.decorators.cache import never_cache


def database_ok():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        return False


def cache_ok():
    cache = caches["default"]
    key, value = "healthz", uuid.uuid4().hex
    try:
        cache.set(key, value, timeout=10)
        return cache.get(key) == value
    except Exception:  # noqa: BLE001 - any cache failure just means "unavailable"
        return False


@never_cache
@transaction.non_atomic_requests  # ATOMIC_REQUESTS would connect, and fail, before the view runs
def healthz(request):
    database, cache = database_ok(), cache_ok()
    body = {
        "status": "ok" if database else "unavailable",
        "database": "ok" if database else "unavailable",
        "cache": "ok" if cache else "unavailable",
    }
    return JsonResponse(body, status=200 if database else 503)
