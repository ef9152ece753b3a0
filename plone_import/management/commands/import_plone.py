"""manage.py import_plone EXPORT_DIR [--dry-run] [--mapping FILE] [--report FILE]"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from home.models import HomePage
from plone_import.importer import Importer
from plone_import.mapping import load_mapping
from plone_import.plan import describe, make_plan, not_imported
from plone_import.reader import ExportError, read_export
from plone_import.report import progress


class Command(BaseCommand):
    help = "Import a collective.exportimport export of a (multilingual) Plone site."

    def add_arguments(self, parser):
        parser.add_argument(
            "export_dir", help="the directory with content.json, translations.json, ..."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="print the plan and write nothing"
        )
        parser.add_argument("--mapping", help="a TOML file: where Plone paths and types go")
        parser.add_argument(
            "--report",
            default="plone-import-report.json",
            help="where to write the report as JSON (default: %(default)s)",
        )

    def handle(self, *args, **options):
        try:
            export = read_export(options["export_dir"])
            mapping = load_mapping(options.get("mapping"))
        except ExportError as error:
            raise CommandError(str(error)) from error
        languages = set(HomePage.objects.values_list("locale__language_code", flat=True))
        plan = make_plan(export, mapping, languages)
        if options["dry_run"]:
            describe(plan, self.stdout.write)
            self.stdout.write(_("Dry run: nothing was written."))
            return
        tty = getattr(self.stdout, "isatty", lambda: False)() or sys.stdout.isatty()

        def show(done, total):
            if tty:
                self.stdout.write("\r", ending="")
                progress(lambda line: self.stdout.write(line, ending=""), done, total)
                if done == total:
                    self.stdout.write("")
            elif done == total or done % 10 == 0:
                progress(self.stdout.write, done, total)

        report = Importer(plan, collections=mapping.collections, progress=show).run()
        report.notes = not_imported(export)
        report.write_text(self.stdout.write)
        path = Path(options["report"])
        report.write_json(path)
        self.stdout.write(_("The report is in %(path)s.") % {"path": path})
