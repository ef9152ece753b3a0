"""Admin addresses stay in the admin: its own 404, in the editor's language, and JSON from its API.

Three things sent a mistyped or refused admin address into the public site:

- Django's ``LocaleMiddleware`` answers every 404 outside the language
  prefixes with a redirect to the same path under ``/de/`` or ``/fr/`` as soon
  as that path resolves, and Wagtail's catch-all page route resolves every
  path. So ``/admin/reports/`` became ``/de/admin/reports/``, a public 404
  page, and the admin API's JSON 404 for a page the editor may not see became
  a 302 to HTML (the translation editor then failed on "Unexpected token '<'").
  ``LocaleMiddleware`` here keeps the 404 of any path that resolves outside
  the prefixes: the admin, ``/documents/``, ``/oembed/``.
- Wagtail renders its admin 404 page outside the editor's language (its
  ``display_custom_404`` catches the ``Http404`` after the view's language
  override has ended), so it came in the browser's language.
  ``AdminLanguageMiddleware`` turns the signed-in user's admin language on for
  the whole admin request, errors included.
- The admin API answers a request that is not signed in with a redirect to the
  sign-in page (or, for ``X-Requested-With``, an HTML 403), and a refusal with
  HTML. Scripts get JSON instead: 401 when not signed in, 403 when refused,
  404 when there is nothing they may see, each with a ``message`` in the
  admin language.
"""

import contextlib
import functools

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import JsonResponse
from django.middleware import locale
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, is_valid_path, reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _


class LocaleMiddleware(locale.LocaleMiddleware):
    """Django's, except that a 404 of a path outside the language prefixes stays a 404."""

    def process_response(self, request, response):
        if (
            response.status_code == 404
            and not translation.get_language_from_path(request.path_info)
            and is_valid_path(request.path_info, getattr(request, "urlconf", None))
        ):
            patch_vary_headers(response, ("Accept-Language",))
            response.headers.setdefault("Content-Language", translation.get_language())
            return response
        return super().process_response(request, response)


def url_prefix(name):
    """Where a named URL is, found once per script prefix and URLconf, not on every request."""
    return _cached_prefix(name, get_script_prefix(), get_urlconf())


@functools.cache
def _cached_prefix(name, script_prefix, urlconf):
    with contextlib.suppress(NoReverseMatch):
        return reverse(name, urlconf=urlconf)
    return None


@receiver(setting_changed)
def forget_prefixes(setting, **kwargs):
    if setting == "ROOT_URLCONF":
        _cached_prefix.cache_clear()


def admin_prefix():
    return url_prefix("wagtailadmin_home")


def admin_api_prefix():
    home = admin_prefix()
    return f"{home}api/" if home else None


def admin_language(user):
    """The admin language the user chose (or was given), if any."""
    profile = getattr(user, "wagtail_userprofile", None) if user.is_authenticated else None
    if profile is None:
        return None
    return profile.get_preferred_language()


def _is_json(response):
    return response.get("Content-Type", "").startswith("application/json")


def _login_redirect(response):
    login_url = getattr(settings, "WAGTAILADMIN_LOGIN_URL", None)
    login_url = login_url or url_prefix("wagtailadmin_login")
    return (
        response.status_code == 302
        and bool(login_url)
        and (response.get("Location", "").startswith(login_url))
    )


def api_error(status):
    messages = {
        401: _("Sign in to the admin to use this address."),
        403: _("You may not use this address of the admin."),
        404: _("There is nothing at this address of the admin that you may see."),
    }
    response = JsonResponse({"message": messages[status]}, status=status)
    response["Cache-Control"] = "private, no-cache, no-store, must-revalidate, max-age=0"
    return response


class AdminLanguageMiddleware:
    """The admin in the editor's admin language, errors included; JSON errors from its API.

    Goes after ``AuthenticationMiddleware`` (it reads the user) and inside
    ``LocaleMiddleware`` (whose ``Content-Language`` then names the language used).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        home = admin_prefix()
        if not home or not request.path_info.startswith(home):
            return self.get_response(request)
        language = admin_language(request.user)
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        if request.path_info.startswith(admin_api_prefix()) and not _is_json(response):
            signed_in = request.user.is_authenticated
            if response.status_code == 403 or _login_redirect(response):
                return api_error(403 if signed_in else 401)
            if response.status_code == 404:
                return api_error(404)
        return response
