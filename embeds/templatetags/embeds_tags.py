"""oEmbed discovery (https://oembed.com/#section4) in a content page's <head>."""

from django import template
from django.utils.html import format_html

from embeds.oembed import discovery_url
from embeds.routes import EmbedRoutesMixin

register = template.Library()


@register.simple_tag(takes_context=True)
def oembed_discovery_link(context):
    """The link consumers follow to our endpoint; only live public pages that have a card."""
    page = context.get("page")
    request = context.get("request")
    if request is None or not isinstance(page, EmbedRoutesMixin) or not page.pk or not page.live:
        return ""
    if page.get_view_restrictions().exists():
        return ""
    return format_html(
        '<link rel="alternate" type="application/json+oembed" href="{}" title="{}">',
        discovery_url(page, request),
        page.title,
    )
