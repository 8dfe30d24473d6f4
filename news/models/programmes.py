"""The support programmes (TRAJET, Culturdiag) and their calls for applications.

A call's state (upcoming, open, closed) is computed from its dates at request time: nothing is
published or unpublished when a call opens or closes, and no cron is involved.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index

from agenda.models import EventPage, Programme
from core.blocks.text import RICH_TEXT_FEATURES, QuoteBlock
from core.listings import ListingIndexMixin
from core.pages import BasePage
from core.pictures import PictureMixin
from core.structured_data import organization, plain_text
from core.translation import linked_pages
from core.visibility import visible

# "Remind me a week before the call closes."
REMINDER_DAYS_BEFORE_CLOSING = 7


class ProgrammeIndexPage(ListingIndexMixin, BasePage):
    subpage_types = ["news.ProgrammePage"]
    parent_page_types = ["home.HomePage"]
    max_count_per_parent = 1
    kind_label = _("Support programmes")

    class Meta:
        verbose_name = _("programme index")


class TestimoniesBlock(blocks.StreamBlock):
    testimony = QuoteBlock(label=_("Testimony"))

    class Meta:
        label = _("Testimonies")


class ProgrammePage(PictureMixin, BasePage):
    offer = RichTextField(
        _("what it offers"),
        features=RICH_TEXT_FEATURES,
        help_text=_("What the programme brings to a project."),
    )
    eligibility = RichTextField(
        _("for whom"),
        features=RICH_TEXT_FEATURES,
        help_text=_("Who may apply: kind of structure, place, stage of the project."),
    )
    format_description = RichTextField(
        _("format"),
        features=RICH_TEXT_FEATURES,
        help_text=_("How it runs: trainings, collective days, individual interviews…"),
    )
    length = models.CharField(
        _("length"), max_length=120, help_text=_("E.g. « 8 mois », « 2 journées et un entretien ».")
    )
    networks = ParentalManyToManyField(
        "actors.ActorPage",
        blank=True,
        related_name="+",
        verbose_name=_("networks that run it"),
        help_text=_("The networks of the directory that run the programme."),
    )
    testimonies = StreamField(
        TestimoniesBlock(), blank=True, verbose_name=_("testimonies"), help_text=_("What participants say.")
    )
    replays = ParentalManyToManyField(
        "knowledge.ReplayPage",
        blank=True,
        related_name="+",
        verbose_name=_("replays"),
        help_text=_("Recordings of sessions or of participants' talks."),
    )
    agenda_programme = models.CharField(
        _("programme in the agenda"),
        max_length=20,
        choices=Programme.choices,
        blank=True,
        help_text=_("The agenda's events marked with this programme are listed as its sessions."),
    )
    contact_name = models.CharField(_("contact person"), max_length=120, blank=True)
    contact_email = models.EmailField(_("contact e-mail"))
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)

    content_panels = BasePage.content_panels + [
        PictureMixin.picture_panel,
        FieldPanel("offer"),
        FieldPanel("eligibility"),
        MultiFieldPanel([FieldPanel("format_description"), FieldPanel("length")], heading=_("Format")),
        FieldPanel("networks"),
        FieldPanel("agenda_programme"),
        InlinePanel("calls", label=_("Call for applications"), heading=_("Calls for applications")),
        FieldPanel("testimonies"),
        FieldPanel("replays"),
        MultiFieldPanel(
            [
                FieldPanel("contact_name"),
                FieldRowPanel([FieldPanel("contact_email"), FieldPanel("contact_phone")]),
            ],
            heading=_("Contact"),
        ),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("offer"),
        index.SearchField("eligibility"),
        index.SearchField("format_description"),
    ]

    parent_page_types = ["news.ProgrammeIndexPage"]
    subpage_types = []
    kind_label = _("Support programme")
    search_kind = "programme"
    schema_type = "EducationalOccupationalProgram"

    class Meta:
        verbose_name = _("support programme")
        verbose_name_plural = _("support programmes")

    def calls_by_state(self):
        """The calls, split by their state today: open (soonest closing first), upcoming, closed."""
        states = {
            ProgrammeCall.State.OPEN: [],
            ProgrammeCall.State.UPCOMING: [],
            ProgrammeCall.State.CLOSED: [],
        }
        today = timezone.localdate()
        for call in sorted(self.calls.all(), key=lambda call: call.closes_on):
            states[call.state_on(today)].append(call)
        states[ProgrammeCall.State.CLOSED].reverse()  # the latest closed first
        return states

    def current_call(self):
        """The call the JSON-LD describes: the open one, else the next, else the last one."""
        states = self.calls_by_state()
        for state in (ProgrammeCall.State.OPEN, ProgrammeCall.State.UPCOMING, ProgrammeCall.State.CLOSED):
            if states[state]:
                return states[state][0]
        return None

    def sessions(self):
        """The programme's sessions: the agenda's events marked with it, in this page's language."""
        if not self.agenda_programme:
            return []
        events = EventPage.objects.filter(programme_name=self.agenda_programme)
        return list(visible(events, self.locale_id).order_by("start", "title"))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        states = self.calls_by_state()
        context.update(
            open_calls=states[ProgrammeCall.State.OPEN],
            upcoming_calls=states[ProgrammeCall.State.UPCOMING],
            closed_calls=states[ProgrammeCall.State.CLOSED],
            networks=list(linked_pages(self.networks, self.locale_id)),
            replays=list(linked_pages(self.replays, self.locale_id)),
            sessions=self.sessions(),
        )
        return context

    def json_ld(self, request=None):
        data = super().json_ld(request)
        data["description"] = self.summary or plain_text(self.offer)
        data["programPrerequisites"] = plain_text(self.eligibility)
        data["educationalProgramMode"] = "blended"
        networks = list(linked_pages(self.networks, self.locale_id))
        if networks:
            data["provider"] = [organization(actor.title, actor.get_full_url(request)) for actor in networks]
        call = self.current_call()
        if call is not None:
            data["applicationStartDate"] = call.opens_on.isoformat()
            data["applicationDeadline"] = call.closes_on.isoformat()
        return data


class ProgrammeCallQuerySet(models.QuerySet):
    def open(self, today=None):
        today = today or timezone.localdate()
        return self.filter(opens_on__lte=today, closes_on__gte=today)

    def visible_in(self, locale):
        """Calls of the programmes a visitor of ``locale`` may see."""
        return self.filter(programme__in=visible(ProgrammePage.objects, locale))


class ProgrammeCall(TranslatableMixin, Orderable):
    class State(models.TextChoices):
        UPCOMING = "upcoming", _("Upcoming")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    programme = ParentalKey(ProgrammePage, on_delete=models.CASCADE, related_name="calls")
    title = models.CharField(_("title"), max_length=200, help_text=_("E.g. « Promotion 2027 »."))
    opens_on = models.DateField(_("opens on"), help_text=_("The first day applications are accepted."))
    closes_on = models.DateField(_("closes on"), help_text=_("The last day applications are accepted."))
    description = models.TextField(
        _("description"), blank=True, help_text=_("Optional: what this call is for, how many places.")
    )
    application_url = models.URLField(
        _("application address"), blank=True, help_text=_("Optional: where to apply online.")
    )

    objects = ProgrammeCallQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("opens_on"), FieldPanel("closes_on")]),
        FieldPanel("description"),
        FieldPanel("application_url"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("call for applications")
        verbose_name_plural = _("calls for applications")

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": _("A call closes on or after the day it opens.")})

    def state_on(self, day: datetime.date) -> str:
        if day < self.opens_on:
            return self.State.UPCOMING
        if day > self.closes_on:
            return self.State.CLOSED
        return self.State.OPEN

    @property
    def state(self) -> str:
        return self.state_on(timezone.localdate())

    @property
    def state_label(self) -> str:
        return self.State(self.state).label

    @property
    def is_open(self) -> bool:
        return self.state == self.State.OPEN

    @property
    def reminder_date(self) -> datetime.date:
        return self.closes_on - datetime.timedelta(days=REMINDER_DAYS_BEFORE_CLOSING)

    @property
    def accepts_reminders(self) -> bool:
        """A reminder makes sense while the reminder day is still ahead."""
        return self.state != self.State.CLOSED and timezone.localdate() < self.reminder_date
