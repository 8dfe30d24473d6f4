"""Tries again the newsletter deliveries that failed, once their last attempt is old enough.

For the hourly timer (``run_timers``): a delivery is claimed before it is sent, so two runs send
nobody an issue twice; after news.newsletter.MAX_ATTEMPTS attempts an address has failed for
good and is left alone (the issue's send page lists it).
"""

from django.core.management.base import BaseCommand

from news.newsletter import retry_failed


class Command(BaseCommand):
    help = "Retries the failed newsletter deliveries due for another attempt. Idempotent."

    def handle(self, *args, **options):
        self.stdout.write(f"{retry_failed()} newsletter delivery(ies) retried")
