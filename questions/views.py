"""The public side: the form to ask, the asker's private follow-up page, the resource person's page.

The follow-up and the resource person's pages are reached by signed links (core.signed_links):
no account, and a link names one question or one request only. Those pages are private: never
cached by a shared cache, never indexed, never sending their address to another site.
"""

from datetime import timedelta

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from wagtail.log_actions import log
from wagtail.models import Locale

from core.public_forms import RateLimit
from core.signed_links import make_token, reads_signed_link

from . import transitions
from .forms import AnswerForm, AskForm, AvailabilityForm, DeclineForm, HelpForm
from .models import Assignment, Question, ResourcePerson
from .notify import (
    ASSIGNMENT_LINK_AGE,
    ASSIGNMENT_PURPOSE,
    AVAILABILITY_LINK_AGE,
    AVAILABILITY_PURPOSE,
    FOLLOW_LINK_AGE,
    FOLLOW_PURPOSE,
)

QUESTIONS_ASKED = RateLimit("questions.ask", limit=settings.QUESTIONS_FORM_RATE, period=timedelta(hours=1))


def private(response):
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


def current_locale() -> Locale:
    return Locale.objects.filter(language_code=get_language()).first() or Locale.get_default()


@require_http_methods(["GET", "HEAD", "POST"])
def ask(request):
    status = 200
    if request.method == "POST":
        if not QUESTIONS_ASKED.allow(request):
            return QUESTIONS_ASKED.refusal(request)
        form = AskForm(request.POST, locale=current_locale())
        if form.is_valid():
            question = form.save(commit=False)
            question.channel = Question.Channel.SITE
            question.language = get_language() or settings.LANGUAGE_CODE
            question.save()
            form.save_m2m()
            transitions.receive(question)
            token = make_token(FOLLOW_PURPOSE, {"q": question.pk})
            return redirect(f"{question_follow_path(token)}?new=1")
        status = 400
    else:
        form = AskForm(locale=current_locale())
    context = {
        "form": form,
        "keep_days": settings.QUESTIONS_KEEP_ASKER_DAYS,
        "promised_days": settings.QUESTIONS_PROMISED_WORKING_DAYS,
    }
    return render(request, "questions/ask.html", context, status=status)


def question_follow_path(token: str) -> str:
    return reverse("questions:follow", args=[token])


@require_http_methods(["GET", "HEAD"])
@reads_signed_link(FOLLOW_PURPOSE, max_age=FOLLOW_LINK_AGE)
def follow(request, value):
    question = Question.objects.filter(pk=value.get("q")).select_related("department").first()
    if question is None:
        raise Http404
    context = {"question": question, "new": request.GET.get("new") == "1"}
    return private(render(request, "questions/follow.html", context))


ASSIGNMENT_ACTIONS = {"accept", "decline", "answer", "help"}


@require_http_methods(["GET", "HEAD", "POST"])
@reads_signed_link(ASSIGNMENT_PURPOSE, max_age=ASSIGNMENT_LINK_AGE)
def assignment_page(request, value):
    assignment = (
        Assignment.objects.filter(pk=value.get("a"), person__isnull=False)
        .select_related("question__department", "person")
        .first()
    )
    if assignment is None:
        raise Http404
    forms = {"decline": DeclineForm(), "answer": AnswerForm(), "help": HelpForm()}
    status, done = 200, None
    if request.method == "POST":
        action = request.POST.get("action")
        if action not in ASSIGNMENT_ACTIONS:
            return private(
                render(request, "questions/refused.html", {"message": _("Unknown action.")}, status=400)
            )
        form = {"decline": DeclineForm, "answer": AnswerForm, "help": HelpForm}.get(action)
        bound = form(request.POST) if form else None
        if bound is not None and not bound.is_valid():
            forms[action] = bound
            status = 400
        else:
            try:
                if action == "accept":
                    transitions.accept(assignment)
                    done = _("Thank you: the question is yours. Your answer is due by %(date)s.")
                elif action == "decline":
                    transitions.decline(assignment, bound.cleaned_data["reason"])
                    done = _("Noted: the coordinator will hand the question to someone else.")
                elif action == "answer":
                    transitions.answer(assignment, bound.cleaned_data["answer"])
                    done = _("Thank you: the coordinator will read your answer and send it to the asker.")
                else:
                    transitions.ask_for_help(assignment, bound.cleaned_data["message"])
                    done = _("The coordinator has your message and will get back to you.")
            except transitions.StepRefusedError as error:
                context = {"message": str(error), "assignment": assignment}
                return private(render(request, "questions/refused.html", context, status=409))
            assignment.refresh_from_db()
            if "%(date)s" in done:
                done = done % {"date": date_format(assignment.due_on)}
    context = {
        "assignment": assignment,
        "question": assignment.question,
        "forms": forms,
        "done": done,
    }
    return private(render(request, "questions/assignment.html", context, status=status))


@require_http_methods(["GET", "HEAD", "POST"])
@reads_signed_link(AVAILABILITY_PURPOSE, max_age=AVAILABILITY_LINK_AGE)
def availability(request, value):
    """A resource person says they are away until a date, or available again: routing then
    skips them until that day (questions.routing). The link names one person only."""
    person = ResourcePerson.objects.filter(pk=value.get("p"), active=True).first()
    if person is None:
        raise Http404
    today = timezone.localdate()
    status, done = 200, None
    if request.method == "POST":
        form = AvailabilityForm(request.POST, today=today)
        if form.is_valid():
            away = form.cleaned_data["choice"] == AvailabilityForm.AWAY
            person.away_until = form.cleaned_data["away_until"] if away else None
            person.save(update_fields=["away_until"])
            # In the person's history (the admin's snippet history): what they said, and when.
            log(
                person,
                "questions.availability",
                data={"away_until": person.away_until.isoformat() if person.away_until else None},
            )
            if away:
                done = _("Noted: no question will be offered to you until %(date)s, included.") % {
                    "date": date_format(person.away_until)
                }
            else:
                done = _("Noted: questions may be offered to you again.")
        else:
            status = 400
    else:
        away = not person.is_available(today)
        form = AvailabilityForm(
            initial={
                "choice": AvailabilityForm.AWAY if away else AvailabilityForm.AVAILABLE,
                "away_until": person.away_until if away else None,
            },
            today=today,
        )
    context = {"person": person, "form": form, "done": done, "away": not person.is_available(today)}
    return private(render(request, "questions/availability.html", context, status=status))
