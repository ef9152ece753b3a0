from django.core.management.base import BaseCommand

from demo.accessibility import load_accessibility
from demo.easyread import load_easy_read
from demo.forms import load_forms
from demo.home import ensure_locales, load_home, load_identity
from demo.newsletter import load_newsletter
from demo.registrations import load_registrations
from demo.sections import load_sections
from demo.subscriptions import load_subscriptions
from demo.users import DEMO_PASSWORD, EDITORS, load_users


class Command(BaseCommand):
    help = (
        "Load the bilingual demo content: locales, home pages, site identity, partner towns, "
        "associations, reports, workshops, exhibitions, artist exchanges, registrations for the "
        "upcoming workshop and opening, the newsletter and its subscription page and readers, "
        "the two towns' accessibility statements, the Leichte Sprache and FALC pages, "
        "and demo users. "
        "Safe to run again: what exists is kept, what is missing is added."
    )

    def handle(self, *args, **options):
        log = self.stdout.write
        # No surrounding transaction: wagtail-localize publishes each translation
        # on commit, and children must only be added once their parent is published.
        # Every step is idempotent, so a run that stops half-way is simply run again.
        log("Locales")
        german, french = ensure_locales()
        log("Home pages")
        home = load_home(log, german=german, french=french)
        log("Site identity")
        load_identity(log, german=german, french=french)
        homes = {"de": home, "fr": home.get_translation(french)}
        load_sections(log, locales={"de": german, "fr": french}, homes=homes)
        log("Newsletter")
        load_newsletter(log, home=home, french=french)
        log("Privacy page and forms")
        privacy = load_forms(log, home=home, french=french)
        log("Accessibility statements")
        load_accessibility(log, homes=homes, privacy=privacy)
        log("Event registration")
        load_registrations(log, locales={"de": german, "fr": french}, privacy=privacy)
        log("Subscription page and readers")
        load_subscriptions(log, home=home, french=french, privacy=privacy)
        log("Leichte Sprache and FALC")
        load_easy_read(log, homes=homes)
        log("Users")
        load_users(log, homes=homes)

        log(self.style.SUCCESS("Demo content ready."))
        log(f"Log in at /admin/ with password '{DEMO_PASSWORD}' as:")
        log("  admin      superuser")
        for spec in EDITORS:
            log(f"  {spec['username']:<10} {spec['group']} (admin in '{spec['language']}')")
