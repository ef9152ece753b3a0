"""django-axes, fitted to a sign-in that may take two steps.

Axes counts failures per username and address. A wrong two-factor code counts
like a wrong password, and the count is cleared only once the sign-in is
complete: after the password for users without two-factor authentication,
after the code for the others. (Axes' own ``AXES_RESET_ON_SUCCESS`` would clear
it after the password, so whoever knows the password could guess codes forever
by signing in again between guesses.)
"""

import math

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off, get_lockout_response
from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.shortcuts import render
from django.utils import timezone, translation
from wagtail.users.models import UserProfile

from accounts.devices import has_confirmed_device


def lockout_response(request, original_response=None, credentials=None):
    """The 429 page (``AXES_LOCKOUT_CALLABLE``), saying when signing in works again.

    That is the latest failure plus the cool-off, since each failure (even
    during the lockout) restarts the wait. Signed-in users (a wrong code after
    the password) read it in their admin language, everyone else in their
    browser's.
    """
    context = {"retry_at": None}
    cool_off = get_cool_off(request)
    if cool_off is not None:
        attempts = AxesProxyHandler.get_implementation().get_user_attempts(request, credentials)
        latest = max(
            (attempt.attempt_time for queryset in attempts for attempt in queryset),
            default=timezone.now(),
        )
        context["retry_at"] = latest + cool_off
        seconds = max(math.ceil((context["retry_at"] - timezone.now()).total_seconds()), 1)
        context["minutes"] = math.ceil(seconds / 60)
    language, time_zone = translation.get_language(), settings.TIME_ZONE
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        profile = UserProfile.get_for_user(user)
        language, time_zone = profile.get_preferred_language(), profile.get_current_time_zone()
    with translation.override(language), timezone.override(time_zone):
        response = render(request, "accounts/lockout.html", context, status=429)
    if context["retry_at"]:
        response["Retry-After"] = str(seconds)
    return response


def credentials_of(user):
    return {"username": user.get_username()}


def is_locked_out(request, user):
    return not AxesProxyHandler.is_allowed(request, credentials_of(user))


def count_wrong_code(request, user):
    """Record a wrong code as a failed sign-in; the lockout page if that was one too many."""
    credentials = credentials_of(user)
    user_login_failed.send(sender=__name__, credentials=credentials, request=request)
    if getattr(request, "axes_locked_out", False):
        return get_lockout_response(request, credentials=credentials)
    return None


def sign_in_complete(request, user):
    if settings.AXES_ENABLED and request is not None:
        AxesProxyHandler.update_request(request)
        AxesProxyHandler.get_implementation().reset_user_attempts(request, credentials_of(user))


def reset_after_password(sender, request, user, **kwargs):
    """The password was right: for users without a second factor, that is the whole sign-in."""
    if not has_confirmed_device(user):
        sign_in_complete(request, user)


def connect_signals():
    user_logged_in.connect(reset_after_password, dispatch_uid="accounts-reset-after-password")
