from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from accounts.devices import has_confirmed_device


class TwoFactorRequiredMiddleware:
    """A session with the password but not yet the code is not signed in for anything else.

    Editors who turned two-factor authentication on are sent to the code page
    from every address except signing in and out, the code page itself and
    static files. Not only the Wagtail admin: the Django admin, private pages
    and private documents would otherwise open to the password alone. Users
    without a device, and visitors without a session, pass straight through.
    Must come after django-otp's ``OTPMiddleware``.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self._open_paths = None

    def open_paths(self):
        if self._open_paths is None:
            self._open_paths = {
                reverse("wagtailadmin_login"),
                reverse("wagtailadmin_logout"),
                reverse("wagtailadmin_javascript_catalog"),
                reverse("accounts_two_factor_verify"),
                reverse("admin:logout"),
            }
        return self._open_paths

    def needs_code(self, request):
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return False
        if request.path.startswith(settings.STATIC_URL) or request.path in self.open_paths():
            return False
        user = request.user
        return user.is_authenticated and not user.is_verified() and has_confirmed_device(user)

    def __call__(self, request):
        if self.needs_code(request):
            verify = reverse("accounts_two_factor_verify")
            return redirect(f"{verify}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
