"""Two editors, one per town, carry a page from a draft to a published translation.

Everything goes through the admin views, each editor in their own admin
language, and the status board is read at every step.
"""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale
from wagtail_localize.models import TranslationSource

from partnership.models import WorkshopIndexPage, WorkshopPage
from tests.translation.test_team_permissions import workshop_form
from translation.status import Status, build_board

pytestmark = pytest.mark.django_db

NEXT_YEAR = timezone.localdate().year + 1
JOURNEYS = [
    # (author, author's language, translator, translator's language)
    ("naumburg", "de", "lesulis", "fr"),
    ("lesulis", "fr", "naumburg", "de"),
]


def editor(username):
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def board_cell(page, language):
    """The status board's cell for ``page`` in ``language``."""
    locale = Locale.objects.get(language_code=language)
    row = next(row for row in build_board().rows if row.key == page.translation_key)
    return row.cell(locale.pk)


@pytest.mark.parametrize(("author", "source", "translator", "target"), JOURNEYS)
def test_from_a_draft_to_a_published_translation(
    demo, author, source, translator, target, django_capture_on_commit_callbacks
):
    writer, reader = editor(author), editor(translator)
    index = WorkshopIndexPage.objects.get(locale__language_code=source)

    # 1. The author writes a draft in their own language and admin language.
    add_url = reverse("wagtailadmin_pages:add", args=["partnership", "workshoppage", index.id])
    form = writer.get(add_url)
    assert f'<html lang="{source}"' in form.text
    draft = WorkshopPage(
        title=f"Werkstatt {source}",
        slug=f"werkstatt-{source}",
        summary=f"Zusammenfassung {source}",
        start=timezone.now().replace(year=NEXT_YEAR),
        end=timezone.now().replace(year=NEXT_YEAR) + timezone.timedelta(hours=3),
        format="in_person",
        venue_name="Rathaus",
        venue_town="Naumburg",
    )
    created = writer.post(add_url, workshop_form(draft))
    assert created.status_code == 302
    page = WorkshopPage.objects.get(slug=f"werkstatt-{source}")
    assert not page.live
    assert board_cell(page, target).status == Status.MISSING

    # 2. They publish it.
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.id])
    with django_capture_on_commit_callbacks(execute=True):
        writer.post(edit_url, workshop_form(page, **{"action-publish": "1"}))
    page.refresh_from_db()
    assert page.live
    assert board_cell(page, target).status == Status.MISSING

    # 3. The other team's editor, in their own admin language, asks for a translation.
    submit_url = reverse("wagtail_localize:submit_page_translation", args=[page.id])
    assert f'<html lang="{target}"' in reader.get(submit_url).text
    target_locale = Locale.objects.get(language_code=target)
    with django_capture_on_commit_callbacks(execute=True):
        submitted = reader.post(submit_url, {"locales": [target_locale.id]})
    assert submitted.status_code == 302
    translated = page.get_translation(target_locale)
    assert not translated.live
    cell = board_cell(page, target)
    assert (cell.status, cell.percent) == (Status.IN_PROGRESS, 0)

    # 4. ... translates every text in the translation editor ...
    translation_editor = reader.get(reverse("wagtailadmin_pages:edit", args=[translated.id]))
    assert translation_editor.status_code == 200
    source_record = TranslationSource.objects.get_for_instance(page)
    translation = source_record.translations.get(target_locale=target_locale)
    segments = list(source_record.stringsegment_set.select_related("string"))
    for segment in segments:
        response = reader.put(
            reverse("wagtail_localize:edit_string_translation", args=[translation.id, segment.id]),
            encode_multipart(BOUNDARY, {"value": f"[{target}] {segment.string.data}"}),
            content_type=MULTIPART_CONTENT,
        )
        assert response.status_code in {200, 201}
    cell = board_cell(page, target)
    assert (cell.status, cell.percent) == (Status.IN_PROGRESS, 100)

    # 5. ... and publishes it. Visitors read it at once.
    with django_capture_on_commit_callbacks(execute=True):
        published = reader.post(
            reverse("wagtailadmin_pages:edit", args=[translated.id]), {"action": "publish"}
        )
    assert published.status_code == 302
    translated.refresh_from_db()
    assert translated.live
    assert board_cell(page, target).status == Status.UP_TO_DATE
    public = Client().get(translated.url)
    assert public.status_code == 200
    assert f"[{target}] Werkstatt {source}" in public.text

    # 6. The author changes the original: the translation is outdated. The
    #    author may not sync it into the other language ...
    page.summary = f"Neue Zusammenfassung {source}"
    with django_capture_on_commit_callbacks(execute=True):
        writer.post(edit_url, workshop_form(page, **{"action-publish": "1"}))
    assert board_cell(page, target).status == Status.OUTDATED
    sync_url = reverse("wagtail_localize:update_translations", args=[source_record.id])
    refused = writer.post(sync_url, {"publish_translations": "on"})
    assert refused.url == reverse("wagtailadmin_home")
    assert board_cell(page, target).status == Status.OUTDATED

    # 7. ... its translator does, and translates the new text.
    with django_capture_on_commit_callbacks(execute=True):
        synced = reader.post(sync_url)
    assert synced.status_code == 302
    new_summary = source_record.stringsegment_set.get(string__data=f"Neue Zusammenfassung {source}")
    reader.put(
        reverse("wagtail_localize:edit_string_translation", args=[translation.id, new_summary.id]),
        encode_multipart(BOUNDARY, {"value": f"[{target}] nouveau"}),
        content_type=MULTIPART_CONTENT,
    )
    with django_capture_on_commit_callbacks(execute=True):
        reader.post(reverse("wagtailadmin_pages:edit", args=[translated.id]), {"action": "publish"})
    assert board_cell(page, target).status == Status.UP_TO_DATE
    translated.refresh_from_db()
    assert translated.summary == f"[{target}] nouveau"

    # The original was never touched by the translator.
    page.refresh_from_db()
    assert page.summary == f"Neue Zusammenfassung {source}"
