"""Each town's team writes its own language, and only its own: role × locale × action.

Naumburg's editors write German, Les Ulis' editors write French. Every action
below is tried by both teams on content in both languages: the team's own
language works end to end, the other one is refused (403) and leaves the
database as it was.
"""

import polib
import pytest
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from partnership.models import PartnerCity, WorkshopIndexPage, WorkshopPage
from tests.factories import PartnerCityFactory, WorkshopPageFactory

pytestmark = pytest.mark.django_db

TEAMS = {"naumburg": "de", "lesulis": "fr"}
CELLS = [(user, locale) for user in TEAMS for locale in ("de", "fr")]
CELL_IDS = [f"{user}-{locale}" for user, locale in CELLS]


def allowed(user, locale):
    return TEAMS[user] == locale


def refused(response):
    """Refused: a 403, or Wagtail's own refusal for page views.

    Wagtail's page views answer a forbidden request with a redirect to the
    dashboard and "Sorry, you do not have permission to access this area."
    The buttons are hidden too: the other team's tree is not in the editor's
    page explorer at all.
    """
    if response.status_code == 403:
        return True
    return (
        response.status_code == 302
        and response.url == reverse("wagtailadmin_home")
        and any(m.level == messages.ERROR for m in response.wsgi_request._messages)
    )


def offers_a_request(response):
    """Refused, with a way on: the form that asks the other team for the version
    (``translation.handoff``), with the reason in a message."""
    return (
        response.status_code == 302
        and response.url.startswith("/admin/translation-requests/")
        and any(m.level == messages.INFO for m in response.wsgi_request._messages)
    )


@pytest.fixture
def workshops(demo, django_capture_on_commit_callbacks):
    """A published workshop in each language, each the source of a published translation."""
    admin = get_user_model().objects.get(username="admin")

    def pair(source_locale, target_locale, title):
        index = WorkshopIndexPage.objects.get(locale=source_locale)
        page = WorkshopPageFactory(parent=index, title=title, summary=f"{title}: Zusammenfassung")
        page.save_revision(user=admin).publish()
        source, _ = TranslationSource.get_or_create_from_instance(page)
        translation = Translation.objects.create(
            source=source, target_locale=target_locale, enabled=True
        )
        with django_capture_on_commit_callbacks(execute=True):
            translation.save_target(user=admin, publish=True)
        page.refresh_from_db()
        assert translation.get_target_instance().live
        return page, translation

    german_source, to_french = pair(demo.de, demo.fr, "Werkstatt Ost")
    french_source, to_german = pair(demo.fr, demo.de, "Atelier Ouest")
    return {
        # The page written in each language by its own team.
        "pages": {"de": german_source, "fr": french_source},
        # The translation *into* each language.
        "translations": {"fr": to_french, "de": to_german},
    }


def workshop_form(page, **fields):
    return nested_form_data(
        {
            "comments": inline_formset([]),
            "title": page.title,
            "slug": page.slug,
            "summary": page.summary,
            "start": page.start.strftime("%Y-%m-%d %H:%M"),
            "end": page.end.strftime("%Y-%m-%d %H:%M"),
            "format": page.format,
            "venue_name": page.venue_name,
            "venue_town": page.venue_town,
            "agenda": streamfield([]),
            "topics": rich_text(""),
            "questions": rich_text(""),
            "results": rich_text(""),
            "body": streamfield([]),
            "documents": streamfield([]),
            "registration_questions": streamfield([]),
            "organisers": inline_formset([]),
            **fields,
        }
    )


@pytest.mark.parametrize(("user", "locale"), CELLS, ids=CELL_IDS)
def test_edit_a_page(login, workshops, user, locale):
    page = workshops["pages"][locale]
    revision = page.latest_revision_id
    client = login(user)
    url = reverse("wagtailadmin_pages:edit", args=[page.id])

    opened = client.get(url)
    saved = client.post(url, workshop_form(page, title="Neuer Titel"))

    page.refresh_from_db()
    if allowed(user, locale):
        assert opened.status_code == 200
        assert saved.status_code == 302
        assert page.get_latest_revision_as_object().title == "Neuer Titel"
    else:
        assert refused(opened)
        assert refused(saved)
        assert page.latest_revision_id == revision


@pytest.mark.parametrize(("user", "locale"), CELLS, ids=CELL_IDS)
def test_publish_a_page(login, workshops, user, locale, django_capture_on_commit_callbacks):
    page = workshops["pages"][locale]
    live_revision = page.live_revision_id
    url = reverse("wagtailadmin_pages:edit", args=[page.id])

    with django_capture_on_commit_callbacks(execute=True):
        response = login(user).post(
            url, workshop_form(page, title="Veröffentlicht", **{"action-publish": "publish"})
        )

    page.refresh_from_db()
    if allowed(user, locale):
        assert response.status_code == 302
        assert page.title == "Veröffentlicht"
        assert page.live_revision_id != live_revision
    else:
        assert refused(response)
        assert page.live_revision_id == live_revision


@pytest.mark.parametrize(("user", "locale"), CELLS, ids=CELL_IDS)
def test_unpublish_a_page(login, workshops, user, locale):
    page = workshops["pages"][locale]
    response = login(user).post(reverse("wagtailadmin_pages:unpublish", args=[page.id]))

    page.refresh_from_db()
    translation = page.get_translations().get()
    if allowed(user, locale):
        assert response.status_code == 302
        assert not page.live
        # The other team's translation is theirs: it stays online.
        assert translation.live
    else:
        assert refused(response)
        assert page.live


@pytest.mark.parametrize(("user", "locale"), CELLS, ids=CELL_IDS)
def test_delete_a_page(login, workshops, user, locale):
    page = workshops["pages"][locale]
    translation = page.get_translations().get()
    response = login(user).post(reverse("wagtailadmin_pages:delete", args=[page.id]))

    if allowed(user, locale):
        assert response.status_code == 302
        assert not Page.objects.filter(pk=page.pk).exists()
        assert Page.objects.filter(pk=translation.pk).exists()
    else:
        assert refused(response)
        assert Page.objects.filter(pk=page.pk).exists()


@pytest.mark.parametrize(("user", "locale"), CELLS, ids=CELL_IDS)
def test_submit_a_page_for_translation(login, demo, user, locale):
    """``locale`` is the language the new translation would be written in."""
    target = getattr(demo, locale)
    source_locale = demo.fr if locale == "de" else demo.de
    page = WorkshopPageFactory(parent=WorkshopIndexPage.objects.get(locale=source_locale))
    url = reverse("wagtail_localize:submit_page_translation", args=[page.id])
    client = login(user)

    form = client.get(url)
    response = client.post(url, {"locales": [target.id]})

    translated = WorkshopPage.objects.filter(translation_key=page.translation_key, locale=target)
    if allowed(user, locale):
        assert form.status_code == 200
        assert response.status_code == 302
        assert translated.exists()
    else:
        assert offers_a_request(form)
        assert offers_a_request(response)
        assert not translated.exists()


@pytest.mark.parametrize(("user", "locale"), CELLS, ids=CELL_IDS)
def test_sync_translations(login, workshops, user, locale, django_capture_on_commit_callbacks):
    """``locale`` is the language of the translation the sync would rewrite."""
    translation = workshops["translations"][locale]
    source_page = translation.source.get_source_instance()
    target = translation.get_target_instance()
    source_page.summary = "Geänderte Zusammenfassung"
    source_page.save_revision().publish()
    revision = target.latest_revision_id
    url = reverse("wagtail_localize:update_translations", args=[translation.source.id])
    client = login(user)

    form = client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"publish_translations": "on"})

    target.refresh_from_db()
    if allowed(user, locale):
        assert form.status_code == 200
        assert response.status_code == 302
        assert target.latest_revision_id != revision
    else:
        assert refused(form)
        assert refused(response)
        assert target.latest_revision_id == revision


@pytest.mark.parametrize(("user", "locale"), CELLS, ids=CELL_IDS)
def test_upload_a_po_file(login, workshops, user, locale):
    """``locale`` is the language of the translation the PO file would fill in."""
    translation = workshops["translations"][locale]
    before = StringTranslation.objects.filter(locale=translation.target_locale).count()
    client = login(user)

    download = client.get(reverse("wagtail_localize:download_pofile", args=[translation.id]))
    po = polib.pofile(translation.export_po().__unicode__())
    for entry in po:
        entry.msgstr = f"Übersetzt: {entry.msgid}"
    upload = client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.id]),
        {"file": SimpleUploadedFile("t.po", str(po).encode(), "text/x-gettext-translation")},
    )

    after = StringTranslation.objects.filter(locale=translation.target_locale).count()
    if allowed(user, locale):
        assert download.status_code == 200
        assert upload.status_code == 302
        assert after > before
    else:
        assert refused(download)
        assert refused(upload)
        assert after == before


@pytest.fixture
def cities(demo):
    return {
        "de": PartnerCityFactory(name="Teststadt", locale=demo.de),
        "fr": PartnerCityFactory(name="Villetest", locale=demo.fr, country="FR"),
    }


@pytest.mark.parametrize(("user", "locale"), CELLS, ids=CELL_IDS)
def test_edit_a_snippet(login, cities, user, locale):
    city = cities[locale]
    url = reverse("wagtailsnippets_partnership_partnercity:edit", args=[city.pk])
    client = login(user)

    opened = client.get(url)
    saved = client.post(url, {"name": "Umbenannt", "country": city.country})

    city.refresh_from_db()
    if allowed(user, locale):
        assert opened.status_code == 200
        assert saved.status_code == 302
        assert city.name == "Umbenannt"
    else:
        assert refused(opened)
        assert refused(saved)
        assert city.name in {"Teststadt", "Villetest"}


@pytest.mark.parametrize(("user", "locale"), CELLS, ids=CELL_IDS)
def test_delete_a_snippet(login, cities, user, locale):
    city = cities[locale]
    client = login(user)
    response = client.post(
        reverse("wagtailsnippets_partnership_partnercity:delete", args=[city.pk])
    )

    if allowed(user, locale):
        assert response.status_code == 302
        assert not PartnerCity.objects.filter(pk=city.pk).exists()
    else:
        assert refused(response)
        assert PartnerCity.objects.filter(pk=city.pk).exists()


@pytest.mark.parametrize(("user", "locale"), CELLS, ids=CELL_IDS)
def test_create_a_snippet(login, demo, user, locale):
    url = reverse("wagtailsnippets_partnership_partnercity:add") + f"?locale={locale}"
    response = login(user).post(url, {"name": "Neustadt", "country": "DE"})

    created = PartnerCity.objects.filter(name="Neustadt", locale=getattr(demo, locale))
    if allowed(user, locale):
        assert response.status_code == 302
        assert created.exists()
    else:
        assert refused(response)
        assert not created.exists()


@pytest.mark.parametrize(("user", "locale"), CELLS, ids=CELL_IDS)
def test_translate_a_snippet_in_the_translation_editor(login, cities, user, locale, demo):
    """Submitting, then editing a string: both only into the team's own language."""
    source_locale = "fr" if locale == "de" else "de"
    city = cities[source_locale]
    client = login(user)
    submitted = client.post(
        reverse(
            "wagtail_localize:submit_snippet_translation",
            args=["partnership", "partnercity", city.pk],
        ),
        {"locales": [getattr(demo, locale).id]},
    )
    if not allowed(user, locale):
        assert offers_a_request(submitted)
        assert not city.get_translations().exists()
        return
    assert submitted.status_code == 302
    translated = city.get_translation(getattr(demo, locale))
    assert (
        client.get(
            reverse("wagtailsnippets_partnership_partnercity:edit", args=[translated.pk])
        ).status_code
        == 200
    )


@pytest.mark.parametrize(("user", "locale"), CELLS, ids=CELL_IDS)
def test_edit_a_snippet_translation_through_the_editor_api(login, cities, user, locale, demo):
    """Another team's translation of a snippet cannot be touched through the editor's API."""
    admin = get_user_model().objects.get(username="admin")
    source_locale = "fr" if locale == "de" else "de"
    city = cities[source_locale]
    source, _ = TranslationSource.get_or_create_from_instance(city)
    translation = Translation.objects.create(
        source=source, target_locale=getattr(demo, locale), enabled=True
    )
    translation.save_target(user=admin)
    segment = source.stringsegment_set.get(context__path="name")

    response = login(user).put(
        reverse("wagtail_localize:edit_string_translation", args=[translation.id, segment.id]),
        encode_multipart(BOUNDARY, {"value": "Anders"}),
        content_type=MULTIPART_CONTENT,
    )

    saved = StringTranslation.objects.filter(translation_of=segment.string, data="Anders")
    if allowed(user, locale):
        assert response.status_code in {200, 201}
        assert saved.exists()
    else:
        assert refused(response)
        assert not saved.exists()


def test_a_refusal_explains_itself_in_the_editors_language(login, workshops):
    german = workshops["translations"]["de"]
    french = workshops["translations"]["fr"]

    refused = login("naumburg").get(
        reverse("wagtail_localize:update_translations", args=[french.source.id])
    )
    assert refused.url == reverse("wagtailadmin_home")
    assert "Nur das Redaktionsteam für Französisch darf diese Fassung aktualisieren." in [
        str(m) for m in refused.wsgi_request._messages
    ]

    refused = login("lesulis").get(
        reverse("wagtail_localize:update_translations", args=[german.source.id])
    )
    assert refused.url == reverse("wagtailadmin_home")
    assert (
        "Seule l’équipe de rédaction de cette langue (allemand) peut mettre à jour cette version."
        in [str(m) for m in refused.wsgi_request._messages]
    )


def test_the_sync_form_offers_publishing_only_to_those_who_may_publish(login, workshops):
    translation = workshops["translations"]["fr"]
    response = login("lesulis").get(
        reverse("wagtail_localize:update_translations", args=[translation.source.id])
    )
    assert response.status_code == 200
    assert 'name="publish_translations"' in response.text
    assert "disabled" not in response.text.split('name="publish_translations"')[1][:80]


def test_delete_cascades_to_translations_the_user_may_delete(workshops):
    """The superuser deletes a German page: its French translation goes too."""
    client = Client()
    client.force_login(get_user_model().objects.get(username="admin"))
    page = workshops["pages"]["de"]
    translation = page.get_translations().get()

    confirm = client.get(reverse("wagtailadmin_pages:delete", args=[page.id]))
    assert confirm.context["translation_count"] == 1
    client.post(reverse("wagtailadmin_pages:delete", args=[page.id]))

    assert not Page.objects.filter(pk__in=[page.pk, translation.pk]).exists()


def test_unpublish_cascades_for_the_superuser_and_is_announced(workshops):
    client = Client()
    client.force_login(get_user_model().objects.get(username="admin"))
    page = workshops["pages"]["de"]
    translation = page.get_translations().get()

    confirm = client.get(reverse("wagtailadmin_pages:unpublish", args=[page.id]))
    assert confirm.context["translation_count"] == 1
    client.post(reverse("wagtailadmin_pages:unpublish", args=[page.id]))

    translation.refresh_from_db()
    assert not translation.live


def test_an_editor_is_not_told_of_a_cascade_that_will_not_happen(login, workshops):
    page = workshops["pages"]["de"]
    confirm = login("naumburg").get(reverse("wagtailadmin_pages:unpublish", args=[page.id]))
    assert confirm.status_code == 200
    assert confirm.context["translation_count"] == 0


def test_move_cascades_to_translations_the_user_may_move(demo, workshops):
    """Moving a German workshop to another index moves its French twin to that index's twin."""
    admin = get_user_model().objects.get(username="admin")
    client = Client()
    client.force_login(admin)
    page = workshops["pages"]["de"]
    translation = page.get_translations().get()
    home = demo.home_de
    archive = WorkshopIndexPage(title="Archiv", slug="archiv")
    home.add_child(instance=archive)
    archive.save_revision(user=admin).publish()
    french_archive = archive.copy_for_translation(demo.fr)
    french_archive.save_revision(user=admin).publish()

    client.post(reverse("wagtailadmin_pages:move_confirm", args=[page.id, archive.id]))

    translation.refresh_from_db()
    assert translation.get_parent().pk == french_archive.pk


def test_the_demo_editors_work_in_their_own_admin_language(login):
    assert "Seiten" in login("naumburg").get(reverse("wagtailadmin_home")).text
    assert "Pages" in login("lesulis").get(reverse("wagtailadmin_home")).text
