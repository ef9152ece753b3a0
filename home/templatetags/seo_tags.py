"""What search engines, feed readers and link previews read in <head>."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import mark_safe
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

from core.models.pages import social_image_url
from core.templatetags.page_tags import subpage_url
from home.templatetags.navigation_tags import home_page, page_locale, shared_chrome

register = template.Library()

OG_LOCALES = {"de": "de_DE", "fr": "fr_FR"}
# The characters that could end a <script> element, written as JSON escapes.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.inclusion_tag("home/includes/feed_links.html", takes_context=True)
def feed_links(context):
    """The page's own feed and calendar, if it has them, and the language's site-wide feed."""
    request = context["request"]
    page = context.get("page")
    links = []
    if isinstance(page, RoutablePageMixin):
        for route, kind in (("feed", "application/rss+xml"), ("calendar_ics", "text/calendar")):
            url = subpage_url(context, page, route)
            if url:
                links.append({"type": kind, "title": page.title, "href": url})

    def site_feed():
        home = home_page(request)
        if home is None:
            return None
        return {"pk": home.pk, "title": home.title, "href": subpage_url(context, home, "feed")}

    feed = shared_chrome(request, "feed", site_feed)
    if feed is not None and not (isinstance(page, Page) and page.pk == feed["pk"]):
        links.append({"type": "application/rss+xml", "title": feed["title"], "href": feed["href"]})
    return {"links": links}


@register.inclusion_tag("home/includes/social_meta.html", takes_context=True)
def social_meta(context):
    request = context["request"]
    page = context.get("page")
    if not isinstance(page, Page):
        return {}
    specific = page.specific
    url = request.build_absolute_uri(page.get_url(request))
    image = getattr(specific, "teaser_image", None) or getattr(specific, "hero_image", None)
    description = (
        page.search_description
        or getattr(specific, "summary", "")
        or getattr(specific, "hero_text", "")
    )
    language = page_locale(request, page).language_code
    return {
        "canonical": url,
        "title": page.seo_title or page.title,
        "description": description,
        "type": "article" if hasattr(specific, "summary") else "website",
        "image": social_image_url(image, request),
        "locale": OG_LOCALES.get(language, language),
    }


@register.simple_tag(takes_context=True)
def structured_data(context):
    """A JSON-LD script for pages that describe themselves to search engines."""
    page = context.get("page")
    build = getattr(page, "structured_data", None)
    if isinstance(page, Page):
        page_locale(context["request"], page)
    if build is None:
        return ""
    data = json.dumps(build(context["request"]), cls=DjangoJSONEncoder, ensure_ascii=False)
    return mark_safe(  # noqa: S308 - the JSON is escaped for a <script> element above
        f'<script type="application/ld+json">{data.translate(JSON_SCRIPT_ESCAPES)}</script>'
    )
