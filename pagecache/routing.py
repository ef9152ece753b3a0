"""Where a path leads, remembered between requests.

Wagtail finds a page by walking down from the language's home page: for
``/de/ausstellungen/lichtblicke/`` it asks for each slug's page and then for
its specific type, two queries a level. The walk ends at the same page for
every request until a page on the way is unpublished, moved, renamed or
deleted. So the home page keeps in the page cache's store which page the walk
ended at and how much of the path it took, and the next request loads that
page with one query.

The page's own ``route()`` still runs on the rest of the path (its
RoutablePageMixin routes, such as ``email/``) and still refuses a page that is
not live, and a remembered page whose URL path is no longer the one walked
(a page above it renamed or moved) is walked again, so the answer is the one
Wagtail's walk gives. Unpublishing, moving or deleting any page gives the
``routes`` generation a new token (pagecache/generations.py), which every key
here holds, and so does publishing a site's root page. Paths that lead
nowhere are not kept. Nothing is kept while the page cache is off.

Two more answers hang on the same generation and live in the same store:
which Wagtail site a host name belongs to (RememberedSiteMiddleware), and
whether the page a path leads to has any privacy setting on it or above it
(RememberedPrivacyMixin). A new or changed privacy setting, and any change to
a site, empty the store.
"""

import hashlib

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from wagtail.models import PageViewRestriction, Site

from pagecache import generations


def _store():
    return caches[settings.CACHE_MIDDLEWARE_ALIAS]


class RememberedPrivacyMixin:
    """For every page type: its privacy settings are read once per page object, or not at all.

    Wagtail's serve hook asks for them, and so do the oEmbed discovery link and
    the embed card. Each gets the same QuerySet, so after the first has read it
    the rest answer from its results. A page reached through a remembered
    route that was public when it was remembered skips the query altogether.
    """

    def get_view_restrictions(self):
        if "_view_restrictions" not in self.__dict__:
            if self.__dict__.get("_remembered_public"):
                self._view_restrictions = PageViewRestriction.objects.none()
            else:
                self._view_restrictions = super().get_view_restrictions()
        return self._view_restrictions


class RememberedRoutesMixin:
    """For the home page of each language tree, where every walk starts."""

    def route(self, request, path_components):
        seconds = settings.CACHE_MIDDLEWARE_SECONDS
        if not path_components or not seconds:
            return super().route(request, path_components)
        store = _store()
        path = "/".join(path_components)
        digest = hashlib.md5(path.encode(), usedforsecurity=False).hexdigest()
        key = f"route:{generations.of(request, generations.ROUTES)}:{self.pk}:{digest}"
        known = store.get(key)
        if known is not None and len(known) == 4:
            content_type_id, page_id, used, public = known
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            page = model and model.objects.filter(pk=page_id).first()
            walked = self.url_path + "".join(f"{part}/" for part in path_components[:used])
            if page is not None and page.url_path == walked:
                page._remembered_public = public
                return page.route(request, path_components[used:])
        result = super().route(request, path_components)
        page = result[0]
        if page.pk != self.pk:
            used = page.url_path.removeprefix(self.url_path).strip("/").count("/") + 1
            # Read now, this QuerySet answers Wagtail's serve hook right after.
            public = not page.get_view_restrictions()
            store.set(key, (page.content_type_id, page.pk, used, public), seconds)
        return result


class RememberedSiteMiddleware:
    """Which Wagtail site answers a host name, remembered for Wagtail's page views.

    ``Site.find_for_request`` asks the database on each request and keeps the
    answer on the request (``request._wagtail_site``), where everything after
    it looks first. Only page views are given the remembered site: every other
    view finds it as Wagtail does, if it needs it at all.
    """

    def __init__(self, get_response):
        from wagtail.views import serve  # needs the models, which import this module

        self.get_response = get_response
        self.page_view = serve

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is not self.page_view or not settings.CACHE_MIDDLEWARE_SECONDS:
            return None
        routes = generations.of(request, generations.ROUTES)
        key = f"site:{routes}:{request.get_host()}:{request.get_port()}"
        site = _store().get(key)
        if site is None:
            site = Site.find_for_request(request)
            if site is not None:
                # Kept as the home page it is, Wagtail's walk need not ask for its type.
                site.root_page = site.root_page.specific
                _store().set(key, site, settings.CACHE_MIDDLEWARE_SECONDS)
        else:
            request._wagtail_site = site
        return None
