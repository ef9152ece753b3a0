"""``/oembed/``: oEmbed 1.0 answers for our live public content pages, and nothing else."""

import socket
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from wagtail.models import Page, PageViewRestriction

from exhibitions.models import ExhibitionIndexPage, ExhibitionPage
from home.models import SiteIdentity, StandardPage
from partnership.models import DelegationReportPage, WorkshopPage
from tests.embeds.conftest import live_page

ENDPOINT = "/oembed/"


def ask(client, url, **params):
    return client.get(ENDPOINT, {"url": url, **params})


def own_url(page):
    """The page's address on the host the test client talks to."""
    return f"http://testserver{page.url}"


class Iframe(HTMLParser):
    def __init__(self, html):
        super().__init__()
        self.tags = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_answers_rich_json_for_each_content_type_in_both_languages(client, page, language):
    response = ask(client, own_url(page), format="json")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert data["version"] == "1.0"
    assert data["type"] == "rich"
    assert data["title"] == page.title
    assert data["cache_age"] > 0

    identity = SiteIdentity.objects.get(locale=page.locale)
    assert data["provider_name"] == identity.site_name
    home = page.get_site().root_page.get_translation(page.locale)
    assert data["provider_url"] == f"http://testserver{home.url}"
    assert urlsplit(data["provider_url"]).path.startswith(f"/{language}/")

    [(tag, attrs)] = Iframe(data["html"]).tags
    assert tag == "iframe"
    assert attrs["src"] == f"http://testserver{page.url}embed/"
    assert int(attrs["width"]) == data["width"] == 560
    assert int(attrs["height"]) == data["height"]
    assert attrs["title"] == page.title
    assert attrs["loading"] == "lazy"
    assert "border:0" in attrs["style"]

    assert data["thumbnail_url"].startswith("http://testserver/")
    assert data["thumbnail_url"].endswith(".jpg")
    assert 0 < data["thumbnail_width"] <= 480
    assert 0 < data["thumbnail_height"] <= 270


def test_the_sites_own_host_name_is_recognised(client, demo):
    """The demo's Wagtail site is localhost:80; a URL written that way is ours too."""
    page = live_page(WorkshopPage, demo.de)
    assert page.full_url.startswith("http://localhost/de/")

    response = ask(client, page.full_url)

    assert response.status_code == 200
    assert response.json()["title"] == page.title
    assert ask(client, page.full_url.replace("http://", "https://")).status_code == 200


def test_format_defaults_to_json_and_query_and_fragment_are_ignored(client, demo):
    page = live_page(DelegationReportPage, demo.fr)
    assert ask(client, own_url(page), format="").status_code == 200
    response = ask(client, f"{own_url(page)}?utm_source=verein#programm")
    assert response.status_code == 200
    assert response.json()["title"] == page.title
    assert response["Access-Control-Allow-Origin"] == "*"


def test_percent_encoded_path_is_understood(client, demo):
    page = live_page(DelegationReportPage, demo.de)
    assert "-" in page.url
    encoded = page.url.replace("-", "%2D")
    assert ask(client, f"http://testserver{encoded}").status_code == 200


@pytest.mark.parametrize(
    ("bounds", "width", "max_height"),
    [
        ({"maxwidth": 300}, 300, None),
        ({"maxheight": 200}, 560, 200),
        ({"maxwidth": 320, "maxheight": 180}, 320, 180),
        ({"maxwidth": 2000, "maxheight": 2000}, 560, None),
    ],
)
def test_maxwidth_and_maxheight_are_never_exceeded(client, demo, bounds, width, max_height):
    page = live_page(ExhibitionPage, demo.de)

    data = ask(client, own_url(page), **bounds).json()

    assert data["width"] == width
    assert data["width"] <= bounds.get("maxwidth", 10**6)
    assert data["height"] <= bounds.get("maxheight", 10**6)
    if max_height:
        assert data["height"] == max_height
    [(_, attrs)] = Iframe(data["html"]).tags
    assert (int(attrs["width"]), int(attrs["height"])) == (data["width"], data["height"])
    assert data["thumbnail_width"] <= bounds.get("maxwidth", 480)
    assert data["thumbnail_height"] <= bounds.get("maxheight", 270)


def test_thumbnails_come_from_a_short_ladder_of_sizes(client, demo):
    """Asking for every width in turn makes a handful of renditions, not hundreds."""
    page = live_page(WorkshopPage, demo.fr)
    widths = {
        ask(client, own_url(page), maxwidth=maxwidth).json().get("thumbnail_width")
        for maxwidth in range(60, 560, 9)
    }
    assert widths == {None, 80, 160, 240, 320, 480}


def test_a_frame_too_small_for_any_thumbnail_gets_none(client, demo):
    page = live_page(WorkshopPage, demo.de)
    data = ask(client, own_url(page), maxwidth=60, maxheight=40).json()
    assert (data["width"], data["height"]) == (60, 40)
    assert not {"thumbnail_url", "thumbnail_width", "thumbnail_height"} & set(data)


def test_the_default_height_follows_the_width(client, demo):
    page = live_page(DelegationReportPage, demo.de)
    wide = ask(client, own_url(page)).json()
    narrow = ask(client, own_url(page), maxwidth=280).json()
    assert narrow["height"] < wide["height"]


def test_a_page_without_teaser_image_has_a_shorter_frame_and_no_thumbnail(client, demo):
    page = live_page(DelegationReportPage, demo.de)
    with_image = ask(client, own_url(page)).json()
    page.teaser_image = None
    page.save_revision().publish()

    data = ask(client, own_url(page)).json()

    assert data["height"] < with_image["height"]
    assert "thumbnail_url" not in data
    assert "thumbnail_width" not in data


@pytest.mark.parametrize("value", ["0", "-5", "wide", "1.5"])
def test_bad_bounds_are_a_bad_request(client, demo, value):
    page = live_page(DelegationReportPage, demo.de)
    assert ask(client, own_url(page), maxwidth=value).status_code == 400
    assert ask(client, own_url(page), maxheight=value).status_code == 400


def test_missing_url_is_a_bad_request(client, demo):
    assert client.get(ENDPOINT).status_code == 400
    assert client.get(ENDPOINT, {"url": ""}).status_code == 400


@pytest.mark.parametrize("fmt", ["xml", "yaml"])
def test_other_formats_are_not_implemented(client, demo, fmt):
    page = live_page(DelegationReportPage, demo.de)
    assert ask(client, own_url(page), format=fmt).status_code == 501


def test_only_get_and_head(client, demo):
    page = live_page(DelegationReportPage, demo.de)
    assert client.post(ENDPOINT, {"url": own_url(page)}).status_code == 405
    assert client.head(ENDPOINT, {"url": own_url(page)}).status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org{path}",
        "http://testserver.example.org{path}",
        "http://testserver:8080{path}",
        "http://localhost:8000{path}",
        "http://user:secret@testserver{path}",
        "ftp://testserver{path}",
        "//testserver{path}",
        "{path}",
        "javascript:alert(document.domain)//testserver{path}",
        "data:text/html,<script>alert(1)</script>",
        "http://[::1{path}",
        "http://testserver:99999{path}",
        "http://testserver{path}embed/",
        "http://testserver{path}email/",
        "http://testserver{path}email.txt",
        "http://testserver{path}bilingual/",
        "http://testserver{path}does-not-exist/",
        "http://testserver{path_without_slash}",
        "http://testserver/xx{path}",
        "http://testserver/",
        "not a url at all",
        "http://testserver/de/" + "a/" * 2000,
    ],
)
def test_anything_but_our_page_is_not_found(client, demo, url):
    page = live_page(DelegationReportPage, demo.de)
    url = url.format(path=page.url, path_without_slash=page.url.rstrip("/"))
    response = ask(client, url)
    # Not LocaleMiddleware's redirect to /de/oembed/: the 404 itself, in plain text.
    assert response.status_code == 404
    assert response["Content-Type"] == "text/plain; charset=utf-8"


def test_the_language_prefix_must_match_the_pages_tree(client, demo):
    german = live_page(DelegationReportPage, demo.de)
    assert ask(client, f"http://testserver/fr{german.url[3:]}").status_code == 404


@pytest.mark.parametrize("name", ["home_de", "home_fr"])
def test_home_pages_are_not_embeddable(client, demo, name):
    home = getattr(demo, name)
    assert ask(client, own_url(home)).status_code == 404


def test_index_and_standard_pages_are_not_embeddable(client, demo):
    for model in (ExhibitionIndexPage, StandardPage):
        page = model.objects.live().filter(locale=demo.fr).first()
        assert page is not None
        assert ask(client, own_url(page)).status_code == 404


def test_unpublished_pages_are_not_found(client, demo):
    page = live_page(WorkshopPage, demo.fr)
    url = own_url(page)
    page.unpublish()
    assert ask(client, url).status_code == 404


def test_a_draft_child_of_a_live_page_is_not_found(client, demo):
    page = live_page(WorkshopPage, demo.de)
    url = own_url(page)
    Page.objects.filter(pk=page.pk).update(live=False)
    assert ask(client, url).status_code == 404


def test_private_pages_are_unauthorised(client, demo):
    page = live_page(DelegationReportPage, demo.de)
    PageViewRestriction.objects.create(
        page=page.get_parent(), restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    response = ask(client, own_url(page))
    assert response.status_code == 401
    assert page.title not in response.content.decode()


def test_a_listening_server_named_in_the_url_is_never_contacted(client, demo):
    """The endpoint works out the answer from the URL; it does not fetch it."""
    page = live_page(DelegationReportPage, demo.de)
    with socket.create_server(("127.0.0.1", 0)) as listener:
        listener.settimeout(0.3)
        port = listener.getsockname()[1]
        response = ask(client, f"http://127.0.0.1:{port}{page.url}")
        with pytest.raises(TimeoutError):
            listener.accept()
    assert response.status_code == 404


def test_titles_are_escaped_in_the_html(client, demo):
    page = live_page(DelegationReportPage, demo.fr)
    page.title = 'Rencontre "jeunesse" <à> Naumburg & Les Ulis'
    page.save_revision().publish()

    data = ask(client, own_url(page)).json()

    assert data["title"] == page.title
    [(_, attrs)] = Iframe(data["html"]).tags
    assert attrs["title"] == page.title
    assert "<à>" not in data["html"]


def test_answers_in_the_pages_language_whatever_the_visitors(client, demo):
    page = live_page(WorkshopPage, demo.fr)
    client.cookies["django_language"] = "de"
    data = client.get(ENDPOINT, {"url": own_url(page)}, HTTP_ACCEPT_LANGUAGE="de").json()
    assert data["provider_name"] == SiteIdentity.objects.get(locale=demo.fr).site_name
