from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsletterConfig(AppConfig):
    """Pages in e-mail form, and composed newsletter issues.

    Agencies send with the tool they already use; this app gives them
    e-mail-safe HTML and plain text in the reader's language.
    """

    name = "newsletter"
    verbose_name = _("Newsletter")

    def ready(self):
        from newsletter import checks  # noqa: F401 - registers the settings check
