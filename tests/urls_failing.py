"""The project's URLs plus one view that fails, to see the real 500 page."""

from django.urls import path

from twinsite.urls import handler404, handler500, urlpatterns  # noqa: F401


def broken_view(request):
    raise RuntimeError("deliberate failure for the 500 page test")


urlpatterns = [path("broken/", broken_view), *urlpatterns]
