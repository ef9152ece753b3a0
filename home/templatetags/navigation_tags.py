"""The site's chrome: main menu, language switcher, hreflang links, footer."""

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation
from wagtail.models import Page, Site

from home.models import SiteIdentity

register = template.Library()


def home_page(request):
    """The home page in the visitor's language; looked up once per request."""
    if not hasattr(request, "_twinsite_home"):
        site = Site.find_for_request(request)
        request._twinsite_home = site.root_page.localized.specific if site else None
    return request._twinsite_home


def language_versions(context):
    """One entry per site language: where this page lives in that language.

    For a Wagtail page the target is its live translation; a page without one
    leads to the "not yet translated" page in that language. Views that are
    not pages (search, errors) translate their own URL. Computed once per
    request.
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
            for p in page.get_translations(inclusive=True).live().select_related("locale")
        }
        for code, name in settings.LANGUAGES:
            target = translations.get(code)
            if target is not None:
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
                    "translated": target is not None,
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
                }
            )
    if request is not None:
        request._twinsite_language_versions = versions
    return versions


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    request = context["request"]
    home = home_page(request)
    current = context.get("page")
    items = []
    if home is not None:
        for child in home.get_children().live().in_menu():
            items.append(
                {
                    "title": child.title,
                    "url": child.get_url(request),
                    "active": bool(
                        current
                        and isinstance(current, Page)
                        and current.path.startswith(child.path)
                    ),
                }
            )
    return {
        "request": request,
        "home_url": home.get_url(request) if home else "/",
        "items": items,
    }


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    versions = language_versions(context)
    page = context.get("page")
    bilingual_url = None
    if hasattr(page, "bilingual") and all(version["translated"] for version in versions):
        bilingual_url = page.get_url(context["request"]) + page.reverse_subpage("bilingual")
    return {"versions": versions, "bilingual_url": bilingual_url}


@register.inclusion_tag("includes/alternate_links.html", takes_context=True)
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


@register.simple_tag
def site_identity():
    return SiteIdentity.for_active_locale()
