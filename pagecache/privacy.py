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

from django.db.models import BooleanField, Expression, F
from django.utils.cache import add_never_cache_headers
from wagtail.models import Locale, Page, PageViewRestriction

# Set on a request whose answer depended on a privacy setting of another page.
DEPENDS_ON_PRIVACY = "_twinsite_depends_on_privacy"


class UnderRestriction(Expression):
    """True for a page whose ``path`` a privacy setting covers, as a subquery.

    What ``Exists(PageViewRestriction.objects.filter(...))`` on the two path
    prefixes would say, but Django builds and compiles that subquery again for
    every query that holds it (each index, teaser list, language switcher and
    detail route: up to eight a page), which cost more than running it. The
    subquery's text is fixed; only the outer ``path`` column is compiled.
    Tree paths are digits and capitals only (treebeard's alphabet), so they need
    no escaping in LIKE, and SQLite's case-blind LIKE matches what PostgreSQL's does.
    """

    def __init__(self):
        super().__init__(output_field=BooleanField())
        self.path = F("path")

    def get_source_expressions(self):
        return [self.path]

    def set_source_expressions(self, expressions):
        (self.path,) = expressions

    def as_sql(self, compiler, connection):
        path_sql, params = compiler.compile(self.path)
        quote = connection.ops.quote_name
        restrictions = quote(PageViewRestriction._meta.db_table)
        pages = quote(Page._meta.db_table)
        restricted, alias = quote("twinsite_restricted"), quote("twinsite_restricted_alias")
        column = quote("path")
        sql = (
            f"EXISTS (SELECT 1 FROM {restrictions} INNER JOIN {pages} {restricted}"
            f" ON ({restrictions}.{quote('page_id')} = {restricted}.{quote('id')})"
            f" LEFT OUTER JOIN {pages} {alias}"
            f" ON ({restricted}.{quote('id')} = {alias}.{quote('alias_of_id')})"
            f" WHERE {path_sql} LIKE {restricted}.{column} || '%%'"
            f" OR {path_sql} LIKE {alias}.{column} || '%%')"
        )
        return sql, (*params, *params)


def under_restriction():
    """True, in a page query, for pages that a privacy setting covers.

    What ``PageQuerySet.private_q()`` matches (a restriction on the page or on a
    page above it), plus what ``Page.get_view_restrictions()`` adds for aliases
    (a restriction on the original of the page or of a page above it), computed
    inside the query that reads the pages: ``public()`` costs a query of its own
    each time.
    """
    return UnderRestriction()


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
