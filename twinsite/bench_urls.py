"""The site's URLs plus ``/bench/minimal/``; only twinsite.settings.bench uses this module."""

from django.http import HttpResponse
from django.urls import path
from django.views.decorators.cache import never_cache

from twinsite.urls import handler404, handler500
from twinsite.urls import urlpatterns as site_urlpatterns


@never_cache
def minimal(request):
    """The framework's ceiling: every middleware runs, the view does nothing.

    ``never_cache`` keeps the page cache from answering in its place, so each
    request goes the whole way through Django, as an uncached page does.
    """
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/minimal/", minimal, name="bench_minimal"), *site_urlpatterns]

__all__ = ["handler404", "handler500", "urlpatterns"]
