import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings


@pytest.fixture
def page_cache():
    """The page cache on, as in production (the test settings turn it off)."""
    with override_settings(CACHE_MIDDLEWARE_SECONDS=300):
        yield


@pytest.fixture
def editor(client):
    """The demo's administrator, signed in: the page cache never answers them."""
    client.force_login(get_user_model().objects.get(username="admin"))
    return client
