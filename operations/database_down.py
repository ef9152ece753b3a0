"""A friendly 503, in the visitor's language, while the database is unreachable.

When PostgreSQL restarts or the network to it drops, every request that needs
it fails with ``OperationalError`` (or ``InterfaceError`` for a connection that
died under the app). That is not a bug in the page but a short outage, so the
visitor gets "back in a moment" with ``Retry-After`` rather than the 500 page,
and a load balancer or crawler knows to come back. An editor reads it in the
admin language; one whose form was not saved is told so, and sent back to the
form (which the browser keeps) rather than reloaded. Nothing here needs the
database (the editor's language is used only if it can still be read): the
page is rendered from a standalone template without context processors.
Pages already in the page cache keep being served meanwhile.

Two ways in, because Django turns an exception into a response at the layer
that raised it:

- ``DatabaseDownMiddleware.process_exception`` answers for views (where
  anonymous visitors first touch the database), logging one line rather than a
  traceback per request;
- ``server_error``, the project's ``handler500``, answers for middleware such as
  sessions and authentication, and falls back to the ordinary 500 page for
  every other error.

Recovery needs no restart: with ``CONN_HEALTH_CHECKS`` a persistent connection
is checked before reuse and replaced once the database is back.
"""

import logging
import sys

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db.utils import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language

logger = logging.getLogger(__name__)

DATABASE_DOWN_ERRORS = (OperationalError, InterfaceError)
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
RETRY_AFTER_SECONDS = 30


def visitor_language():
    """The language LocaleMiddleware chose (URL prefix, cookie, browser), if it is one of ours."""
    language = translation.get_language()
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def admin_language(request):
    """An editor's admin language, when the user and profile can still be read.

    By the time an admin view fails, both are usually in memory already
    (Wagtail's ``require_admin_access`` read them); when the database is down
    for good, reading them fails too and the visitor's language stands.
    """
    if not request.path_info.startswith(reverse("wagtailadmin_home")):
        return None
    try:
        user = request.user
        if user.is_authenticated:
            language = user.wagtail_userprofile.get_preferred_language()
            return language if language in dict(settings.LANGUAGES) else None
    except (AttributeError, ObjectDoesNotExist, *DATABASE_DOWN_ERRORS):
        pass
    return None


def database_unavailable(request):
    language = admin_language(request) or visitor_language()
    with translation.override(language):
        html = loader.render_to_string(
            "503.html",
            {
                "LANGUAGE_CODE": language,
                "STATIC_URL": settings.STATIC_URL,
                "retry_after": RETRY_AFTER_SECONDS,
                # What was sent is lost on reload; the browser's back button still has it.
                "not_saved": request.method not in SAFE_METHODS,
            },
        )
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Content-Language"] = language
    add_never_cache_headers(response)
    return response


class DatabaseDownMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_DOWN_ERRORS):
            logger.warning("Database unavailable, answering 503: %s", exception)
            return database_unavailable(request)
        return None


def server_error(request):
    """``handler500``: Django calls it while handling the exception, so it is still in flight."""
    if isinstance(sys.exc_info()[1], DATABASE_DOWN_ERRORS):
        return database_unavailable(request)
    return plain_server_error()


def plain_server_error():
    """Render the 500 page in the visitor's language without touching the database."""
    template = loader.get_template("500.html")
    context = {
        "LANGUAGE_CODE": get_language() or settings.LANGUAGE_CODE,
        "STATIC_URL": settings.STATIC_URL,
    }
    return HttpResponseServerError(template.render(context))
