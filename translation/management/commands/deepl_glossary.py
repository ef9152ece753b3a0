"""Create the DeepL glossaries of partnership terms (``translation/glossary.py``).

DeepL glossaries cannot be edited: after changing the terms, run this again,
set the new ids and delete the old glossaries in DeepL.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.module_loading import import_string

from translation import glossary
from translation.machine import REASON_TEXTS, DeepLTranslator, MachineTranslationError
from translation.machine_config import DEEPL_GLOSSARY_VARIABLES


class Command(BaseCommand):
    help = (
        "Create DeepL glossaries of the partnership terms (German to French and French to "
        "German) and print the environment variables that make the editor use them."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--name", default="twinsite", help="Prefix of the glossaries' names in DeepL."
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Print the terms that would be sent, without calling DeepL.",
        )

    def handle(self, *, name, dry_run, **options):
        directions = [
            (source.lower(), target.lower()) for source, target in DEEPL_GLOSSARY_VARIABLES
        ]
        if dry_run:
            for source, target in directions:
                self.stdout.write(f"# {source} -> {target}")
                for source_term, target_term in glossary.entries(source, target):
                    self.stdout.write(f"{source_term}\t{target_term}")
            return

        translator = self.deepl_translator()
        lines = []
        for (source, target), variable in zip(
            directions, DEEPL_GLOSSARY_VARIABLES.values(), strict=True
        ):
            try:
                glossary_id = translator.create_glossary(
                    f"{name} {source}-{target}", source, target, glossary.entries(source, target)
                )
            except MachineTranslationError as error:
                raise CommandError(
                    f"DeepL did not create the {source}-{target} glossary: "
                    f"{REASON_TEXTS[error.reason]} ({error.detail or error.reason.name})"
                ) from error
            lines.append(f"{variable}={glossary_id}")
        self.stdout.write("Glossaries created. Add these lines to the environment (.env):")
        for line in lines:
            self.stdout.write(line)

    def deepl_translator(self):
        config = getattr(settings, "WAGTAILLOCALIZE_MACHINE_TRANSLATOR", None)
        translator_class = config and import_string(config["CLASS"])
        if not (translator_class and issubclass(translator_class, DeepLTranslator)):
            raise CommandError("DeepL is not configured: set DEEPL_AUTH_KEY first.")
        return translator_class(config.get("OPTIONS", {}))
