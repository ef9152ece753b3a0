from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Home and site chrome")

    def ready(self):
        from home import lookups, stream_forms
        from home.cache import connect_signals

        connect_signals()
        lookups.register()
        stream_forms.register()
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
