"""Mail each confirmed person the reminder of their event, the event's number of days before.

Idempotent (meant for the hourly timer, `run_timers`): each reminder is recorded once in
core.SentMessage, so a second run, or two at once, sends nothing more.
"""

from django.core.management import BaseCommand

from agenda.registrations import send_reminders


class Command(BaseCommand):
    help = "Send the reminders of the coming events (each once)."

    def handle(self, *args, **options):
        sent = send_reminders()
        if options["verbosity"] > 1 or sent:
            self.stdout.write(f"{sent} reminder(s) sent")
