"""The circle's mails, each rendered from templates/questions/mail/ and sent through core.mail.

Every function takes ids (they run once the transaction that changed the question commits) and
reads the rows afresh. Links act without a login: they carry a signed id (core.signed_links),
never an address. Mails to the asker are in the language they asked in; a mail is skipped when
there is nobody to send it to (a question logged from a phone call, details already deleted).
"""

from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from core.mail import TEXT_AS_HTML, send_templated_mail
from core.public_address import public_url
from core.signed_links import make_token

from .models import Assignment, Question

# How long the links work. The asker's runs past the answer's delivery, and at most as long as
# their details are kept; a person's covers the longest search.
FOLLOW_PURPOSE = "questions.follow"
FOLLOW_LINK_AGE = timedelta(days=settings.QUESTIONS_KEEP_ASKER_DAYS + 120)
ASSIGNMENT_PURPOSE = "questions.assignment"
ASSIGNMENT_LINK_AGE = timedelta(days=90)
# A person's availability link is in every mail they get; it works for a year.
AVAILABILITY_PURPOSE = "questions.availability"
AVAILABILITY_LINK_AGE = timedelta(days=365)


def follow_url(question, language: str | None = None) -> str:
    with translation.override(language or question.language):
        return public_url(reverse("questions:follow", args=[make_token(FOLLOW_PURPOSE, {"q": question.pk})]))


def assignment_url(assignment) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        token = make_token(ASSIGNMENT_PURPOSE, {"a": assignment.pk})
        return public_url(reverse("questions:assignment", args=[token]))


def availability_url(person) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        token = make_token(AVAILABILITY_PURPOSE, {"p": person.pk})
        return public_url(reverse("questions:availability", args=[token]))


def desk_url(question) -> str:
    return public_url(reverse("questions_desk", args=[question.pk]))


def _question(question_id):
    return Question.objects.select_related("department").get(pk=question_id)


def _assignment(assignment_id):
    return Assignment.objects.select_related("question", "person").get(pk=assignment_id)


def _to_asker(question, template: str, once_key: str | None = None, **context) -> bool:
    if not question.asker_email or question.asker_data_deleted_on:
        return False
    context = {"question": question, "follow_url": follow_url(question), **context}
    return send_templated_mail(
        f"questions/mail/{template}",
        context,
        [question.asker_email],
        language=question.language,
        html_template=TEXT_AS_HTML,
        once_key=once_key,
    )


def _to_coordinators(template: str, question, once_key: str | None = None, **context) -> bool:
    context = {"question": question, "desk_url": desk_url(question), **context}
    return send_templated_mail(
        f"questions/mail/{template}",
        context,
        settings.QUESTIONS_COORDINATORS,
        language=settings.LANGUAGE_CODE,
        html_template=TEXT_AS_HTML,
        once_key=once_key,
    )


def _to_person(assignment, template: str, once_key: str | None = None, **context) -> bool:
    person = assignment.person
    if person is None or not person.active:
        return False
    context = {
        "assignment": assignment,
        "question": assignment.question,
        "person": person,
        "link": assignment_url(assignment),
        "availability_url": availability_url(person),
        **context,
    }
    return send_templated_mail(
        f"questions/mail/{template}",
        context,
        [person.email],
        language=settings.LANGUAGE_CODE,
        html_template=TEXT_AS_HTML,
        once_key=once_key,
    )


def acknowledge(question_id):
    question = _question(question_id)
    _to_asker(question, "acknowledgement", once_key=f"questions:ack:{question.pk}")


def answer_to_asker(question_id):
    question = _question(question_id)
    _to_asker(question, "answer", once_key=f"questions:answer:{question.pk}")


def finished_to_asker(question_id):
    question = _question(question_id)
    _to_asker(question, "finished", once_key=f"questions:finished:{question.pk}")


def coordinators_new_question(question_id):
    _to_coordinators("new_question", _question(question_id))


def coordinators_freed(question_id):
    _to_coordinators("freed", _question(question_id))


def coordinators_answered(question_id):
    _to_coordinators("answered", _question(question_id))


def coordinators_help(assignment_id):
    assignment = _assignment(assignment_id)
    _to_coordinators("help", assignment.question, assignment=assignment, person=assignment.person)


def offer(assignment_id):
    _to_person(_assignment(assignment_id), "offer")


def remind(assignment) -> bool:
    """Once per assignment, step and due date, however often the timer runs."""
    key = f"questions:remind:{assignment.pk}:{assignment.status}:{assignment.due_on:%Y-%m-%d}"
    return _to_person(assignment, "reminder", once_key=key)


def remind_coordinators(question) -> bool:
    """Before a question's routing due date: once per question, step and due date."""
    key = f"questions:remind-route:{question.pk}:{question.status}:{question.due_on:%Y-%m-%d}"
    return _to_coordinators("route_reminder", question, once_key=key)


def escalate(question, what: str) -> bool:
    """Once per question, state and due date: the coordinator hears of each late step once."""
    key = f"questions:escalate:{question.pk}:{question.status}:{question.due_on:%Y-%m-%d}"
    return _to_coordinators("escalation", question, once_key=key, what=what)
