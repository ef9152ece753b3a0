"""The dry run writes nothing; broken exports fail item by item with a message naming the item."""

import json

import pytest
from django.core.management import CommandError
from wagtail.images import get_image_model
from wagtail.models import Page

from plone_import.models import ImportedObject
from tests.plone_import.conftest import EXPORT, items_of, run_import

pytestmark = pytest.mark.django_db


def test_dry_run_prints_the_plan_and_writes_nothing(demo, tmp_path):
    pages = Page.objects.count()
    output, report = run_import(EXPORT, tmp_path / "plan.json", "--dry-run")
    assert report is None
    assert Page.objects.count() == pages
    assert not ImportedObject.objects.exists()
    assert "News Item    de  4" in output
    assert (
        "/de/aktuelles/buergerfonds-2022 (News Item) → standard page (de), beneath its folder"
        in output
    )
    assert (
        "/de/termine/workshop-hildesheim-2025 (Event) → workshop (de), in the workshop index"
        in output
    )
    assert (
        "/de/termine/alle-termine (Collection): skipped, a Collection is a saved search" in output
    )
    assert "Translation groups: 13" in output
    assert "de: /de/partnerschaft/ueber-uns ↔ fr: /fr/jumelage/a-propos" in output
    assert "Links that point nowhere: 1" in output
    assert (
        "/de/partnerschaft/engagierte-stadt: resolveuid/d9ba51b13ae4ac763716f5b434d59727" in output
    )
    assert "Members and groups (members.json) are not imported as logins." in output
    assert "Dry run: nothing was written." in output


@pytest.mark.parametrize("name", ["content.json", "translations.json"])
def test_malformed_or_truncated_json_names_the_file(demo, export_copy, tmp_path, name):
    path = export_copy / name
    path.write_text(path.read_text()[:500])
    pages = Page.objects.count()
    with pytest.raises(CommandError) as error:
        run_import(export_copy, tmp_path / "report.json")
    assert f"{name} is not valid JSON (line" in str(error.value)
    assert "truncated" in str(error.value)
    assert Page.objects.count() == pages
    assert not ImportedObject.objects.exists()


def test_bad_items_fail_alone_and_the_rest_is_imported(demo, export_copy, tmp_path):
    content = json.loads((export_copy / "content.json").read_text())
    broken = []
    for item in content:
        path = item["@id"].removeprefix("http://localhost:8080/Plone")
        if path == "/fr/actualites":  # missing parent for its three news items
            continue
        if path == "/de/aktuelles/vereinsmesse-2024":
            item["@type"] = "PloneGazette"
        if path == "/de/medien/fotoausstellung.png":
            item["image"]["size"] = 99999
        if path == "/fr/medias/inscription-atelier.txt":
            item["file"] = {"blob_path": "blobstorage/0x01/missing.txt", "filename": "x.txt"}
        if path == "/de/medien/delegation-les-ulis.jpg":
            item["image"]["data"] = "!!! not base64 !!!"
        broken.append(item)
    broken.append({"title": "no identity"})
    (export_copy / "content.json").write_text(json.dumps(broken))

    output, report = run_import(export_copy, tmp_path / "report.json")
    items = items_of(report)
    for news in ("fonds-citoyen-2022", "delegation-naumburg-aux-ulis", "echange-artistes"):
        entry = items[f"/fr/actualites/{news}"]
        assert entry["outcome"] == "skipped"
        assert entry["messages"] == ["its parent /fr/actualites is not in the export"]
    gazette = items["/de/aktuelles/vereinsmesse-2024"]
    assert gazette["outcome"] == "skipped"
    assert "unknown type “PloneGazette”" in gazette["messages"][0]
    size = items["/de/medien/fotoausstellung.png"]
    assert size["outcome"] == "failed"
    assert size["messages"] == [
        "/de/medien/fotoausstellung.png was not imported: "
        "its file has 77 bytes where the export says 99999"
    ]
    missing = items["/fr/medias/inscription-atelier.txt"]
    assert missing["outcome"] == "failed"
    assert (
        "its file blobstorage/0x01/missing.txt is missing from the export" in missing["messages"][0]
    )
    assert "not valid base64" in items["/de/medien/delegation-les-ulis.jpg"]["messages"][0]
    assert items["content.json #40"]["messages"] == ["has no @id, @type, UID"]
    # Nothing half-written: no image for the failed ones; everything else is there.
    Image = get_image_model()
    assert not Image.objects.filter(title__startswith="Fotoausstellung").exists()
    assert not ImportedObject.objects.filter(plone_path="/de/medien/fotoausstellung.png").exists()
    assert items["/de/aktuelles/delegationsreise-les-ulis"]["outcome"] == "created"
    assert items["/de/partnerschaft/ueber-uns"]["outcome"] == "created"
    # The German page that showed the failed image is imported without it, and says so.
    assert any(
        "fotoausstellung.png stays text" in m
        for m in items["/de/aktuelles/delegationsreise-les-ulis"]["messages"]
    )
    assert "/de/medien/fotoausstellung.png (Image): failed" in output


def test_mapping_file_sends_news_items_elsewhere(demo, tmp_path):
    from home.models import StandardPage

    archive = StandardPage(title="Archiv", slug="archiv", locale=demo.de)
    demo.home_de.add_child(instance=archive)
    mapping = tmp_path / "mapping.toml"
    mapping.write_text(
        '[[paths]]\nprefix = "/de/aktuelles"\npage_type = "standard"\nparent = "slug:archiv"\n'
        '[types."Collection"]\npage_type = "skip"\n'
    )
    _output, report = run_import(EXPORT, tmp_path / "r.json", "--mapping", str(mapping))
    record = ImportedObject.objects.get(
        plone_path="/de/aktuelles/ue60-aktiv", plone_type="News Item"
    )
    assert Page.objects.get(pk=record.object_id).get_parent().pk == archive.pk
    assert items_of(report)["/de/aktuelles"]["outcome"] == "created"


def test_a_bad_mapping_file_is_refused(demo, tmp_path):
    mapping = tmp_path / "mapping.toml"
    mapping.write_text('[types."News Item"]\npage_type = "blog"\n')
    with pytest.raises(CommandError, match="unknown page_type “blog”"):
        run_import(EXPORT, tmp_path / "r.json", "--mapping", str(mapping))
