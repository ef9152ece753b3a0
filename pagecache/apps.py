from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PageCacheConfig(AppConfig):
    """The anonymous page cache, the remembered routes and fragments, and the
    privacy answers that decide what a shared cache may keep.

    Apps whose records appear on pages register them with
    ``pagecache.cache.shown_on_pages`` from their own ``ready``.
    """

    name = "pagecache"
    verbose_name = _("Page cache")

    def ready(self):
        from pagecache.cache import connect_signals

        connect_signals()
