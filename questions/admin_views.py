"""The coordinator's desk in the admin: one question with what can be done with it, and the figures."""

import csv
import io

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import ModelLogEntry

from core.errors import admin_forbidden
from core.spreadsheet import safe_cell

from . import figures, transitions
from .models import Question, ResourcePerson
from .publication import draft_public_page
from .routing import suggest_persons

DESK_PERMISSION = "questions.change_question"


class RouteForm(forms.Form):
    persons = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Hand it to"),
        queryset=ResourcePerson.objects.filter(active=True),
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("The suggestions come first: they share a theme and cover the department."),
        error_messages={"required": gettext_lazy("Choose at least one resource person.")},
    )

    def __init__(self, *args, question: Question, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        suggestions = suggest_persons(question, on=today)
        suggested = {s.person.pk for s in suggestions}
        already = set(question.assignments.values_list("person_id", flat=True))
        choices = [
            (
                s.person.pk,
                _("%(name)s — suggested: %(themes)s")
                % {"name": s.person.name, "themes": ", ".join(s.shared)},
            )
            for s in suggestions
        ]
        for person in ResourcePerson.objects.filter(active=True).exclude(pk__in=suggested | already):
            label = person.name
            if not person.is_available(today):
                label = _("%(name)s (away until %(date)s)") % {
                    "name": person.name,
                    "date": date_format(person.away_until),
                }
            choices.append((person.pk, label))
        self.fields["persons"].choices = choices
        self.fields["persons"].queryset = ResourcePerson.objects.filter(active=True).exclude(pk__in=already)


class AnswerReviewForm(forms.Form):
    answer = forms.CharField(
        label=gettext_lazy("The answer the asker will receive"),
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=10000,
        error_messages={"required": gettext_lazy("Write the answer before sending it.")},
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why, or where (the asker reads it)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": gettext_lazy("Say why: the asker will read it.")},
    )


def forbidden(request):
    return admin_forbidden(
        request,
        _("Questions"),
        _(
            "You do not have the permission to handle the circle's questions. "
            "Ask an administrator to give it to you."
        ),
        icon="help",
    )


class QuestionDeskView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "questions/admin/desk.html"
    header_icon = "help"

    def dispatch(self, request, pk):
        if not request.user.has_perm(DESK_PERMISSION):
            return forbidden(request)
        self.question = get_object_or_404(
            Question.objects.select_related("department", "published_page"), pk=pk
        )
        return super().dispatch(request, pk)

    def get_page_title(self):
        return str(self.question)

    def get_breadcrumbs_items(self):
        listing = reverse("wagtailsnippets_questions_question:list")
        return self.breadcrumbs_items + [
            {"url": listing, "label": _("Questions")},
            {"url": "", "label": str(self.question)},
        ]

    def get_context_data(self, **kwargs):
        question = self.question
        context = super().get_context_data(**kwargs)
        finished = question.is_finished
        context.update(
            question=question,
            assignments=question.assignments.select_related("person"),
            log_entries=ModelLogEntry.objects.for_instance(question)
            .select_related("user")
            .order_by("-timestamp"),
            route_form=kwargs.get("route_form")
            or (
                None
                if finished or question.status == Question.Status.ANSWERED
                else RouteForm(question=question)
            ),
            answer_form=kwargs.get("answer_form")
            or (
                AnswerReviewForm(initial={"answer": question.answer})
                if question.status == Question.Status.ANSWERED
                else None
            ),
            reject_form=kwargs.get("reject_form") or (None if finished else ReasonForm(prefix="reject")),
            redirect_form=kwargs.get("redirect_form")
            or (None if finished else ReasonForm(prefix="redirect")),
            can_publish=question.status == Question.Status.CLOSED and not question.published_page_id,
            edit_url=reverse("wagtailsnippets_questions_question:edit", args=[question.pk]),
        )
        return context

    def post(self, request, pk):
        question, user, action = self.question, request.user, request.POST.get("action")
        try:
            if action == "route":
                form = RouteForm(request.POST, question=question)
                if not form.is_valid():
                    return self.invalid(route_form=form)
                transitions.route(question, list(form.cleaned_data["persons"]), user=user)
                messages.success(request, _("The question was handed over; each person received a mail."))
            elif action == "send":
                form = AnswerReviewForm(request.POST)
                if not form.is_valid():
                    return self.invalid(answer_form=form)
                question.answer = form.cleaned_data["answer"]
                transitions.send_answer(question, user=user)
                messages.success(request, _("The answer was sent; the question is closed."))
            elif action in ("reject", "redirect"):
                form = ReasonForm(request.POST, prefix=action)
                if not form.is_valid():
                    return self.invalid(**{f"{action}_form": form})
                step = transitions.reject if action == "reject" else transitions.redirect
                step(question, form.cleaned_data["reason"], user=user)
                messages.success(request, _("Done: the asker was told."))
            elif action == "publish":
                page = draft_public_page(question, user=user)
                messages.success(
                    request,
                    _("A draft page was made: « %(title)s ». Check it has nothing personal, then submit it.")
                    % {"title": page.title},
                )
                return redirect("wagtailadmin_pages:edit", page.pk)
            else:
                return self.invalid(status=400, error=_("Unknown action."))
        except transitions.StepRefusedError as error:
            return self.invalid(status=409, error=str(error))
        return redirect("questions_desk", question.pk)

    def invalid(self, status=400, error=None, **forms):
        if error:
            messages.error(self.request, error)
        return self.render_to_response(self.get_context_data(**forms), status=status)


class FiguresView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "questions/admin/figures.html"
    page_title = gettext_lazy("The circle's figures")
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("questions.view_question"):
            return forbidden(request)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        months = figures.monthly(12)
        context.update(
            months=months,
            statuses=figures.by_status(),
            themes=figures.top_themes(10, since=months[-1].month),
        )
        return context


FIGURES_FORMATS = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
}


def figures_tables() -> list[tuple[str, list[str], list[list]]]:
    """The figures as tables of (title, header, rows): what the page shows, ready to export."""
    months = figures.monthly(12)
    month_rows = [
        [
            month.month.strftime("%Y-%m"),
            month.received,
            month.answered,
            month.median_days if month.median_days is not None else "",
            month.share_in_time if month.share_in_time is not None else "",
        ]
        for month in reversed(months)
    ]
    themes = figures.top_themes(10, since=months[-1].month)
    return [
        (
            _("By month"),
            [
                _("Month"),
                _("Received"),
                _("Answered"),
                _("Median time to answer (working days)"),
                _("Answered in time (%)"),
            ],
            month_rows,
        ),
        (_("Themes asked most"), [_("Theme"), _("Questions")], [[str(theme), n] for theme, n in themes]),
    ]


def cell(value):
    """Numbers stay numbers; every text goes through core.spreadsheet.safe_cell (a theme is named
    by editors, and a name such as « =HYPERLINK(...) » must stay a text)."""
    return value if isinstance(value, int | float) else safe_cell(str(value))


def export_figures(request, file_format):
    """The figures as a CSV file (the tables one after the other) or an XLSX workbook (a sheet
    per table)."""
    if not request.user.has_perm("questions.view_question"):
        return forbidden(request)
    if file_format not in FIGURES_FORMATS:
        return HttpResponse(_("Unknown format: ask for csv or xlsx."), status=400, content_type="text/plain")
    tables = [
        (cell(title), [cell(name) for name in header], rows) for title, header, rows in figures_tables()
    ]
    if file_format == "csv":
        output = io.StringIO()
        output.write("\ufeff")
        writer = csv.writer(output)
        for number, (title, header, rows) in enumerate(tables):
            if number:
                writer.writerow([])
            writer.writerow([title])
            writer.writerow(header)
            writer.writerows([[cell(value) for value in row] for row in rows])
        content = output.getvalue().encode()
    else:
        from openpyxl import Workbook

        workbook = Workbook()
        workbook.remove(workbook.active)
        for title, header, rows in tables:
            sheet = workbook.create_sheet(title[:31])
            sheet.append(header)
            for row in rows:
                sheet.append([cell(value) for value in row])
        buffer = io.BytesIO()
        workbook.save(buffer)
        content = buffer.getvalue()
    content_type, extension = FIGURES_FORMATS[file_format]
    response = HttpResponse(content, content_type=content_type)
    filename = f"chiffres-cercle-{timezone.localdate():%Y-%m-%d}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
