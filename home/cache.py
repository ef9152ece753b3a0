"""The anonymous page cache: Django's cache middleware, emptied when content changes.

Pages are cached whole in the ``pages`` cache for CACHE_MIDDLEWARE_SECONDS.
Any publish, unpublish, move or delete of a page, any change to a page's
privacy and any change to a shared record shown on pages, empties that cache,
so both languages show the change at once. The time limit also bounds how
long "coming up" lists can lag behind the clock.
"""

from django.conf import settings
from django.core.cache import caches
from django.db.models.signals import post_delete, post_save
from django.utils.cache import patch_cache_control
from wagtail.contrib.frontend_cache.utils import purge_pages_from_cache
from wagtail.models import Locale, Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move


def clear_page_cache(**kwargs):
    caches[settings.CACHE_MIDDLEWARE_ALIAS].clear()


def purge_frontend_cache(instance, **kwargs):
    """Tell the CDN or Varnish (WAGTAILFRONTENDCACHE) which public URLs changed.

    Wagtail purges the page itself; its section index and home page list it,
    and its translations link to it from the language switcher, so they go too.
    Changes to shared records are not purged one by one: the CDN keeps pages
    no longer than PAGE_CACHE_SECONDS.
    """
    if not settings.WAGTAILFRONTENDCACHE:
        return
    page = instance.specific_deferred
    pages = [page, *page.get_ancestors().filter(depth__gt=1).live().specific()]
    pages += list(page.get_translations().live().specific())
    purge_pages_from_cache(pages)


def purge_restricted_pages(instance, **kwargs):
    """A privacy setting covers the page and everything below it: the CDN must forget them."""
    page = Page.objects.filter(pk=instance.page_id).first()  # gone if the page was deleted
    if settings.WAGTAILFRONTENDCACHE and page is not None:
        purge_pages_from_cache(page.get_descendants(inclusive=True).live().specific())


def clear_for_shared_records(sender, instance, **kwargs):
    from home.models import SiteIdentity
    from partnership.models.snippets import SharedRecord

    # Locales too: the chrome kept in the same store (navigation_tags) holds them.
    # A new privacy setting must stop the cache serving the page to everyone.
    if isinstance(instance, SiteIdentity | SharedRecord | Page | Locale | PageViewRestriction):
        clear_page_cache()


def connect_signals():
    page_published.connect(clear_page_cache, dispatch_uid="page-cache-published")
    page_published.connect(purge_frontend_cache, dispatch_uid="frontend-cache-published")
    page_unpublished.connect(purge_frontend_cache, dispatch_uid="frontend-cache-unpublished")
    page_unpublished.connect(clear_page_cache, dispatch_uid="page-cache-unpublished")
    post_page_move.connect(clear_page_cache, dispatch_uid="page-cache-moved")
    post_delete.connect(clear_for_shared_records, dispatch_uid="page-cache-deleted")
    post_save.connect(clear_for_shared_records, dispatch_uid="page-cache-saved")
    for signal in (post_save, post_delete):
        signal.connect(
            purge_restricted_pages,
            sender=PageViewRestriction,
            dispatch_uid=f"frontend-cache-restriction-{signal is post_save}",
        )


class PrivateForSignedInMiddleware:
    """Editors get pages with their user bar; those must never reach the shared cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            patch_cache_control(response, private=True)
        return response
