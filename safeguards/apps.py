from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SafeguardsConfig(AppConfig):
    """Defences against bad input and concurrent edits that Wagtail leaves open:
    upload checks, edit conflicts, crafted ids, incomplete admin posts.
    """

    name = "safeguards"
    verbose_name = _("Safeguards")

    def ready(self):
        from safeguards import lookups, stream_forms

        lookups.register()
        stream_forms.register()
