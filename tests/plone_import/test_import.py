"""The committed Plone export, imported into the demo site: item by item, then once more."""

import datetime
import json
import re

import pytest
from django.test import Client
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from home.models import SectionPage, StandardPage
from partnership.models import WorkshopPage
from plone_import.models import ImportedObject
from tests.plone_import.conftest import EXPORT, items_of, run_import

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def page(path):
    """The page imported from a Plone path."""
    record = ImportedObject.objects.exclude(plone_type="lead image").get(plone_path=path)
    return Page.objects.get(pk=record.object_id).specific


def blocks(page_):
    return [(block.block_type, block.value) for block in page_.body]


def test_report_counts_and_json(imported):
    report = imported["report"]
    assert report["counts"] == {"created": 33, "skipped": 7}
    assert "Created 33, updated 0, unchanged 0" in imported["output"]
    assert "/de/aktuelles/delegationsreise-les-ulis (News Item): created" in imported["output"]
    assert json.loads((imported["tmp"] / "report.json").read_text())["counts"]["created"] == 33


def test_folders_become_sections_beneath_the_home_page(imported, demo):
    section = page("/de/partnerschaft")
    assert isinstance(section, SectionPage)
    assert section.get_parent().pk == demo.home_de.pk
    assert section.title == "Die Partnerschaft"
    assert page("/fr/jumelage").get_parent().pk == demo.home_fr.pk
    items = items_of(imported["report"])
    assert items["/de"]["outcome"] == "skipped"
    assert "home page" in items["/de"]["messages"][0]
    assert "only images and files" in items["/de/medien"]["messages"][0]
    assert "saved search" in items["/de/termine/alle-termine"]["messages"][0]


def test_documents_and_news_items_become_standard_pages(imported):
    about = page("/de/partnerschaft/ueber-uns")
    assert isinstance(about, StandardPage)
    assert about.title == "Über die Partnerschaft"
    assert about.intro == "Seit 2019 sind Naumburg (Saale) und Les Ulis Partnerstädte."
    kinds = [kind for kind, _value in blocks(about)]
    assert kinds[:2] == ["heading", "paragraph"]
    assert blocks(about)[0][1]["text"] == "Wie alles begann"
    body = str(about.body)
    assert "Städtepartnerschaft" in body
    assert "Begegnungen von Vereinen" in body
    news = page("/de/aktuelles/buergerfonds-2022")
    assert isinstance(news, StandardPage)
    assert news.get_parent().specific == page("/de/aktuelles")


def test_events_become_workshops_in_the_workshop_index(imported):
    workshop = page("/de/termine/workshop-hildesheim-2025")
    assert isinstance(workshop, WorkshopPage)
    assert workshop.get_parent().specific_class.__name__ == "WorkshopIndexPage"
    assert workshop.start == datetime.datetime(2025, 5, 20, 8, 0, tzinfo=UTC)
    assert workshop.end == datetime.datetime(2025, 5, 20, 14, 30, tzinfo=UTC)
    assert workshop.venue_name == "Hildesheim"
    assert workshop.audience == "Vereine, Verwaltung"
    assert workshop.summary == "Workshop für Aktive in deutsch-französischen Partnerschaften"
    body = str(workshop.body)
    assert "Rund 40 Aktive" in body
    assert "partnerschaftsbuero@example.org" in body
    assert "https://example.org/gemeinsam-wachsen" in body
    online = page("/de/termine/workshop-foerdermoeglichkeiten")
    assert online.format == "online"


def test_translation_groups_share_one_key_original_first(imported):
    about_de, about_fr = page("/de/partnerschaft/ueber-uns"), page("/fr/jumelage/a-propos")
    assert about_de.translation_key == about_fr.translation_key
    assert (about_de.locale.language_code, about_fr.locale.language_code) == ("de", "fr")
    # Written in French first: the French page is the older one, so the status board's original.
    french, german = (
        page("/fr/actualites/fonds-citoyen-2022"),
        page("/de/aktuelles/buergerfonds-2022"),
    )
    assert french.translation_key == german.translation_key
    assert french.pk < german.pk
    assert (
        page("/de/termine/workshop-hildesheim-2025").translation_key
        == page("/fr/agenda/atelier-hildesheim-2025").translation_key
    )
    single = page("/de/partnerschaft/engagierte-stadt")
    assert not single.get_translations().exists()
    assert len(imported["report"]["translation_groups"]) == 13


def test_no_translation_source_so_no_sync_overwrites(imported):
    from wagtail_localize.models import TranslationSource

    keys = [
        page(p).translation_key for p in ("/de/partnerschaft/ueber-uns", "/fr/jumelage/a-propos")
    ]
    assert not TranslationSource.objects.filter(object_id__in=keys).exists()


def test_states_and_dates(imported):
    about = page("/de/partnerschaft/ueber-uns")
    assert about.live
    assert about.first_published_at == datetime.datetime(2019, 4, 5, 9, 0, tzinfo=UTC)
    assert about.last_published_at == datetime.datetime(2019, 4, 6, 8, 0, tzinfo=UTC)
    first = about.revisions.order_by("created_at").first()
    assert first.created_at == datetime.datetime(2019, 4, 5, 8, 0, tzinfo=UTC)
    pending, private = page("/de/aktuelles/ue60-aktiv"), page("/fr/actualites/echange-artistes")
    assert not pending.live and not private.live
    assert pending.first_published_at is None
    assert not page("/de/intern").live
    items = items_of(imported["report"])
    assert any("“pending”" in m for m in items["/de/aktuelles/ue60-aktiv"]["messages"])
    assert any("“private”" in m for m in items["/fr/actualites/echange-artistes"]["messages"])
    assert not page("/de/aktuelles/vereinsmesse-2024").live
    assert any("expired" in m for m in items["/de/aktuelles/vereinsmesse-2024"]["messages"])


def test_images_and_documents_in_their_town_collections(imported):
    Image, Document = get_image_model(), get_document_model()
    german = Image.objects.get(title="Die Delegation in Les Ulis")
    assert german.collection.name == "Naumburg"
    assert german.description == "Gruppenfoto der zehn Reisenden"
    assert (german.width, german.height) == (8, 8)
    assert Image.objects.get(title__startswith="Exposition photo").collection.name == "Les Ulis"
    logo = Image.objects.filter(title="Logo der Partnerschaft / Logo du jumelage")
    assert logo.count() == 1, "PAM's two copies of a language-independent image: one image"
    assert logo.get().collection.name == "Gemeinsam · Commun"
    pdf = Document.objects.get(title="Programm der Delegationsreise 2025")
    assert pdf.collection.name == "Naumburg"
    assert pdf.file.read().startswith(b"%PDF")
    assert Document.objects.get(
        title="Programme du voyage de la délégation 2025"
    ).collection.name == ("Les Ulis")


def test_inline_and_lead_images(imported):
    Image = get_image_model()
    german_only = Image.objects.get(title="Die Delegation in Les Ulis")
    french = page("/fr/actualites/delegation-naumburg-aux-ulis")
    images = [value for kind, value in blocks(french) if kind == "image"]
    # The lead image first, with its caption; then the inline images, the German-only one included.
    assert images[0]["caption"] == "Accueil à la mairie des Ulis"
    assert german_only.pk in [value["image"].pk for value in images]
    assert images[-1]["image"].contextual_alt_text == "La délégation (photo allemande)"
    logo = Image.objects.get(title="Logo der Partnerschaft / Logo du jumelage")
    for path in ("/de/partnerschaft/ueber-uns", "/fr/jumelage/a-propos"):
        assert logo.pk in [
            value["image"].pk for kind, value in blocks(page(path)) if kind == "image"
        ]


def test_resolveuid_links_point_to_imported_pages_and_documents(imported):
    about = page("/de/partnerschaft/ueber-uns")
    raw = json.dumps(list(about.body.raw_data))
    report_page = page("/de/aktuelles/delegationsreise-les-ulis")
    document = get_document_model().objects.get(title="Programm der Delegationsreise 2025")
    assert f'linktype=\\"page\\" id=\\"{report_page.pk}\\"' in raw
    assert f'linktype=\\"document\\" id=\\"{document.pk}\\"' in raw
    # and the other way round (imported after it)
    assert f'id=\\"{about.pk}\\"' in json.dumps(list(report_page.body.raw_data))
    items = items_of(imported["report"])
    broken = items["/de/partnerschaft/engagierte-stadt"]["messages"]
    assert any("d9ba51b13ae4ac763716f5b434d59727" in m for m in broken)
    assert imported["report"]["dangling_links"] == [
        {"path": "/de/partnerschaft/engagierte-stadt", "uid": "d9ba51b13ae4ac763716f5b434d59727"}
    ]
    assert "alte Seite" in str(page("/de/partnerschaft/engagierte-stadt").body)


def test_unsupported_html_is_reported_and_its_text_kept(imported):
    forum = page("/de/partnerschaft/vereinsforum")
    body = str(forum.body)
    assert "Förderanträge – März" in body
    assert "style=" not in body
    assert 'href="mailto:vereinsforum@example.org"' in body
    messages = items_of(imported["report"])["/de/partnerschaft/vereinsforum"]["messages"]
    assert any("table" in m for m in messages)
    assert any("style" in m for m in messages)


def test_tags_are_listed_in_the_report(imported):
    messages = items_of(imported["report"])["/de/partnerschaft/ueber-uns"]["messages"]
    assert any("Städtepartnerschaft, Engagement" in m for m in messages)


def test_old_addresses_redirect_permanently(imported):
    client = Client()
    forum = page("/de/partnerschaft/vereinsforum")
    for old in ("/de/aktuelles/vereinsforum", "/de/aktuelles/vereinsforum-alt"):
        response = client.get(old)
        assert response.status_code == 301
        assert response["Location"].endswith(forum.url)
    workshop = page("/de/termine/workshop-hildesheim-2025")
    response = client.get("/de/termine/workshop-hildesheim-2025")
    assert response.status_code == 301 and response["Location"].endswith(workshop.url)
    # Plone Links: to their target, inside the site or outside.
    response = client.get("/fr/jumelage/lire-le-compte-rendu")
    assert response.status_code == 301
    assert response["Location"].endswith(page("/fr/actualites/delegation-naumburg-aux-ulis").url)
    response = client.get("/de/partnerschaft/netzwerk")
    assert response.status_code == 301
    assert response["Location"] == "https://example.org/engagierte-stadt"
    pdf = get_document_model().objects.get(title="Programm der Delegationsreise 2025")
    response = client.get("/de/medien/programm-delegation-2025.pdf")
    assert response.status_code == 301 and response["Location"].endswith(pdf.url)
    assert Redirect.objects.filter(
        old_path="/de/aktuelles/vereinsforum", is_permanent=True
    ).exists()


def test_imported_pages_render_with_the_switcher_linking_the_pair(imported):
    client = Client()
    german, french = page("/de/partnerschaft/ueber-uns"), page("/fr/jumelage/a-propos")
    response = client.get(german.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Wie alles begann" in html
    assert re.search(rf'hreflang="fr" href="[^"]*{re.escape(french.url)}"', html)
    response = client.get(french.url)
    assert response.status_code == 200
    assert "Les débuts" in response.content.decode()
    section = client.get(page("/de/partnerschaft").url)
    assert section.status_code == 200
    assert "Über die Partnerschaft" in section.content.decode()
    assert client.get(page("/de/termine/workshop-hildesheim-2025").url).status_code == 200
    assert client.get(page("/de/aktuelles/ue60-aktiv").url).status_code == 404


def test_second_run_creates_nothing_twice(imported, tmp_path):
    pages, images, records = (
        Page.objects.count(),
        get_image_model().objects.count(),
        (ImportedObject.objects.count()),
    )
    redirects = Redirect.objects.count()
    output, report = run_import(EXPORT, tmp_path / "again.json")
    assert report["counts"] == {"unchanged": 33, "skipped": 7}
    assert (Page.objects.count(), get_image_model().objects.count()) == (pages, images)
    assert (ImportedObject.objects.count(), Redirect.objects.count()) == (records, redirects)
    assert "Created 0, updated 0, unchanged 33" in output


def test_newer_export_updates_but_not_what_was_edited_in_wagtail(imported, export_copy, tmp_path):
    content = json.loads((export_copy / "content.json").read_text())
    for item in content:
        if item["@id"].endswith("/de/aktuelles/buergerfonds-2022"):
            item["title"] = "Deutsch-Französischer Tag: neu"
            item["modified"] = "2026-01-01T09:00:00+00:00"
        if item["@id"].endswith("/de/partnerschaft/engagierte-stadt"):
            item["title"] = "Engagierte Stadt (Plone)"
    (export_copy / "content.json").write_text(json.dumps(content))
    edited = page("/de/partnerschaft/engagierte-stadt")
    edited.title = "Engagierte Stadt (Wagtail)"
    edited.save_revision().publish()
    pages = Page.objects.count()

    _output, report = run_import(export_copy, tmp_path / "newer.json")
    items = items_of(report)
    assert items["/de/aktuelles/buergerfonds-2022"]["outcome"] == "updated"
    updated = page("/de/aktuelles/buergerfonds-2022")
    assert updated.title == "Deutsch-Französischer Tag: neu"
    assert updated.live
    assert updated.first_published_at == datetime.datetime(2022, 1, 17, 10, 0, tzinfo=UTC)
    assert updated.last_published_at == datetime.datetime(2026, 1, 1, 9, 0, tzinfo=UTC)
    assert items["/de/partnerschaft/engagierte-stadt"]["outcome"] == "changed_on_both_sides"
    assert page("/de/partnerschaft/engagierte-stadt").title == "Engagierte Stadt (Wagtail)"
    assert Page.objects.count() == pages
