from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EasyReadConfig(AppConfig):
    """Pages in Leichte Sprache and in FALC, written in each language for itself."""

    name = "easyread"
    verbose_name = _("Easy read")
