"""The site's chrome: main menu, language switcher, hreflang links, footer.

The header's site name, the menu and the footer are the same on every page of
a language, so they are kept in the page cache's store (``pages``) between
requests, under the generation of what every page shows (pagecache/generations.py).
pagecache/cache.py gives it a new token when a page of the menu, the easy-read start
page, the accessibility statement or the site identity changes, so they are never
staler than a cached page.
"""

from operator import attrgetter

from django import template
from django.conf import settings
from django.core.cache import caches
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.urls import reverse, translate_url
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from accessibility.models import RGAA_MENTION, AccessibilityStatementPage, Regime
from core.models.pages import LINK_FIELDS
from easyread.models import EasyReadPage
from home.models import SiteIdentity
from pagecache import generations
from pagecache.privacy import under_restriction
from translation.permissions import IN_A_SENTENCE

register = template.Library()


def active_locale(request):
    """``Locale.get_active()``, which asks the database each time it is called.

    A content page's index reads the page's locale with it (``route_related``):
    when that is the request's language, it is the answer.
    """
    return shared_chrome(request, "locale", lambda: routed_locale(request) or Locale.get_active())


def routed_locale(request):
    """The locale of the page Wagtail's walk ended at, if it came with the page and is active."""
    route = getattr(request, "_wagtail_route_for_request", None)
    page = route[0] if route else None
    if page is None or not Page.locale.is_cached(page):
        return None
    language = get_supported_content_language_variant(translation.get_language())
    return page.locale if page.locale.language_code == language else None


def page_locale(request, page):
    """The page's Locale, set on the page so that later reads of ``page.locale`` are free.

    A page shown in the visitor's language gets the one kept with the chrome.
    """
    locale = active_locale(request)
    if page.locale_id == locale.pk and not Page.locale.is_cached(page):
        page.locale = locale
    return page.locale


def home_page(request):
    """The home page in the visitor's language; looked up once per request."""
    if not hasattr(request, "_twinsite_home"):
        site = Site.find_for_request(request)
        home = routed_home(request, site)
        if home is None and site is not None:
            # What ``site.root_page.localized`` does, with the request's locale.
            home = site.root_page
            locale = active_locale(request)
            if home.locale_id != locale.pk:
                translated = home.get_translation_or_none(locale)
                if translated is not None and translated.live:
                    home = translated
            home = home.specific
        request._twinsite_home = home
    return request._twinsite_home


def routed_home(request, site):
    """The home page Wagtail's walk started from for this request, if it is at hand.

    The walk leaves each page's parent on it (``_cached_parent_obj``), up to the
    specific home page it started from, so the chrome need not look it up again.
    """
    route = getattr(request, "_wagtail_route_for_request", None)
    if not route or site is None:
        return None
    page = route[0]
    while page is not None and page.depth > site.root_page.depth:
        page = page.__dict__.get("_cached_parent_obj")
    if (
        page is not None
        and page.depth == site.root_page.depth
        and page.translation_key == site.root_page.translation_key
        and page.locale_id == active_locale(request).pk
        and page.live
        and type(page) is not Page
    ):
        return page
    return None


def shared_chrome(request, part, build):
    """``build()``'s result for this language and site, from the page cache's store.

    Kept once per request as well, so the header and the footer share one lookup.
    With the chrome's store off (``CHROME_CACHE_SECONDS = 0``) nothing is asked of
    it: each lookup would be a miss and each write a delete, two round trips to
    Redis for every part of every page.
    """
    language = translation.get_language()
    memo = request.__dict__.setdefault("_twinsite_chrome", {})
    if (part, language) not in memo:
        if settings.CHROME_CACHE_SECONDS:
            memo[(part, language)] = stored_chrome(request, part, language, build)
        else:
            memo[(part, language)] = build()
    return memo[(part, language)]


def stored_chrome(request, part, language, build):
    site = Site.find_for_request(request)
    chrome = generations.of(request, generations.EVERY_PAGE)
    key = f"chrome:{chrome}:{part}:{language}:{site.pk if site else 0}"
    store = caches[settings.CACHE_MIDDLEWARE_ALIAS]
    cached = store.get(key)
    if cached is None:
        cached = (build(),)  # a tuple, so that a missing record is cached too
        store.set(key, cached, settings.CHROME_CACHE_SECONDS)
    return cached[0]


def language_versions(context):
    """One entry per site language: where this page lives in that language.

    For a Wagtail page the target is its live translation; a page without one
    leads to the "not yet translated" page in that language. So does a private
    translation (a privacy setting on it or above it): every visitor of the
    page gets the same links (they are kept in the fragment cache), search
    engines get no alternate to a page they may not read, and the "not yet
    translated" page lets through whoever may open it. Views that are not
    pages (search, errors) translate their own URL. Computed once per request.
    """
    request = context.get("request")
    cache = getattr(request, "_twinsite_language_versions", None)
    if cache is not None:
        return cache

    page = context.get("page")
    current = translation.get_language()
    versions = []
    if isinstance(page, Page) and page.pk:
        translations = {
            p.locale.language_code: p
            for p in versions_of(page)
            .live()
            .annotate(private=under_restriction())
            .select_related("locale")
            .only(*LINK_FIELDS, "locale__language_code")
            .order_by()  # a dict by language: an ORDER BY would only cost its compiling
        }
        for code, name in settings.LANGUAGES:
            target = translations.get(code)
            # The page being shown has passed Wagtail's own privacy check.
            private = target is not None and target.private and target.pk != page.pk
            if target is not None and not private:
                url = target.get_url(request)
            else:
                with translation.override(code):
                    url = reverse("not_translated", args=[page.pk])
            versions.append(
                {
                    "code": code,
                    "name": name,
                    "url": url,
                    "is_current": code == current,
                    "translated": target is not None and not private,
                    "private": private,
                }
            )
    elif request is not None:
        for code, name in settings.LANGUAGES:
            versions.append(
                {
                    "code": code,
                    "name": name,
                    "url": translate_url(request.get_full_path(), code),
                    "is_current": code == current,
                    "translated": True,
                    "private": False,
                }
            )
    if request is not None:
        request._twinsite_language_versions = versions
    return versions


def versions_of(page):
    """The page in every language, itself included.

    Its translations; or, for a page type written separately in each language
    (``translated_separately``: easy-read pages, accessibility statements),
    itself and the counterpart it is linked to (``language_counterpart()``).
    """
    if getattr(page, "translated_separately", False):
        counterpart = page.language_counterpart()
        return Page.objects.filter(pk__in=[page.pk, *([counterpart.pk] if counterpart else [])])
    return page.get_translations(inclusive=True)


EASY_READ = Q(
    content_type__app_label=EasyReadPage._meta.app_label,
    content_type__model=EasyReadPage._meta.model_name,
)


def menu_chrome(request):
    """The header's links: home, the menu, and the language's easy-read start page.

    One query for the home page's children, kept with the chrome. The easy-read
    start page is the first live easy-read page directly under the home page,
    in the order the editors gave the pages.
    """

    def build():
        home = home_page(request)
        if home is None:
            return {"home_url": "/", "items": [], "easy_read": None}
        # In the tree's order, sorted here: Django compiles an ORDER BY by hashing
        # every selected column (core.models.links.in_sort_order).
        children = sorted(
            home.get_children()
            .live()
            .filter(Q(show_in_menus=True) | EASY_READ)
            .annotate(is_easy_read=ExpressionWrapper(EASY_READ, output_field=BooleanField()))
            .only(*LINK_FIELDS, "show_in_menus")
            .order_by(),
            key=attrgetter("path"),
        )
        easy_read = next((child for child in children if child.is_easy_read), None)
        return {
            "home_url": home.get_url(request),
            "items": [
                {"title": child.title, "url": child.get_url(request), "path": child.path}
                for child in children
                if child.show_in_menus
            ],
            "easy_read": easy_read and {"url": easy_read.get_url(request), "path": easy_read.path},
        }

    return shared_chrome(request, "menu", build)


@register.inclusion_tag("home/includes/main_menu.html", takes_context=True)
def main_menu(context):
    request = context["request"]
    menu = menu_chrome(request)
    current = context.get("page")
    current_path = current.path if isinstance(current, Page) else None
    return {
        "request": request,
        "home_url": menu["home_url"],
        "items": [
            {**item, "active": bool(current_path and current_path.startswith(item["path"]))}
            for item in menu["items"]
        ],
    }


@register.inclusion_tag("home/includes/easy_read_link.html", takes_context=True)
def easy_read_link(context):
    """The header's link to the easy-read start page: Leichte Sprache, FALC."""
    link = menu_chrome(context["request"]).get("easy_read")
    current = context.get("page")
    return {
        "link": link,
        "current": bool(link and isinstance(current, Page) and current.path == link["path"]),
        "language": translation.get_language(),
    }


@register.inclusion_tag("home/includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    versions = language_versions(context)
    page = context.get("page")
    bilingual_url = None
    if hasattr(page, "bilingual") and all(version["translated"] for version in versions):
        bilingual_url = page.get_url(context["request"]) + page.reverse_subpage("bilingual")
    return {"versions": versions, "bilingual_url": bilingual_url}


@register.inclusion_tag("home/includes/alternate_links.html", takes_context=True)
def alternate_links(context):
    """``<link rel=alternate hreflang>`` for each live translation, plus x-default."""
    request = context["request"]
    versions = [v for v in language_versions(context) if v["translated"]]
    default = next(
        (v for v in versions if v["code"] == settings.LANGUAGE_CODE),
        versions[0] if versions else None,
    )
    return {
        "alternates": [
            {"hreflang": v["code"], "href": request.build_absolute_uri(v["url"])} for v in versions
        ],
        "x_default": request.build_absolute_uri(default["url"]) if default else None,
    }


@register.simple_tag(takes_context=True)
def site_identity(context):
    return current_identity(context.get("request"))


def current_identity(request):
    """The SiteIdentity of the active language, kept with the chrome.

    Home gives this to the e-mail renderer and the embed card (``HomeConfig.ready``),
    which sit below it and cannot import it.
    """
    if request is None:  # error pages and mails rendered without a request
        return SiteIdentity.for_active_locale()
    return shared_chrome(
        request, "identity", lambda: SiteIdentity.for_active_locale(active_locale(request))
    )


def statement_line(request):
    """The footer's link to this language's accessibility statement, as plain values.

    Kept with the chrome (``shared_chrome``), so it costs no query once the
    footer has been built. Under the RGAA the line carries the mention of the
    conformity level the statement gives (“Accessibilité : non conforme”).
    """
    # The first in the tree; a language has one or two, compared here rather than
    # by an ORDER BY that Django compiles column by column.
    statement = min(
        AccessibilityStatementPage.objects.live()
        .exclude(under_restriction())
        .filter(locale=active_locale(request))
        .only(*LINK_FIELDS, "regime", "conformity")
        .order_by(),
        key=attrgetter("path"),
        default=None,
    )
    if statement is None:
        return None
    return {
        "url": statement.get_url(request),
        "title": statement.title,
        "rgaa": statement.regime == Regime.RGAA,
        "conformity": statement.conformity,
    }


@register.inclusion_tag("home/includes/accessibility_line.html", takes_context=True)
def accessibility_line(context):
    request = context.get("request")
    line = None
    if request is not None:
        line = shared_chrome(request, "accessibility", lambda: statement_line(request))
    mention = None
    if line is not None and line["rgaa"]:
        mention = RGAA_MENTION.get(line["conformity"])
    return {"line": line, "mention": mention}


@register.inclusion_tag("home/includes/machine_translation_notice.html", takes_context=True)
def machine_translation_notice(context):
    """The notice on a page whose live version holds unreviewed machine translation.

    The page carries the original's language (translation/review.py sets it on
    publish); the link to the original comes from ``language_versions``, which
    the header and hreflang links read anyway, so the notice costs no query.
    """
    page = context.get("page")
    code = getattr(page, "machine_translated_from", "")
    original = None
    if code:
        version = next((v for v in language_versions(context) if v["code"] == code), None)
        if version is not None and version["translated"]:
            original = {**version, "language": IN_A_SENTENCE.get(code, version["name"])}
    return {"shown": bool(code), "original": original}
