from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from easyread.models import EasyReadPage


@pytest.fixture
def easy(demo):
    """The demo's easy-read start pages: Leichte Sprache and FALC."""
    return SimpleNamespace(
        de=EasyReadPage.objects.get(locale=demo.de, slug="leichte-sprache"),
        fr=EasyReadPage.objects.get(locale=demo.fr, slug="facile-a-lire"),
    )


@pytest.fixture
def login(db):
    """A test client signed in as one of the demo users."""

    def log_in(username):
        client = Client()
        client.force_login(get_user_model().objects.get(username=username))
        return client

    return log_in
