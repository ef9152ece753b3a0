from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The page bases, link models, blocks, feeds, calendars and date formats that
    every content app builds on. It holds abstract models only, so it owns no table.
    """

    name = "core"
    verbose_name = _("Shared page machinery")

    def ready(self):
        from core.models.records import SharedRecord
        from pagecache.cache import shown_on_pages

        # Towns, associations, people and funders appear on many pages.
        shown_on_pages(SharedRecord)
        build_route_resolvers()


def build_route_resolvers():
    """Build every routable page type's URL resolver once, before any thread serves.

    Wagtail builds it on first use and stores it on the class, while another
    thread may be iterating that class's ``__dict__`` for its own first use:
    gunicorn's threaded workers then fail with "dictionary changed size during
    iteration" on the first requests (seen under ``make bench``).
    """
    from wagtail.contrib.routable_page.models import RoutablePageMixin
    from wagtail.models import get_page_models

    for model in get_page_models():
        if issubclass(model, RoutablePageMixin):
            model.get_resolver()
