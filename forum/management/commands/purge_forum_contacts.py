"""Deletes the personal data the forum no longer needs (for the daily timer; idempotent):
proposals not confirmed within a week, and every proposal and volunteer a year after it was
sent. The topic pages stay: they show the structure only."""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from forum.models import TopicProposal, Volunteer
from forum.views import CONFIRMATION_LINK_AGE

KEPT_FOR = datetime.timedelta(days=365)


class Command(BaseCommand):
    help = "Deletes unconfirmed topic proposals after a week, and proposals and volunteers after a year."

    def handle(self, *args, **options):
        now = timezone.now()
        unconfirmed, _ = TopicProposal.objects.filter(
            confirmed_at__isnull=True, created_at__lt=now - CONFIRMATION_LINK_AGE
        ).delete()
        old, _ = TopicProposal.objects.filter(created_at__lt=now - KEPT_FOR).delete()
        volunteers, _ = Volunteer.objects.filter(created_at__lt=now - KEPT_FOR).delete()
        self.stdout.write(f"{unconfirmed + old} topic proposal(s) and {volunteers} volunteer(s) deleted")
