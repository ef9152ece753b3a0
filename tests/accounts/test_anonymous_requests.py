"""A visitor without a session cookie costs no session, user or two-factor lookup.

Most requests come from such visitors (accounts/middleware.py). What shows from
outside: no query for a view that needs none, no session read or written, no
cookie set, and still ``Vary: Cookie``, since a signed-in editor gets another
answer. Editors with a session are signed in and held to their second factor as
before (tests/accounts/test_two_factor.py).
"""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.cache import has_vary_header


def session_untouched(request):
    session = request.session
    return not session.accessed and not session.modified and "_session_cache" not in vars(session)


@pytest.mark.django_db
def test_a_view_without_queries_costs_none_without_a_cookie(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/robots.txt")
    # The request's transaction (ATOMIC_REQUESTS) is a savepoint inside the test's own
    # transaction on PostgreSQL; outside tests the driver only begins one at a first query.
    statements = [q["sql"] for q in queries.captured_queries]
    assert [sql for sql in statements if "SAVEPOINT" not in sql] == []
    assert response.status_code == 200
    assert "Disallow: /admin/" in response.text
    assert session_untouched(response.wsgi_request)
    assert not response.cookies
    assert has_vary_header(response, "Cookie")
    assert "Content-Security-Policy" in response


def test_a_page_reads_no_session_without_a_cookie(client, demo):
    for path, text in (("/de/", 'lang="de"'), ("/fr/", 'lang="fr"')):
        response = client.get(path)
        assert response.status_code == 200
        assert text in response.text
        assert session_untouched(response.wsgi_request)
        assert not response.cookies
        assert has_vary_header(response, "Cookie")
        user = response.wsgi_request.user
        assert not user.is_authenticated
        assert not user.is_verified()


def test_a_signed_in_editor_is_still_signed_in(client, demo):
    admin = get_user_model().objects.get(username="admin")
    client.force_login(admin)
    response = client.get("/robots.txt")
    assert response.wsgi_request.user == admin
    assert not response.wsgi_request.user.is_verified()
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]


def test_a_stale_session_cookie_is_anonymous(client, demo):
    client.cookies["sessionid"] = "no-such-session"
    response = client.get("/de/")
    assert response.status_code == 200
    assert not response.wsgi_request.user.is_authenticated
    assert has_vary_header(response, "Cookie")
