from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationConfig(AppConfig):
    """The translation workflow on top of wagtail-localize.

    Who may write which language, machine translation, cascades, bulk actions
    and the translation status board live here, apart from the content apps.
    """

    name = "translation"
    verbose_name = _("Translation workflow")

    def ready(self):
        from translation import slugs, upstream_strings
        from translation.permissions import register_snippet_policies

        register_snippet_policies()
        slugs.connect()
        upstream_strings.install()
