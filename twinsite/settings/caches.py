"""Cache settings: Redis when REDIS_URL is set, local memory otherwise.

Three caches, each in its own Redis database, because emptying the page cache
(see pagecache/cache.py) flushes its whole database:

- ``default``: Django and Wagtail's small things (site root paths, rate limits);
- ``pages``: whole anonymous pages, emptied whenever content changes;
- ``renditions``: Wagtail's image renditions, kept across deploys, and read
  through each process's memory first (twinsite/memory_in_front.py).

The caches fail open: if Redis goes away, every lookup is a miss and the site
keeps serving from the database, only slower.
"""

from urllib.parse import urlsplit, urlunsplit

CACHE_NAMES = ("default", "pages", "renditions")


def _with_database(url, number):
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{number}"))


def redis_caches(url, *, timeout_seconds=0.5):
    """One django-redis cache per name, in consecutive databases from the URL's own.

    The renditions are read through each process's memory first
    (twinsite/memory_in_front.py): they never change under their key.
    """
    first = int(urlsplit(url).path.strip("/") or 0)
    caches = {
        name: {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": _with_database(url, first + offset),
            "KEY_PREFIX": "twinsite",
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": timeout_seconds,
                "SOCKET_TIMEOUT": timeout_seconds,
            },
        }
        for offset, name in enumerate(CACHE_NAMES)
    }
    caches["renditions"] = {
        "BACKEND": "twinsite.memory_in_front.MemoryInFrontCache",
        "OPTIONS": {"SHARED": caches["renditions"]},
    }
    return caches


def local_caches():
    return {
        name: {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": name}
        for name in CACHE_NAMES
    }


def caches_from(redis_url):
    return redis_caches(redis_url) if redis_url else local_caches()
