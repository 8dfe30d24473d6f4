"""The admin's bulk pages: a list of the page types (``registry``), an import form per type with a
check-only pass that previews what would be created or changed, and an export link per type and
format. The same importer as ``manage.py exchange_pages``.

Who may export: whoever may change or publish pages under the type's index. Who may import:
whoever may add, change and publish them there (an import publishes). Others get the admin's 403
page saying so (core.errors.admin_forbidden).
"""

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from core.errors import admin_forbidden

from .files import FORMATS, ImportFileError, check_size
from .registry import exchange_named, exchanges

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def allowed(user) -> list[dict]:
    """The types the user may export or import, with what they may do."""
    found = []
    for exchange in exchanges().values():
        can_export, can_import = exchange.user_can_export(user), exchange.user_can_import(user)
        if can_export or can_import:
            found.append({"exchange": exchange, "can_export": can_export, "can_import": can_import})
    return found


def exchange_or_404(name):
    exchange = exchange_named(name)
    if exchange is None:
        raise Http404
    return exchange


def refused(request, exchange, action):
    if action == "import":
        message = _(
            "You may not import « %(kind)s »: importing creates, changes and publishes pages, which "
            "needs the rights to add, change and publish them. Ask an administrator."
        )
    else:
        message = _(
            "You may not export « %(kind)s »: exporting needs the right to change these pages. "
            "Ask an administrator."
        )
    return admin_forbidden(request, _("Import and export"), message % {"kind": exchange.label}, icon="upload")


class ExchangeIndexView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "core/exchange/index.html"
    page_title = gettext_lazy("Import and export")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        self.kinds = allowed(request.user)
        if not self.kinds and not request.user.is_superuser:
            return admin_forbidden(
                request,
                _("Import and export"),
                _("You may not import or export any kind of page. Ask an administrator."),
                icon="upload",
            )
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        return super().get_context_data(kinds=self.kinds, formats=FORMATS, **kwargs)


class ExportView(View):
    def get(self, request, name):
        exchange = exchange_or_404(name)
        if not exchange.user_can_export(request.user):
            return refused(request, exchange, "export")
        file_format = request.GET.get("format", "csv")
        if file_format not in FORMATS:
            return HttpResponse(
                _("Unknown format: choose csv or xlsx."), status=400, content_type="text/plain; charset=utf-8"
            )
        try:
            content = exchange.export_file(file_format)
        except ImportFileError as error:
            return HttpResponse(str(error), status=400, content_type="text/plain; charset=utf-8")
        response = HttpResponse(content, content_type=CONTENT_TYPES[file_format])
        response["Content-Disposition"] = f'attachment; filename="{exchange.name}.{file_format}"'
        return response


class UploadForm(forms.Form):
    """A form whose ``file`` is a spreadsheet to import: refused above the importers' size limit
    (core.exchange.files.check_size), with its message. Subclasses declare the ``file`` field."""

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            check_size(upload.size)
        except ImportFileError as error:
            raise forms.ValidationError(str(error)) from error
        return upload


class ImportForm(UploadForm):
    file = forms.FileField(
        label=gettext_lazy("File (CSV or XLSX)"),
        help_text=gettext_lazy(
            "A spreadsheet saved as « .xlsx » or « CSV UTF-8 », with the column names on the first "
            "line: the export's file is the model."
        ),
    )
    check_only = forms.BooleanField(
        label=gettext_lazy("Only check the file, write nothing"),
        required=False,
        initial=True,
        help_text=gettext_lazy("Shows what would be created and changed, line by line. Untick to import."),
    )


class ImportView(WagtailAdminTemplateMixin, FormView):
    form_class = ImportForm
    template_name = "core/exchange/import.html"
    header_icon = "upload"

    def dispatch(self, request, *args, name, **kwargs):
        self.exchange = exchange_or_404(name)
        if not self.exchange.user_can_import(request.user):
            return refused(request, self.exchange, "import")
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Import: %(kind)s") % {"kind": self.exchange.label}

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("page_exchange"), "label": _("Import and export")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        exchange = self.exchange
        return super().get_context_data(
            exchange=exchange,
            columns=exchange.columns,
            required_columns=exchange.required_columns,
            can_export=exchange.user_can_export(self.request.user),
            formats=FORMATS,
            **kwargs,
        )

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        check_only = form.cleaned_data["check_only"]
        try:
            result = self.exchange.import_file(
                upload.read(), filename=upload.name, user=self.request.user, check_only=check_only
            )
        except ImportFileError as error:
            form.add_error("file", str(error))
            return self.render_to_response(self.get_context_data(form=form), status=400)
        if result.errors:
            context = self.get_context_data(form=form, errors=result.errors)
            return TemplateResponse(self.request, self.template_name, context, status=400)
        if check_only:
            messages.success(
                self.request,
                _("The file is valid: importing it would give %(summary)s. Nothing was written yet.")
                % {"summary": result.summary()},
            )
        else:
            messages.success(self.request, _("Import done: %(summary)s.") % {"summary": result.summary()})
        context = self.get_context_data(
            form=self.form_class(initial={"check_only": not check_only}),
            outcomes=result.outcomes,
            checked_only=check_only,
        )
        return self.render_to_response(context)
