"""The admin sign-in lets a password manager fill it in (WCAG 2.2, 3.3.8 Accessible Authentication).

The gates also try paste in a browser (tests/gates/test_wcag22.py); this
runs on both databases.
"""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

pytestmark = pytest.mark.django_db

LOGIN = reverse("wagtailadmin_login")


@pytest.mark.parametrize("language", ["de", "fr"])
def test_the_sign_in_fields_carry_their_autocomplete_tokens(client, demo, language):
    response = client.get(LOGIN, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    form = BeautifulSoup(response.text, "html.parser").select_one("form.login-form")
    username = form.select_one("input[name=username]")
    password = form.select_one("input[name=password]")
    assert username["autocomplete"] == "username"
    assert password["autocomplete"] == "current-password"
    assert password["type"] == "password"
    assert not any(field.has_attr("onpaste") for field in form.select("input"))
    asked = {
        field["name"] for field in form.select("input") if field.get("type") not in ("hidden",)
    }
    assert asked == {"username", "password", "remember"}


def test_signing_in_with_the_filled_in_fields_works(client, demo):
    response = client.post(LOGIN, {"username": "naumburg", "password": "twinsite"})
    assert response.status_code == 302
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
