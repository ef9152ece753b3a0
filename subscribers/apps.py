from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubscribersConfig(AppConfig):
    """Newsletter readers: subscribing with double opt-in, consent records, leaving.

    It sits below core (core's body blocks offer its form) and above the leaf
    apps it uses: emails for the confirmation mail, pagecache for public links.
    """

    name = "subscribers"
    verbose_name = _("Newsletter subscribers")
