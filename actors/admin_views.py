"""The admin's CSV upload form: the same importer as `manage.py import_actors`."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from core.errors import admin_forbidden
from core.exchange.admin import UploadForm

from .exchange import COLUMNS, REQUIRED_COLUMNS, ImportFileError, import_actors

IMPORT_PERMISSION = "actors.import_actors"


class ImportForm(UploadForm):
    file = forms.FileField(
        label=gettext_lazy("CSV file"),
        help_text=gettext_lazy(
            "A spreadsheet saved as « CSV UTF-8 », with the column names on the first line."
        ),
    )
    check_only = forms.BooleanField(
        label=gettext_lazy("Only check the file, write nothing"),
        required=False,
        help_text=gettext_lazy("Tick to see the errors, if any, before importing for real."),
    )


class ImportActorsView(WagtailAdminTemplateMixin, FormView):
    form_class = ImportForm
    template_name = "actors/admin/import.html"
    page_title = gettext_lazy("Import actors")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(IMPORT_PERMISSION):
            return admin_forbidden(
                request,
                _("Import actors"),
                _("You do not have the permission to import actors. Ask an administrator to give it to you."),
                icon="upload",
            )
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update({"columns": COLUMNS, "required_columns": REQUIRED_COLUMNS})
        return context

    def form_valid(self, form):
        content = form.cleaned_data["file"].read()
        check_only = form.cleaned_data["check_only"]
        try:
            result = import_actors(content, user=self.request.user, check_only=check_only)
        except ImportFileError as error:
            form.add_error("file", str(error))
            return self.form_invalid(form)
        if result.errors:
            context = self.get_context_data(form=form, errors=result.errors)
            return TemplateResponse(self.request, self.template_name, context, status=400)
        if check_only:
            messages.success(
                self.request,
                _("The file is valid: %(count)s rows can be imported.") % {"count": result.checked},
            )
            return self.render_to_response(self.get_context_data(form=self.form_class()))
        messages.success(self.request, _("Import done: %(summary)s.") % {"summary": result.summary()})
        return redirect("actors_import")
