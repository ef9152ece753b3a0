"""Run the accessibility checks on every page type and write the results into draft statements.

    manage.py accessibility_gates --base-url https://partnerschaft.example.org
    manage.py accessibility_gates --tools axe,nu --language fr

Needs Chromium, Java and Node and the gates' npm packages, as ``make test``
installs them (``sudo scripts/system-deps.sh``, ``make install-dev``). Each
statement gets a new draft revision with the report in its field "Automatic
checks"; an editor reviews and publishes it. Nothing is published here.
"""

from django.core.management.base import BaseCommand, CommandError

from accessibility import gates
from accessibility.models import AccessibilityStatementPage
from emails.rendering import site_base_url


class Command(BaseCommand):
    help = (
        "Run axe-core, the Nu HTML checker and Lighthouse on one page of every page type in "
        "each language and write the results into a new draft revision of each accessibility "
        "statement (never published)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            help="Where the site is served (default: the default site's root URL).",
        )
        parser.add_argument(
            "--tools",
            default=",".join(gates.TOOLS),
            help="Which checks to run, comma-separated (default: axe,nu,lighthouse).",
        )
        parser.add_argument(
            "--language",
            action="append",
            dest="languages",
            help="Check only this language's pages and statement (repeatable).",
        )
        parser.add_argument(
            "--page-type",
            action="append",
            dest="page_types",
            help="Check only this page type, as app.Model (repeatable; default: all).",
        )

    def handle(self, *args, base_url=None, tools="", languages=None, page_types=None, **options):
        base_url = (base_url or site_base_url()).rstrip("/") + "/"
        chosen = [tool.strip() for tool in tools.split(",") if tool.strip()]
        unknown = [tool for tool in chosen if tool not in gates.TOOLS]
        if unknown or not chosen:
            raise CommandError(f"Unknown tools {unknown}; choose from {', '.join(gates.TOOLS)}.")
        statements = AccessibilityStatementPage.objects.select_related("locale").order_by("path")
        if languages:
            statements = statements.filter(locale__language_code__in=languages)
        statements = list(statements)
        if not statements:
            raise CommandError("There is no accessibility statement to write the results into.")
        page_types = {label.lower() for label in page_types or ()}
        pages = gates.pages_to_check(languages, page_types)
        if not pages:
            raise CommandError("There is no live page to check.")
        self.stdout.write(f"Checking {len(pages)} pages at {base_url} with {', '.join(chosen)}")
        try:
            results = gates.run_checks(base_url, pages, chosen)
        except gates.ToolMissing as error:
            raise CommandError(str(error)) from error
        for findings in results:
            self.stdout.write(
                f"  {findings.tool} {findings.version}: {len(findings.lines)} findings, "
                f"{findings.clean} of {len(pages)} pages without"
            )
        for revision in gates.write_drafts(results, pages, base_url, statements):
            self.stdout.write(
                f"  draft revision {revision.pk} of “{revision.object_str}” (not published)"
            )
