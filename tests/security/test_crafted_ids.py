"""Crafted ids and form data in admin requests: a 4xx or a form message, never a 500.

Each row was a server error: ids that are not numbers (``abc``, ``²``) or
that no column can hold (25 digits) in Wagtail's bulk actions, choosers and
editing sessions, in wagtail-localize's "translate this snippet" and in the
project's own views; an image preview of zero pixels; a page editor's POST
whose StreamField data is incomplete. The editors of both towns get the answer
in their admin language, and nothing is changed or lost.
"""

import html
import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, Revision, get_page_models
from wagtail.rich_text import RichText
from wagtail.snippets.models import get_snippet_models
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from home.models import HomePage, StandardPage
from partnership.models import PartnerCity
from tests.security.helpers import visible

pytestmark = pytest.mark.django_db

HUGE = "9" * 25  # more digits than any integer column holds

INVALID_TITLE = {"de": "Ungültige Adresse", "fr": "Adresse non valide"}
INVALID_ID = {
    "de": "„{}“ bezeichnet nichts auf dieser Website. Nichts wurde geändert.",
    "fr": "« {} » ne désigne rien sur ce site. Rien n’a été modifié.",
}
NOT_SAVED = {
    "de": "Aufgrund von Fehlern bei der Validierung konnte die Seite nicht gespeichert",
    "fr": "La page ne peut être enregistrée du fait d'erreurs de validation.",
}
INCOMPLETE = {
    "de": "Dieser Inhalt ist unvollständig angekommen und wurde nicht gespeichert",
    "fr": "Ce contenu est arrivé incomplet et n’a pas été enregistré",
}
ZERO_PIXELS = {
    "de": "Breite und Höhe müssen mindestens 1 Pixel betragen.",
    "fr": "La largeur et la hauteur doivent être d’au moins 1 pixel.",
}


def bulk(model, action, query):
    app_label, model_name = model.split(".")
    return reverse("wagtail_bulk_action", args=[app_label, model_name, action]) + "?" + query


def own_page(editor):
    return StandardPage.objects.filter(locale__language_code=editor.language).first()


# (method, address, the value the answer names); {page} is one of the editor's own pages.
CRAFTED = [
    ("get", bulk("wagtailcore.page", "sync_translations", "id=abc"), "abc"),
    ("get", bulk("wagtailcore.page", "sync_translations", f"id={HUGE}"), HUGE),
    ("post", bulk("wagtailcore.page", "sync_translations", f"id={HUGE}"), HUGE),
    ("post", bulk("wagtailcore.page", "submit_translation", "id={page}&id=%C2%B2"), "²"),
    ("post", bulk("wagtailcore.page", "delete", "id={page}&id=abc"), "abc"),
    ("get", bulk("wagtailcore.page", "move", "id=all&childOf=abc"), "abc"),
    ("post", bulk("wagtailcore.page", "publish", "id=all&childOf=999999999"), "999999999"),
    ("post", bulk("wagtailimages.image", "delete", "id=abc"), "abc"),
    ("get", bulk("wagtaildocs.document", "delete", f"id={HUGE}"), HUGE),
    ("get", bulk("partnership.partnercity", "delete", "id=abc"), "abc"),
    ("get", bulk("auth.user", "delete", "id=abc"), "abc"),
    ("get", "/admin/localize/submit/snippet/partnership/partnercity/abc/", "abc"),
    ("post", "/admin/localize/submit/snippet/partnership/partnercity/abc/", "abc"),
    ("get", "/admin/images/chooser/chosen/abc/", "abc"),
    ("get", "/admin/documents/chooser/chosen/abc/", "abc"),
    ("get", "/admin/snippets/choose/partnership/partnercity/chosen/abc/", "abc"),
    ("get", "/admin/images/chooser/chosen-multiple/?id=1&id=abc", "abc"),
    ("get", "/admin/snippets/choose/partnership/partnercity/chosen-multiple/?id=all", "all"),
    ("get", f"/admin/choose-page/chosen-multiple/?id={HUGE}", HUGE),
    ("post", "/admin/editing-sessions/ping/wagtailcore/page/abc/1/", "abc"),
]


@pytest.mark.parametrize(("method", "address", "value"), CRAFTED)
def test_a_crafted_id_gets_a_400_page_in_the_admin_language(editor, method, address, value):
    page = own_page(editor)
    counts = (Page.objects.count(), get_image_model().objects.count(), PartnerCity.objects.count())

    response = getattr(editor.client, method)(address.format(page=page.pk))

    assert response.status_code == 400
    text = visible(response)
    assert f'<html lang="{editor.language}"' in text
    assert f'<h1 class="page404__header">{INVALID_TITLE[editor.language]}</h1>' in text
    assert INVALID_ID[editor.language].format(value) in text
    assert (
        Page.objects.count(),
        get_image_model().objects.count(),
        PartnerCity.objects.count(),
    ) == counts
    page.refresh_from_db()
    assert page.live


def test_the_invalid_id_page_sends_a_signed_out_visitor_to_the_login(client):
    response = client.get(bulk("wagtailcore.page", "delete", "id=abc"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


@pytest.mark.parametrize(
    ("locale", "error"),
    [
        (HUGE, "Select a valid choice. %(value)s is not one of the available choices."),
        ("²", "“%(pk)s” is not a valid value."),  # "²".isdigit(), but int("²") fails
    ],
)
def test_a_crafted_language_in_submit_for_translation_is_not_a_choice(editor, locale, error):
    """Each team translates the other town's pages into its own language."""
    page = StandardPage.objects.exclude(locale__language_code=editor.language).first()
    pages = Page.objects.count()

    response = editor.client.post(
        bulk("wagtailcore.page", "submit_translation", f"id={page.pk}"), {"locales": [locale]}
    )

    assert response.status_code == 200  # the form again
    with translation.override(editor.language):
        error = gettext(error) % {"value": locale, "pk": locale}
    assert error in visible(response)
    assert Page.objects.count() == pages


@pytest.mark.parametrize("parameter", ["owner", "edited_by", "site", "content_type"])
def test_listing_filters_with_an_id_no_column_holds(editor, parameter):
    home = HomePage.objects.get(locale__language_code=editor.language)
    response = editor.client.get(reverse("wagtailadmin_explore", args=[home.pk]), {parameter: HUGE})
    assert response.status_code == 200
    assert f'<html lang="{editor.language}"' in response.text


@pytest.mark.parametrize(
    "address",
    [
        # A page type's primary key is a foreign key (page_ptr): safeguards.lookups covers it too.
        "/admin/newsletter/issues/{huge}/send-test/",
        "/admin/newsletter/pages/{huge}/email-full.html",
        "/admin/localize/submit/page/{huge}/",
        "/admin/localize/update/{huge}/",
        "/admin/localize/translate/{huge}/pofile/download/",
        "/admin/localize/translate/{huge}/preview/",
        "/admin/pages/{huge}/edit/",
        "/admin/snippets/partnership/partnercity/edit/{huge}/",
    ],
)
def test_a_25_digit_id_in_the_path_is_not_found(editor, address):
    response = editor.client.get(address.format(huge=HUGE), follow=True)
    assert response.status_code in (400, 404)


@pytest.mark.parametrize("language", ["de", "fr"])
def test_a_visitor_with_a_25_digit_id_gets_the_404_page(client, demo, language):
    with translation.override(language):
        not_translated = reverse("not_translated", args=[int(HUGE)])
    for address in (not_translated, f"/documents/{HUGE}/plan.pdf"):
        response = client.get(address, HTTP_ACCEPT_LANGUAGE=language, follow=True)
        assert response.status_code == 404
        assert f'<html lang="{language}">' in response.text


@pytest.fixture
def own_image(editor):
    return get_image_model().objects.create(
        title="Vorschau",
        collection=editor.collection,
        file=SimpleUploadedFile("vorschau.png", png()),
    )


def png():
    buffer = io.BytesIO()
    PILImage.new("RGB", (160, 120), "teal").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.parametrize("spec", ["fill-0x0", "fill-0x80", "fill-80x0", "width-0", "max-0x0"])
def test_an_image_preview_of_zero_pixels_is_refused(editor, own_image, spec):
    response = editor.client.get(reverse("wagtailimages:preview", args=[own_image.pk, spec]))
    assert response.status_code == 400
    assert ZERO_PIXELS[editor.language] in response.content.decode()


def test_an_image_preview_of_some_pixels_is_still_drawn(editor, own_image):
    response = editor.client.get(
        reverse("wagtailimages:preview", args=[own_image.pk, "fill-80x60"])
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/")


# -- a page editor's POST with incomplete StreamField data -----------------


@pytest.fixture
def stored_page(editor):
    """A page of the editor's own tree with a paragraph saved in its body."""
    home = HomePage.objects.get(locale__language_code=editor.language)
    page = home.add_child(
        instance=StandardPage(
            title="Unvollständig",
            slug="unvollstaendig",
            body=[("paragraph", RichText("<p>Der gespeicherte Absatz.</p>"))],
        )
    )
    page.save_revision(user=editor.user)
    return page


def editor_form(client, page, **body):
    """What "Save draft" sends, with the body's fields replaced by ``body``."""
    html_text = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "intro": "Neue Einleitung",
            "body": streamfield([]),
            "comments": inline_formset([]),
        }
    )
    for name in ("loaded_revision_id", "loaded_revision_created_at"):
        marker = f'name="{name}" value="'
        data[name] = html_text.split(marker, 1)[1].split('"', 1)[0]
    del data["body-count"]
    data.update(body)
    return data


INCOMPLETE_BODIES = {
    "without-count": {},
    "count-not-a-number": {"body-count": "abc"},
    "count-without-blocks": {"body-count": "1"},
    "block-without-order": {"body-count": "1", "body-0-deleted": "", "body-0-type": "heading"},
}


@pytest.mark.parametrize("body", INCOMPLETE_BODIES.values(), ids=INCOMPLETE_BODIES.keys())
def test_incomplete_streamfield_data_is_a_validation_message(editor, stored_page, body):
    revisions = Revision.page_revisions.filter(object_id=str(stored_page.pk)).count()

    response = editor.client.post(
        reverse("wagtailadmin_pages:edit", args=[stored_page.pk]),
        editor_form(editor.client, stored_page, **body),
    )

    assert response.status_code == 200  # the editor again
    text = visible(response)
    assert f'<html lang="{editor.language}"' in text
    assert NOT_SAVED[editor.language] in text
    # The field's own message, in the StreamField's data, and the stored paragraph shown again.
    assert json.dumps(INCOMPLETE[editor.language])[1:-1] in text
    assert "Der gespeicherte Absatz." in text
    assert Revision.page_revisions.filter(object_id=str(stored_page.pk)).count() == revisions
    stored_page.refresh_from_db()
    assert str(stored_page.body[0].value) == "<p>Der gespeicherte Absatz.</p>"


def test_incomplete_streamfield_data_in_an_autosave_and_a_preview(editor, stored_page):
    data = editor_form(editor.client, stored_page)
    revisions = Revision.page_revisions.filter(object_id=str(stored_page.pk)).count()

    autosave = editor.client.post(
        reverse("wagtailadmin_pages:edit", args=[stored_page.pk]),
        data,
        HTTP_ACCEPT="application/json",
    )
    preview = editor.client.post(
        reverse("wagtailadmin_pages:preview_on_edit", args=[stored_page.pk]), data
    )

    assert autosave.status_code == 400
    assert autosave.json()["error_code"] == "validation_error"
    assert preview.json()["is_valid"] is False
    assert Revision.page_revisions.filter(object_id=str(stored_page.pk)).count() == revisions


def test_every_model_the_admin_edits_has_an_integer_primary_key():
    """What ``safeguards.object_ids`` relies on: an id in an admin address is a number."""
    edited = [
        *get_page_models(),
        *get_snippet_models(),
        get_image_model(),
        get_document_model(),
        get_user_model(),
        Collection,
    ]
    # A page type's primary key is its link to Page (page_ptr), which holds Page's id.
    keys = {model._meta.label: model._meta.pk for model in edited}
    assert [
        label
        for label, key in keys.items()
        if not isinstance(getattr(key, "target_field", key), models.IntegerField)
    ] == []


def test_the_value_is_shown_as_text(editor):
    response = editor.client.get(bulk("wagtailcore.page", "delete", "id=<b>x</b>"))
    assert response.status_code == 400
    assert "<b>x</b>" not in response.content.decode()
    assert html.escape("<b>x</b>") in response.content.decode()
