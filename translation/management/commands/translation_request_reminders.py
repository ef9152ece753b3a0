from django.core.management.base import BaseCommand

from translation.handoff import send_reminders
from translation.tasks import schedule_reminders


class Command(BaseCommand):
    help = (
        "Remind the team asked for a translation when the request's wished-for date has passed "
        "and it is still open (once per request). Run it from cron (hourly), or once with "
        "--schedule to let the mail worker run it every TRANSLATION_REQUEST_REMINDER_SECONDS."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="Queue the self-repeating task on the mail worker instead (once is enough).",
        )

    def handle(self, *args, schedule=False, **options):
        if schedule:
            queued = schedule_reminders()
            self.stdout.write(
                "Translation request reminders queued for the mail worker."
                if queued
                else "Translation request reminders are queued already; nothing added."
            )
            return
        self.stdout.write(f"Translation requests reminded: {send_reminders()}.")
