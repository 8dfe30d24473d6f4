"""Delete the search counts of months older than the report keeps (SEARCH_COUNTS_KEEP_MONTHS,
13 by default: a year to compare a month with the same one last year). Idempotent, for the
hourly timer."""

from django.conf import settings
from django.core.management import BaseCommand, CommandError

from search.report import purge_counts


class Command(BaseCommand):
    help = "Delete the search counts of months older than --months months (the current one included)."

    def add_arguments(self, parser):
        parser.add_argument("--months", type=int, default=settings.SEARCH_COUNTS_KEEP_MONTHS)

    def handle(self, *args, **options):
        if options["months"] < 1:
            raise CommandError("--months must be 1 or more: the current month is always kept.")
        deleted = purge_counts(options["months"])
        if options["verbosity"] > 1 or deleted:
            self.stdout.write(f"{deleted} search count(s) deleted")
