"""``<page url>embed/``: a script-free card in the page's language that only partners may frame.

Also the discovery link on content pages, and that no other page may be framed.
"""

import re
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.checks import run_checks
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import pgettext
from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, streamfield

from exhibitions.models import ExhibitionIndexPage
from home.models import SiteIdentity, StandardPage
from partnership.models import DelegationReportPage
from tests.embeds.conftest import live_page


class Document(HTMLParser):
    """The tags of an HTML document with their attributes, and its text."""

    def __init__(self, html):
        super().__init__()
        self.tags = []
        self.text = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)

    def all(self, tag, **attrs):
        return [
            found
            for name, found in self.tags
            if name == tag and all(found.get(key) == value for key, value in attrs.items())
        ]

    @property
    def plain(self):
        return re.sub(r"\s+", " ", "".join(self.text))


def csp_directives(response):
    policy = response.get("Content-Security-Policy", "")
    return dict(
        (part.strip().split(" ", 1) + [""])[:2] for part in policy.split(";") if part.strip()
    )


def test_card_in_the_pages_language(client, page, language):
    response = client.get(f"{page.url}embed/")

    assert response.status_code == 200
    html = response.content.decode()
    doc = Document(html)
    [root] = doc.all("html")
    assert root["lang"] == language
    assert doc.all("meta", name="robots", content="noindex")
    assert response["X-Robots-Tag"] == "noindex"

    text = doc.plain
    assert page.title in text
    assert page.summary in text
    with translation.override(language):
        assert page.teaser_meta in text
        assert str(page.get_verbose_name()) in text
        assert pgettext("embed card", "Read more") in text
    assert SiteIdentity.objects.get(locale=page.locale).site_name in text

    page_url = f"http://testserver{page.url}"
    links = doc.all("a", href=page_url)
    assert len(links) == 2
    assert all(link["target"] == "_blank" and link["rel"] == "noopener" for link in links)
    home = page.get_site().root_page.get_translation(page.locale)
    assert doc.all("a", href=f"http://testserver{home.url}", target="_blank")

    [image] = doc.all("img")
    assert image["alt"] == ""
    assert image["src"].startswith("http://testserver/")
    assert image["src"].endswith(".jpg")
    assert all(
        candidate.split()[0].endswith(".jpg") and candidate.startswith("http://testserver/")
        for candidate in image["srcset"].split(", ")
    )


def test_card_needs_no_script_font_or_other_origin(client, page):
    html = client.get(f"{page.url}embed/").content.decode()
    doc = Document(html)

    for tag in ("script", "iframe", "form", "object", "embed", "link", "base"):
        assert doc.all(tag) == [], tag
    assert "@font-face" not in html
    assert "@import" not in html
    assert not re.search(r"\son[a-z]+=", html)
    assert "javascript:" not in html
    assert len(doc.all("style")) == 1


def test_card_is_in_its_pages_language_for_a_visitor_of_the_other(client, demo):
    page = live_page(DelegationReportPage, demo.fr)
    client.cookies["django_language"] = "de"

    doc = Document(client.get(f"{page.url}embed/", HTTP_ACCEPT_LANGUAGE="de").content.decode())

    assert doc.all("html")[0]["lang"] == "fr"
    assert SiteIdentity.objects.get(locale=demo.fr).site_name in doc.plain


def test_card_without_teaser_image(client, demo):
    page = live_page(DelegationReportPage, demo.de)
    page.teaser_image = None
    page.save_revision().publish()

    response = client.get(f"{page.url}embed/")

    assert response.status_code == 200
    assert Document(response.content.decode()).all("img") == []


def test_unpublished_and_private_pages_have_no_card(client, demo):
    unpublished = live_page(DelegationReportPage, demo.de)
    url = f"{unpublished.url}embed/"
    unpublished.unpublish()
    assert client.get(url).status_code == 404

    private = live_page(DelegationReportPage, demo.fr)
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    response = client.get(f"{private.url}embed/")
    assert private.summary not in response.content.decode()
    assert "X-Frame-Options" in response
    assert csp_directives(response)["frame-ancestors"] == "'none'"


# Framing


def search_url(language):
    with translation.override(language):
        return reverse("search")


def test_nobody_may_frame_the_card_by_default(client, page, settings):
    assert settings.EMBED_FRAME_ANCESTORS == []

    response = client.get(f"{page.url}embed/")

    assert "X-Frame-Options" not in response
    assert csp_directives(response)["frame-ancestors"] == "'none'"


@override_settings(EMBED_FRAME_ANCESTORS=["https://a.example.org", "https://b.example.org"])
def test_only_the_configured_origins_may_frame_the_card(client, page):
    response = client.get(f"{page.url}embed/")

    assert "X-Frame-Options" not in response
    policy = csp_directives(response)
    assert policy["frame-ancestors"] == "https://a.example.org https://b.example.org"
    # The card's own policy is strict: no script can run in it, whatever happens.
    assert policy["default-src"] == "'none'"
    assert "script-src" not in policy
    assert policy["style-src"] == "'unsafe-inline'"
    assert policy["img-src"].split() == ["'self'", "http://testserver"]
    assert policy["form-action"] == "'none'"
    assert policy["base-uri"] == "'none'"


@override_settings(EMBED_FRAME_ANCESTORS=["https://a.example.org"])
def test_no_other_page_may_be_framed(client, admin_client, demo):
    page = live_page(DelegationReportPage, demo.de)
    paths = [
        page.url,
        f"{page.url}bilingual/",
        demo.home_de.url,
        demo.home_fr.url,
        ExhibitionIndexPage.objects.live().filter(locale=demo.fr).first().url,
        StandardPage.objects.live().filter(locale=demo.de).first().url,
        search_url("de") + "?q=Naumburg",
        search_url("fr") + "?q=Naumburg",
        "/admin/login/",
        reverse("oembed") + f"?url=http://testserver{page.url}",
        "/de/gibt-es-nicht/",
    ]
    for path in paths:
        response = client.get(path)
        assert response.status_code in (200, 404), path
        assert response["X-Frame-Options"] == "DENY", path
        assert csp_directives(response)["frame-ancestors"] == "'none'", path

    for path in ["/admin/", reverse("wagtailadmin_pages:edit", args=[page.pk])]:
        response = admin_client.get(path)
        assert response.status_code == 200, path
        assert response["X-Frame-Options"] == "DENY", path
        assert csp_directives(response)["frame-ancestors"] == "'none'", path


def test_the_editors_preview_panel_may_still_frame_its_preview(admin_client, demo):
    """Wagtail asks for SAMEORIGIN on its preview; the CSP must agree or the panel stays blank."""
    page = live_page(DelegationReportPage, demo.de)
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    data = querydict_from_html(edit.content.decode(), form_id="page-edit-form").copy()
    # StreamFields are drawn by the editor's script; preview them empty.
    for key, value in nested_form_data(
        {"programme": streamfield([]), "body": streamfield([])}
    ).items():
        data[key] = value
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    assert admin_client.post(preview_url, data).json()["is_valid"] is True

    response = admin_client.get(preview_url, {"mode": "", "in_preview_panel": "true"})

    assert response.status_code == 200
    assert page.title in Document(response.content.decode()).plain
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert csp_directives(response)["frame-ancestors"] == "'self'"


# Discovery


def discovery_links(html):
    return Document(html).all("link", rel="alternate", type="application/json+oembed")


def test_every_content_page_carries_the_discovery_link(client, page):
    response = client.get(page.url)

    [link] = discovery_links(response.content.decode())
    href = urlsplit(link["href"])
    assert (href.scheme, href.netloc, href.path) == ("http", "testserver", "/oembed/")
    query = parse_qs(href.query)
    assert query == {"url": [f"http://testserver{page.url}"], "format": ["json"]}
    assert "url=http%3A%2F%2Ftestserver%2F" in href.query
    assert link["title"] == page.title

    answer = client.get(f"{href.path}?{href.query}")
    assert answer.status_code == 200
    assert answer.json()["title"] == page.title


def test_other_pages_carry_no_discovery_link(client, demo):
    page = live_page(DelegationReportPage, demo.de)
    for path in [
        demo.home_de.url,
        demo.home_fr.url,
        ExhibitionIndexPage.objects.live().filter(locale=demo.de).first().url,
        StandardPage.objects.live().filter(locale=demo.fr).first().url,
        f"{page.url}bilingual/",
        f"{page.url}embed/",
    ]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert discovery_links(response.content.decode()) == [], path


def test_a_private_page_advertises_no_oembed(client, admin_client, demo):
    page = live_page(DelegationReportPage, demo.de)
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)

    response = admin_client.get(page.url)

    assert response.status_code == 200
    assert discovery_links(response.content.decode()) == []


@pytest.mark.parametrize("maxwidth", [None, 320])
def test_the_oembed_iframe_points_at_a_card_that_renders(client, demo, maxwidth):
    page = live_page(DelegationReportPage, demo.fr)
    params = {"url": f"http://testserver{page.url}"}
    if maxwidth:
        params["maxwidth"] = maxwidth
    data = client.get("/oembed/", params).json()
    [(_, iframe)] = Document(data["html"]).tags

    card = client.get(urlsplit(iframe["src"]).path)

    assert card.status_code == 200
    assert page.title in Document(card.content.decode()).plain


def test_a_misspelt_frame_ancestor_fails_the_system_checks(settings):
    settings.EMBED_FRAME_ANCESTORS = ["https://a.example.org", "https://*.example.org:8443"]
    assert [e for e in run_checks() if e.id == "embeds.E001"] == []

    settings.EMBED_FRAME_ANCESTORS = ["https://a.example.org; script-src *", "verein.example.org"]
    errors = [e for e in run_checks() if e.id == "embeds.E001"]
    assert len(errors) == 2
    assert "verein.example.org" in errors[1].msg
