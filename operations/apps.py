from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    """Backup and restore, the health check and the database-outage page."""

    name = "operations"
    verbose_name = _("Operations")
