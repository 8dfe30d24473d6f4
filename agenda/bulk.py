"""Events in bulk: their CSV and XLSX files (core.exchange.pages).

Dates and times in French time (« 2026-03-14 09:30 », or « 14/03/2026 9h30 »). The commune by its
name, its INSEE code, or both as the export writes them (« Saumur (49328) »). Organisers, themes
and audiences by slug, several separated by « | ». The registration questions (inline) and the
meeting day of the replays are not in the file: an import keeps them as they are.
"""

import re
from types import SimpleNamespace

from django.utils.translation import gettext_lazy as _
from import_export.fields import Field
from import_export.widgets import Widget

from actors.exchange.communes import CommuneError, CommuneFinder
from actors.models import ActorPage
from core.exchange.pages import PageExchange, PageResource
from core.exchange.widgets import (
    ChoiceWidget,
    DateTimeWidget,
    IntegerWidget,
    ReferenceListWidget,
    ReferenceWidget,
    StreamWidget,
    TextWidget,
    YesNoWidget,
)
from knowledge.taxonomy import Audience, Department, Theme

from .models import (
    AttendanceMode,
    EventIndexPage,
    EventKind,
    EventPage,
    EventStatus,
    Programme,
    WorkingGroupPage,
)

EVENT_KIND_CODES = {
    EventKind.CONNEXIONS: "connexions",
    EventKind.GENERAL_ASSEMBLY: "assemblee-generale",
    EventKind.GROUP_MEETING: "groupe-de-travail",
    EventKind.PROGRAMME_DAY: "journee-programme",
    EventKind.LOCAL: "local",
}
STATUS_CODES = {
    EventStatus.SCHEDULED: "prevu",
    EventStatus.POSTPONED: "reporte",
    EventStatus.CANCELLED: "annule",
}
ATTENDANCE_CODES = {
    AttendanceMode.IN_PERSON: "sur-place",
    AttendanceMode.ONLINE: "en-ligne",
    AttendanceMode.HYBRID: "hybride",
}
PROGRAMME_CODES = {programme: programme.value for programme in Programme}
# « Saumur (49328) »: the name, then the INSEE code in brackets.
NAME_AND_CODE = re.compile(r"^(?P<name>.*?)\s*\((?P<code>[0-9][0-9AB][0-9]{3})\)$")
INSEE_CODE = re.compile(r"^[0-9][0-9AB][0-9]{3}$")


class CommuneWidget(Widget):
    """A commune of the region, found as the actors' import finds it (actors/exchange/communes.py)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._finder = None

    def clean(self, value, row=None, **kwargs):
        text = (value or "").strip()
        if not text:
            return None
        if self._finder is None:
            self._finder = CommuneFinder()
        match = NAME_AND_CODE.match(text)
        if match:
            name, code = match["name"], match["code"]
        elif INSEE_CODE.match(text):
            name, code = "", text
        else:
            name, code = text, ""
        # The department's number beside it chooses between two communes of the same name.
        department_cell = ((row or {}).get("departement") or "").strip()
        department = SimpleNamespace(code=department_cell) if department_cell.isdigit() else None
        try:
            return self._finder.find(name, code, department)
        except CommuneError as unknown:
            raise ValueError(unknown.message.replace("code_insee", "commune")) from unknown

    def render(self, value, obj=None, **kwargs):
        return f"{value.name} ({value.insee_code})" if value is not None else ""


def text(attribute, column):
    return Field(attribute=attribute, column_name=column, widget=TextWidget())


class EventResource(PageResource):
    kind = Field(attribute="kind", column_name="type", widget=ChoiceWidget(EVENT_KIND_CODES))
    status = Field(
        attribute="status",
        column_name="statut",
        widget=ChoiceWidget(STATUS_CODES, default=EventStatus.SCHEDULED),
    )
    start = Field(attribute="start", column_name="debut", widget=DateTimeWidget(required=True))
    end = Field(attribute="end", column_name="fin", widget=DateTimeWidget(required=True))
    attendance_mode = Field(
        attribute="attendance_mode",
        column_name="mode",
        widget=ChoiceWidget(ATTENDANCE_CODES, default=AttendanceMode.IN_PERSON),
    )
    venue = text("venue", "lieu")
    address = text("address", "adresse")
    commune = Field(attribute="commune", column_name="commune", widget=CommuneWidget())
    department = Field(
        attribute="department",
        column_name="departement",
        widget=ReferenceWidget(Department, field="code", other_fields=("slug", "name")),
    )
    online_url = text("online_url", "lien_en_ligne")
    organisers = Field(
        attribute="organisers", column_name="organisateurs", widget=ReferenceListWidget(ActorPage)
    )
    working_group = Field(
        attribute="working_group", column_name="groupe_de_travail", widget=ReferenceWidget(WorkingGroupPage)
    )
    programme_name = Field(
        attribute="programme_name",
        column_name="dispositif",
        widget=ChoiceWidget(PROGRAMME_CODES, required=False),
    )
    themes = Field(attribute="themes", column_name="themes", widget=ReferenceListWidget(Theme))
    audiences = Field(attribute="audiences", column_name="publics", widget=ReferenceListWidget(Audience))
    description = Field(attribute="description", column_name="description", widget=StreamWidget())
    programme = Field(
        attribute="programme", column_name="programme", widget=StreamWidget(paragraph_block=None)
    )
    accessibility = text("accessibility", "accessibilite")
    documents = Field(
        attribute="documents", column_name="documents", widget=StreamWidget(paragraph_block=None)
    )
    registration_open = Field(attribute="registration_open", column_name="inscription", widget=YesNoWidget())
    capacity = Field(attribute="capacity", column_name="places", widget=IntegerWidget())
    waiting_list = Field(attribute="waiting_list", column_name="liste_attente", widget=YesNoWidget())
    registration_closes = Field(
        attribute="registration_closes", column_name="cloture_inscriptions", widget=DateTimeWidget()
    )
    reminder_days = Field(
        attribute="reminder_days", column_name="rappel_jours_avant", widget=IntegerWidget(default=2)
    )
    notify_emails = text("notify_emails", "adresses_organisateurs")


class EventExchange(PageExchange):
    name = "evenements"
    label = _("Events")
    page_model = EventPage
    index_model = EventIndexPage
    resource_class = EventResource
    required_columns = ["titre", "type", "debut", "fin"]
    default_slug = "evenement"
