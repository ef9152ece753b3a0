"""Editors write their own town's easy-read page, in their own language; nothing translates it."""

import pytest
from django.contrib import messages
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from easyread.models import EasyReadPage
from translation.status import build_board

pytestmark = pytest.mark.django_db


def sentences(*texts):
    return {
        "count": len(texts),
        **{str(i): {"value": text, "deleted": "", "order": i} for i, text in enumerate(texts)},
    }


def form(title, slug, **fields):
    return nested_form_data(
        {
            "comments": inline_formset([]),
            "title": title,
            "slug": slug,
            "body": streamfield(
                [
                    ("heading", "Willkommen"),
                    (
                        "paragraph",
                        {"sentences": sentences("Das ist ein Satz.", "Das ist noch ein Satz.")},
                    ),
                    (
                        "word",
                        {"word": "Verein", "explanation": sentences("Ein Verein ist eine Gruppe.")},
                    ),
                ]
            ),
            "sign_language_video_url": "",
            "sign_language_video_duration": "",
            **fields,
        }
    )


def add_url(parent):
    return reverse("wagtailadmin_pages:add", args=("easyread", "easyreadpage", parent.pk))


def refused(response):
    if response.status_code == 403:
        return True
    return (
        response.status_code == 302
        and response.url == reverse("wagtailadmin_home")
        and any(m.level == messages.ERROR for m in response.wsgi_request._messages)
    )


@pytest.mark.parametrize(
    ("user", "language", "title", "slug"),
    [
        ("naumburg", "de", "Vereine in Leichter Sprache", "vereine-leicht"),
        ("lesulis", "fr", "Les associations en FALC", "associations-falc"),
    ],
)
def test_each_team_creates_its_page_in_its_own_language(
    login, demo, client, user, language, title, slug
):
    home = getattr(demo, f"home_{language}")
    editor = login(user)
    data = form(title, slug, **{"action-publish": "publish"})
    response = editor.post(add_url(home), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    page = EasyReadPage.objects.get(slug=slug)
    assert page.locale.language_code == language
    assert page.live
    html = client.get(page.url).text
    assert f'<html lang="{language}">' in html
    assert '<p class="easy-read__sentence">Das ist noch ein Satz.</p>' in html
    assert "<dfn>Verein</dfn>" in html


@pytest.mark.parametrize(("user", "other"), [("naumburg", "fr"), ("lesulis", "de")])
def test_a_team_cannot_write_the_other_towns_page(login, demo, easy, user, other):
    editor = login(user)
    home = getattr(demo, f"home_{other}")
    before = EasyReadPage.objects.count()
    assert refused(editor.get(add_url(home)))
    assert refused(editor.post(add_url(home), form("Fremd", "fremd")))
    assert EasyReadPage.objects.count() == before
    page = getattr(easy, other)
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert refused(editor.get(edit))
    assert refused(editor.post(edit, form("Fremd", page.slug)))
    page.refresh_from_db()
    assert page.title != "Fremd"


def test_the_counterpart_must_be_in_the_other_language(login, demo, easy):
    editor = login("naumburg")
    edit = reverse("wagtailadmin_pages:edit", args=[easy.de.pk])
    other_german = EasyReadPage(title="Noch eine", slug="noch-eine", locale=demo.de)
    demo.home_de.add_child(instance=other_german)
    response = editor.post(edit, form(easy.de.title, easy.de.slug, counterpart=other_german.pk))
    assert response.status_code == 200
    assert "Wählen Sie die Seite in der anderen Sprache, nicht eine in dieser." in response.text


def test_a_team_links_its_page_to_the_other_towns(login, easy, client):
    easy.fr.counterpart = None
    easy.fr.save_revision().publish()
    editor = login("naumburg")
    edit = reverse("wagtailadmin_pages:edit", args=[easy.de.pk])
    response = editor.post(
        edit,
        form(easy.de.title, easy.de.slug, counterpart=easy.fr.pk, **{"action-publish": "publish"}),
    )
    assert response.status_code == 302
    html = client.get("/de/leichte-sprache/").text
    assert f'<a href="{easy.fr.url}" hreflang="fr"' in html


@pytest.mark.parametrize(("user", "page_language"), [("naumburg", "de"), ("lesulis", "fr")])
def test_translating_the_page_is_refused(login, easy, user, page_language):
    page = getattr(easy, page_language)
    editor = login(user)
    response = editor.get(reverse("wagtail_localize:submit_page_translation", args=[page.pk]))
    assert refused(response)
    text = [str(m) for m in response.wsgi_request._messages][0]
    assert ("eigens geschrieben" if user == "naumburg" else "rédigée séparément") in text
    assert EasyReadPage.objects.filter(translation_key=page.translation_key).count() == 1


def test_the_status_board_does_not_count_them(login, easy):
    board = build_board()
    keys = {row.key for row in board.rows}
    assert keys  # the board lists the other pages
    assert easy.de.translation_key not in keys
    assert easy.fr.translation_key not in keys
    response = login("admin").get(reverse("translation_status:board"))
    assert response.status_code == 200
    assert easy.de.title not in response.text
    assert easy.fr.title not in response.text
