"""``{% picture %}`` (core/templatetags/picture_tags.py): the same markup with or without the cache.

The first visit finds the renditions in the database and Wagtail caches them;
the second takes them from the renditions cache and writes nothing back. A
reader must get the same pictures either way, and the second visit must not
cost more queries.
"""

import re

import pytest
from django.core.cache import caches
from wagtail.images.models import Rendition

from partnership.models import DelegationReportPage
from tests.queries import counted_queries

pytestmark = pytest.mark.django_db

PICTURE = re.compile(r"<picture>.*?</picture>", re.S)


def pictures(client, url):
    with counted_queries() as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return PICTURE.findall(response.text), queries


@pytest.mark.parametrize("language", ["de", "fr"])
def test_a_report_shows_the_same_pictures_from_the_renditions_cache(client, demo, language):
    report = DelegationReportPage.objects.live().filter(locale__language_code=language).first()
    first, first_queries = pictures(client, report.url)
    # The teaser picture and the report's figures and gallery: several images, several formats.
    assert len(first) >= 3
    assert all("image/avif" in picture and "image/webp" in picture for picture in first)
    assert not any("not-found" in picture for picture in first)

    second, second_queries = pictures(client, report.url)
    assert second == first
    assert len(second_queries) <= len(first_queries)
    assert not any("wagtailimages_rendition" in sql for sql in second_queries)


def test_a_rendition_missing_from_the_cache_is_read_again(client, demo):
    report = DelegationReportPage.objects.live().filter(locale__language_code="de").first()
    first, _ = pictures(client, report.url)
    # One rendition of the teaser picture gone from the cache: the picture is built as Wagtail does.
    rendition = Rendition.objects.get(
        image=report.teaser_image, filter_spec="format-jpeg|width-960"
    )
    caches["renditions"].delete(
        Rendition.construct_cache_key(
            rendition.image, rendition.focal_point_key, rendition.filter_spec
        )
    )
    again, queries = pictures(client, report.url)
    assert again == first
    assert any("wagtailimages_rendition" in sql for sql in queries)
