from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError

from operations.backup import BackupError, megabytes, write_backup


class Command(BaseCommand):
    help = (
        "Write one backup archive (a .tar file) with the database, the media originals "
        "(not Wagtail's renditions) and a manifest.json with counts and a SHA-256 per file."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "-o",
            "--output",
            default=str(settings.BASE_DIR / "var" / "backups") + "/",
            help="A directory (the archive gets a dated name, UTC) or the archive's file name. "
            "Default: var/backups/",
        )

    def handle(self, *args, output, verbosity, **options):
        def report(line):
            if verbosity > 0:
                self.stdout.write(line)

        def warn(line):
            self.stderr.write(self.style.WARNING(line))

        try:
            path = write_backup(output, default_storage, report, warn)
        except BackupError as error:
            raise CommandError(str(error)) from error
        report(self.style.SUCCESS(f"Backup written: {path} ({megabytes(path.stat().st_size)})"))
