from io import StringIO
from types import SimpleNamespace

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.test import Client
from wagtail.models import Locale, Page, Site

from home.models import HomePage
from tests.factories import HomePageFactory
from twinsite import cache_lookup


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the bilingual demo once; each test then runs in its own rolled-back transaction.

    Outside a test transaction, load_demo commits, so wagtail-localize's
    on-commit publishing runs exactly as it does for ``make run``.
    """
    with django_db_blocker.unblock():
        call_command("load_demo", stdout=StringIO())
        # Render each page once, as the first visitors would: the image
        # renditions are then made once per session rather than once per test.
        client = Client()
        for page in Page.objects.live().filter(depth__gt=1):
            client.get(page.url)


@pytest.fixture(autouse=True)
def clear_cache():
    """The database rolls back after each test; the cache (site root paths) must too,
    and each process's memory of addresses whose answers are never kept."""
    yield
    for alias in caches:
        caches[alias].clear()
    cache_lookup.forget_all()


@pytest.fixture
def demo(db):
    """The bilingual demo content, exactly as ``make run`` loads it."""
    german = Locale.objects.get(language_code="de")
    french = Locale.objects.get(language_code="fr")
    return SimpleNamespace(
        de=german,
        fr=french,
        home_de=HomePage.objects.get(locale=german),
        home_fr=HomePage.objects.get(locale=french),
    )


@pytest.fixture
def german_site(demo):
    """A site whose only home page is German and has no translation yet."""
    root = Page.get_first_root_node()
    Site.objects.all().delete()
    root.get_children().delete()
    home = HomePageFactory(parent=root, locale=demo.de, slug="startseite")
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    return SimpleNamespace(home=home, de=demo.de, fr=demo.fr)
