"""What moves a question from one state to the next, and who is told.

    received ──route──▶ routed ──accept──▶ being searched ──answer──▶ answered ──send──▶ closed
        ▲                  │                     │
        └──── every person declined, or did not accept in time (freed) ──┘
    any state before the end ──reject──▶ rejected (with a reason)  ──redirect──▶ redirected

Each function checks the state it starts from (StepRefusedError otherwise, which the views
turn into a 409 with the message), saves in one transaction, writes one Wagtail log entry (who
did it, when) and sends its mails once the transaction commits. Due dates are counted in working
days from settings.QUESTIONS_WORKING_DAYS.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from . import notify
from .models import Assignment, Question
from .working_days import add_working_days

Status = Question.Status


class StepRefusedError(ValueError):
    """The question (or assignment) is not in a state this step starts from."""


def due_in(step: str):
    return add_working_days(timezone.localdate(), settings.QUESTIONS_WORKING_DAYS[step])


def record(question, action: str, user=None, person=None, **data):
    """One log entry for the question: the admin user, or the resource person, who acted."""
    if person is not None:
        data["person"] = person.pk
        data["person_name"] = person.name
    log(question, f"questions.{action}", user=user, data=data)


def _require(question: Question, *states):
    if question.status not in states:
        raise StepRefusedError(
            _("This question is « %(status)s »: that step is not possible now.")
            % {"status": question.get_status_display()}
        )


def _require_assignment(assignment: Assignment, *states):
    if assignment.status not in states:
        raise StepRefusedError(
            _("This request is « %(status)s »: that step is not possible now.")
            % {"status": assignment.get_status_display()}
        )


def _lock(question: Question) -> Question:
    """The question's row, locked until the transaction ends: two clicks cannot both move it."""
    locked = Question.objects.select_for_update().get(pk=question.pk)
    question.status = locked.status
    return question


def _lock_assignment(assignment: Assignment) -> Question:
    """Locks the assignment's question, then reads the assignment afresh; returns the question."""
    question = _lock(assignment.question)
    assignment.status = Assignment.objects.get(pk=assignment.pk).status
    return question


def _after_commit(function, *args):
    transaction.on_commit(lambda: function(*args))


# The asker's side --------------------------------------------------------------------------------


@transaction.atomic
def receive(question: Question, user=None) -> Question:
    """A new question (from the form, or logged by the coordinator): promised date, first due date."""
    today = timezone.localdate()
    question.status = Status.RECEIVED
    question.promised_on = add_working_days(today, settings.QUESTIONS_PROMISED_WORKING_DAYS)
    question.due_on = due_in("route")
    question.save()
    record(question, "receive", user=user, channel=question.channel)
    _after_commit(notify.acknowledge, question.pk)
    _after_commit(notify.coordinators_new_question, question.pk)
    return question


# The coordinator's side ----------------------------------------------------------------------------


@transaction.atomic
def route(question: Question, persons, user=None) -> list[Assignment]:
    """Hands the question to the chosen persons (more can be added while it is searched)."""
    _require(_lock(question), Status.RECEIVED, Status.ROUTED, Status.SEARCHING)
    already = set(question.assignments.values_list("person_id", flat=True))
    new_persons = [person for person in persons if person.pk not in already]
    if not new_persons:
        raise StepRefusedError(_("Choose at least one resource person who does not have it yet."))
    due_on = due_in("accept")
    assignments = Assignment.objects.bulk_create(
        [Assignment(question=question, person=person, due_on=due_on) for person in new_persons]
    )
    if question.status == Status.RECEIVED:
        question.status = Status.ROUTED
        question.due_on = due_on
        question.save(update_fields=["status", "due_on"])
    record(question, "route", user=user, persons=[person.pk for person in new_persons])
    for assignment in assignments:
        _after_commit(notify.offer, assignment.pk)
    return assignments


@transaction.atomic
def send_answer(question: Question, user=None) -> Question:
    """The coordinator has reviewed the answer: it goes to the asker, the question is closed."""
    _require(_lock(question), Status.ANSWERED)
    if not question.answer.strip():
        raise StepRefusedError(_("Write the answer before sending it."))
    now = timezone.now()
    question.status = Status.CLOSED
    question.answer_sent_at = now
    question.finished_at = now
    question.due_on = None
    question.save(update_fields=["status", "answer", "answer_sent_at", "finished_at", "due_on"])
    record(question, "send_answer", user=user)
    _after_commit(notify.answer_to_asker, question.pk)
    return question


def _finish(question: Question, status, reason: str, action: str, user):
    _require(_lock(question), Status.RECEIVED, Status.ROUTED, Status.SEARCHING, Status.ANSWERED)
    if not reason.strip():
        raise StepRefusedError(_("Say why: the asker will read it."))
    question.status = status
    question.finish_reason = reason.strip()
    question.finished_at = timezone.now()
    question.due_on = None
    question.save(update_fields=["status", "finish_reason", "finished_at", "due_on"])
    question.assignments.filter(status__in=Assignment.OPEN).update(status=Assignment.Status.WITHDRAWN)
    record(question, action, user=user, reason=question.finish_reason)
    _after_commit(notify.finished_to_asker, question.pk)
    return question


@transaction.atomic
def reject(question: Question, reason: str, user=None) -> Question:
    return _finish(question, Status.REJECTED, reason, "reject", user)


@transaction.atomic
def redirect(question: Question, where: str, user=None) -> Question:
    """The question belongs elsewhere: the asker is told where (a service, an actor, a site)."""
    return _finish(question, Status.REDIRECTED, where, "redirect", user)


# The resource person's side ----------------------------------------------------------------------


@transaction.atomic
def accept(assignment: Assignment) -> Assignment:
    question = _lock_assignment(assignment)
    _require_assignment(assignment, Assignment.Status.OFFERED)
    _require(question, Status.ROUTED, Status.SEARCHING)
    assignment.status = Assignment.Status.ACCEPTED
    assignment.responded_at = timezone.now()
    assignment.due_on = due_in("answer")
    assignment.save(update_fields=["status", "responded_at", "due_on"])
    if question.status == Status.ROUTED:
        question.status = Status.SEARCHING
        question.due_on = assignment.due_on
        question.save(update_fields=["status", "due_on"])
    record(question, "accept", person=assignment.person)
    return assignment


@transaction.atomic
def decline(assignment: Assignment, reason: str = "") -> Assignment:
    question = _lock_assignment(assignment)
    _require_assignment(assignment, *Assignment.OPEN)
    assignment.status = Assignment.Status.DECLINED
    assignment.responded_at = timezone.now()
    assignment.decline_reason = reason.strip()
    assignment.save(update_fields=["status", "responded_at", "decline_reason"])
    record(question, "decline", person=assignment.person, reason=assignment.decline_reason)
    _free_if_nobody_left(question)
    return assignment


@transaction.atomic
def expire(assignment: Assignment) -> Assignment:
    """Not accepted by its due date: the question may go to someone else."""
    question = _lock_assignment(assignment)
    _require_assignment(assignment, Assignment.Status.OFFERED)
    assignment.status = Assignment.Status.EXPIRED
    assignment.save(update_fields=["status"])
    record(question, "expire", person=assignment.person)
    _free_if_nobody_left(question)
    return assignment


def _free_if_nobody_left(question: Question):
    if question.status not in (Status.ROUTED, Status.SEARCHING):
        return
    if question.assignments.filter(status__in=Assignment.OPEN).exists():
        return
    question.status = Status.RECEIVED
    question.due_on = due_in("route")
    question.save(update_fields=["status", "due_on"])
    record(question, "free")
    _after_commit(notify.coordinators_freed, question.pk)


@transaction.atomic
def answer(assignment: Assignment, text: str) -> Assignment:
    question = _lock_assignment(assignment)
    _require_assignment(assignment, Assignment.Status.ACCEPTED)
    _require(question, Status.SEARCHING)
    if not text.strip():
        raise StepRefusedError(_("Write the answer."))
    now = timezone.now()
    assignment.status = Assignment.Status.ANSWERED
    assignment.answer = text.strip()
    assignment.answered_at = now
    assignment.save(update_fields=["status", "answer", "answered_at"])
    question.assignments.filter(status__in=Assignment.OPEN).update(status=Assignment.Status.WITHDRAWN)
    question.status = Status.ANSWERED
    question.answer = assignment.answer
    question.due_on = due_in("review")
    question.save(update_fields=["status", "answer", "due_on"])
    record(question, "answer", person=assignment.person)
    _after_commit(notify.coordinators_answered, question.pk)
    return assignment


@transaction.atomic
def ask_for_help(assignment: Assignment, message: str) -> Assignment:
    question = _lock_assignment(assignment)
    _require_assignment(assignment, *Assignment.OPEN)
    if not message.strip():
        raise StepRefusedError(_("Say what help you need."))
    assignment.help_requested_at = timezone.now()
    assignment.help_message = message.strip()
    assignment.save(update_fields=["help_requested_at", "help_message"])
    record(question, "ask_for_help", person=assignment.person)
    _after_commit(notify.coordinators_help, assignment.pk)
    return assignment


LOG_ACTIONS = {
    "questions.receive": (_("Question received"), _("Received")),
    "questions.route": (_("Question routed"), _("Handed to resource persons")),
    "questions.accept": (_("Question accepted"), _("Accepted by a resource person")),
    "questions.decline": (_("Question declined"), _("Declined by a resource person")),
    "questions.expire": (_("Request expired"), _("Not accepted in time")),
    "questions.free": (_("Question freed"), _("Nobody holds it any more: to route again")),
    "questions.answer": (_("Question answered"), _("Answered by a resource person")),
    "questions.ask_for_help": (_("Help asked"), _("A resource person asked the coordinator for help")),
    "questions.send_answer": (_("Answer sent"), _("Answer sent to the asker; question closed")),
    "questions.reject": (_("Question rejected"), _("Rejected")),
    "questions.redirect": (_("Question redirected"), _("Redirected elsewhere")),
    "questions.remind": (_("Reminder sent"), _("Reminder sent before the due date")),
    "questions.remind_route": (_("Routing reminder sent"), _("The coordinator was reminded to route it")),
    "questions.availability": (_("Availability changed"), _("A resource person changed their availability")),
    "questions.escalate": (_("Escalated"), _("Late: the coordinator was warned")),
    "questions.publish": (_("Public page drafted"), _("Drafted as a public question and answer page")),
    "questions.purge": (_("Asker's details deleted"), _("The asker's details were deleted")),
}


def forget_person(person) -> int:
    """A person's data deleted on request: their name leaves the questions' history too (the
    entries stay, saying a resource person acted). Called when the person is deleted."""
    entries = ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Question), data__person=person.pk
    )
    for entry in entries:
        entry.data = {key: value for key, value in entry.data.items() if key not in ("person", "person_name")}
        entry.save(update_fields=["data"])
    return len(entries)
