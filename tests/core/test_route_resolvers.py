"""Routable pages are ready to route before the first request (threaded workers)."""

from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import get_page_models

from partnership.models import WorkshopPage


def test_every_routable_page_type_has_its_resolver_from_the_start():
    routable = [model for model in get_page_models() if issubclass(model, RoutablePageMixin)]
    assert WorkshopPage in routable
    for model in routable:
        assert "_routablepage_urlresolver" in model.__dict__, model.__name__
