"""Where a path leads, remembered between requests.

Wagtail finds a page by walking down from the language's home page: for
``/de/ausstellungen/lichtblicke/`` it asks for each slug's page and then for
its specific type, two queries a level. The walk ends at the same page for
every request until a page is published, unpublished, moved, saved or deleted,
and each of those empties the page cache's store (home/cache.py). So the home
page keeps in that store which page the walk ended at and how much of the path
it took, and the next request loads that page with one query.

The page's own ``route()`` still runs on the rest of the path (its
RoutablePageMixin routes, such as ``email/``) and still refuses a page that is
not live, so the answer is the one Wagtail's walk gives. Paths that lead
nowhere are not kept. Nothing is kept while the page cache is off.
"""

import hashlib

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches


class RememberedRoutesMixin:
    """For the home page of each language tree, where every walk starts."""

    def route(self, request, path_components):
        seconds = settings.CACHE_MIDDLEWARE_SECONDS
        if not path_components or not seconds:
            return super().route(request, path_components)
        store = caches[settings.CACHE_MIDDLEWARE_ALIAS]
        path = "/".join(path_components)
        key = f"route:{self.pk}:{hashlib.md5(path.encode(), usedforsecurity=False).hexdigest()}"
        known = store.get(key)
        if known is not None:
            content_type_id, page_id, used = known
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            page = model and model.objects.filter(pk=page_id).first()
            if page is not None:
                return page.route(request, path_components[used:])
        result = super().route(request, path_components)
        page = result[0]
        if page.pk != self.pk:
            used = page.url_path.removeprefix(self.url_path).strip("/").count("/") + 1
            store.set(key, (page.content_type_id, page.pk, used), seconds)
        return result
