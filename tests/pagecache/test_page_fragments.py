"""Editors get rendered pages, but a page's article is rendered once until something changes.

The page cache serves anonymous visitors whole pages; signed-in editors get
their user bar and so a page rendered for them. Its article and its JSON-LD
come from the fragment cache in the same store (pagecache/templatetags/page_fragments.py),
which every change empties as it empties the page cache.
"""

import json
import re

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from exhibitions.models import Artist, ExhibitionPage
from partnership.models import ContactPerson, DelegationReportPage, WorkshopPage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    return response, [
        q["sql"]
        for q in captured.captured_queries
        if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))
    ]


# Queries of an editor's second visit to a page, per language: the user and
# their two-factor device (the session comes from the cache), the language's
# locale (and in French the French home page), and the page itself
# (pagecache/routing.py). The site with its home page, the page's privacy, the head,
# the user bar, the language switcher and the article cost none.
EDITOR_BUDGETS = [
    pytest.param(DelegationReportPage, {"de": 4, "fr": 5}, id="report"),
    pytest.param(WorkshopPage, {"de": 4, "fr": 5}, id="workshop"),
    pytest.param(ExhibitionPage, {"de": 4, "fr": 5}, id="exhibition"),
]


@pytest.mark.parametrize("language", ["de", "fr"])
@pytest.mark.parametrize(("model", "budget"), EDITOR_BUDGETS)
def test_an_editors_second_visit_reads_the_article_from_the_cache(
    editor, demo, model, budget, language
):
    page = model.objects.live().filter(locale=getattr(demo, language)).order_by("path").first()
    first, cold = queries(editor, page.url)
    second, warm = queries(editor, page.url)
    assert second.content == first.content
    assert len(warm) < len(cold)
    assert len(warm) == budget[language], "\n".join(warm)


def test_changed_records_show_to_editors_at_once_in_both_languages(editor, demo):
    exhibition = ExhibitionPage.objects.live().filter(locale=demo.fr, artists__isnull=False).first()
    german = exhibition.get_translation(demo.de)
    link = exhibition.artists.select_related("artist").first()
    assert link.artist.name in editor.get(exhibition.url).text
    editor.get(german.url)

    artist = Artist.objects.get(pk=link.artist_id)
    artist.name = "Camille Nouvelle"
    artist.save()
    html = editor.get(exhibition.url).text
    assert "Camille Nouvelle" in html
    assert '"name": "Camille Nouvelle"' in html  # the JSON-LD is a fragment too

    person = ContactPerson.objects.filter(locale=demo.de).first()
    report = (
        DelegationReportPage.objects.live().filter(locale=demo.de, contact_person=person).first()
    )
    editor.get(report.url)
    person.role = "Neue Ansprechpartnerin"
    person.save()
    assert "Neue Ansprechpartnerin" in editor.get(report.url).text


def test_publishing_shows_the_new_article_to_editors_and_visitors(editor, client, demo):
    report = DelegationReportPage.objects.live().filter(locale=demo.de).order_by("path").first()
    editor.get(report.url)
    report.title = "Ein frisch veröffentlichter Titel"
    report.save_revision().publish()
    assert "<h1>Ein frisch veröffentlichter Titel</h1>" in editor.get(report.url).text


def test_a_draft_is_never_served_from_or_stored_in_the_cache(editor, demo):
    report = DelegationReportPage.objects.live().filter(locale=demo.fr).order_by("path").first()
    live_title = escape(report.title)
    assert f"<h1>{live_title}</h1>" in editor.get(report.url).text  # the fragment is warm

    report.title = "Brouillon pas encore publié"
    report.save_revision()
    draft = editor.get(reverse("wagtailadmin_pages:view_draft", args=[report.pk]))
    assert draft.status_code == 200
    assert "<h1>Brouillon pas encore publié</h1>" in draft.text
    html = editor.get(report.url).text
    assert f"<h1>{live_title}</h1>" in html
    assert "Brouillon" not in html


def test_the_json_ld_names_the_host_it_was_asked_for(editor, demo):
    report = DelegationReportPage.objects.live().filter(locale=demo.de).order_by("path").first()

    def json_ld_url(host):
        html = editor.get(report.url, HTTP_HOST=host).text
        data = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        return json.loads(data.group(1))["url"]

    assert json_ld_url("testserver").startswith("http://testserver/de/")
    assert json_ld_url("localhost").startswith("http://localhost/de/")


def test_nothing_is_kept_while_the_page_cache_is_off(editor, demo):
    report = DelegationReportPage.objects.live().filter(locale=demo.de).order_by("path").first()
    editor.get(report.url)
    _response, with_fragments = queries(editor, report.url)
    with override_settings(CACHE_MIDDLEWARE_SECONDS=0):
        _response, rendered = queries(editor, report.url)
        _response, again = queries(editor, report.url)
    assert len(again) == len(rendered) > len(with_fragments)
