from django.core.management.base import BaseCommand
from django.db import transaction

from home.demo.home import ensure_locales, load_home, load_identity
from home.demo.users import DEMO_PASSWORD, EDITORS, load_users


class Command(BaseCommand):
    help = (
        "Load the bilingual demo content: locales, home pages, site identity and demo users. "
        "Safe to run again: what exists is kept, what is missing is added."
    )

    def handle(self, *args, **options):
        log = self.stdout.write
        with transaction.atomic():
            log("Locales")
            german, french = ensure_locales()
            log("Home pages")
            home = load_home(log, german=german, french=french)
            log("Site identity")
            load_identity(log, german=german, french=french)
            log("Users")
            load_users(log, homes={"de": home, "fr": home.get_translation(french)})

        log(self.style.SUCCESS("Demo content ready."))
        log(f"Log in at /admin/ with password '{DEMO_PASSWORD}' as:")
        log("  admin      superuser")
        for spec in EDITORS:
            log(f"  {spec['username']:<10} {spec['group']} (admin in '{spec['language']}')")
