"""The organisers' view of the registrations in the admin: filtered by event, exported as CSV or
XLSX with every cell through core.spreadsheet.safe_cell (a name typed as a formula stays text)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from core.spreadsheet import safe_cell

from .registrations import Registration


class RegistrationIndexView(IndexView):
    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return safe_cell(value) if isinstance(value, str) else value


class RegistrationViewSet(ModelViewSet):
    model = Registration
    index_view_class = RegistrationIndexView
    icon = "group"
    menu_label = _("Registrations")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["name", "organisation", "event", "status", "created_at"]
    list_filter = ["event", "status"]
    list_export = ["event", "name", "email", "organisation", "status", "answers_text", "created_at"]
    export_headings = {"answers_text": _("Answers")}
    export_filename = "inscriptions"
    search_fields = ["name", "email", "organisation"]
    form_fields = ["event", "name", "email", "organisation", "status"]
    ordering = ["event", "created_at"]


registration_viewset = RegistrationViewSet("registrations")


@hooks.register("register_admin_viewset")
def register_viewset():
    return registration_viewset


@hooks.register("register_page_exchange")
def register_event_exchange():
    # Events in CSV and XLSX files (agenda/bulk.py), in the admin's « Import and export » pages.
    from .bulk import EventExchange

    return EventExchange()
