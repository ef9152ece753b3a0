"""Django's page cache, keyed on generations, and answered early for plain visitors.

``UpdateCacheMiddleware`` and ``FetchFromCacheMiddleware`` behave as Django's
(the same checks, headers, timeouts, Vary handling and keys), except that
the key of a kept response also holds the tokens of what it shows
(pagecache/generations.py). Beside Django's header list, each URL keeps the
tags its answer showed; a lookup reads their tokens and asks for the response
under them. After a change only what showed the changed thing misses.

``EarlyFetchMiddleware`` runs the same lookup second in MIDDLEWARE, for the
requests whose answer the middleware between it and the Fetch middleware
cannot change: GET or HEAD under a language prefix, with no cookie but a
well-formed CSRF cookie or the language cookie (no session: editors, page
passwords and messages all live in it), no Authorization header, and nothing
the security and common middleware would redirect or refuse. The response is
the very object the Fetch middleware would return; the middleware it skips
would only set again the headers the kept response already carries
(tests/pagecache/test_early_fetch.py compares the two). A miss is remembered
on the request, so the Fetch middleware does not look again.
"""

import string
import time

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.middleware.cache import UpdateCacheMiddleware as DjangoUpdateCacheMiddleware
from django.middleware.csrf import CSRF_SECRET_LENGTH, CSRF_TOKEN_LENGTH
from django.utils import translation
from django.utils.cache import (
    _generate_cache_header_key,  # Django's own key functions: the keys stay Django's
    _generate_cache_key,
    get_max_age,
    has_vary_header,
    learn_cache_key,
    patch_response_headers,
    patch_vary_headers,
)
from django.utils.deprecation import MiddlewareMixin
from django.utils.http import parse_http_date_safe

from pagecache import generations

EARLY_MISS = "_pagecache_early_miss"
CSRF_CHARACTERS = frozenset(string.ascii_letters + string.digits)


def _store():
    return generations.store()


def _prefix():
    return settings.CACHE_MIDDLEWARE_KEY_PREFIX


def _tags_key(request):
    """Per URL and language, as Django's header list: which tags its answer showed."""
    return _generate_cache_header_key(f"{_prefix()}.tags", request)


def _response_key(request, method, headerlist, tokens):
    return _generate_cache_key(
        request, method, headerlist, f"{_prefix()}.{generations.digest(tokens)}"
    )


class _HeaderList:
    """Catches the header list ``learn_cache_key`` works out, instead of a second record."""

    headerlist = None

    def set(self, key, value, timeout=None):
        self.headerlist = value


def lookup(request):
    """The kept response for this request, as Django's Fetch middleware returns it, or None."""
    known = _store().get(_tags_key(request))
    if not isinstance(known, tuple) or len(known) != 2:
        return None
    headerlist, tags = known
    tokens = generations.read(tags)
    if None in tokens.values():
        return None
    response = _store().get(_response_key(request, "GET", headerlist, tokens))
    if response is None and request.method == "HEAD":
        response = _store().get(_response_key(request, "HEAD", headerlist, tokens))
    if response is None:
        return None
    # Django's age estimate of the kept response.
    if (max_age_seconds := get_max_age(response)) is not None and (
        expires_timestamp := parse_http_date_safe(response["Expires"])
    ) is not None:
        remaining_seconds = expires_timestamp - int(time.time())
        response["Age"] = max(0, max_age_seconds - remaining_seconds)
    return response


def response_tags(request):
    """What the answer showed: a page view its page tags, any other view every listing."""
    tokens = dict(getattr(request, generations.SNAPSHOT))
    for tag in (generations.ROUTES, generations.USERBAR):
        tokens.pop(tag, None)
    if any(tag.startswith("page:") for tag in tokens):
        tokens.pop(generations.LISTINGS, None)
    return tokens


class FetchFromCacheMiddleware(MiddlewareMixin):
    """Django's Fetch middleware, last in MIDDLEWARE, with keys that hold the generations."""

    def process_request(self, request):
        if request.method not in ("GET", "HEAD"):
            request._cache_update_cache = False
            return None
        request._cache_update_cache = True
        if not settings.CACHE_MIDDLEWARE_SECONDS or getattr(request, "is_dummy", False):
            return None  # nothing is kept; or a preview, which must show the draft
        if not getattr(request, EARLY_MISS, False):
            response = lookup(request)
            if response is not None:
                request._cache_update_cache = False
                return response
        # The tokens this render starts from, read before it reads any content.
        setattr(request, generations.SNAPSHOT, generations.current(generations.BASE_TAGS))
        return None


class UpdateCacheMiddleware(DjangoUpdateCacheMiddleware):
    """Django's Update middleware, first in MIDDLEWARE, keeping the response under its tags."""

    def process_response(self, request, response):
        if not self._should_update_cache(request, response):
            return response
        if response.streaming or response.status_code not in (200, 304):
            return response
        if response.cookies and has_vary_header(response, "Cookie"):
            return response
        cache_control = response.get("Cache-Control", "").lower()
        if cache_control and any(
            directive in cache_control for directive in ("private", "no-cache", "no-store")
        ):
            return response
        if has_vary_header(response, "*"):
            return response
        timeout = get_max_age(response)
        if timeout is None:
            timeout = settings.CACHE_MIDDLEWARE_SECONDS
        elif timeout == 0:
            return response
        patch_response_headers(response, timeout)
        if request.headers.get("Authorization") and "public" not in cache_control:
            patch_vary_headers(response, ("Authorization",))
        snapshot = getattr(request, generations.SNAPSHOT, None)
        if timeout and response.status_code == 200 and snapshot is not None:
            tokens = response_tags(request)
            header_list = _HeaderList()
            learn_cache_key(request, response, timeout, _prefix(), cache=header_list)
            headerlist = header_list.headerlist
            key = _response_key(request, request.method, headerlist, tokens)
            _store().set(_tags_key(request), (headerlist, sorted(tokens)), timeout)
            if hasattr(response, "render") and callable(response.render):
                response.add_post_render_callback(lambda r: _store().set(key, r, timeout))
            else:
                _store().set(key, response, timeout)
        return response


def _cookies_allow_early(request):
    for name, value in request.COOKIES.items():
        if name == settings.LANGUAGE_COOKIE_NAME:
            continue
        if (
            name == settings.CSRF_COOKIE_NAME
            and not settings.CSRF_USE_SESSIONS
            and len(value) in (CSRF_SECRET_LENGTH, CSRF_TOKEN_LENGTH)
            and set(value) <= CSRF_CHARACTERS
        ):
            continue  # what CsrfViewMiddleware accepts without renewing the cookie
        return False
    return True


def _early_language(request):
    """The language LocaleMiddleware will take from the path, or None to leave the request be."""
    if not settings.CACHE_MIDDLEWARE_SECONDS or request.method not in ("GET", "HEAD"):
        return None
    if getattr(request, "is_dummy", False):
        return None  # Wagtail's preview, sent through the middleware under the page's URL
    language = translation.get_language_from_path(request.path_info)
    if not language or request.headers.get("Authorization"):
        return None
    if settings.SECURE_SSL_REDIRECT and not request.is_secure():
        return None  # SecurityMiddleware redirects it
    if settings.PREPEND_WWW or settings.DISALLOWED_USER_AGENTS:
        return None  # CommonMiddleware may redirect or refuse it
    if not _cookies_allow_early(request):
        return None
    try:
        request.get_host()
    except DisallowedHost:
        return None  # CommonMiddleware answers it with 400
    return language


class EarlyFetchMiddleware:
    """The page cache's answer before the rest of the middleware runs (see the module)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = _early_language(request)
        if language is not None:
            with translation.override(language):
                response = lookup(request)
            if response is not None:
                request._cache_update_cache = False
                return response
            setattr(request, EARLY_MISS, True)
        return self.get_response(request)
