"""A private translation stays private everywhere the other language reads it (issue 14, item 1).

An editor makes one language's version of a page private with Wagtail's privacy
settings: a password or a login, on the page itself or on its section. Its
public translation then must not show it (the bilingual view), link it or offer
it as an alternate (language switcher, hreflang, sitemap, related pages, rich
text and call-to-action links, e-mails), list it (newsletter issues, feeds,
home page) or describe it (oEmbed) to a visitor who may not open it, and no
response that depended on it may reach a shared cache (the page cache, a CDN).
Whoever may open it, signed in or with the password entered, still reads it.

Every case runs in both directions (French private, read from /de/; German
private, read from /fr/), with both kinds of restriction, on the page and on
its section. The privacy is set through Wagtail's admin, as an editor does it.
"""

import json
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page, PageViewRestriction

from demo.sections import demo_key
from exhibitions.models import ExhibitionPage
from newsletter.models import NewsletterIssuePage
from partnership.models import DelegationReportPage, WorkshopPage
from tests.pagecache.test_frontend_cache import varnish  # noqa: F401 - a fixture
from tests.security.helpers import visible

pytestmark = pytest.mark.django_db

PASSWORD = "nur-fuer-mitglieder"

# What the bilingual view says instead of the private column, in the page's language.
WITHHELD_COLUMN = {
    "de": "Die Fassung dieser Seite auf Französisch ist nicht öffentlich.",
    "fr": "La version de cette page en allemand n'est pas publique",
}
# What the "not yet translated" page says instead, in the private version's language.
WITHHELD_PAGE = {
    "de": "Diese Fassung der Seite ist nicht öffentlich",
    "fr": "Cette version de la page n'est pas publique",
}
SWITCHER_TITLE = {"de": "Nicht öffentlich", "fr": "Non public"}
# The notice an issue's editor reads when its other language's version is private.
PRIVATE_ISSUE_NOTICE = {
    "de": "Die Fassung auf Französisch ist privat",
    "fr": "La version en allemand est privée",
}
TOWN_EDITORS = {"de": "naumburg", "fr": "lesulis"}


@dataclass
class Scene:
    """One language's version made private; the other one is what visitors read."""

    private: Page
    visible: Page
    kind: str
    where: str
    restriction: PageViewRestriction

    @property
    def language(self):
        return self.visible.locale.language_code

    @property
    def private_language(self):
        return self.private.locale.language_code

    @property
    def bilingual_url(self):
        return f"{self.visible.url}bilingual/"


SCENES = [
    pytest.param((language, kind, where), id=f"{language}-private-{kind}-on-{where}")
    for language in ("fr", "de")
    for kind in (PageViewRestriction.PASSWORD, PageViewRestriction.LOGIN)
    for where in ("page", "section")
]


@pytest.fixture
def page_cache():
    """The page cache on, as in production: anonymous pages get max-age=300."""
    with override_settings(CACHE_MIDDLEWARE_SECONDS=300):
        yield


@pytest.fixture
def site_admin(demo):
    admin = Client()
    admin.force_login(get_user_model().objects.get(username="admin"))
    return admin


def signed_in(username):
    visitor = Client()
    visitor.force_login(get_user_model().objects.get(username=username))
    return visitor


def set_privacy(admin, page, kind):
    """Wagtail's privacy dialog, as an editor submits it."""
    url = reverse("wagtailadmin_pages:set_privacy", args=[page.pk])
    response = admin.post(url, {"restriction_type": kind, "password": PASSWORD})
    assert response.status_code == 200, response.content[:300]
    return PageViewRestriction.objects.get(page=page)


def make_private(admin, page, kind, where):
    target = page if where == "page" else page.get_parent()
    return set_privacy(admin, target, kind)


@pytest.fixture(params=SCENES)
def scene(request, demo, site_admin):
    language, kind, where = request.param
    french = DelegationReportPage.objects.live().get(locale=demo.fr)
    german = french.get_translation(demo.de)
    private, public = (french, german) if language == "fr" else (german, french)
    restriction = make_private(site_admin, private, kind, where)
    return Scene(private=private, visible=public, kind=kind, where=where, restriction=restriction)


def unlock(client, scene, return_url):
    """Become a visitor who may open the private version: signed in, or with its password."""
    if scene.kind == PageViewRestriction.LOGIN:
        client.force_login(get_user_model().objects.get(username=TOWN_EDITORS[scene.language]))
        return
    form = client.get(scene.private.url)
    assert form.status_code == 200 and 'name="password"' in form.text
    action = re.search(r'<form[^>]+action="([^"]+)"', form.text)[1]
    response = client.post(action, {"password": PASSWORD, "return_url": return_url})
    assert response.status_code == 302 and response["Location"] == return_url


def cells(html):
    return re.findall(r'<div role="cell" lang="(\w+)">', html)


def leaks(html, scene):
    """What of the private version the page gives away: its title, summary or address."""
    private = scene.private
    found = [text for text in (private.title, private.summary) if text in html]
    if re.search(rf'href="(https?://testserver)?{re.escape(private.url)}', html):
        found.append(private.url)
    return found


def not_shared(response):
    """Neither the page cache nor a CDN may keep this answer for another visitor."""
    cache_control = response.get("Cache-Control", "")
    return "private" in cache_control and "max-age=300" not in cache_control


# The bilingual view -----------------------------------------------------------------------


def test_the_bilingual_view_leaves_out_the_column_a_visitor_may_not_read(client, scene, page_cache):
    for _visit in range(2):  # the second one would come from the page cache
        response = client.get(scene.bilingual_url)
        assert response.status_code == 200
        html = visible(response)
        assert leaks(html, scene) == []
        assert f'<html lang="{scene.language}">' in response.text
        # What the visitor may read is there, and why the other column is not.
        assert scene.visible.title in html and scene.visible.summary in html
        assert WITHHELD_COLUMN[scene.language] in html
        assert set(cells(html)) == {scene.language}
        assert not_shared(response)


def test_a_visitor_who_may_open_the_translation_reads_both_columns(client, scene, page_cache):
    assert WITHHELD_COLUMN[scene.language] in visible(client.get(scene.bilingual_url))
    unlock(client, scene, scene.bilingual_url)
    response = client.get(scene.bilingual_url)
    assert response.status_code == 200
    html = visible(response)
    assert scene.private.title in html and scene.private.summary in html
    assert scene.visible.title in html
    assert WITHHELD_COLUMN[scene.language] not in html
    assert set(cells(html)) == {scene.language, scene.private_language}
    assert not_shared(response)

    # Their two columns reached no shared cache: the next stranger gets one.
    stranger = visible(Client().get(scene.bilingual_url))
    assert leaks(stranger, scene) == []
    assert WITHHELD_COLUMN[scene.language] in stranger


def test_the_private_versions_own_bilingual_view_asks_for_the_login_or_password(
    client, scene, page_cache
):
    response = client.get(f"{scene.private.url}bilingual/")
    if scene.kind == PageViewRestriction.LOGIN:
        assert response.status_code == 302 and "/login/" in response["Location"]
    else:
        assert response.status_code == 200 and 'name="password"' in response.text
    assert leaks(visible(response), scene) == []
    assert not_shared(response)


# Language switcher, hreflang, "not yet translated", sitemap --------------------------------


def alternates(html):
    return dict(re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)">', html))


def switcher_link(html, language):
    return re.search(rf'<a href="([^"]+)" hreflang="{language}" lang="{language}"([^>]*)>', html)


def not_translated_url(scene):
    with translation.override(scene.private_language):
        return reverse("not_translated", args=[scene.visible.pk])


def test_the_switcher_and_hreflang_do_not_lead_to_the_private_version(client, scene, page_cache):
    """Anonymous and signed in alike: the switcher is kept in the fragment cache for both."""
    editor = signed_in(TOWN_EDITORS[scene.language])
    for visitor in (editor, client, editor):
        response = visitor.get(scene.visible.url)
        assert response.status_code == 200
        html = response.text
        assert leaks(visible(response), scene) == []
        links = alternates(html)
        assert scene.private_language not in links
        assert set(links) == {scene.language, "x-default"}
        assert links["x-default"] == f"http://testserver{scene.visible.url}"
        link = switcher_link(html, scene.private_language)
        assert link[1] == not_translated_url(scene)
        assert f'title="{SWITCHER_TITLE[scene.language]}" rel="nofollow"' in link[2]
        assert "language-switcher__both" not in html
    # The public page itself depends on nobody's rights: it stays in the shared cache.
    anonymous = Client().get(scene.visible.url)
    assert "max-age=300" in anonymous["Cache-Control"]


def test_the_switcher_explains_to_strangers_and_lets_members_through(client, scene, page_cache):
    url = not_translated_url(scene)
    response = client.get(url)
    assert response.status_code == 200
    html = visible(response)
    assert f'<html lang="{scene.private_language}">' in response.text
    assert WITHHELD_PAGE[scene.private_language] in html
    assert leaks(html, scene) == []
    assert f'href="{scene.visible.url}"' in response.text  # the original, which they may read
    assert not_shared(response)

    unlock(client, scene, url)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == scene.private.url
    assert not_shared(response)
    assert Client().get(url).status_code == 200  # the redirect was not kept for others


def test_the_not_translated_page_offers_no_private_section(client, demo, site_admin):
    """The nearest translated section it points to must be one the visitor may open."""
    german_only = next(
        page
        for page in DelegationReportPage.objects.live().filter(locale=demo.de)
        if not page.has_translation(demo.fr)
    )
    french_section = german_only.get_parent().get_translation(demo.fr)
    set_privacy(site_admin, french_section, PageViewRestriction.LOGIN)
    response = client.get(f"/fr/pas-encore-traduit/{german_only.pk}/")
    assert response.status_code == 200
    html = visible(response)
    assert f'href="{german_only.url}"' in html
    offered = re.search(r"Ou parcourez ce qui existe déjà en français : <a href=\"([^\"]+)\"", html)
    assert offered[1] == "/fr/"  # the home page, not the private section


def sitemap(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    return response.text


def test_the_sitemap_neither_lists_nor_alternates_the_private_version(client, scene):
    xml = sitemap(client)
    assert f"http://testserver{scene.private.url}" not in xml
    assert f"<loc>http://testserver{scene.visible.url}</loc>" in xml


# Pages that show other pages: related pages, rich text and call-to-action links -------------


def test_related_pages_fall_back_to_the_public_original(client, scene, page_cache):
    """An exhibition names the report as its background, in its own language where it can."""
    exhibition = ExhibitionPage.objects.live().get(
        locale=scene.private.locale, related_report__isnull=False
    )
    for url in (exhibition.url, f"{exhibition.url}email/?format=full"):
        response = client.get(url)
        assert response.status_code == 200
        html = visible(response)
        assert leaks(html, scene) == [], url
        # The original instead, marked as being in the other language.
        assert scene.visible.title in html, url
        assert re.search(rf'href="(http://testserver)?{re.escape(scene.visible.url)}"', html), url


def test_links_in_text_do_not_swap_in_the_private_version(client, scene, page_cache):
    """Rich text and call-to-action links name a page; the reader's language must not go private."""
    workshop = WorkshopPage.objects.live().filter(locale=scene.private.locale).first()
    workshop.body.append(
        ("paragraph", f'<p>Siehe <a linktype="page" id="{scene.visible.pk}">den Bericht</a>.</p>')
    )
    workshop.body.append(
        (
            "call_to_action",
            {"title": "Weiterlesen", "page": scene.visible, "button_label": "Zum Bericht"},
        )
    )
    workshop.save_revision().publish()
    for url in (workshop.url, f"{workshop.url}email/?format=full"):
        response = client.get(url)
        assert response.status_code == 200
        html = response.text
        assert leaks(html, scene) == [], url
        assert (
            len(re.findall(rf'href="(?:http://testserver)?{re.escape(scene.visible.url)}"', html))
            >= 2
        ), url


# E-mails, newsletter issues, feeds, oEmbed, home page ------------------------------------------


def test_the_page_emails_of_the_public_version_carry_nothing_private(client, scene):
    for route in ("email/?format=full", "email/", "email.txt?format=full"):
        response = client.get(f"{scene.visible.url}{route}")
        assert response.status_code == 200
        assert leaks(visible(response), scene) == [], route


def demo_issue(language):
    return NewsletterIssuePage.objects.get(
        translation_key=demo_key("page:newsletter-bilingual"), locale__language_code=language
    )


def test_a_bilingual_issue_leaves_out_a_private_item_version(client, scene, page_cache):
    issue = demo_issue(scene.language)
    for route in ("", "email/", "email.txt"):
        response = client.get(f"{issue.url}{route}")
        assert response.status_code == 200
        html = visible(response)
        assert leaks(html, scene) == [], route
        assert scene.visible.title in html, route


@pytest.mark.parametrize("where", ["page", "section"])
@pytest.mark.parametrize("kind", [PageViewRestriction.PASSWORD, PageViewRestriction.LOGIN])
@pytest.mark.parametrize("language", ["fr", "de"])
def test_a_bilingual_issue_does_not_borrow_a_private_translations_title_and_intro(
    client, demo, site_admin, page_cache, language, kind, where
):
    private = demo_issue(language)
    issue = demo_issue("de" if language == "fr" else "fr")
    assert private.title in visible(client.get(issue.url))  # both titles while it is public
    make_private(site_admin, private, kind, where)
    for route in ("", "email/", "email.txt"):
        response = client.get(f"{issue.url}{route}")
        assert response.status_code == 200
        html = visible(response)
        assert private.title not in html, route
        assert issue.title in html, route
    # The issue's editor learns why, in their admin language, before sending a test.
    editor = signed_in(TOWN_EDITORS[issue.locale.language_code])
    send_test = editor.get(reverse("newsletter_send_test", args=[issue.pk]))
    assert send_test.status_code == 200
    assert PRIVATE_ISSUE_NOTICE[issue.locale.language_code] in visible(send_test)


def test_feeds_and_the_home_page_list_nothing_private(client, scene, page_cache):
    language = scene.private_language
    section = scene.private.get_parent()
    for url in (f"/{language}/", f"/{language}/feed/", f"{section.url}feed/"):
        response = client.get(url)
        assert response.status_code in (200, 302), url
        assert leaks(visible(response), scene) == [], url


def test_oembed_answers_401_for_the_private_version_only(client, scene):
    private = client.get("/oembed/", {"url": f"http://testserver{scene.private.url}"})
    assert private.status_code == 401
    assert scene.private.title not in private.content.decode()
    public = client.get("/oembed/", {"url": f"http://testserver{scene.visible.url}"})
    assert public.status_code == 200
    assert leaks(json.dumps(public.json(), ensure_ascii=False), scene) == []
    card = client.get(f"{scene.visible.url}embed/")
    assert card.status_code == 200
    assert leaks(visible(card), scene) == []


# A CDN in front --------------------------------------------------------------------------------


def test_making_a_translation_private_purges_what_showed_it(
    demo,
    site_admin,
    varnish,  # noqa: F811 - the fixture imported above
    django_capture_on_commit_callbacks,
):
    french = DelegationReportPage.objects.live().get(locale=demo.fr)
    german = french.get_translation(demo.de)
    with django_capture_on_commit_callbacks(execute=True):
        make_private(site_admin, french, PageViewRestriction.LOGIN, "section")
    paths = {path for _host, path in varnish}
    german_path = urlsplit(german.full_url).path
    assert f"{german_path}bilingual/" in paths
    assert german_path in paths  # its switcher linked the French version
    assert urlsplit(french.get_parent().get_parent().full_url).path in paths  # /fr/ lists it
