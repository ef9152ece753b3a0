from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Search in the visitor's language: the per-language PostgreSQL backend, the
    search view and its template tags.
    """

    name = "search"
    verbose_name = _("Search")
