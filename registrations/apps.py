from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationsConfig(AppConfig):
    """Registration for events: seats, a waiting list, mails in the registrant's language.

    A leaf below the content apps: workshops and exhibitions take its
    ``RegistrableEvent`` mixin, as wagtail/guide's feature apps are used, and
    it knows no page type of theirs. It uses the leaf apps below it: emails for
    the mails, accounts for the visitor's address behind a proxy.
    """

    name = "registrations"
    verbose_name = _("Event registrations")

    def ready(self):
        from registrations import signals

        signals.connect()
