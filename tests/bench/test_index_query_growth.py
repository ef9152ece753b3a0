"""A section index asks the database as often with 100 children as with 10.

``make bench`` measures this up to 1,000 children (bench/scale.py); this guard
keeps a per-row query from slipping into the listing between benchmark runs.
No timing here: benchmarks are not tests.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from exhibitions.models import ArtistExchangeIndexPage, ExchangeTown
from tests.factories import ArtistExchangePageFactory, ImageFactory, PartnerCityFactory

pytestmark = pytest.mark.django_db


def add_exchanges(index, count, image, town):
    for _ in range(count):
        page = ArtistExchangePageFactory(parent=index, teaser_image=image)
        ExchangeTown.objects.create(page=page, city=town)


def queries_for(client, url):
    assert client.get(url).status_code == 200  # image renditions are made on the first view
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    assert len(captured) > 0
    return len(captured), response.text


def test_index_queries_do_not_grow_from_10_to_100_children(client, german_site):
    index = german_site.home.add_child(
        instance=ArtistExchangeIndexPage(title="Künstleraustausch", slug="austausch")
    )
    image = ImageFactory()
    town = PartnerCityFactory(locale=german_site.de, name="Villetest")

    add_exchanges(index, 10, image, town)
    ten, html = queries_for(client, index.url)
    assert "10 Einträge" in html
    assert html.count('class="card"') == 10

    add_exchanges(index, 90, image, town)
    hundred, html = queries_for(client, index.url)
    assert "100 Einträge" in html
    assert html.count('class="card"') == 12  # the first page of the listing
    assert 'value="' + str(town.pk) + '"' in html  # the town filter still offers the town

    assert hundred == ten
