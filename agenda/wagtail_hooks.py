"""The organisers' view of the registrations in the admin: filtered by event, exported as CSV or
XLSX with every cell through core.spreadsheet.safe_cell (a name typed as a formula stays text)."""

import datetime

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from core.desk import DeskPanel, desk, model_permission, page_permission
from core.spreadsheet import safe_cell
from knowledge.models import ReplayPage

from .models import EventPage, EventStatus
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


# --- The editors' desk (core/desk.py) ---------------------------------------------------------

REGISTRATION_CLOSING_DAYS = 7


def registration_closing_soon():
    now = timezone.now()
    soon = now + datetime.timedelta(days=REGISTRATION_CLOSING_DAYS)
    return (
        EventPage.objects.live()
        .filter(locale__language_code=settings.LANGUAGE_CODE)
        .filter(registration_open=True, status=EventStatus.SCHEDULED)
        .filter(
            Q(registration_closes__gt=now, registration_closes__lte=soon)
            | Q(registration_closes__isnull=True, start__gt=now, start__lte=soon)
        )
        .order_by("start", "title")
    )


def registration_closes_note(event) -> str:
    return _("registration closes on %(date)s") % {
        "date": date_format(timezone.localtime(event.closes_at), "l j F, H:i")
    }


def past_events_without_record():
    """Past events with no replay (none on their meeting day) and no documents (minutes, slides)."""
    replays = ReplayPage.objects.filter(meeting_day=OuterRef("meeting_day"))
    return (
        EventPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE, end__lt=timezone.now())
        .exclude(status=EventStatus.CANCELLED)
        .annotate(has_replay=Exists(replays))
        .filter(has_replay=False, documents=[])
        .order_by("-start", "title")
    )


def held_on(event) -> str:
    return _("held on %(date)s") % {"date": date_format(timezone.localtime(event.start), "j F Y")}


desk.register(
    DeskPanel(
        key="event-registrations-closing",
        title=_("Events whose registration closes soon"),
        description=_("Registration on the site closes within a week: remind the network, or extend it."),
        items=registration_closing_soon,
        permission=page_permission(EventPage),
        note=registration_closes_note,
        order=130,
    )
)
desk.register(
    DeskPanel(
        key="past-events-without-record",
        title=_("Past events without replay or minutes"),
        description=_(
            "Add the replays (on the event's meeting day) or the minutes and slides to the event's documents."
        ),
        items=past_events_without_record,
        permission=page_permission(EventPage),
        note=lambda event: (
            _("held on %(date)s") % {"date": date_format(timezone.localtime(event.start), "j F Y")}
        ),
        order=320,
    )
)
desk.register(
    DeskPanel(
        key="registrations-waiting",
        title=_("Registrations on a waiting list"),
        description=_("People waiting for a seat: they are promoted in turn when someone cancels."),
        items=lambda: (
            Registration.objects.filter(status=Registration.Status.WAITING)
            .select_related("event")
            .order_by("event__start", "created_at")
        ),
        permission=model_permission("agenda.change_registration"),
        label=lambda registration: f"{registration.name} — {registration.event.title}",
        note=lambda registration: (
            _("waiting since %(date)s")
            % {"date": date_format(timezone.localtime(registration.created_at), "j F")}
        ),
        listing_url=lambda: reverse(registration_viewset.get_url_name("index")) + "?status=waiting",
        order=420,
    )
)
