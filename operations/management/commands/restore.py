import tempfile
from pathlib import Path

from django.core.cache import caches
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from operations import backup
from operations.backup import BackupError


class Command(BaseCommand):
    help = (
        "Restore a backup archive made by 'backup': verify every checksum first, then write "
        "the media originals and replace the database's content, then compare the counts "
        "with the manifest. Stop the app servers first."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The .tar file written by 'manage.py backup'.")
        parser.add_argument(
            "--database-url",
            help="Restore into this database instead of DATABASE_URL's, e.g. "
            "postgres://user@host:5432/name (which must exist) or sqlite:////path/db.sqlite3.",
        )
        parser.add_argument(
            "--media-root",
            help="Write the media files into this directory instead of the media storage.",
        )
        parser.add_argument(
            "--no-input",
            "--noinput",
            action="store_false",
            dest="interactive",
            help="Do not ask before replacing a database that is not empty.",
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="Only verify the archive against its manifest; restore nothing.",
        )

    def handle(self, *args, verbosity, **options):
        self.verbosity = verbosity
        try:
            self.restore(**options)
        except BackupError as error:
            raise CommandError(str(error)) from error

    def report(self, line):
        if self.verbosity > 0:
            self.stdout.write(line)

    def restore(self, archive, database_url, media_root, interactive, check, **options):
        target = backup.database_settings(database_url)
        with tempfile.TemporaryDirectory(prefix="twinsite-restore-") as work:
            manifest = backup.verify_archive(archive, Path(work), self.report)
            self.describe_archive(manifest)
            if check:
                return
            self.check_target(manifest, target, interactive)
            storage = FileSystemStorage(location=media_root) if media_root else default_storage
            backup.restore_media(manifest, Path(work), storage, self.report)
            if backup.is_default(target):
                # Our own connection would hold locks that the restore waits for.
                connections.close_all()
            backup.load_database(target, Path(work) / backup.DATABASE_FILE, self.report)
        self.check_counts(manifest, target)
        if backup.is_default(target):
            for alias in caches:
                caches[alias].clear()
            self.report("Caches cleared")
        self.report(self.style.SUCCESS(f"Restored {archive}"))

    def describe_archive(self, manifest):
        versions = manifest["versions"]
        self.report(
            f"Archive: {manifest['database']['engine']} backup of {manifest['created_at']}, "
            f"Wagtail {versions['wagtail']}, Django {versions['django']}"
        )
        ahead, _ = backup.migration_notes(manifest["migrations"])
        if ahead:
            self.stderr.write(
                self.style.WARNING(
                    "The archive comes from newer code than this (migrations unknown here: "
                    + ", ".join(ahead)
                    + "). Restore it with the release that made it."
                )
            )

    def check_target(self, manifest, target, interactive):
        engine = backup.engine_of(target)
        if engine != manifest["database"]["engine"]:
            raise BackupError(
                f"The archive holds a {manifest['database']['engine']} database; "
                f"the target is a {engine} database. Restore into the same engine."
            )
        if engine == "sqlite" and backup.is_in_memory(target):
            raise BackupError("Cannot restore into an in-memory SQLite database.")
        tables, pages = backup.table_count(target)
        if not tables:
            return
        question = (
            f"The {backup.describe(target)} is not empty ({tables} tables, {pages} pages). "
            "Restoring replaces its content with the archive's. Type 'yes' to continue: "
        )
        if not interactive:
            self.report(f"Replacing the {backup.describe(target)} ({tables} tables, {pages} pages)")
            return
        try:
            answer = input(question)
        except (EOFError, OSError):
            answer = ""
        if answer.strip().lower() != "yes":
            raise BackupError(
                "Restore cancelled; nothing was changed. "
                "Use --no-input to replace a database that is not empty."
            )

    def check_counts(self, manifest, target):
        wrapper = backup.open_database(target)
        try:
            facts = backup.inspect_database(wrapper)
        finally:
            wrapper.close()
        rows, tables = backup.compare(manifest, facts)
        width = max(len(row.label) for row in rows)
        self.report(f"{'':<{width}}  {'archive':>8}  {'restored':>8}")
        for row in rows:
            mark = "ok" if row.ok else "DIFFERS"
            self.report(f"{row.label:<{width}}  {row.archived:>8}  {row.restored:>8}  {mark}")
        wrong = [row for row in rows if not row.ok]
        if wrong:
            raise BackupError(
                "The restored database does not match the manifest: "
                + "; ".join(
                    f"{r.label}: {r.archived} archived, {r.restored} restored" for r in wrong
                )
            )
        self.report(f"All {tables} tables hold as many rows as the manifest says")
        _, behind = backup.migration_notes(facts["migrations"])
        if behind:
            self.report(
                self.style.WARNING(
                    "This code has newer migrations than the archive ("
                    + ", ".join(behind)
                    + "): run 'manage.py migrate'."
                )
            )
