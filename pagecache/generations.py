"""Generations: one token per thing a cached answer shows, folded into its cache key.

A cached page is kept under a key that holds the current token of every tag
the page shows (its own page, the pages above it, the chrome). A change to one
of those things gives its tag a new token; every variant kept under the old
one (each query string, each sub-route, each language) is simply never looked
up again and runs out with its timeout. Nothing has to list the variants, and
everything else stays cached.

Tokens are random, never counters: if the store loses a token (eviction, a
restart of Redis without persistence), the next one is new, so an answer kept
under the lost one can never come back.

Tags:

- ``page:<translation key>``: a page in every language, with all its routes;
- ``under:<url path>``: the pages below a page (their breadcrumbs show it);
- ``all``: what every page shows, the header, menu and footer (the chrome);
- ``listings``: answers that are not one page's (search, sitemap, oEmbed);
- ``routes``: the remembered routes and sites (pagecache/routing.py);
- ``userbar``: the editors' user bars kept with the fragments.
"""

import hashlib
import secrets

from django.conf import settings
from django.core.cache import caches
from django.db import transaction

EVERY_PAGE = "all"
LISTINGS = "listings"
ROUTES = "routes"
USERBAR = "userbar"
# What every render starts from; a page view adds its own tags (pagecache/wagtail_hooks.py).
BASE_TAGS = (EVERY_PAGE, LISTINGS, ROUTES, USERBAR)

# Where a request keeps the tokens it was rendered with, read before the render started.
SNAPSHOT = "_pagecache_generations"


def page_tag(translation_key):
    return f"page:{translation_key}"


def under_tag(url_path):
    return f"under:{hashlib.md5(url_path.encode(), usedforsecurity=False).hexdigest()}"


def page_tags(page):
    """The page itself, and every page above it that its breadcrumbs name (not the root)."""
    segments = page.url_path.strip("/").split("/")
    return [
        page_tag(page.translation_key),
        *(under_tag("/" + "/".join(segments[:end]) + "/") for end in range(1, len(segments))),
    ]


def store():
    return caches[settings.CACHE_MIDDLEWARE_ALIAS]


def _key(tag):
    return f"gen:{tag}"


def _token():
    return secrets.token_hex(8)


def read(tags):
    """The current token of each tag, or None where a tag has none (then nothing kept matches)."""
    found = store().get_many([_key(tag) for tag in tags])
    return {tag: found.get(_key(tag)) for tag in tags}


def current(tags):
    """The current token of each tag, giving a first one to those without."""
    tokens = read(tags)
    missing = [tag for tag, token in tokens.items() if token is None]
    if missing:
        for tag in missing:
            store().add(_key(tag), _token(), timeout=None)
        tokens.update(read(missing))  # another process may have won the add
    return tokens


def bump(tags):
    """New tokens for ``tags``, now and again once the change is committed.

    Requests are atomic (ATOMIC_REQUESTS): until the admin's transaction
    commits, another request still reads the old state and may keep it under
    the new token. The commit gives it another one.
    """
    tags = sorted(set(tags))
    if not tags:
        return

    def renew():
        store().set_many({_key(tag): _token() for tag in tags}, timeout=None)

    renew()
    transaction.on_commit(renew)


def take(request, tags):
    """Add ``tags`` to the tokens the request renders with (read before rendering)."""
    snapshot = getattr(request, SNAPSHOT, None)
    if snapshot is None:
        return
    wanted = [tag for tag in tags if tag not in snapshot]
    if wanted:
        snapshot.update(current(wanted))


def of(request, tag):
    """The token of one tag for this request: as the render started, or read now (once)."""
    snapshot = getattr(request, SNAPSHOT, None) if request is not None else None
    if snapshot is not None and tag in snapshot:
        return snapshot[tag]
    memo = request.__dict__.setdefault("_pagecache_read", {}) if request is not None else {}
    if tag not in memo:
        memo[tag] = current([tag])[tag]
    return memo[tag]


def digest(tokens):
    text = ";".join(f"{tag}={tokens[tag]}" for tag in sorted(tokens))
    return hashlib.md5(text.encode(), usedforsecurity=False).hexdigest()
