from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationConfig(AppConfig):
    """The translation workflow on top of wagtail-localize.

    Who may write which language, machine translation, cascades, bulk actions,
    the hand-off between the teams and the translation status board live here,
    apart from the content apps.
    """

    name = "translation"
    verbose_name = _("Translation workflow")

    def ready(self):
        from wagtail.signals import page_published

        from translation import slugs, upstream_strings
        from translation.handoff import connect_signals
        from translation.permissions import register_snippet_policies
        from translation.review import record_on_publish

        register_snippet_policies()
        connect_signals()
        page_published.connect(record_on_publish, dispatch_uid="machine-translation-notice")
        slugs.connect()
        upstream_strings.install()
