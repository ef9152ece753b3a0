from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Signing in to the admin: lockout after failed attempts and an optional second factor.

    django-axes counts the failures and django-otp keeps the TOTP devices; this
    app adds the pages editors see and the rule that a session with only the
    password is not yet signed in.
    """

    name = "accounts"
    verbose_name = _("Sign-in security")

    def ready(self):
        from accounts.lockout import connect_signals

        connect_signals()
