"""Delete the registrations of events that ended more than the retention period ago (90 days by
default, as the registration form's consent line says). Idempotent, for the hourly timer."""

from datetime import timedelta

from django.core.management import BaseCommand

from agenda.registrations import RETENTION_AFTER_EVENT, purge_registrations


class Command(BaseCommand):
    help = "Delete the registrations of events that ended more than --days days ago."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=RETENTION_AFTER_EVENT.days)

    def handle(self, *args, **options):
        deleted = purge_registrations(retention=timedelta(days=options["days"]))
        if options["verbosity"] > 1 or deleted:
            self.stdout.write(f"{deleted} registration(s) deleted")
