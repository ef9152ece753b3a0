from django.core.management.base import BaseCommand

from emails.rendering import site_base_url
from registrations import housekeeping


class Command(BaseCommand):
    help = (
        "Send the reminders of events coming up and remove the personal data of registrations "
        "for events that ended REGISTRATIONS_RETENTION_DAYS ago. Run it from cron (hourly), or "
        "once with --schedule to let the mail worker run it every "
        "REGISTRATIONS_HOUSEKEEPING_SECONDS."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="Queue the self-repeating task on the mail worker instead (once is enough).",
        )

    def handle(self, *args, schedule=False, **options):
        base_url = site_base_url()
        if schedule:
            queued = housekeeping.schedule(base_url)
            self.stdout.write(
                "Housekeeping queued for the mail worker."
                if queued
                else "Housekeeping is queued already; nothing added."
            )
            return
        reminded = housekeeping.send_reminders(base_url)
        events, removed = housekeeping.remove_personal_data()
        self.stdout.write(
            f"Reminders queued: {reminded}. Personal data removed: {removed} registrations "
            f"of {events} events."
        )
