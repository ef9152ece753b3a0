from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccessibilityConfig(AppConfig):
    """Accessibility statements (BITV 2.0 / RGAA), their feedback form and the footer line.

    It sits below home, whose footer links to the statement of each language,
    and above the leaf apps it uses: accounts for the public forms' honeypot
    and rate limit, pagecache for the page's privacy, safetext for the export.
    """

    name = "accessibility"
    verbose_name = _("Accessibility")
