"""Deletes the askers' contact details a set time after their question ended.

    manage.py purge_askers [--days N]

Meant for a daily timer; running it twice changes nothing the second time. The question, its
answer and its dates stay (the figures need them), without anything that names the asker.
"""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from questions.models import Question
from questions.transitions import record


def purge_askers(days: int) -> int:
    cutoff = timezone.now() - timedelta(days=days)
    purged = 0
    due = Question.objects.filter(
        status__in=Question.FINISHED, finished_at__lt=cutoff, asker_data_deleted_on__isnull=True
    )
    for question in due.iterator():
        with transaction.atomic():
            question.asker_name = question.asker_email = question.asker_phone = ""
            question.asker_data_deleted_on = timezone.localdate()
            question.save(update_fields=["asker_name", "asker_email", "asker_phone", "asker_data_deleted_on"])
            record(question, "purge")
        purged += 1
    return purged


class Command(BaseCommand):
    help = (
        "Deletes the askers' contact details settings.QUESTIONS_KEEP_ASKER_DAYS after their question ended."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="Override QUESTIONS_KEEP_ASKER_DAYS.")

    def handle(self, *args, days=None, **options):
        days = settings.QUESTIONS_KEEP_ASKER_DAYS if days is None else days
        purged = purge_askers(days)
        self.stdout.write(f"{purged} asker(s)' details deleted")
