"""The agenda: events of the network (ConneXionS days, general assemblies, group meetings...),
their registrations with capacity and waiting list, and the working groups.

Times are stored in UTC and entered and shown in Europe/Paris (settings.TIME_ZONE). Whether an
event is full or its registration closed is derived, never stored: it cannot go stale.
"""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core.blocks import BodyStreamBlock, DocumentBlock
from core.blocks.text import RICH_TEXT_FEATURES
from core.pages import BasePage
from core.pictures import PictureMixin
from core.searchable import SearchFacet
from core.structured_data import page_basics
from core.visibility import visible
from knowledge.taxonomy import AUDIENCE_FACET, DEPARTMENT_FACET

from . import calendar, views
from .registrations import Registration

PARIS = ZoneInfo("Europe/Paris")


class EventKind(models.TextChoices):
    CONNEXIONS = "connexions", _("ConneXionS day")
    GENERAL_ASSEMBLY = "general-assembly", _("General assembly")
    GROUP_MEETING = "group-meeting", _("Working-group meeting")
    PROGRAMME_DAY = "programme-day", _("Training or thematic day of a programme")
    LOCAL = "local", _("Local or partner event")


class AttendanceMode(models.TextChoices):
    IN_PERSON = "in-person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("In person and online")


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    POSTPONED = "postponed", _("Postponed")
    CANCELLED = "cancelled", _("Cancelled")


class Programme(models.TextChoices):
    """The network's support programmes an event may belong to (001: TRAJET and Culturdiag)."""

    TRAJET = "trajet", "TRAJET"
    CULTURDIAG = "culturdiag", "Culturdiag"


# The search page's facets of events (the agenda's own filters, on the same engine: views.agenda_facets).
EVENT_KIND_FACET = SearchFacet("event-kind", _("Kind of event"), order=80, choices=tuple(EventKind.choices))
ATTENDANCE_FACET = SearchFacet("attendance", _("Attendance"), order=81, choices=tuple(AttendanceMode.choices))
PROGRAMME_FACET = SearchFacet("programme", _("Programme"), order=82, choices=tuple(Programme.choices))
GROUP_FACET = SearchFacet(
    "group", _("Working group"), order=83, pages="agenda.WorkingGroupPage", sort_field="title"
)


class ProgrammeItemBlock(blocks.StructBlock):
    start = blocks.TimeBlock(label=_("start"), help_text=_("When it starts, e.g. 9:30."))
    end = blocks.TimeBlock(label=_("end"), required=False)
    title = blocks.CharBlock(label=_("title"), max_length=200)
    speakers = blocks.CharBlock(
        label=_("speakers"), required=False, max_length=300, help_text=_("Names and organisations.")
    )
    page = blocks.PageChooserBlock(
        label=_("related page"),
        required=False,
        page_type=["trades.TradeProfilePage", "knowledge.KnowHowPage"],
        help_text=_("Optional: the trade or know-how page this session is about."),
    )
    # A page type of an app above this one, named by its label only: no import.
    topics = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="forum.TopicPage"),
        label=_("forum topics taken up"),
        default=[],
        help_text=_("The members' forum topics this session discusses: their workshops show it."),
    )

    class Meta:
        icon = "time"
        label = _("session")
        template = "agenda/blocks/programme_item.html"


class EventIndexPage(RoutablePageMixin, BasePage):
    """The agenda: upcoming events first, past ones on their own page; an iCal feed of all."""

    subpage_types = ["agenda.EventPage"]
    parent_page_types = ["home.HomePage"]
    max_count_per_parent = 1
    kind_label = _("Agenda")
    schema_type = "CollectionPage"

    class Meta:
        verbose_name = _("agenda")

    def events(self):
        return (
            visible(EventPage.objects.child_of(self), self.locale_id)
            .select_related("commune", "department")
            .order_by("start", "title")
        )

    def upcoming(self):
        return self.events().filter(end__gte=timezone.now())

    def past(self):
        return self.events().filter(end__lt=timezone.now()).order_by("-start", "title")

    @path("")
    def upcoming_view(self, request):
        return views.agenda_listing(request, self, past=False)

    @path("past/", name="past")
    def past_view(self, request):
        return views.agenda_listing(request, self, past=True)

    @path("ical/", name="feed")
    def feed_view(self, request):
        return views.calendar_feed(request, self.events(), self.title)

    @path("programme/<str:programme>/ical/", name="programme_feed")
    def programme_feed_view(self, request, programme):
        """The feed of one programme's events (news' programme pages link to it by its value)."""
        if programme not in Programme.values:
            raise Http404(_("No such programme."))
        name = f"{self.title} – {Programme(programme).label}"  # noqa: RUF001 (the typographic dash)
        return views.calendar_feed(request, self.events().filter(programme_name=programme), name)

    def programme_feed_url(self, programme: str) -> str:
        return self.url + self.reverse_subpage("programme_feed", kwargs={"programme": programme})


class EventPage(PictureMixin, RoutablePageMixin, BasePage):
    kind = models.CharField(_("kind of event"), max_length=20, choices=EventKind.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=EventStatus.choices, default=EventStatus.SCHEDULED
    )
    start = models.DateTimeField(_("start"), help_text=_("Date and time, French time."))
    end = models.DateTimeField(_("end"), help_text=_("Date and time, French time."))
    attendance_mode = models.CharField(
        _("attendance"), max_length=12, choices=AttendanceMode.choices, default=AttendanceMode.IN_PERSON
    )
    venue = models.CharField(
        _("venue"), max_length=200, blank=True, help_text=_("E.g. « Abbaye de Fontevraud ».")
    )
    address = models.CharField(_("street address"), max_length=250, blank=True)
    commune = models.ForeignKey(
        "actors.Commune",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("commune"),
        help_text=_("Places the event on the map."),
    )
    department = models.ForeignKey(
        "knowledge.Department",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("department"),
    )
    online_url = models.URLField(
        _("online link"),
        blank=True,
        help_text=_("The video meeting's address: sent to registered people only, never shown on the page."),
    )
    organisers = ParentalManyToManyField(
        "actors.ActorPage", blank=True, related_name="organised_events", verbose_name=_("organisers")
    )
    working_group = models.ForeignKey(
        "agenda.WorkingGroupPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        verbose_name=_("working group"),
    )
    programme_name = models.CharField(
        _("programme"), max_length=20, choices=Programme.choices, blank=True, help_text=_("Optional.")
    )
    themes = ParentalManyToManyField("knowledge.Theme", blank=True, verbose_name=_("themes"))
    audiences = ParentalManyToManyField("knowledge.Audience", blank=True, verbose_name=_("audiences"))
    description = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("description"))
    programme = StreamField(
        [("session", ProgrammeItemBlock())], blank=True, verbose_name=_("programme of the day")
    )
    accessibility = models.TextField(
        _("accessibility"),
        blank=True,
        help_text=_("Step-free access, hearing loop, interpreting, parking..."),
    )
    documents = StreamField(
        [("document", DocumentBlock())],
        blank=True,
        verbose_name=_("documents"),
        help_text=_("Slides, minutes and other documents of the day."),
    )
    meeting_day = models.ForeignKey(
        "knowledge.MeetingDay",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        verbose_name=_("meeting day of the replays"),
        help_text=_("The record the replays of this event point to."),
    )
    # Registration.
    registration_open = models.BooleanField(
        _("registration on the site"),
        default=False,
        help_text=_("Visitors register with a form on this page."),
    )
    capacity = models.PositiveIntegerField(
        _("seats"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    waiting_list = models.BooleanField(
        _("waiting list"),
        default=True,
        help_text=_("When full, people join a waiting list and are promoted in turn."),
    )
    registration_closes = models.DateTimeField(
        _("registration closes"),
        null=True,
        blank=True,
        help_text=_("Leave empty: at the start of the event."),
    )
    reminder_days = models.PositiveSmallIntegerField(
        _("reminder, days before"),
        default=2,
        validators=[MaxValueValidator(60)],
        help_text=_("The reminder mail leaves this many days before the start (0: none)."),
    )
    notify_emails = models.TextField(
        _("organisers' addresses"),
        blank=True,
        help_text=_(
            "One per line: told when the event is 80 % and 100 % full, with the organisers' contact "
            "addresses. Never shown."
        ),
    )

    content_panels = BasePage.content_panels + [
        PictureMixin.picture_panel,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("kind"), FieldPanel("status")]),
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("attendance_mode"),
                FieldRowPanel([FieldPanel("venue"), FieldPanel("address")]),
                FieldRowPanel([FieldPanel("commune"), FieldPanel("department")]),
                FieldPanel("online_url"),
            ],
            heading=_("When and where"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("organisers"),
                FieldPanel("working_group"),
                FieldPanel("programme_name"),
                FieldPanel("themes"),
                FieldPanel("audiences"),
            ],
            heading=_("Who and what"),
        ),
        FieldPanel("description"),
        FieldPanel("programme"),
        FieldPanel("accessibility"),
        FieldPanel("documents"),
        MultiFieldPanel(
            [
                FieldPanel("registration_open"),
                FieldRowPanel([FieldPanel("capacity"), FieldPanel("waiting_list")]),
                FieldRowPanel([FieldPanel("registration_closes"), FieldPanel("reminder_days")]),
                FieldPanel("notify_emails"),
                InlinePanel("questions", label=_("Question"), heading=_("Questions of the form")),
            ],
            heading=_("Registration"),
        ),
        FieldPanel("meeting_day"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("description"),
        index.SearchField("venue"),
        index.FilterField("end"),
    ]

    # A translation keeps the source's links (wagtail-localize copies them as they are).
    override_translatable_fields = [SynchronizedField("meeting_day"), SynchronizedField("working_group")]
    parent_page_types = ["agenda.EventIndexPage"]
    subpage_types = []
    # What the page shows of its place, in the query of the page (core.routing).
    serve_select_related = ("commune", "department")
    kind_label = _("Event")
    search_kind = "event"
    search_facets = [
        DEPARTMENT_FACET.on("department__slug"),
        AUDIENCE_FACET.on("audiences__slug"),
        GROUP_FACET.on("working_group"),
        EVENT_KIND_FACET.on("kind"),
        ATTENDANCE_FACET.on("attendance_mode"),
        PROGRAMME_FACET.on("programme_name"),
    ]

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The end must come after the start.")})

    # --- Derived state -------------------------------------------------------------------------

    @property
    def is_past(self) -> bool:
        return self.end < timezone.now()

    @property
    def closes_at(self) -> datetime.datetime:
        return self.registration_closes or self.start

    @cached_property
    def seats_taken(self) -> int:
        return Registration.objects.filter(event=self, status=Registration.Status.CONFIRMED).count()

    @property
    def is_full(self) -> bool:
        return self.capacity is not None and self.seats_taken >= self.capacity

    @property
    def accepts_registrations(self) -> bool:
        """The form is shown: registration asked for, still open, and a seat or a waiting list."""
        return (
            self.registration_open
            and self.status == EventStatus.SCHEDULED
            and timezone.now() < self.closes_at
            and (not self.is_full or self.waiting_list)
        )

    @property
    def registration_state(self) -> str:
        """What a visitor is told: open, full (waiting list), full, closed, or none."""
        if not self.registration_open:
            return "none"
        if self.status != EventStatus.SCHEDULED or timezone.now() >= self.closes_at:
            return "closed"
        if self.is_full:
            return "waiting-list" if self.waiting_list else "full"
        return "open"

    @property
    def has_place(self) -> bool:
        return self.attendance_mode != AttendanceMode.ONLINE and bool(self.venue or self.commune_id)

    @property
    def place_label(self) -> str:
        parts = [self.venue, self.address, self.commune.name if self.commune_id else ""]
        return ", ".join(part for part in parts if part)

    @property
    def map_point(self) -> str:
        """« latitude,longitude » of the commune's centre, for the map ("" when it has none)."""
        if not self.has_place or not self.commune_id or self.commune.latitude is None:
            return ""
        return f"{float(self.commune.latitude):.5f},{float(self.commune.longitude):.5f}"

    def notified_addresses(self) -> list[str]:
        """Who is told when the event fills: the addresses of ``notify_emails``, then the contact
        address of each organiser actor that has one (never shown; each address once)."""
        addresses = [line.strip() for line in self.notify_emails.splitlines() if line.strip()]
        if self.pk is not None:
            organisers = self.organisers.exclude(contact_email="").order_by("title")
            addresses += organisers.values_list("contact_email", flat=True)
        unique = {}
        for address in addresses:
            unique.setdefault(address.lower(), address)
        return list(unique.values())

    def calendar_uid(self) -> str:
        """Stable across edits, moves and renames: the page's id and the site's domain."""
        return f"event-{self.translation_key}@{calendar.site_domain()}"

    # --- Pages ---------------------------------------------------------------------------------

    @path("")
    def event_view(self, request):
        return views.event_page(request, self)

    @path("register/", name="register")
    def register_view(self, request):
        return views.register(request, self)

    @path("ics/", name="ics")
    def ics_view(self, request):
        return views.event_ics(request, self)

    def json_ld(self, request=None):
        data = page_basics(self, request, "Event")
        data["startDate"] = timezone.localtime(self.start, PARIS).isoformat()
        data["endDate"] = timezone.localtime(self.end, PARIS).isoformat()
        data["eventStatus"] = {
            EventStatus.SCHEDULED: "https://schema.org/EventScheduled",
            EventStatus.POSTPONED: "https://schema.org/EventPostponed",
            EventStatus.CANCELLED: "https://schema.org/EventCancelled",
        }[self.status]
        data["eventAttendanceMode"] = {
            AttendanceMode.IN_PERSON: "https://schema.org/OfflineEventAttendanceMode",
            AttendanceMode.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
            AttendanceMode.HYBRID: "https://schema.org/MixedEventAttendanceMode",
        }[self.attendance_mode]
        locations = []
        if self.attendance_mode != AttendanceMode.ONLINE:
            address = {"@type": "PostalAddress", "addressCountry": "FR", "addressRegion": "Pays de la Loire"}
            if self.address:
                address["streetAddress"] = self.address
            if self.commune_id:
                address["addressLocality"] = self.commune.name
            locations.append({"@type": "Place", "name": self.venue or self.place_label, "address": address})
        if self.attendance_mode != AttendanceMode.IN_PERSON:
            # The meeting's address is for registered people: the page's own address stands for it.
            locations.append({"@type": "VirtualLocation", "url": data["url"]})
        data["location"] = locations[0] if len(locations) == 1 else locations
        organisers = getattr(self, "_visible_organisers", None)
        if organisers is None:
            organisers = list(visible(self.organisers.all(), self.locale_id))
        data["organizer"] = [
            {"@type": "Organization", "name": actor.title, "url": actor.get_full_url(request)}
            for actor in organisers
        ] or [{"@type": "Organization", "name": str(settings.WAGTAIL_SITE_NAME)}]
        return data


class EventQuestion(Orderable):
    """A question the editor adds to the registration form (diet, workshop chosen...)."""

    event = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="questions")
    label = models.CharField(_("question"), max_length=200)
    required = models.BooleanField(_("required"), default=False)

    panels = [FieldRowPanel([FieldPanel("label"), FieldPanel("required")])]

    class Meta(Orderable.Meta):
        verbose_name = _("question")

    @property
    def field_name(self) -> str:
        return f"question_{self.pk}"


class WorkingGroupIndexPage(BasePage):
    subpage_types = ["agenda.WorkingGroupPage"]
    parent_page_types = ["home.HomePage"]
    max_count_per_parent = 1
    kind_label = _("Working groups")
    schema_type = "CollectionPage"

    class Meta:
        verbose_name = _("working group index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["groups"] = list(
            visible(WorkingGroupPage.objects.child_of(self), self.locale_id).order_by("title")
        )
        return context


class WorkingGroupPage(PictureMixin, RoutablePageMixin, BasePage):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        CLOSED = "closed", _("Closed")

    objectives = RichTextField(_("objectives"), features=RICH_TEXT_FEATURES)
    founders = ParentalManyToManyField(
        "actors.ActorPage",
        blank=True,
        related_name="founded_groups",
        verbose_name=_("started by"),
        help_text=_("The structures that started the group."),
    )
    members = ParentalManyToManyField(
        "actors.ActorPage",
        blank=True,
        related_name="member_of_groups",
        verbose_name=_("member structures"),
    )
    rhythm = models.CharField(
        _("rhythm"), max_length=200, blank=True, help_text=_("E.g. « Once a quarter, in person and online ».")
    )
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.ACTIVE)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closing_reason = models.CharField(_("why it closed"), max_length=300, blank=True)
    referent_name = models.CharField(_("referent"), max_length=150)
    referent_role = models.CharField(_("referent's role"), max_length=150, blank=True)
    referent_organisation = models.CharField(_("referent's organisation"), max_length=200, blank=True)
    referent_email = models.EmailField(
        _("referent's address"), help_text=_("Receives the « join this group » requests. Never shown.")
    )

    content_panels = BasePage.content_panels + [
        PictureMixin.picture_panel,
        FieldPanel("objectives"),
        FieldPanel("founders"),
        FieldPanel("members"),
        FieldRowPanel([FieldPanel("rhythm"), FieldPanel("status")]),
        FieldRowPanel([FieldPanel("closed_on"), FieldPanel("closing_reason")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("referent_name"), FieldPanel("referent_role")]),
                FieldPanel("referent_organisation"),
                FieldPanel("referent_email"),
            ],
            heading=_("Referent"),
        ),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("objectives")]
    override_translatable_fields = [SynchronizedField("referent_email")]
    parent_page_types = ["agenda.WorkingGroupIndexPage"]
    subpage_types = []
    kind_label = _("Working group")
    search_kind = "working-group"
    schema_type = "Organization"

    class Meta:
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")

    def clean(self):
        super().clean()
        if self.status == self.Status.CLOSED and not self.closed_on:
            raise ValidationError({"closed_on": _("Give the date a closed group ended.")})

    @path("")
    def group_view(self, request):
        return views.working_group_page(request, self)

    @path("join/", name="join")
    def join_view(self, request):
        return views.join_group(request, self)

    @path("ical/", name="feed")
    def feed_view(self, request):
        return views.calendar_feed(request, visible(self.events.all(), self.locale_id), self.title)
