from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """``manage.py load_demo``: the bilingual demo, written through the same
    translation path an editor uses.
    """

    name = "demo"
    verbose_name = _("Demo content")
