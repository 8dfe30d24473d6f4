"""Reminders before a due date, expiry of requests not accepted in time, escalation of late steps.

    manage.py question_reminders

Meant for a timer (several runs a day are fine): each mail is sent once per step and due date
(core.mail's once_key), and a request expires once.
"""

from django.core.management.base import BaseCommand

from questions.deadlines import run_deadlines


class Command(BaseCommand):
    help = "Sends the circle's reminders and escalations, and frees questions not accepted in time."

    def handle(self, *args, **options):
        done = run_deadlines()
        self.stdout.write(
            f"{done.reminded} reminder(s), {done.coordinators_reminded} routing reminder(s), "
            f"{done.expired} request(s) expired, {done.escalated} escalation(s)"
        )
