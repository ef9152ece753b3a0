from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmbedsConfig(AppConfig):
    """Our pages on partner sites: oEmbed and script-free embed cards."""

    name = "embeds"
    verbose_name = _("Embedding")

    def ready(self):
        from embeds import checks  # noqa: F401 - registers the settings check
