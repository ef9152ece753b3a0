"""Whether a page may be shown, linked or listed beside another: Wagtail's privacy settings.

Wagtail's serve view checks the page it serves, with its restrictions and those
of every page above it. A page also reads other pages: its translation in the
bilingual view, the language switcher and hreflang links, related pages, the
items of a newsletter issue. Each of those asks the same question here, so a
translation made private (on itself or on a section above it) is never shown,
linked or listed to a visitor who may not open it.

Two kinds of answer:

- ``under_restriction()`` and ``public_localized()`` answer for everyone alike.
  What every visitor of a page sees the same (its switcher, its article, kept in
  the page cache's store) leaves out anything private.
- ``may_view()`` answers for one request, as Wagtail's serve view does (a login,
  a group, a password entered in the session). The response then depends on the
  visitor, so the request is marked and ``PrivateForSignedInMiddleware``
  (pagecache/cache.py) keeps it out of every shared cache, as Wagtail does for a
  private page itself.
"""

from django.db.models import Exists, F, OuterRef
from django.db.models.lookups import StartsWith
from django.utils.cache import add_never_cache_headers
from wagtail.models import Locale, PageViewRestriction

# Set on a request whose answer depended on a privacy setting of another page.
DEPENDS_ON_PRIVACY = "_twinsite_depends_on_privacy"


def under_restriction():
    """True, in a page query, for pages that a privacy setting covers.

    What ``PageQuerySet.private_q()`` matches (a restriction on the page or on a
    page above it), plus what ``Page.get_view_restrictions()`` adds for aliases
    (a restriction on the original of the page or of a page above it), computed
    inside the query that reads the pages: ``public()`` costs a query of its own
    each time.
    """
    return Exists(
        PageViewRestriction.objects.filter(
            StartsWith(OuterRef("path"), F("page__path"))
            | StartsWith(OuterRef("path"), F("page__aliases__path"))
        )
    )


def public_localized(page):
    """``page.localized``, unless its translation is private: then the page itself.

    Wagtail's ``localized`` swaps a link for the live translation in the active
    language without asking whether it is private. Asked in the same query, so
    this costs what ``localized`` does.
    """
    if page is None:
        return None
    try:
        locale = Locale.get_active()
    except (LookupError, Locale.DoesNotExist):
        return page
    if locale.pk == page.locale_id:
        return page
    translation = (
        type(page)
        .objects.filter(translation_key=page.translation_key, locale=locale, live=True)
        .exclude(under_restriction())
        .first()
    )
    return translation or page


def may_view(page, request):
    """Whether ``request`` may open ``page``: the check Wagtail's serve view makes.

    Every view restriction on the page or above it must accept the request.
    Where there is any, the answer depends on the visitor and the request is
    marked so that its response is never cached for others.
    """
    restrictions = list(page.get_view_restrictions())
    if not restrictions:
        return True
    setattr(request, DEPENDS_ON_PRIVACY, True)
    return all(restriction.accept_request(request) for restriction in restrictions)


def keep_private_if_needed(request, response):
    """No shared cache (page cache, CDN) may keep a response that ``may_view`` decided."""
    if getattr(request, DEPENDS_ON_PRIVACY, False):
        add_never_cache_headers(response)
    return response
