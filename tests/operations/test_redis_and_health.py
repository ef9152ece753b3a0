"""Redis caches in production, failing open, and the load balancer's /healthz.

These tests talk to the Redis server at 127.0.0.1:6379, in three databases of
their own which they empty: 10-12 in a serial run, other numbers for each
parallel worker (tests/workers.py). Without a server they skip, saying so;
under CI they fail instead.
"""

import json
import os

import pytest
import redis
from django.core.cache import caches
from django.test import override_settings
from wagtail.models import PageViewRestriction

from partnership.models import DelegationReportPage
from tests.workers import holding_redis_databases, redis_first_database
from twinsite.settings.caches import CACHE_NAMES, caches_from

pytestmark = pytest.mark.django_db

SERVER = "redis://127.0.0.1:6379"
NOBODY_LISTENS = "redis://127.0.0.1:1/0"


def databases(first):
    return {
        name: redis.Redis.from_url(f"{SERVER}/{number}")
        for number, name in enumerate(CACHE_NAMES, start=first)
    }


@pytest.fixture
def redis_caches():
    server = redis.Redis.from_url(f"{SERVER}/0", socket_connect_timeout=0.5)
    try:
        server.ping()
    except redis.ConnectionError:
        if os.environ.get("CI"):
            raise
        pytest.skip("no Redis server at 127.0.0.1:6379")
    try:
        available = int(server.config_get("databases").get("databases", 16))
    except redis.ResponseError:  # CONFIG switched off: Redis's default number
        available = 16
    first = redis_first_database(available)
    with holding_redis_databases(first):
        stores = databases(first)
        for store in stores.values():
            store.flushdb()
        with override_settings(
            CACHES=caches_from(f"{SERVER}/{first}"), CACHE_MIDDLEWARE_SECONDS=300
        ):
            # What an earlier test left in this process's memory of the renditions.
            caches["renditions"].clear()
            yield stores
            caches["renditions"].clear()
        for store in stores.values():
            store.flushdb()


@pytest.fixture
def report(demo):
    return DelegationReportPage.objects.live().get(locale=demo.fr)


def test_pages_renditions_and_the_rest_each_have_their_own_database(client, report, redis_caches):
    response = client.get(report.url)
    assert response.status_code == 200
    assert redis_caches["pages"].dbsize() > 0
    assert redis_caches["default"].dbsize() > 0  # e.g. the site root paths
    assert redis_caches["renditions"].dbsize() > 0  # the report's images

    # Publishing expires pages only (new generation tokens in the pages database).
    renditions = redis_caches["renditions"].dbsize()
    report.title = "Un titre tout neuf"
    report.save_revision().publish()
    assert redis_caches["renditions"].dbsize() == renditions
    assert "Un titre tout neuf" in client.get(report.url).text

    # A privacy setting empties the page cache only.
    PageViewRestriction.objects.create(page=report, restriction_type=PageViewRestriction.LOGIN)
    assert redis_caches["pages"].dbsize() == 0
    assert redis_caches["renditions"].dbsize() == renditions


def test_the_second_visit_is_served_from_redis(
    client, report, redis_caches, django_assert_num_queries
):
    first = client.get(report.url)
    with django_assert_num_queries(0):
        second = client.get(report.url)
    assert second.content == first.content


@override_settings(CACHES=caches_from(NOBODY_LISTENS), CACHE_MIDDLEWARE_SECONDS=300)
def test_without_redis_the_site_keeps_serving(client, report, demo):
    """Redis is down: every lookup misses, nothing fails."""
    assert client.get(report.url).status_code == 200
    assert client.get(report.get_translation(demo.de).url).status_code == 200
    report.title = "Toujours en ligne"
    report.save_revision().publish()  # empties a cache that is not there
    assert "Toujours en ligne" in client.get(report.url).text

    health = client.get("/healthz")
    assert health.status_code == 200
    assert json.loads(health.content) == {
        "status": "ok",
        "database": "ok",
        "cache": "unavailable",
    }


def test_healthz_reports_database_and_cache_and_nothing_else(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"]
    assert json.loads(response.content) == {"status": "ok", "database": "ok", "cache": "ok"}


def test_without_redis_url_the_caches_live_in_memory():
    caches = caches_from("")
    assert {cache["BACKEND"] for cache in caches.values()} == {
        "django.core.cache.backends.locmem.LocMemCache"
    }
    assert set(caches) == {"default", "pages", "renditions"}


# Renditions: each process's memory in front of Redis (twinsite/memory_in_front.py) ----------


def rendition_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with override_settings(CACHE_MIDDLEWARE_SECONDS=0), CaptureQueriesContext(connection) as seen:
        response = client.get(url)
    assert response.status_code == 200
    return response.content, [q["sql"] for q in seen if "wagtailimages_rendition" in q["sql"]]


def test_renditions_are_read_from_memory_then_from_redis_then_from_the_database(
    client, report, redis_caches
):
    first, _ = rendition_queries(client, report.url)
    assert redis_caches["renditions"].dbsize() > 0
    memory = caches["renditions"].memory

    # Redis emptied: this process still has them.
    redis_caches["renditions"].flushdb()
    page, queries = rendition_queries(client, report.url)
    assert queries == [] and page == first

    # A process that has not read them yet (its memory empty) finds them in Redis.
    memory.clear()
    _, queries = rendition_queries(client, report.url)
    assert queries  # neither memory nor Redis had them: read again, and stored in both
    assert redis_caches["renditions"].dbsize() > 0
    memory.clear()
    page, queries = rendition_queries(client, report.url)
    assert queries == [] and page == first
    assert len(memory._cache) > 0


def test_the_memory_in_front_forgets_what_is_deleted_and_what_is_old(redis_caches):
    import time

    from django.conf import settings

    from twinsite.memory_in_front import MemoryInFrontCache

    config = settings.CACHES["renditions"]
    options = {**config["OPTIONS"], "MEMORY_SECONDS": 1}
    short = MemoryInFrontCache("", {**config, "OPTIONS": options})
    short.set("key", "value")
    assert short.get_many(["key", "other"]) == {"key": "value"}
    redis_caches["renditions"].flushdb()
    assert short.get("key") == "value"  # from memory
    time.sleep(1.1)
    assert short.get("key") is None  # memory expired, Redis emptied
    short.set("key", "value")
    short.delete("key")
    assert short.get("key") is None and short.shared.get("key") is None
