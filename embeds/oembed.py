"""oEmbed 1.0 answers for our own pages, worked out from the URL alone.

A consumer asks about a URL; we never fetch it. The URL is ours when its host
and port belong to one of our Wagtail sites, or are those of the request that
asked (Django has checked that host against ALLOWED_HOSTS already). Its path
is then routed the way Wagtail's serve view would route it, in the language
its prefix names, and only the page's own address counts: ``embed/``,
``email/`` and the other routes of a page are not pages.
"""

from urllib.parse import unquote, urlencode, urlsplit

from django.http import Http404
from django.http.request import split_domain_port
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import get_language_from_path
from wagtail.models import Site

from embeds.routes import (
    CARD_IMAGE_RATIO,
    CARD_TEXT_HEIGHT,
    CARD_WIDTH,
    EmbedRoutesMixin,
    provider,
)
from safetext.single_line import single_line

MAX_URL_LENGTH = 2048
DEFAULT_PORTS = (None, 80, 443)
# How long consumers may keep an answer. Unpublishing takes the card itself
# offline at once; only the consumer's copy of the title lags behind.
CACHE_AGE = 60 * 60
THUMBNAIL_WIDTHS = (480, 320, 240, 160, 80)


class NotOurPage(Exception):
    """The URL is not a live page of ours that has an embed card (HTTP 404)."""


class PrivatePage(Exception):
    """The page exists but only some people may read it (HTTP 401)."""


def _port(port):
    """80 and 443 stand for "no port written": sites are often saved with 80 and served on 443."""
    return None if port in DEFAULT_PORTS else port


def _site_for(host, port, request):
    for site in Site.objects.filter(hostname__iexact=host).select_related("root_page"):
        if _port(site.port) == _port(port):
            return site
    own_host, own_port = split_domain_port(request.get_host())
    if own_host == host and _port(int(own_port) if own_port else None) == _port(port):
        return Site.find_for_request(request)
    return None


def find_page(url, request):
    """The live page at ``url``, as the site would serve it; raises NotOurPage or PrivatePage."""
    if not url or len(url) > MAX_URL_LENGTH:
        raise NotOurPage
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as error:
        raise NotOurPage from error
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise NotOurPage
    if parts.username is not None or parts.password is not None:
        raise NotOurPage

    site = _site_for(parts.hostname, port, request)
    path = unquote(parts.path)
    language = get_language_from_path(path)
    if site is None or language is None:
        raise NotOurPage

    components = [part for part in path.split("/")[2:] if part]
    with translation.override(language):
        try:
            # The same routing as wagtail.views.serve (Page.route_for_request),
            # from this language's home page. RoutablePageMixin notes its match
            # on the request it is given; the request asking is the one at hand.
            page = site.root_page.localized.specific.route(request, components).page
        except Http404 as error:
            raise NotOurPage from error
        url_parts = page.get_url_parts(request)
    if url_parts is None or unquote(url_parts[2]) != path:
        raise NotOurPage
    if not isinstance(page, EmbedRoutesMixin):
        raise NotOurPage
    if page.get_view_restrictions().exists():
        raise PrivatePage
    return page


def _dimension(value, name):
    """A positive integer from the query string, or None; anything else is the consumer's error."""
    if value in (None, ""):
        return None
    try:
        number = int(value)
    except ValueError:
        raise ValueError(name) from None
    if number < 1:
        raise ValueError(name)
    return number


def parse_bounds(query):
    """``maxwidth`` and ``maxheight`` from the query; ValueError names a bad one."""
    return tuple(_dimension(query.get(name), name) for name in ("maxwidth", "maxheight"))


def card_size(has_image, maxwidth=None, maxheight=None):
    """The frame's size: the card fills any frame, so we only ever shrink it to fit."""
    width = min(CARD_WIDTH, maxwidth or CARD_WIDTH)
    height = CARD_TEXT_HEIGHT + (round(width * CARD_IMAGE_RATIO) if has_image else 0)
    if maxheight:
        height = min(height, maxheight)
    return width, height


def thumbnail(image, maxwidth=None, maxheight=None):
    """The largest 16:9 JPEG of the ladder within the bounds, or None if none fits.

    A fixed ladder, so that consumers asking for every size in turn make a few
    renditions per image, not hundreds.
    """
    for width in THUMBNAIL_WIDTHS:
        height = round(width * CARD_IMAGE_RATIO)
        if width <= (maxwidth or width) and height <= (maxheight or height):
            return image.get_rendition(f"fill-{width}x{height}|format-jpeg")
    return None


def embed_url(page, request):
    return request.build_absolute_uri(page.get_url(request) + page.reverse_subpage("embed"))


def discovery_url(page, request):
    """Where consumers ask about ``page``: the endpoint, with the page's absolute URL."""
    query = urlencode({"url": request.build_absolute_uri(page.get_url(request)), "format": "json"})
    return request.build_absolute_uri(f"{reverse('oembed')}?{query}")


def oembed_data(page, request, maxwidth=None, maxheight=None):
    """The oEmbed "rich" answer for ``page``: an iframe of its card, within the bounds."""
    image = page.teaser_image
    width, height = card_size(image is not None, maxwidth, maxheight)
    provider_name, provider_url = provider(page, request)
    # Consumers show the title as one line, some as a heading or in a header.
    title = single_line(page.title)
    html = format_html(
        '<iframe src="{}" width="{}" height="{}" title="{}" loading="lazy" '
        'style="border:0;max-width:100%" '
        'sandbox="allow-popups allow-popups-to-escape-sandbox"></iframe>',
        embed_url(page, request),
        width,
        height,
        title,
    )
    data = {
        "version": "1.0",
        "type": "rich",
        "title": title,
        "html": str(html),
        "width": width,
        "height": height,
        "provider_name": single_line(provider_name),
        "provider_url": provider_url,
        "cache_age": CACHE_AGE,
    }
    rendition = thumbnail(image, maxwidth, maxheight) if image is not None else None
    if rendition is not None:
        data.update(
            thumbnail_url=request.build_absolute_uri(rendition.url),
            thumbnail_width=rendition.width,
            thumbnail_height=rendition.height,
        )
    return data
