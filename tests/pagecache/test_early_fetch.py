"""Plain visitors get the kept page before the rest of the middleware runs, and nobody else does.

pagecache.middleware.EarlyFetchMiddleware answers right after the Update
middleware. Its answer must be the one the Fetch middleware at the end gives,
headers and all; editors, sessions, odd cookies, posts, the admin and private
pages must go the whole way.
"""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client, override_settings
from wagtail.models import PageViewRestriction

from partnership.models import DelegationReportPage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]

EARLY = "pagecache.middleware.EarlyFetchMiddleware"


@pytest.fixture
def report(demo):
    return DelegationReportPage.objects.live().get(locale=demo.fr)


def answered_early(response):
    """The request never reached AuthenticationMiddleware, LocaleMiddleware and the rest."""
    request = response.wsgi_request
    return not hasattr(request, "user") and not hasattr(request, "LANGUAGE_CODE")


def without_early_fetch():
    return override_settings(MIDDLEWARE=[name for name in settings.MIDDLEWARE if name != EARLY])


def same_answer(early, normal):
    assert early.status_code == normal.status_code == 200
    assert early.content == normal.content
    early_headers = {k: v for k, v in early.headers.items() if k != "Age"}
    normal_headers = {k: v for k, v in normal.headers.items() if k != "Age"}
    assert early_headers == normal_headers
    assert abs(int(early["Age"]) - int(normal["Age"])) <= 1


@pytest.mark.parametrize("method", ["get", "head"])
@pytest.mark.parametrize("path", ["report", "/fr/", "/de/", "feed"])
def test_the_early_answer_is_the_fetch_middlewares_answer(report, method, path, demo):
    url = {"report": report.url, "feed": report.get_parent().url + "feed/"}.get(path, path)
    first = getattr(Client(), method)(url)
    assert first.status_code == 200
    assert "Cookie" in first["Vary"]
    early = getattr(Client(), method)(url)
    assert answered_early(early)
    with without_early_fetch():
        normal = getattr(Client(), method)(url)
    assert not answered_early(normal)
    same_answer(early, normal)
    for header in ("Content-Security-Policy", "X-Frame-Options", "Content-Language", "Expires"):
        assert early.get(header) == first.get(header)


def test_an_early_answer_costs_no_query(client, report, django_assert_num_queries):
    client.get(report.url)
    with django_assert_num_queries(0):
        assert answered_early(client.get(report.url))


def test_signed_in_editors_never_get_the_kept_page(client, report):
    anonymous = client.get(report.url)
    editor = Client()
    editor.force_login(get_user_model().objects.get(username="lesulis"))
    for _visit in range(2):
        response = editor.get(report.url)
        assert not answered_early(response)
        assert "<wagtail-userbar" in response.text
        assert "private" in response["Cache-Control"]
        assert response.content != anonymous.content


@pytest.mark.parametrize(
    "cookies",
    [
        {settings.SESSION_COOKIE_NAME: "not-a-session"},
        {settings.CSRF_COOKIE_NAME: "too-short"},
        {"messages": "x"},
        {"_tracking": "1"},
    ],
)
def test_other_cookies_go_the_whole_way(report, cookies):
    visitor = Client()
    visitor.cookies.load(cookies)
    for _visit in range(2):
        response = visitor.get(report.url)
        assert response.status_code == 200
        assert not answered_early(response)


def test_a_malformed_csrf_cookie_is_renewed_as_before(report):
    visitor = Client()
    visitor.cookies.load({settings.CSRF_COOKIE_NAME: "too-short"})
    visitor.get(report.url)
    visitor.cookies.load({settings.CSRF_COOKIE_NAME: "too-short"})
    response = visitor.get(report.url)
    assert not answered_early(response)


def test_a_well_formed_csrf_cookie_and_the_language_cookie_are_answered_early(report):
    visitor = Client()
    visitor.cookies.load({settings.CSRF_COOKIE_NAME: "a" * 32, settings.LANGUAGE_COOKIE_NAME: "fr"})
    first = visitor.get(report.url)
    assert not answered_early(first)
    second = visitor.get(report.url)
    assert answered_early(second)
    assert second.content == first.content


def test_posts_the_admin_and_unprefixed_paths_go_the_whole_way(client, report):
    client.get(report.url)
    assert not answered_early(client.post(report.url))
    for url in ("/admin/login/", "/sitemap.xml", "/sitemap.xml"):
        assert not answered_early(client.get(url))


def test_a_private_page_is_never_kept_nor_answered_early(client, report):
    PageViewRestriction.objects.create(
        page=report, restriction_type=PageViewRestriction.PASSWORD, password="jumelage"
    )
    for _visit in range(2):
        response = client.get(report.url)
        assert not answered_early(response)
        assert report.title not in response.text


def test_a_plain_http_request_is_left_to_the_ssl_redirect(report, settings):
    Client().get(report.url, secure=True)
    Client().get(report.url)
    settings.SECURE_SSL_REDIRECT = True
    assert answered_early(Client().get(report.url, secure=True))
    response = Client().get(report.url)
    assert response.status_code == 301
    assert response["Location"].startswith("https://")
