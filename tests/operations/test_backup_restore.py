"""``manage.py backup`` and ``restore``: a round trip into an empty database loses nothing.

The archive is made once per module from the committed demo (pg_dump reads in a
session of its own, so it cannot see a test's open transaction), plus a document
committed here, because the demo has none. Restore goes into a new, empty
database of the engine under test: a temporary SQLite file, or a PostgreSQL
database created for the purpose and dropped afterwards. The restored database is
read back through a plain driver connection and compared row by row with the
source; a separate process then serves every page from it.
"""

import hashlib
import json
import os
import secrets
import sqlite3
import subprocess
import sys
import tarfile
import uuid
from contextlib import closing, contextmanager
from io import BytesIO, StringIO
from types import SimpleNamespace
from urllib.parse import quote

import environ
import pytest
import wagtail
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.models import Rendition
from wagtail.models import Page, Revision
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from operations.backup import postgres_command

pytestmark = pytest.mark.django_db

Image, Document = get_image_model(), get_document_model()


def sha256(data):
    return hashlib.sha256(data).hexdigest()


# Empty target databases, and plain connections to them ---------------------------------------


def postgres_params(name):
    source = connection.settings_dict
    params = {"dbname": name, "user": source["USER"], "host": source["HOST"]}
    params.update(password=source["PASSWORD"], port=source["PORT"])
    return {key: value for key, value in params.items() if value}


@contextmanager
def empty_database(folder):
    """A URL for a new, empty database of the engine the suite runs on."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{folder / 'restored.sqlite3'}"
        return
    import psycopg

    name = f"twinsite_restore_test_{secrets.token_hex(4)}"
    with psycopg.connect(**postgres_params("postgres"), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    source = connection.settings_dict
    password = f":{quote(source['PASSWORD'], safe='')}" if source["PASSWORD"] else ""
    port = f":{source['PORT']}" if source["PORT"] else ""
    try:
        yield f"postgres://{quote(source['USER'])}{password}@{source['HOST']}{port}/{name}"
    finally:
        with psycopg.connect(**postgres_params("postgres"), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def query(url, sql):
    """Rows from the restored database, read (or changed and committed) without Django."""
    config = environ.Env.db_url_config(url)
    if url.startswith("sqlite"):
        with closing(sqlite3.connect(config["NAME"])) as plain, plain:
            cursor = plain.execute(sql)
            return cursor.fetchall() if cursor.description else []
    import psycopg

    with psycopg.connect(**postgres_params(config["NAME"])) as plain:
        cursor = plain.execute(sql)
        return cursor.fetchall() if cursor.description else []


def tables_in(url):
    if url.startswith("sqlite"):
        return {row[0] for row in query(url, "SELECT name FROM sqlite_master WHERE type='table'")}
    sql = "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
    return {row[0] for row in query(url, sql)}


def table(model):
    return model._meta.db_table


def restore(archive, url, media, **options):
    out = StringIO()
    call_command(
        "restore", str(archive), database_url=url, media_root=str(media), stdout=out, **options
    )
    return out.getvalue()


# The archive and its restored copy, once per module ------------------------------------------


@pytest.fixture(scope="module")
def committed_document(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        document = Document.objects.create(
            title="Partnerschaftsvertrag · Charte de jumelage",
            file=ContentFile(b"%PDF-1.4\n% Naumburg - Les Ulis\n%%EOF\n", name="charte.pdf"),
        )
    yield document
    with django_db_blocker.unblock():
        document.delete()


@pytest.fixture(scope="module")
def archive(committed_document, tmp_path_factory, django_db_blocker):
    folder = tmp_path_factory.mktemp("backups")
    out = StringIO()
    with django_db_blocker.unblock():
        call_command("backup", output=f"{folder}/", stdout=out)
    (path,) = folder.iterdir()
    with tarfile.open(path) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    return SimpleNamespace(path=path, output=out.getvalue(), manifest=manifest)


@pytest.fixture(scope="module")
def restored(archive, tmp_path_factory, django_db_blocker):
    folder = tmp_path_factory.mktemp("restored")
    with empty_database(folder) as url:
        with django_db_blocker.unblock():
            output = restore(archive.path, url, folder / "media")
        yield SimpleNamespace(url=url, media=folder / "media", output=output)


# Backup ----------------------------------------------------------------------------------------


def test_backup_writes_one_private_archive_and_reports_progress(archive):
    files = archive.manifest["files"]
    media = [name for name in files if name.startswith("media/")]
    assert archive.path.name.startswith("twinsite-backup-")
    assert archive.path.suffix == ".tar"
    assert archive.path.stat().st_mode & 0o777 == 0o600
    assert "Database: dumping" in archive.output
    assert f"Media: {len(media)}/{len(media)} files" in archive.output
    assert "Manifest written" in archive.output
    assert f"Backup written: {archive.path}" in archive.output


def test_backup_holds_the_originals_and_no_renditions(archive, demo):
    with tarfile.open(archive.path) as tar:
        names = set(tar.getnames())
    originals = {f"media/{name}" for name in Image.objects.values_list("file", flat=True)}
    documents = {f"media/{name}" for name in Document.objects.values_list("file", flat=True)}
    assert originals and documents
    assert originals | documents <= names
    assert {"database.dump", "manifest.json"} <= names
    assert Rendition.objects.exists()  # the demo's renditions exist, yet none is archived
    assert not [name for name in names if name.startswith("media/images/")]


def test_manifest_checksums_match_every_archived_file(archive):
    with tarfile.open(archive.path) as tar:
        members = {member.name: tar.extractfile(member).read() for member in tar}
    files = archive.manifest["files"]
    assert set(files) == set(members) - {"manifest.json"}
    for name, entry in files.items():
        assert entry == {"sha256": sha256(members[name]), "size": len(members[name])}, name
    for name in Image.objects.values_list("file", flat=True):
        with default_storage.open(name) as original:
            assert files[f"media/{name}"]["sha256"] == sha256(original.read())


def test_manifest_describes_the_database(archive, demo):
    manifest = archive.manifest
    assert manifest["format"] == "twinsite-backup"
    assert manifest["format_version"] == 1
    assert manifest["created_at"]
    assert manifest["database"]["engine"] == connection.vendor
    assert manifest["versions"]["wagtail"] == wagtail.__version__
    assert manifest["migrations"]["wagtailcore"] >= "0098"
    assert manifest["migrations"]["wagtail_localize"]
    counts = manifest["counts"]
    assert counts["pages"] == {
        "de": Page.objects.filter(locale=demo.de, depth__gt=1).count(),
        "fr": Page.objects.filter(locale=demo.fr, depth__gt=1).count(),
    }
    assert counts["pages"]["de"] > 10 and counts["pages"]["fr"] > 10
    assert counts["revisions"] == Revision.objects.count() > 0
    assert counts["translation_sources"] == TranslationSource.objects.count() > 0
    assert counts["translations"] == Translation.objects.count() > 0
    assert counts["string_translations"] == StringTranslation.objects.count() > 0
    assert counts["images"] == Image.objects.count() > 0
    assert counts["documents"] == Document.objects.count() == 1
    assert manifest["tables"][table(Page)] == Page.objects.count()
    assert table(Rendition) not in manifest["tables"]


def test_backup_is_quiet_at_verbosity_0(committed_document, tmp_path):
    out = StringIO()
    call_command("backup", output=f"{tmp_path}/nightly/", verbosity=0, stdout=out)
    assert out.getvalue() == ""
    (path,) = (tmp_path / "nightly").iterdir()  # a new folder, the archive named by the date
    assert path.name.startswith("twinsite-backup-")
    assert tarfile.is_tarfile(path)


def test_backup_to_a_file_name(committed_document, tmp_path):
    call_command("backup", output=str(tmp_path / "before-upgrade.tar"), stdout=StringIO())
    assert [path.name for path in tmp_path.iterdir()] == ["before-upgrade.tar"]
    with pytest.raises(CommandError, match="exists already"):
        call_command("backup", output=str(tmp_path / "before-upgrade.tar"), stdout=StringIO())


def test_postgres_password_travels_in_the_environment_not_the_command_line():
    settings_dict = {
        "NAME": "twinsite",
        "USER": "twinsite",
        "PASSWORD": "s3cr3t-pa55",
        "HOST": "db.example.org",
        "PORT": "5432",
        "OPTIONS": {"sslmode": "require"},
    }
    command, env = postgres_command("pg_dump", settings_dict, "--format=custom", "twinsite")
    assert not [argument for argument in command if "s3cr3t" in argument]
    assert env["PGPASSWORD"] == "s3cr3t-pa55"
    assert env["PGSSLMODE"] == "require"
    assert command[:2] == ["pg_dump", "-w"]  # fail, never prompt, without a password


# Round trip ------------------------------------------------------------------------------------


def test_restore_verifies_then_reports_the_counts_it_checked(restored, archive):
    files = len(archive.manifest["files"])
    output = restored.output
    assert output.index(f"Verified: {files} files") < output.index("Database: restoring")
    for label in ("pages (de)", "pages (fr)", "revisions", "translation sources", "documents"):
        assert label in output
    assert "DIFFERS" not in output
    assert f"All {len(archive.manifest['tables'])} tables hold as many rows" in output


def test_every_page_comes_back_in_both_languages(restored, demo):
    columns = "p.id, l.language_code, p.url_path, p.title, p.live, p.translation_key"
    sql = (
        f"SELECT {columns} FROM {table(Page)} p "
        "JOIN wagtailcore_locale l ON l.id = p.locale_id WHERE p.depth > 1"
    )
    rows = {
        # SQLite keeps booleans as 0/1 and UUIDs as bare hex.
        (pk, code, path, title, bool(live), uuid.UUID(str(key)))
        for pk, code, path, title, live, key in query(restored.url, sql)
    }
    source = {
        (
            page.pk,
            page.locale.language_code,
            page.url_path,
            page.title,
            page.live,
            page.translation_key,
        )
        for page in Page.objects.filter(depth__gt=1).select_related("locale")
    }
    assert rows == source
    assert {"de", "fr"} == {row[1] for row in rows}


@pytest.mark.parametrize(
    "model", [Revision, TranslationSource, Translation, StringTranslation, Image, Document]
)
def test_revisions_translation_records_images_and_documents_come_back(restored, model):
    restored_ids = {row[0] for row in query(restored.url, f"SELECT id FROM {table(model)}")}
    assert restored_ids == set(model.objects.values_list("pk", flat=True))
    assert restored_ids


def test_revision_content_comes_back_unchanged(restored, demo):
    rows = query(restored.url, f"SELECT id, content FROM {table(Revision)}")
    restored_content = {
        pk: content if isinstance(content, dict) else json.loads(content) for pk, content in rows
    }
    assert restored_content == dict(Revision.objects.values_list("pk", "content"))


def test_media_originals_come_back_byte_for_byte(restored):
    names = list(Image.objects.values_list("file", flat=True))
    names += list(Document.objects.values_list("file", flat=True))
    for name in names:
        with default_storage.open(name) as original:
            assert sha256((restored.media / name).read_bytes()) == sha256(original.read()), name
    assert not (restored.media / "images").exists()
    assert query(restored.url, f"SELECT COUNT(*) FROM {table(Rendition)}") == [(0,)]


SERVE = """
import json, sys
import django

django.setup()
from django.test import Client, override_settings
from wagtail.images import get_image_model
from wagtail.models import Page

with override_settings(MEDIA_ROOT=sys.argv[1]):
    pages = {}
    for page in Page.objects.live().filter(depth__gt=1).order_by("path"):
        pages.setdefault((page.content_type_id, page.locale_id), page)
    client = Client()
    statuses = {page.url: client.get(page.url).status_code for page in pages.values()}
    rendition = get_image_model().objects.order_by("pk").first().get_rendition("fill-40x40")
    print(json.dumps({
        "problems": [len(found) for found in Page.find_problems()],
        "statuses": statuses,
        "rendition": rendition.file.name,
    }))
"""


def test_the_restored_site_serves_every_page_type_in_both_languages(restored, demo):
    """A fresh process on the restored database and media: Wagtail's tree is sound, the first
    live page of each type answers 200 in each language, and renditions are made again from
    the originals. (One per type: each first rendering makes its renditions, a few seconds of
    AVIF encoding per page; the rows of every page are compared above.)"""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "twinsite.settings.test"}
    env["DATABASE_URL"] = restored.url
    result = subprocess.run(
        [sys.executable, "-c", SERVE, str(restored.media)],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert answer["problems"] == [0, 0, 0, 0, 0]
    assert set(answer["statuses"].values()) == {200}
    live = Page.objects.live().filter(depth__gt=1)
    kinds = set(live.order_by().values_list("content_type", "locale").distinct())
    assert len(answer["statuses"]) == len(kinds) > 10
    assert {url.split("/")[1] for url in answer["statuses"]} == {"de", "fr"}
    assert {"/de/", "/fr/"} <= set(answer["statuses"])
    assert (restored.media / answer["rendition"]).is_file()


def test_restore_replaces_an_existing_database_with_no_input(archive, tmp_path):
    with empty_database(tmp_path) as url:
        restore(archive.path, url, tmp_path / "media", verbosity=0)
        query(url, f"DELETE FROM {table(StringTranslation)}")  # someone's mistake since
        output = restore(archive.path, url, tmp_path / "media", interactive=False)
        assert "Replacing the" in output
        assert "DIFFERS" not in output
        restored = query(url, f"SELECT COUNT(*) FROM {table(StringTranslation)}")
        assert restored == [(archive.manifest["counts"]["string_translations"],)]


def test_check_only_verifies(archive):
    out = StringIO()
    call_command("restore", str(archive.path), check=True, stdout=out)
    assert "Verified:" in out.getvalue()
    assert "Database: restoring" not in out.getvalue()


# Refusals: a changed, missing or extra file, a non-empty target, another engine -----------------


def flip_byte(path, member_name):
    with tarfile.open(path) as tar:
        member = tar.getmember(member_name)
    with path.open("r+b") as raw:
        raw.seek(member.offset_data + member.size // 2)
        byte = raw.read(1)
        raw.seek(-1, os.SEEK_CUR)
        raw.write(bytes([byte[0] ^ 0xFF]))


def copy_archive(source, target, skip=(), extra=None):
    with tarfile.open(source) as original, tarfile.open(target, "w") as copy:
        for member in original:
            if member.name not in skip:
                copy.addfile(member, original.extractfile(member))
        if extra:
            info = tarfile.TarInfo(extra)
            info.size = 4
            copy.addfile(info, BytesIO(b"evil"))


def assert_refused(archive_path, tmp_path, *messages):
    with empty_database(tmp_path) as url:
        with pytest.raises(CommandError) as refused:
            restore(archive_path, url, tmp_path / "media")
        assert "nothing was restored" in str(refused.value)
        for message in messages:
            assert message in str(refused.value)
        assert tables_in(url) == set()
    assert not (tmp_path / "media").exists()


@pytest.mark.parametrize("target", ["database.dump", "a media original"])
def test_a_changed_byte_is_refused_and_nothing_restored(archive, tmp_path, target):
    name = target if target == "database.dump" else f"media/{Image.objects.first().file.name}"
    tampered = tmp_path / "tampered.tar"
    tampered.write_bytes(archive.path.read_bytes())
    flip_byte(tampered, name)
    assert_refused(tampered, tmp_path, f"{name}: SHA-256 checksum does not match")


def test_a_missing_file_is_refused_and_nothing_restored(archive, tmp_path):
    name = f"media/{Document.objects.get().file.name}"
    incomplete = tmp_path / "incomplete.tar"
    copy_archive(archive.path, incomplete, skip={name})
    assert_refused(incomplete, tmp_path, f"{name}: missing from the archive")


def test_a_file_the_manifest_does_not_list_is_refused(archive, tmp_path):
    padded = tmp_path / "padded.tar"
    copy_archive(archive.path, padded, extra="media/original_images/extra.php")
    assert_refused(padded, tmp_path, "extra.php: in the archive but not in the manifest")


def test_a_non_empty_database_is_left_alone_without_a_yes(archive, tmp_path, monkeypatch):
    with empty_database(tmp_path) as url:
        query(url, "CREATE TABLE keep_me (x integer)")
        answers = iter(["no"])
        monkeypatch.setattr("builtins.input", lambda question: next(answers))
        with pytest.raises(CommandError, match="Restore cancelled; nothing was changed"):
            restore(archive.path, url, tmp_path / "media")
        monkeypatch.undo()
        # Without a terminal to ask on, the answer is no as well.
        with pytest.raises(CommandError, match="Restore cancelled"):
            restore(archive.path, url, tmp_path / "media")
        assert tables_in(url) == {"keep_me"}
    assert not (tmp_path / "media").exists()


def test_the_target_must_use_the_archives_engine(archive, tmp_path):
    other = (
        "postgres://nobody@127.0.0.1:1/nowhere"
        if connection.vendor == "sqlite"
        else f"sqlite:///{tmp_path / 'other.sqlite3'}"
    )
    with pytest.raises(CommandError, match="Restore into the same engine"):
        restore(archive.path, other, tmp_path / "media")
    assert not (tmp_path / "media").exists()
    assert not (tmp_path / "other.sqlite3").exists()
