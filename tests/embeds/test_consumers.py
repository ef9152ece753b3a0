"""Real oEmbed consumers, over HTTP, against the site served in a thread.

The server (tests/live_server.py) sees only the session's demo, so these
tests read it and create nothing the server must see.
"""

import json
import re
from html import unescape
from html.parser import HTMLParser
from urllib.request import urlopen

import micawber
import pytest
from django.test import override_settings
from micawber.exceptions import ProviderHTTPException
from wagtail.embeds.embeds import get_embed
from wagtail.embeds.finders import get_finders
from wagtail.embeds.finders.oembed import OEmbedFinder

from exhibitions.models import ArtistExchangePage, ExhibitionPage
from home.models import SiteIdentity
from partnership.models import DelegationReportPage, WorkshopPage
from tests.embeds.conftest import live_page
from tests.live_server import serve_read_only

PARTNER = "https://verein.example.org"


@pytest.fixture(scope="module")
def server(django_db_setup):
    """The site, served over HTTP on a free port of localhost."""
    with serve_read_only() as url:
        yield url


@pytest.fixture
def url_pattern(server):
    """The URLs a consumer sends to our endpoint: our pages in either language."""
    return rf"^{re.escape(server)}/(de|fr)/.*$"


@pytest.fixture
def registry(server, url_pattern):
    registry = micawber.ProviderRegistry()
    registry.register(url_pattern, micawber.Provider(f"{server}/oembed/"))
    return registry


class Tags(HTMLParser):
    def __init__(self, html):
        super().__init__()
        self.tags = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def first(self, tag, **attrs):
        return next(
            found
            for name, found in self.tags
            if name == tag and all(found.get(k) == v for k, v in attrs.items())
        )


def fetch(url):
    with urlopen(url, timeout=10) as response:  # noqa: S310 - our own test server
        return response.status, response.headers, response.read()


@pytest.mark.parametrize(
    ("model", "language"),
    [
        (DelegationReportPage, "de"),
        (WorkshopPage, "fr"),
        (ExhibitionPage, "de"),
        (ArtistExchangePage, "fr"),
    ],
)
def test_micawber_embeds_our_pages(demo, server, registry, model, language):
    page = live_page(model, getattr(demo, language))
    page_url = f"{server}{page.url}"

    data = registry.request(page_url)

    assert data["type"] == "rich"
    assert data["version"] == "1.0"
    assert data["title"] == page.title
    assert data["url"] == page_url
    assert data["provider_name"] == SiteIdentity.objects.get(locale=page.locale).site_name
    assert data["provider_url"].startswith(f"{server}/{language}/")
    iframe = Tags(data["html"]).first("iframe")
    assert iframe["src"] == f"{page_url}embed/"
    assert data["thumbnail_url"].startswith(f"{server}/media/")

    text = f"Aus der Partnerschaft:\n{page_url}\nViel Spaß beim Lesen!"
    parsed = micawber.parse_text(text, registry)
    assert f'<iframe src="{page_url}embed/"' in parsed
    assert "Viel Spaß beim Lesen!" in parsed


def test_micawber_passes_maxwidth(demo, registry, server):
    page = live_page(ExhibitionPage, demo.fr)
    data = registry.request(f"{server}{page.url}", maxwidth=300)
    assert data["width"] == 300
    assert data["thumbnail_width"] <= 300


def test_micawber_hears_404_for_what_is_not_our_page(demo, registry, server):
    page = live_page(DelegationReportPage, demo.de)
    for url in (f"{server}{page.url}embed/", f"{server}/de/gibt-es-nicht/", f"{server}/de/"):
        with pytest.raises(ProviderHTTPException) as raised:
            registry.request(url)
        assert "404" in str(raised.value)


def test_wagtails_oembed_finder_embeds_our_pages(demo, server, url_pattern):
    page = live_page(WorkshopPage, demo.de)
    page_url = f"{server}{page.url}"
    finder = OEmbedFinder(providers=[{"endpoint": f"{server}/oembed/", "urls": [url_pattern]}])

    assert finder.accept(page_url)
    embed = finder.find_embed(page_url, max_width=400)

    assert embed["type"] == "rich"
    assert embed["title"] == page.title
    assert embed["provider_name"] == SiteIdentity.objects.get(locale=demo.de).site_name
    assert embed["width"] == 400
    assert embed["thumbnail_url"].startswith(f"{server}/media/")
    assert embed["cache_until"] is not None
    assert Tags(embed["html"]).first("iframe")["src"] == f"{page_url}embed/"


def test_a_wagtail_site_pastes_our_url_into_an_embed_block(demo, server, url_pattern):
    """Another Wagtail site, configured with our endpoint, stores and shows our card."""
    page = live_page(ArtistExchangePage, demo.fr)
    page_url = f"{server}{page.url}"
    finders = [
        {
            "class": "wagtail.embeds.finders.oembed",
            "providers": [{"endpoint": f"{server}/oembed/", "urls": [url_pattern]}],
        }
    ]
    get_finders.cache_clear()
    try:
        with override_settings(WAGTAILEMBEDS_FINDERS=finders):
            embed = get_embed(page_url)
    finally:
        get_finders.cache_clear()

    assert embed.pk is not None
    assert embed.type == "rich"
    assert embed.title == page.title
    assert f'src="{page_url}embed/"' in embed.html


def test_what_a_consumer_finds_by_following_the_page(demo, server):
    """Discovery, the card and its thumbnail, each fetched as a browser would."""
    page = live_page(DelegationReportPage, demo.fr)
    status, _, body = fetch(f"{server}{page.url}")
    assert status == 200
    link = Tags(body.decode()).first("link", type="application/json+oembed")
    assert link["href"].startswith(f"{server}/oembed/?")

    status, headers, body = fetch(link["href"])
    assert status == 200
    assert headers["Content-Type"] == "application/json"
    data = json.loads(body)
    card_url = Tags(data["html"]).first("iframe")["src"]

    with override_settings(EMBED_FRAME_ANCESTORS=[PARTNER]):
        status, headers, body = fetch(card_url)
    assert status == 200
    assert "X-Frame-Options" not in headers
    assert f"frame-ancestors {PARTNER}" in headers["Content-Security-Policy"]
    assert page.title in unescape(body.decode())
    assert "<script" not in body.decode()

    status, headers, body = fetch(data["thumbnail_url"])
    assert status == 200
    assert headers["Content-Type"] == "image/jpeg"
    assert body[:3] == b"\xff\xd8\xff"
