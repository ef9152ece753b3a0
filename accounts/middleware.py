"""Who is signed in, and whether they still owe their second factor.

Most requests are anonymous visitors without a session cookie. For them there
is no session to read and no user to look up, so ``AuthenticationMiddleware``
and ``OTPMiddleware`` here hand them a plain ``AnonymousUser`` at once instead
of Django's and django-otp's lazy lookups, and ``TwoFactorRequiredMiddleware``
lets them pass: their request touches no session, user or two-factor code.
With a session cookie everything runs as Django and django-otp have it.
"""

from functools import partial
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import middleware as auth_middleware
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django_otp import middleware as otp_middleware

from accounts.devices import has_confirmed_device


def has_session_cookie(request):
    return settings.SESSION_COOKIE_NAME in request.COOKIES


async def _same_user(user):
    return user


class AuthenticationMiddleware(auth_middleware.AuthenticationMiddleware):
    """Django's; without a session cookie the visitor is anonymous, and no session is read.

    Django would find the same: a session without a cookie is empty, so its
    user is ``AnonymousUser``. Signing in during the request replaces
    ``request.user`` as usual (``django.contrib.auth.login``).
    """

    def process_request(self, request):
        if not hasattr(request, "session") or has_session_cookie(request):
            return super().process_request(request)
        user = AnonymousUser()
        request.user = request._cached_user = user
        request.auser = partial(_same_user, user)
        request.anonymous_without_session = True
        return None

    def process_response(self, request, response):
        """``Vary: Cookie``, as Django's session adds it once the user is looked up.

        The answer does depend on the cookie: with a session it may be an
        editor's. Without this the page cache would keep one copy for everyone
        and hand a signed-in editor the anonymous page.
        """
        if getattr(request, "anonymous_without_session", False):
            patch_vary_headers(response, ("Cookie",))
        return response


class OTPMiddleware(otp_middleware.OTPMiddleware):
    """django-otp's; an anonymous visitor without a session is simply not verified."""

    def _install_lazy_accessors(self, request):
        user = getattr(request, "user", None)
        if isinstance(user, AnonymousUser) and not has_session_cookie(request):
            self._init_user_fields(user)  # otp_device None, is_verified() False
            return
        super()._install_lazy_accessors(request)


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
        if not has_session_cookie(request):
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
