"""The form on pages: the body block keeps pages in the page cache; the subscription page."""

import re

import pytest
from django.test import override_settings

from home.models import StandardPage
from subscribers.models import SubscribePage
from tests.queries import counted_queries
from tests.subscribers.helpers import subscribe

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_with_block(demo):
    page = demo.home_fr.add_child(
        instance=StandardPage(
            title="Restez informés",
            slug="restez-informes",
            body=[{"type": "subscribe", "value": {"heading": "La lettre du jumelage"}}],
        )
    )
    page.save_revision().publish()
    return page


@pytest.fixture
def subscribe_page(demo):
    """The demo's German subscription page, which links to the privacy page."""
    return SubscribePage.objects.get(locale=demo.de)


def test_a_page_with_the_block_stays_in_the_page_cache(
    client, page_with_block, django_assert_num_queries
):
    with override_settings(CACHE_MIDDLEWARE_SECONDS=300):
        first = client.get(page_with_block.url)
        assert first.status_code == 200
        assert 'action="/fr/subscription/"' in first.text
        assert "La lettre du jumelage" in first.text
        assert re.search(r'value="fr"[^>]*checked', first.text), "the page's language"
        assert "csrfmiddlewaretoken" not in first.text
        assert "csrftoken" not in first.cookies
        assert "max-age=300" in first["Cache-Control"]
        with django_assert_num_queries(0):
            second = client.get(page_with_block.url)
        assert second.content == first.content
        # The cached form still works.
        assert subscribe(client, "fr", "cache@example.org").status_code == 200


# Queries without the savepoints (tests/queries.py), the same on PostgreSQL and SQLite.
PAGE_QUERIES = 11
NEW_READER_QUERIES = 6
KNOWN_READER_QUERIES = 6


def test_the_subscription_page(client, subscribe_page):
    client.get(subscribe_page.url)  # routes and chrome remembered, as after the first visitor
    with counted_queries() as queries:
        page = client.get(subscribe_page.url)
    assert len(queries) == PAGE_QUERIES, "\n".join(queries)
    assert page.status_code == 200
    assert "Einmal im Monat bringt unser Newsletter" in page.text
    assert 'action="/de/subscription/"' in page.text
    assert "Datenschutz" in page.text or "/datenschutz/" in page.text
    assert "csrftoken" not in page.cookies
    assert re.search(r'value="de"[^>]*checked', page.text)


def test_subscribing_costs_a_constant_number_of_queries(client, subscribe_page):
    assert subscribe(client, "de", "eins@example.org").status_code == 200
    # A fixed number for a new reader and for a known one, however long the list.
    with counted_queries() as new_reader:
        assert subscribe(client, "de", "zwei@example.org").status_code == 200
    assert len(new_reader) == NEW_READER_QUERIES, "\n".join(new_reader)
    with counted_queries() as known_reader:
        assert subscribe(client, "de", "eins@example.org").status_code == 200
    assert len(known_reader) == KNOWN_READER_QUERIES, "\n".join(known_reader)
