"""Deletes the addresses network life no longer needs (for the hourly timer; idempotent):
reminders of calls that have closed, and reminders or subscriptions not confirmed within a week."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from news.models import UNCONFIRMED_KEPT_FOR, CallReminder, Subscriber


class Command(BaseCommand):
    help = "Deletes call reminders of closed calls and addresses not confirmed within a week."

    def handle(self, *args, **options):
        too_old = timezone.now() - UNCONFIRMED_KEPT_FOR
        closed = CallReminder.objects.filter(call__closes_on__lt=timezone.localdate())
        reminders, _ = closed.delete()
        unconfirmed, _ = CallReminder.objects.filter(
            confirmed_at__isnull=True, consented_at__lt=too_old
        ).delete()
        subscribers, _ = Subscriber.objects.filter(
            confirmed_at__isnull=True, consented_at__lt=too_old
        ).delete()
        self.stdout.write(
            f"{reminders + unconfirmed} call reminder(s) and {subscribers} unconfirmed subscriber(s) deleted"
        )
