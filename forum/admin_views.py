"""The admin's forum actions: the board's decision on a topic, a lifecycle step of a workshop or
project, and the action plan's spreadsheet import and export. Each names the permission it
needs on a 403 page (core.errors.admin_forbidden) rather than sending the user away."""

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.errors import admin_forbidden
from core.exchange.admin import UploadForm

from . import decisions, lifecycle, plan_exchange
from .models import ActionPlanPage, ProjectIndexPage, ProjectPage, TopicPage


def _edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


# The board's decision on a topic -----------------------------------------------------------------


class DecisionForm(forms.Form):
    CHOICES = [
        ("kept", gettext_lazy("Keep it for later")),
        ("merged", gettext_lazy("Merge it into another topic")),
        ("workshop", gettext_lazy("Turn it into a thematic workshop")),
        ("project", gettext_lazy("Turn it into a project sheet")),
    ]
    decision = forms.ChoiceField(
        label=gettext_lazy("The board's decision"), choices=CHOICES, widget=forms.RadioSelect
    )
    merge_into = forms.ModelChoiceField(
        label=gettext_lazy("Topic to merge it into"), queryset=TopicPage.objects.none(), required=False
    )
    note = forms.CharField(
        label=gettext_lazy("The board's word"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Optional: why, shown on the topic's page."),
    )

    def __init__(self, *args, topic, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["merge_into"].queryset = (
            TopicPage.objects.live().filter(locale_id=topic.locale_id).exclude(pk=topic.pk).order_by("title")
        )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "merged" and not data.get("merge_into"):
            self.add_error("merge_into", _("Choose the topic to merge it into."))
        return data


def decide_topic(request, page_id):
    topic = get_object_or_404(TopicPage, pk=page_id)
    if not request.user.has_perm(decisions.DECIDE_PERMISSION):
        return admin_forbidden(
            request,
            _("Decide on a topic"),
            _("Only the board (the « Bureau » group) decides what becomes of a topic."),
        )
    form = DecisionForm(request.POST or None, topic=topic)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                if data["decision"] == "kept":
                    decisions.keep_for_later(topic, request.user, data["note"])
                    messages.success(request, _("The topic is kept for later."))
                    return redirect(_edit_url(topic))
                if data["decision"] == "merged":
                    decisions.merge(topic, data["merge_into"], request.user, data["note"])
                    messages.success(request, _("The topic is merged."))
                    return redirect(_edit_url(topic))
                index = ProjectIndexPage.objects.filter(locale_id=topic.locale_id).first()
                if index is None:
                    raise decisions.DecisionRefusedError(
                        _("Create the index of workshops and projects first.")
                    )
                decision = decisions.convert(topic, data["decision"], index, request.user, data["note"])
                messages.success(request, _("The sheet is made, as a draft: complete it and publish it."))
                return redirect(_edit_url(decision.project))
            except decisions.DecisionRefusedError as error:
                form.add_error(None, str(error))
        status = 400
    context = {"topic": topic, "form": form, "page_title": _("Decide on a topic")}
    return TemplateResponse(request, "forum/admin/decide.html", context, status=status)


# Lifecycle steps -------------------------------------------------------------------------------


class StepForm(forms.Form):
    taken_on = forms.DateField(
        label=gettext_lazy("On"), initial=timezone.localdate, widget=forms.DateInput(attrs={"type": "date"})
    )
    note = forms.CharField(label=gettext_lazy("Note"), required=False, max_length=300)


def take_step(request, page_id):
    page = get_object_or_404(ProjectPage, pk=page_id)
    step = lifecycle.next_step(page)
    if step is None:
        raise Http404(_("This work is closed: no step is left."))
    if not lifecycle.may_take(request.user, step):
        return admin_forbidden(
            request,
            str(step.label),
            _("You are not allowed to take this step: ask the board or the network's team."),
        )
    form = StepForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                lifecycle.take_step(
                    page, step.to, request.user, form.cleaned_data["taken_on"], form.cleaned_data["note"]
                )
            except lifecycle.StepRefusedError as error:
                for reason in error.reasons:
                    form.add_error(None, reason)
            else:
                messages.success(request, _("Step taken: %(stage)s.") % {"stage": page.get_stage_display()})
                return redirect(_edit_url(page))
        status = 400
    context = {"page": page, "step": step, "form": form, "page_title": str(step.label)}
    return TemplateResponse(request, "forum/admin/step.html", context, status=status)


# The action plan's spreadsheet ---------------------------------------------------------------------


class PlanImportForm(UploadForm):
    file = forms.FileField(
        label=gettext_lazy("CSV or XLSX file"),
        help_text=gettext_lazy("The plan's spreadsheet, with the column names on the first line."),
    )
    check_only = forms.BooleanField(label=gettext_lazy("Only check the file, write nothing"), required=False)


def _plan_for(request, page_id):
    plan = get_object_or_404(ActionPlanPage, pk=page_id)
    if not plan.permissions_for_user(request.user).can_edit():
        return plan, admin_forbidden(
            request,
            _("The action plan's spreadsheet"),
            _("You may not edit this plan: ask an administrator."),
        )
    return plan, None


def import_plan(request, page_id):
    plan, refusal = _plan_for(request, page_id)
    if refusal:
        return refusal
    form = PlanImportForm(request.POST or None, request.FILES or None)
    context = {
        "plan": plan,
        "form": form,
        "columns": plan_exchange.COLUMNS,
        "page_title": _("Import the action plan"),
    }
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        file_format = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
        try:
            result = plan_exchange.import_plan(
                plan,
                upload.read(),
                file_format,
                user=request.user,
                check_only=form.cleaned_data["check_only"],
            )
        except plan_exchange.ImportFileError as error:
            form.add_error("file", str(error))
        else:
            if result.errors:
                context["errors"] = result.errors
                return TemplateResponse(request, "forum/admin/plan_import.html", context, status=400)
            summary = _("%(issues)s issues, %(tracks)s action tracks") % {
                "issues": result.issues,
                "tracks": result.tracks,
            }
            if form.cleaned_data["check_only"]:
                messages.success(request, _("The file is valid: %(summary)s.") % {"summary": summary})
            elif result.published:
                messages.success(
                    request, _("Plan imported and published: %(summary)s.") % {"summary": summary}
                )
            else:
                messages.success(request, _("Plan imported as a draft: %(summary)s.") % {"summary": summary})
            return redirect(_edit_url(plan))
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(request, "forum/admin/plan_import.html", context, status=status)


def export_plan(request, page_id, file_format):
    plan, refusal = _plan_for(request, page_id)
    if refusal:
        return refusal
    if file_format not in plan_exchange.FORMATS:
        raise Http404(_("Unknown format."))
    draft = plan.get_latest_revision_as_object()
    content = plan_exchange.export_plan(draft, file_format)
    content_type = {
        "csv": "text/csv; charset=utf-8",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }[file_format]
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{plan.slug}.{file_format}"'
    return response
