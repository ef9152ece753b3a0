"""PostgreSQL full-text search whose stemming follows the language of each page.

Wagtail's database backend takes one ``SEARCH_CONFIG`` for everything
(wagtail#9253), so German and French text would be stemmed alike. This
backend indexes every translatable object with its own locale's text search
configuration and runs each query with the configuration of the visitor's
language: "Ausstellungen" finds "Ausstellung", "expositions" finds
"exposition". Objects that have no language (images, documents) keep the
default configuration on both sides.

Settings::

    WAGTAILSEARCH_BACKENDS = {"default": {
        "BACKEND": "search.backend",
        "SEARCH_CONFIG": "simple",
        "LANGUAGE_CONFIGS": {"de": "german", "fr": "french"},
    }}
"""

from django.utils import translation
from modelsearch.backends.database.postgres.postgres import (
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from wagtail.models import Locale, TranslatableMixin


class LanguageIndex(PostgresIndex):
    def add_items(self, model, objs):
        if not issubclass(model, TranslatableMixin):
            with translation.override(None):
                return super().add_items(model, objs)
        languages = dict(Locale.objects.values_list("pk", "language_code"))
        by_language = {}
        for obj in objs:
            by_language.setdefault(languages.get(obj.locale_id), []).append(obj)
        for language, group in by_language.items():
            with translation.override(language):
                super().add_items(model, group)


class LanguageQueryCompiler(PostgresSearchQueryCompiler):
    def get_config(self, backend):
        if issubclass(self.queryset.model, TranslatableMixin):
            return backend.config
        return backend.default_config


class LanguageSearchBackend(PostgresSearchBackend):
    index_class = LanguageIndex
    query_compiler_class = LanguageQueryCompiler

    def __init__(self, params):
        self.language_configs = params.get("LANGUAGE_CONFIGS", {})
        super().__init__(params)

    @property
    def config(self):
        """The configuration of the active language (indexing sets it per object)."""
        language = translation.get_language()
        if language:
            language = translation.get_supported_language_variant(language).split("-")[0]
        return self.language_configs.get(language, self.default_config)

    @config.setter
    def config(self, value):
        self.default_config = value or "simple"


SearchBackend = LanguageSearchBackend
