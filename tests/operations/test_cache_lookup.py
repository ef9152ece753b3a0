"""The page cache skips its lookup for answers it never keeps, and still serves what it keeps.

twinsite/cache_lookup.py remembers, per process, the addresses whose last
answer said ``no-cache`` or ``private``. These tests hold it to what a visitor
sees: an editor's private visit does not stop anonymous visitors from getting
the cached page, and a health check is never answered from the cache.
"""

import json

import pytest
from django.contrib.auth import get_user_model
from django.test import Client, override_settings

from partnership.models import DelegationReportPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache():
    with override_settings(CACHE_MIDDLEWARE_SECONDS=300):
        yield


@pytest.fixture
def report(demo):
    return DelegationReportPage.objects.live().filter(locale=demo.de).order_by("path").first()


def test_an_editors_visit_leaves_the_cached_page_to_visitors(
    page_cache, client, report, django_assert_num_queries
):
    editor = Client()
    editor.force_login(get_user_model().objects.get(username="admin"))
    for _ in range(2):
        response = editor.get(report.url)
        assert "private" in response["Cache-Control"]
    first = client.get(report.url)
    assert "max-age=300" in first["Cache-Control"]
    with django_assert_num_queries(0):
        second = client.get(report.url)
    assert second.content == first.content
    assert "private" in editor.get(report.url)["Cache-Control"]


def test_a_never_cached_answer_is_asked_for_every_time(page_cache, client, demo):
    for _ in range(3):
        response = client.get("/healthz")
        assert response.status_code == 200
        assert "no-cache" in response["Cache-Control"]
        assert json.loads(response.content)["database"] == "ok"
