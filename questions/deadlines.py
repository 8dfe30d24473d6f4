"""What the timer does with due dates (manage.py question_reminders), in three passes:

1. a reminder to each person whose request (to accept, or to answer) is due within
   settings.QUESTIONS_REMINDER_WORKING_DAYS_BEFORE working days, and to the coordinator for
   each question still to route within that time;
2. a request not accepted by its due date expires: the question is freed for someone else when
   nobody else holds it (transitions.expire, which tells the coordinator);
3. the coordinator hears of every question whose current step is late.

Idempotent: mails carry a once-key per step and due date, an expired request is no longer open.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import notify, transitions
from .models import Assignment, Question
from .working_days import add_working_days


@dataclass
class DeadlinesDone:
    reminded: int = 0
    coordinators_reminded: int = 0
    expired: int = 0
    escalated: int = 0


LATE_STEP = {
    Question.Status.RECEIVED: _("It waits to be handed to resource persons."),
    Question.Status.ROUTED: _("Nobody has accepted it yet."),
    Question.Status.SEARCHING: _("The answer is late."),
    Question.Status.ANSWERED: _("The answer waits for your review."),
}


def run_deadlines(today=None) -> DeadlinesDone:
    today = today or timezone.localdate()
    done = DeadlinesDone()
    horizon = add_working_days(today, settings.QUESTIONS_REMINDER_WORKING_DAYS_BEFORE)
    soon = Assignment.objects.filter(
        status__in=Assignment.OPEN, due_on__gte=today, due_on__lte=horizon, person__active=True
    ).select_related("question", "person")
    for assignment in soon:
        if notify.remind(assignment):
            transitions.record(assignment.question, "remind", person=assignment.person)
            done.reminded += 1
    to_route = Question.objects.filter(
        status=Question.Status.RECEIVED, due_on__gte=today, due_on__lte=horizon
    )
    for question in to_route:
        if notify.remind_coordinators(question):
            transitions.record(question, "remind_route", status=question.status)
            done.coordinators_reminded += 1
    for assignment in Assignment.objects.filter(status=Assignment.Status.OFFERED, due_on__lt=today):
        transitions.expire(assignment)
        done.expired += 1
    late = Question.objects.exclude(status__in=Question.FINISHED).filter(due_on__lt=today)
    for question in late:
        if notify.escalate(question, str(LATE_STEP.get(question.status, ""))):
            transitions.record(question, "escalate", status=question.status)
            done.escalated += 1
    return done
