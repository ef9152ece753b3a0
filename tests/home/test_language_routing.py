"""A bare "/" sends each visitor to the language they most likely read."""

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def test_root_redirects_by_language_cookie_first(client, demo):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    response = client.get("/", headers={"accept-language": "de-DE,de;q=0.9"})
    assert response.status_code == 302
    assert response["Location"] == "/fr/"


def test_root_redirects_by_accept_language(client, demo):
    response = client.get("/", headers={"accept-language": "fr-FR,fr;q=0.9,en;q=0.5"})
    assert response.status_code == 302
    assert response["Location"] == "/fr/"


def test_root_falls_back_to_german(client, demo):
    response = client.get("/", headers={"accept-language": "pl,en;q=0.8"})
    assert response["Location"] == "/de/"
    assert client.get("/")["Location"] == "/de/"


def test_redirect_target_serves_home_page(client, demo):
    response = client.get("/", headers={"accept-language": "fr"}, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain == [("/fr/", 302)]
    assert "Naumburg et Les Ulis" in response.text
