from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmailsConfig(AppConfig):
    """Any page as e-mail HTML and plain text, for newsletters and for pasting into
    an agency's newsletter tool. Content pages get it through ``PageEmailMixin``.
    Outgoing mail is DKIM-signed here when a key is configured (``signing.py``).
    """

    name = "emails"
    verbose_name = _("Pages in e-mail form")

    def ready(self):
        from emails import checks  # noqa: F401 - registers the DKIM key check
