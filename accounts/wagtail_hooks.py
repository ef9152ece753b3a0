from django.urls import path, reverse
from django.utils.translation import gettext as _
from wagtail import hooks

from accounts.devices import has_confirmed_device
from accounts.views import TwoFactorView, VerifyView


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return [
        path("account/two-factor/", TwoFactorView.as_view(), name="accounts_two_factor"),
        path("two-factor/verify/", VerifyView.as_view(), name="accounts_two_factor_verify"),
    ]


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    """A link under "More actions" on the account page, saying whether it is on."""
    if has_confirmed_device(request.user):
        status = _("On: after your password, the admin asks for a code from your app.")
    else:
        status = _("Off: protect your account with a code from an app on your phone.")
    return {
        "url": reverse("accounts_two_factor"),
        "label": _("Two-factor authentication"),
        "help_text": status,
    }
