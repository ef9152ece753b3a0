import pytest

from exhibitions.models import ArtistExchangePage, ExhibitionPage
from partnership.models import DelegationReportPage, WorkshopPage

CONTENT_TYPES = [DelegationReportPage, WorkshopPage, ExhibitionPage, ArtistExchangePage]


def live_page(model, locale):
    """A live demo page of ``model`` in ``locale`` that has a teaser image."""
    page = (
        model.objects.live()
        .filter(locale=locale, teaser_image__isnull=False)
        .select_related("locale")
        .first()
    )
    assert page is not None, f"the demo has no live {model.__name__} in {locale}"
    return page


@pytest.fixture(params=CONTENT_TYPES, ids=lambda model: model.__name__)
def content_type(request):
    return request.param


@pytest.fixture(params=["de", "fr"])
def language(request):
    return request.param


@pytest.fixture
def page(demo, content_type, language):
    """One live content page per type and language."""
    return live_page(content_type, getattr(demo, language))
