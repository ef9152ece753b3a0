import pytest
from django.conf import settings
from django.test import override_settings

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "lang", "message"),
    [
        ("/de/gibt-es-nicht/", "de", "Seite nicht gefunden"),
        ("/fr/n-existe-pas/", "fr", "Page introuvable"),
    ],
)
def test_404_in_the_visitors_language(client, demo, path, lang, message):
    response = client.get(path)
    assert response.status_code == 404
    assert f'<html lang="{lang}">' in response.text
    assert message in response.text
    assert f'href="/{lang}/"' in response.text


@override_settings(ROOT_URLCONF="tests.urls_failing")
@pytest.mark.parametrize(
    ("lang", "message"),
    [("de", "Etwas ist schiefgelaufen"), ("fr", "Une erreur s'est produite")],
)
def test_500_in_the_visitors_language(client, demo, lang, message):
    client.raise_request_exception = False
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    response = client.get("/broken/")
    assert response.status_code == 500
    assert f'<html lang="{lang}">' in response.text
    assert message in response.text
