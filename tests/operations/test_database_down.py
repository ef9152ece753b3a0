"""While the database is unreachable, visitors get a 503 in their language, then the site again.

The outage is real, not mocked: for the length of a request the default
connection is swapped for one whose settings point where no database answers
(on PostgreSQL a port that is bound but never listens, so the connection is
refused; on SQLite a file in a directory that does not exist). The driver
raises its own error and the whole stack, middleware included, handles it.
Afterwards the test's own connection is put back, still inside its
rolled-back transaction. bench/faults.py restarts a real PostgreSQL under load.
"""

import socket
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

from partnership.models import DelegationReportPage

pytestmark = pytest.mark.django_db

GERMAN = "Die Website ist kurz nicht erreichbar"
FRENCH = "Le site est momentanément indisponible"


@pytest.fixture
def database_unreachable(tmp_path):
    @contextmanager
    def unreachable():
        working = connections[DEFAULT_DB_ALIAS]
        broken_settings = dict(working.settings_dict)
        with socket.socket() as refusing:
            refusing.bind(("127.0.0.1", 0))
            if working.vendor == "sqlite":
                broken_settings["NAME"] = str(tmp_path / "gone" / "db.sqlite3")
            else:
                broken_settings.update(HOST="127.0.0.1", PORT=refusing.getsockname()[1])
            broken = type(working)(broken_settings, DEFAULT_DB_ALIAS)
            connections[DEFAULT_DB_ALIAS] = broken
            try:
                yield
            finally:
                broken.close()
                connections[DEFAULT_DB_ALIAS] = working

    return unreachable


@pytest.fixture
def visitor(client):
    # Django raises, in the test client, what it answered with the handler500 page.
    client.raise_request_exception = False
    return client


def assert_database_down_page(response, lang, text):
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    assert f'<html lang="{lang}">' in response.text
    assert text in response.text
    assert '<meta http-equiv="refresh" content="30">' in response.text


@pytest.mark.parametrize(
    ("lang", "text", "title"),
    [("de", GERMAN, "Gleich wieder da"), ("fr", FRENCH, "De retour dans un instant")],
)
def test_a_page_answers_503_in_the_visitors_language_then_recovers(
    visitor, demo, database_unreachable, lang, text, title
):
    report = DelegationReportPage.objects.live().filter(locale=getattr(demo, lang)).first()
    url = report.url  # asks the database for the site's root paths

    with database_unreachable():
        down = visitor.get(url)
    assert_database_down_page(down, lang, text)
    assert f"<title>{title}</title>" in down.text

    back = visitor.get(url)
    assert back.status_code == 200
    assert report.title in back.text


def test_search_and_feeds_answer_503_too(visitor, demo, database_unreachable):
    with database_unreachable():
        search = visitor.get("/fr/recherche/", {"q": "jumelage"})
        feed = visitor.get("/de/feed/")
    assert_database_down_page(search, "fr", FRENCH)
    assert_database_down_page(feed, "de", GERMAN)


def test_a_signed_in_editor_whose_session_cannot_load_gets_the_503(
    visitor, demo, database_unreachable, django_user_model
):
    """The session is read by middleware, before any view: the handler500 path."""
    visitor.force_login(django_user_model.objects.get(username="lesulis"))

    with database_unreachable():
        down = visitor.get("/fr/")
    assert_database_down_page(down, "fr", FRENCH)

    back = visitor.get("/fr/")
    assert back.status_code == 200
    assert "private" in back["Cache-Control"]  # still signed in


def test_the_language_cookie_chooses_the_language_outside_the_prefixes(
    visitor, demo, database_unreachable
):
    visitor.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    with database_unreachable():
        down = visitor.get("/sitemap.xml")
    assert_database_down_page(down, "fr", FRENCH)


def test_healthz_keeps_its_json_answer(visitor, demo, database_unreachable):
    """The load balancer reads JSON, not the visitors' page."""
    with database_unreachable():
        response = visitor.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


def test_other_errors_still_get_the_500_page(visitor, demo, settings):
    settings.ROOT_URLCONF = "tests.urls_failing"
    response = visitor.get("/broken/")
    assert response.status_code == 500
    assert "Retry-After" not in response
