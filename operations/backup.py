"""Backup archives: one tar file holding the database, the media originals and a manifest.

One uncompressed tar, because a single file is easy to copy off the server, to
rotate and to check, and because what goes in is already compressed (the
custom-format dump, JPEG/PNG/PDF uploads): compressing again would cost time for
little gain. ``manifest.json`` is written last, since it holds every other
member's SHA-256; restore finds it by name and reads it first.

The database is captured consistently: PostgreSQL through ``pg_dump -Fc`` on a
snapshot exported by a repeatable-read transaction, in which the manifest's
counts are taken too; SQLite through its online backup API from the live
connection (which also covers an in-memory database), counted in the copy.
Wagtail's renditions (``images/``) are left out, files and rows alike: Wagtail
makes them again from the originals, and a rendition row without its file
would be served as a broken image.

Restore checks every checksum before it touches anything, writes the media
first (it only adds files) and then the database in one transaction, and
finally compares the restored rows with the manifest.
"""

import copy
import hashlib
import io
import json
import os
import posixpath
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path, PurePosixPath

import django
import environ
import wagtail
from django.apps import apps
from django.core.files import File
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.postgresql.client import DatabaseClient as PostgresClient
from django.db.utils import load_backend
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.models import AbstractRendition
from wagtail.models import Locale, Page, Revision
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

FORMAT = "twinsite-backup"
FORMAT_VERSION = 1
MANIFEST_FILE = "manifest.json"
DATABASE_FILE = "database.dump"
MEDIA_PREFIX = "media/"
# Wagtail writes every rendition under this top-level folder of the media
# storage (AbstractRendition.get_upload_to); everything else there is an upload.
RENDITIONS_DIR = "images"
ENGINES = {"postgresql", "sqlite"}
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is meant for the operator."""


def megabytes(size):
    return f"{size / 1_000_000:.1f} MB"


def progress_points(total, every=2.0):
    """Whether to print progress now: every couple of seconds, and always at the end."""
    last = time.monotonic()

    def due(done):
        nonlocal last
        if done == total or time.monotonic() - last >= every:
            last = time.monotonic()
            return True
        return False

    return due


# Databases ---------------------------------------------------------------------------------------


def database_settings(url=None):
    """A complete settings dict for the target: DATABASE_URL's by default, or ``url``'s."""
    if url:
        try:
            config = environ.Env.db_url_config(url)
        except Exception as error:  # noqa: BLE001 - django-environ raises several kinds
            raise BackupError(f"Cannot read the database URL: {error}") from error
        return connections.configure_settings({DEFAULT_DB_ALIAS: config})[DEFAULT_DB_ALIAS]
    # connections[...] rather than settings.DATABASES: the test runner renames the database.
    settings_dict = copy.deepcopy(connections[DEFAULT_DB_ALIAS].settings_dict)
    settings_dict["OPTIONS"].pop("pool", None)
    return settings_dict


def engine_of(settings_dict):
    return load_backend(settings_dict["ENGINE"]).DatabaseWrapper.vendor


def describe(settings_dict):
    """The database's name for messages: never a password, and not the host either."""
    return f"{engine_of(settings_dict)} database {settings_dict['NAME']}"


def is_in_memory(settings_dict):
    name = str(settings_dict["NAME"])
    return name == ":memory:" or "mode=memory" in name


def is_default(settings_dict):
    default = connections[DEFAULT_DB_ALIAS].settings_dict
    keys = ("ENGINE", "NAME", "HOST", "PORT")
    return all(str(settings_dict.get(k)) == str(default.get(k)) for k in keys)


def open_database(settings_dict):
    """A Django connection of its own, outside ``connections``: it never joins a request's
    transaction, and it can point at a database the settings do not name."""
    backend = load_backend(settings_dict["ENGINE"])
    return backend.DatabaseWrapper(copy.deepcopy(settings_dict), alias="twinsite_backup")


def postgres_command(program, settings_dict, *arguments):
    """Arguments and environment for a PostgreSQL client program.

    The password (and the TLS and service options) travel in the environment, as
    Django's own ``dbshell`` passes them: a command line is visible to every user
    of the machine in ``ps``. ``-w`` makes a missing password an error, not a prompt.
    """
    _, env = PostgresClient.settings_to_cmd_args_env(settings_dict, [])
    command = [program, "-w"]
    if settings_dict.get("USER"):
        command += ["-U", settings_dict["USER"]]
    if settings_dict.get("HOST"):
        command += ["-h", settings_dict["HOST"]]
    if settings_dict.get("PORT"):
        command += ["-p", str(settings_dict["PORT"])]
    return [*command, *arguments], env or {}


def run_postgres(program, settings_dict, *arguments):
    command, env = postgres_command(program, settings_dict, *arguments)
    if shutil.which(program) is None:
        raise BackupError(f"{program} is not installed (apt-get install postgresql-client).")
    result = subprocess.run(
        command, env={**os.environ, **env}, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(f"{program} failed:\n{result.stderr.strip()}")
    return result


def rendition_tables():
    return {
        model._meta.db_table
        for model in apps.get_models()
        if issubclass(model, AbstractRendition) and not model._meta.abstract
    }


def model_tables():
    """Every table behind a model (many-to-many tables included), renditions excepted."""
    tables = {
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }
    return (tables | {"django_migrations"}) - rendition_tables()


def table_of(model):
    return model._meta.db_table


# What the manifest counts and restore compares, with the labels it prints.
COUNTED = {
    "revisions": Revision,
    "translation_sources": TranslationSource,
    "translations": Translation,
    "string_translations": StringTranslation,
}


def counted_models():
    return {**COUNTED, "images": get_image_model(), "documents": get_document_model()}


def inspect_database(wrapper):
    """Row counts, headline counts and the migration state of one database."""
    quote = wrapper.ops.quote_name
    with wrapper.cursor() as cursor:
        existing = set(wrapper.introspection.table_names(cursor))
        tables = {}
        for table in sorted(model_tables() & existing):
            cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")
            tables[table] = cursor.fetchone()[0]
        pages = {}
        if {table_of(Page), table_of(Locale)} <= existing:
            cursor.execute(
                f"SELECT l.language_code, COUNT(*) FROM {quote(table_of(Page))} p "
                f"JOIN {quote(table_of(Locale))} l ON l.id = p.locale_id "
                "WHERE p.depth > 1 GROUP BY l.language_code ORDER BY l.language_code"
            )
            pages = dict(cursor.fetchall())
        migrations = {}
        if "django_migrations" in existing:
            cursor.execute("SELECT app, name FROM django_migrations")
            for app, name in cursor.fetchall():
                migrations[app] = max(name, migrations.get(app, name))
    counts = {"pages": pages}
    for key, model in counted_models().items():
        counts[key] = tables.get(table_of(model), 0)
    return {
        "counts": counts,
        "tables": tables,
        "migrations": dict(sorted(migrations.items())),
    }


def table_count(settings_dict):
    """How many tables the target holds, and how many pages: (0, 0) for a new database."""
    if engine_of(settings_dict) == "sqlite":
        path = Path(settings_dict["NAME"])
        if not path.exists() or path.stat().st_size == 0:
            return 0, 0
    wrapper = open_database(settings_dict)
    try:
        with wrapper.cursor() as cursor:
            tables = wrapper.introspection.table_names(cursor)
            pages = 0
            if table_of(Page) in tables:
                cursor.execute(f"SELECT COUNT(*) FROM {wrapper.ops.quote_name(table_of(Page))}")
                pages = cursor.fetchone()[0]
        return len(tables), pages
    except Exception as error:  # noqa: BLE001 - report any driver's connection failure
        raise BackupError(f"Cannot open the {describe(settings_dict)}: {error}") from error
    finally:
        wrapper.close()


def dump_database(path, report):
    """Write the default database to ``path``; return what the manifest says about it."""
    settings_dict = database_settings()
    engine = engine_of(settings_dict)
    if engine not in ENGINES:
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {engine}.")
    report(f"Database: dumping {describe(settings_dict)} ...")
    dump = _dump_postgresql if engine == "postgresql" else _dump_sqlite
    facts = dump(settings_dict, path)
    report(f"Database: {megabytes(path.stat().st_size)}")
    return {"engine": engine, **facts}


def _dump_postgresql(settings_dict, path):
    # The counts and the dump must describe the same moment although the site keeps
    # writing: pg_dump joins the snapshot of the transaction that counts.
    wrapper = open_database(settings_dict)
    try:
        wrapper.ensure_connection()
        wrapper.set_autocommit(False)
        with wrapper.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
        facts = inspect_database(wrapper)
        server = ".".join(str(part) for part in wrapper.get_database_version())
        excluded = [f"--exclude-table-data={table}" for table in sorted(rendition_tables())]
        run_postgres(
            "pg_dump",
            settings_dict,
            "--format=custom",
            f"--snapshot={snapshot}",
            *excluded,
            f"--file={path}",
            settings_dict["NAME"],
        )
        pg_dump = subprocess.run(
            ["pg_dump", "--version"], capture_output=True, text=True, check=True
        ).stdout.strip()
        wrapper.rollback()
    finally:
        wrapper.close()
    return {**facts, "server_version": server, "dump_tool": pg_dump}


def _dump_sqlite(_settings_dict, path):
    # The live connection, not the file: that also covers an in-memory database,
    # and SQLite's backup API copies a consistent state while others write.
    live = connections[DEFAULT_DB_ALIAS]
    live.ensure_connection()
    target = sqlite3.connect(path)
    try:
        live.connection.backup(target)
        for table in sorted(rendition_tables()):
            target.execute(f'DELETE FROM "{table}"')
        target.commit()
    finally:
        target.close()
    wrapper = open_database(database_settings(f"sqlite:///{path.resolve()}"))
    try:
        facts = inspect_database(wrapper)
    finally:
        wrapper.close()
    return {**facts, "server_version": sqlite3.sqlite_version, "dump_tool": "sqlite3 backup API"}


def load_database(settings_dict, dump_path, report):
    """Replace the target's content with the dump, all or nothing."""
    size = megabytes(dump_path.stat().st_size)
    report(f"Database: restoring {size} into {describe(settings_dict)} ...")
    if engine_of(settings_dict) == "postgresql":
        run_postgres(
            "pg_restore",
            settings_dict,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={settings_dict['NAME']}",
            str(dump_path),
        )
    else:
        target_path = Path(settings_dict["NAME"])
        target_path.parent.mkdir(parents=True, exist_ok=True)
        source = sqlite3.connect(f"file:{dump_path}?mode=ro", uri=True)
        target = sqlite3.connect(target_path)
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
    report("Database: restored")


# Media -------------------------------------------------------------------------------------------


def media_files(storage):
    """Every file in the media storage except Wagtail's renditions, through the storage API
    (so an S3 bucket works as a local folder does)."""

    def walk(folder):
        try:
            folders, files = storage.listdir(folder)
        except FileNotFoundError:
            return
        for name in sorted(files):
            yield posixpath.join(folder, name)
        for name in sorted(folders):
            if folder or name != RENDITIONS_DIR:
                yield from walk(posixpath.join(folder, name))

    return list(walk(""))


def missing_originals(storage):
    """Files that image and document rows point at but the storage lacks."""
    names = set()
    for model in (get_image_model(), get_document_model()):
        names.update(model.objects.values_list("file", flat=True))
    return sorted(name for name in names if name and not storage.exists(name))


# Archives ----------------------------------------------------------------------------------------


class HashingReader:
    """Hashes what ``tarfile`` reads through it, so each file is read once."""

    def __init__(self, raw):
        self.raw = raw
        self.sha256 = hashlib.sha256()

    def read(self, size=-1):
        chunk = self.raw.read(size)
        self.sha256.update(chunk)
        return chunk


def add_member(tar, name, stream, size):
    info = tarfile.TarInfo(name)
    info.size = size
    info.mode = 0o600
    info.mtime = int(timezone.now().timestamp())
    reader = HashingReader(stream)
    tar.addfile(info, reader)
    return {"sha256": reader.sha256.hexdigest(), "size": size}


def archive_path(output):
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    name = f"twinsite-backup-{stamp}.tar"
    if Path(output).is_dir() or str(output).endswith(os.sep):
        return Path(output) / name
    return Path(output)


def package_version(name):
    try:
        return version(name)
    except PackageNotFoundError:
        return None


def write_backup(output, storage, report, warn):
    """Write one archive and return its path. Nothing is left behind if it fails."""
    path = archive_path(output)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        raise BackupError(f"{path} exists already.")
    partial = path.with_name(path.name + ".partial")
    # Password hashes, sessions and form submissions are inside: only the owner may read it.
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with (
            os.fdopen(descriptor, "wb") as raw,
            tempfile.TemporaryDirectory(prefix=".twinsite-backup-", dir=path.parent) as work,
            tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar,
        ):
            dump = Path(work) / DATABASE_FILE
            database = dump_database(dump, report)
            files = {}
            with dump.open("rb") as stream:
                files[DATABASE_FILE] = add_member(tar, DATABASE_FILE, stream, dump.stat().st_size)
            dump.unlink()

            for name in missing_originals(storage):
                warn(f"Media: {name} is missing from the storage; the backup cannot include it.")
            names = media_files(storage)
            due, total_size = progress_points(len(names)), 0
            for done, name in enumerate(names, start=1):
                try:
                    size = storage.size(name)
                    stream = storage.open(name, "rb")
                except FileNotFoundError:
                    # Deleted by an editor since the listing; the site keeps running meanwhile.
                    warn(f"Media: {name} disappeared during the backup; it is not included.")
                    continue
                with stream:
                    files[MEDIA_PREFIX + name] = add_member(tar, MEDIA_PREFIX + name, stream, size)
                total_size += size
                if due(done):
                    report(f"Media: {done}/{len(names)} files")
            report(f"Media: {len(files) - 1} files archived, {megabytes(total_size)}")

            manifest = build_manifest(database, files)
            body = json.dumps(manifest, indent=2, sort_keys=False).encode()
            add_member(tar, MANIFEST_FILE, io.BytesIO(body), len(body))
        report(f"Manifest written: {len(files)} files with SHA-256 checksums")
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return path


def build_manifest(database, files):
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created_at": timezone.now().isoformat(timespec="seconds"),
        "database": {
            "engine": database["engine"],
            "file": DATABASE_FILE,
            "server_version": database["server_version"],
            "dump_tool": database["dump_tool"],
            "excluded_table_data": sorted(rendition_tables()),
        },
        "versions": {
            "python": sys.version.split()[0],
            "django": django.get_version(),
            "wagtail": wagtail.__version__,
            "wagtail_localize": package_version("wagtail-localize"),
        },
        "migrations": database["migrations"],
        "counts": database["counts"],
        "tables": database["tables"],
        "files": files,
    }


def _check_name(name):
    parts = PurePosixPath(name).parts
    media = name.startswith(MEDIA_PREFIX) and len(parts) > 1
    safe = not name.startswith("/") and ".." not in parts and "\\" not in name
    return safe and (name == DATABASE_FILE or media)


def verify_archive(path, into, report):
    """Check every member against the manifest, extracting it into ``into``.

    Restore then reads only these verified copies. Any problem stops it with the
    whole list, before anything outside ``into`` is written.
    """
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path} does not exist.")
    try:
        with tarfile.open(path, "r:*") as tar:
            manifest = _read_manifest(tar)
            expected = manifest["files"]
            due = progress_points(len(expected))
            problems, seen = [], set()
            for member in tar:
                name = member.name
                if name == MANIFEST_FILE:
                    continue
                if name not in expected:
                    problems.append(f"{name}: in the archive but not in the manifest")
                    continue
                if name in seen or not member.isfile():
                    problems.append(f"{name}: not a single regular file")
                    continue
                seen.add(name)
                problem = _extract_checked(tar, member, into / name, expected[name])
                if problem:
                    problems.append(f"{name}: {problem}")
                if due(len(seen)):
                    report(f"Verifying: {len(seen)}/{len(expected)} files")
    except (tarfile.TarError, OSError, EOFError) as error:
        raise BackupError(f"{path} is not a readable backup archive: {error}") from error
    problems += [f"{name}: missing from the archive" for name in sorted(expected.keys() - seen)]
    if problems:
        raise BackupError(
            f"{path} failed verification; nothing was restored.\n  " + "\n  ".join(problems)
        )
    report(f"Verified: {len(expected)} files match their SHA-256 checksums")
    return manifest


def _read_manifest(tar):
    try:
        manifest = json.load(tar.extractfile(tar.getmember(MANIFEST_FILE)))
    except KeyError as error:
        raise BackupError(
            "The archive has no manifest.json: it is not a twinsite backup."
        ) from error
    except ValueError as error:
        raise BackupError(f"The archive's manifest.json is not valid JSON: {error}") from error
    if manifest.get("format") != FORMAT or manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            f"Unknown archive format {manifest.get('format')!r} version "
            f"{manifest.get('format_version')!r}; "
            f"this code reads {FORMAT} version {FORMAT_VERSION}."
        )
    files = manifest.get("files") or {}
    unsafe = sorted(name for name in files if not _check_name(name))
    if unsafe or DATABASE_FILE not in files:
        raise BackupError(f"The manifest lists unexpected files: {unsafe or 'no database'}")
    return manifest


def _extract_checked(tar, member, destination, expected):
    destination.parent.mkdir(parents=True, exist_ok=True)
    sha256, size = hashlib.sha256(), 0
    with tar.extractfile(member) as source, destination.open("wb") as target:
        while chunk := source.read(CHUNK):
            sha256.update(chunk)
            size += len(chunk)
            target.write(chunk)
    if size != expected.get("size"):
        return f"size {size}, the manifest says {expected.get('size')}"
    if sha256.hexdigest() != expected.get("sha256"):
        return "SHA-256 checksum does not match the manifest"
    return None


def restore_media(manifest, source, storage, report):
    names = sorted(name for name in manifest["files"] if name.startswith(MEDIA_PREFIX))
    due = progress_points(len(names))
    for done, member in enumerate(names, start=1):
        name = member.removeprefix(MEDIA_PREFIX)
        if storage.exists(name):
            storage.delete(name)
        with (source / member).open("rb") as stream:
            saved = storage.save(name, File(stream, name=name))
        if saved != name:
            raise BackupError(f"Media: the storage saved {name} as {saved}.")
        if due(done):
            report(f"Media: {done}/{len(names)} files")
    if not names:
        report("Media: the archive has no media files")


# Comparing ---------------------------------------------------------------------------------------


@dataclass
class Row:
    label: str
    archived: int
    restored: int

    @property
    def ok(self):
        return self.archived == self.restored


def compare(manifest, facts):
    """The headline counts side by side, then every table whose row count differs."""
    archived, restored = manifest["counts"], facts["counts"]
    rows = [
        Row(f"pages ({code})", archived["pages"].get(code, 0), restored["pages"].get(code, 0))
        for code in sorted(archived["pages"].keys() | restored["pages"].keys())
    ]
    rows += [
        Row(key.replace("_", " "), archived.get(key, 0), restored.get(key, 0))
        for key in counted_models()
    ]
    tables = manifest["tables"]
    rows += [
        Row(f"table {table}", tables.get(table, 0), facts["tables"].get(table, 0))
        for table in sorted(tables.keys() | facts["tables"].keys())
        if tables.get(table, 0) != facts["tables"].get(table, 0)
    ]
    return rows, len(tables)


def migration_notes(latest):
    """Compare an archive's latest migration per app with this code's.

    Returns the apps where the archive is ahead (it comes from newer code: restore
    with that release) and those where it is behind (run ``migrate`` afterwards).
    """
    from django.db.migrations.loader import MigrationLoader

    code = {}
    for app, name in MigrationLoader(None, ignore_no_migrations=True).disk_migrations:
        code[app] = max(name, code.get(app, name))
    ahead = sorted(
        f"{app}.{name}" for app, name in latest.items() if app in code and name > code[app]
    )
    behind = sorted(f"{app}.{name}" for app, name in code.items() if latest.get(app, "") < name)
    return ahead, behind
