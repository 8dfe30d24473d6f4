"""The circle of resource persons and the questions it answers.

A project holder asks a question (on the site, or by phone or mail, logged by the coordinator);
the coordinator hands it to one or several resource persons, who accept or decline it, search
their networks and write the answer through signed links sent by mail (they have no account).
The coordinator reviews the answer and sends it to the asker; an anonymised copy may become a
« question and answer » page of the knowledge base (questions.pages).

The states and what moves a question between them live in questions.transitions; this module
holds the data only.
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index

from .pages import QuestionAnswerIndexPage, QuestionAnswerPage

__all__ = ["Assignment", "Question", "QuestionAnswerIndexPage", "QuestionAnswerPage", "ResourcePerson"]


class ResourcePerson(index.Indexed, models.Model):
    """A member of the circle: not an admin user; acts through the links mailed to them."""

    name = models.CharField(_("name"), max_length=150, help_text=_("First name and surname."))
    email = models.EmailField(_("e-mail"), help_text=_("Where the questions and their links are sent."))
    phone = models.CharField(_("phone"), max_length=20, blank=True, help_text=_("Optional."))
    organisation = models.ForeignKey(
        "actors.ActorPage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
        help_text=_("The actor of the directory they belong to, if any."),
    )
    domains = models.ManyToManyField(
        "knowledge.Domain", blank=True, related_name="+", verbose_name=_("domains they know")
    )
    materials = models.ManyToManyField(
        "knowledge.Material", blank=True, related_name="+", verbose_name=_("materials they know")
    )
    labels = models.ManyToManyField(
        "knowledge.LabelPage", blank=True, related_name="+", verbose_name=_("labels they know")
    )
    trades = models.ManyToManyField(
        "trades.TradeProfilePage", blank=True, related_name="+", verbose_name=_("trades they know")
    )
    other_skills = models.TextField(
        _("other skills"), blank=True, help_text=_("In their own words, what the lists above do not say.")
    )
    departments = models.ManyToManyField(
        "knowledge.Department",
        blank=True,
        related_name="+",
        verbose_name=_("departments covered"),
        help_text=_("None: the whole region."),
    )
    languages = models.CharField(
        _("languages"),
        max_length=100,
        default="fr",
        help_text=_("Language codes, separated by commas, e.g. « fr, en, br »."),
    )
    away_until = models.DateField(
        _("away until"),
        null=True,
        blank=True,
        help_text=_("Leave empty when available. Until that day, no question is suggested to them."),
    )
    committed_on = models.DateField(
        _("commitment date"), help_text=_("The day they agreed to join the circle and answer questions.")
    )
    consent_given_on = models.DateField(
        _("consent given on"),
        help_text=_(
            "The day they agreed that the network keeps these details to send them questions. "
            "Delete the person when they ask: their answers stay, without their name."
        ),
    )
    active = models.BooleanField(
        _("active"), default=True, help_text=_("Untick when they leave the circle: nothing is sent to them.")
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("email"), FieldPanel("phone")]),
        FieldPanel("organisation"),
        MultiFieldPanel(
            [
                FieldPanel("domains"),
                FieldPanel("materials"),
                FieldPanel("labels"),
                FieldPanel("trades"),
                FieldPanel("other_skills"),
            ],
            heading=_("Skills"),
        ),
        FieldPanel("departments"),
        FieldPanel("languages"),
        FieldRowPanel([FieldPanel("away_until"), FieldPanel("active")], heading=_("Availability")),
        FieldRowPanel([FieldPanel("committed_on"), FieldPanel("consent_given_on")], heading=_("Commitment")),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("other_skills"),
        index.AutocompleteField("name"),
    ]

    class Meta:
        verbose_name = _("resource person")
        verbose_name_plural = _("resource persons")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def is_available(self, on: date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.active and (self.away_until is None or self.away_until < on)

    is_available.short_description = _("available")


class Question(index.Indexed, models.Model):
    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        ROUTED = "routed", _("Routed")
        SEARCHING = "searching", _("Being searched")
        ANSWERED = "answered", _("Answered")
        CLOSED = "closed", _("Closed")
        REJECTED = "rejected", _("Rejected")
        REDIRECTED = "redirected", _("Redirected")

    class Channel(models.TextChoices):
        SITE = "site", _("The site's form")
        PHONE = "phone", _("Phone")
        MAIL = "mail", _("Mail")

    class StructureKind(models.TextChoices):
        INDIVIDUAL = "individual", _("A private person or owner")
        ASSOCIATION = "association", _("An association")
        LOCAL_AUTHORITY = "local-authority", _("A local authority")
        COMPANY = "company", _("A company or craftsperson")
        OTHER = "other", _("Other")

    class AnswerBy(models.TextChoices):
        EMAIL = "email", _("By e-mail")
        PHONE = "phone", _("By phone")

    FINISHED = (Status.CLOSED, Status.REJECTED, Status.REDIRECTED)

    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.RECEIVED, editable=False
    )
    channel = models.CharField(
        _("received by"),
        max_length=8,
        choices=Channel.choices,
        default=Channel.PHONE,
        help_text=_("How the question reached the network."),
    )
    text = models.TextField(_("question"), max_length=4000, help_text=_("The question, as the asker put it."))
    context = models.TextField(
        _("context"),
        max_length=4000,
        blank=True,
        help_text=_("The project behind the question: the building, the work planned, the stage reached."),
    )
    commune = models.CharField(_("commune"), max_length=120, blank=True)
    department = models.ForeignKey(
        "knowledge.Department",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("department"),
    )
    structure_kind = models.CharField(
        _("kind of structure"), max_length=16, choices=StructureKind.choices, blank=True
    )
    domains = models.ManyToManyField(
        "knowledge.Domain", blank=True, related_name="+", verbose_name=_("domains")
    )
    materials = models.ManyToManyField(
        "knowledge.Material", blank=True, related_name="+", verbose_name=_("materials")
    )
    labels = models.ManyToManyField(
        "knowledge.LabelPage", blank=True, related_name="+", verbose_name=_("labels")
    )
    trades = models.ManyToManyField(
        "trades.TradeProfilePage", blank=True, related_name="+", verbose_name=_("trades")
    )

    # The asker's details: deleted a set time after the question ends (manage.py purge_askers).
    asker_name = models.CharField(_("asker's name"), max_length=150, blank=True)
    asker_email = models.EmailField(_("asker's e-mail"), blank=True)
    asker_phone = models.CharField(_("asker's phone"), max_length=20, blank=True)
    answer_by = models.CharField(
        _("answer by"), max_length=8, choices=AnswerBy.choices, default=AnswerBy.EMAIL
    )
    language = models.CharField(_("language"), max_length=8, default="fr", editable=False)
    asker_data_deleted_on = models.DateField(_("asker's details deleted on"), null=True, editable=False)

    received_at = models.DateTimeField(_("received at"), default=timezone.now, editable=False)
    promised_on = models.DateField(
        _("answer promised for"), null=True, editable=False, help_text=_("The day the asker was told.")
    )
    due_on = models.DateField(
        _("current step due on"), null=True, editable=False, help_text=_("None once the question ended.")
    )
    answer = models.TextField(
        _("answer"),
        blank=True,
        help_text=_("The answer sent to the asker: the resource person's, as the coordinator reviewed it."),
    )
    answer_sent_at = models.DateTimeField(_("answer sent at"), null=True, editable=False)
    finished_at = models.DateTimeField(_("ended at"), null=True, editable=False)
    finish_reason = models.TextField(
        _("reason"), blank=True, editable=False, help_text=_("Why it was rejected, or where it was sent.")
    )
    published_page = models.ForeignKey(
        "questions.QuestionAnswerPage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("public page"),
    )

    panels = [
        FieldPanel("channel"),
        FieldPanel("text"),
        FieldPanel("context"),
        FieldRowPanel([FieldPanel("commune"), FieldPanel("department"), FieldPanel("structure_kind")]),
        MultiFieldPanel(
            [FieldPanel("domains"), FieldPanel("materials"), FieldPanel("labels"), FieldPanel("trades")],
            heading=_("Themes"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("asker_name"), FieldPanel("asker_email"), FieldPanel("asker_phone")]
                ),
                FieldPanel("answer_by"),
            ],
            heading=_("The asker"),
        ),
        FieldPanel("answer"),
    ]
    search_fields = [index.SearchField("text"), index.SearchField("context"), index.SearchField("commune")]

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = [models.F("due_on").asc(nulls_last=True), "-received_at"]

    def __str__(self):
        return _("Question %(number)s") % {"number": self.reference}

    @property
    def reference(self) -> str:
        return f"{self.received_at:%Y}-{self.pk:04d}" if self.pk else "—"

    @property
    def is_finished(self) -> bool:
        return self.status in self.FINISHED

    def is_late(self, on: date | None = None) -> bool:
        return self.due_on is not None and self.due_on < (on or timezone.localdate())

    is_late.boolean = True
    is_late.short_description = _("late")

    @property
    def answered_in_time(self) -> bool | None:
        if not self.answer_sent_at or not self.promised_on:
            return None
        return timezone.localdate(self.answer_sent_at) <= self.promised_on

    def themes(self) -> list:
        """Every term and page the question is about, for the desk and the mails."""
        return [*self.domains.all(), *self.materials.all(), *self.labels.all(), *self.trades.all()]


class Assignment(models.Model):
    """A question handed to one resource person, and what they did with it."""

    class Status(models.TextChoices):
        OFFERED = "offered", _("Offered, waiting for an answer")
        ACCEPTED = "accepted", _("Accepted, searching")
        DECLINED = "declined", _("Declined")
        EXPIRED = "expired", _("Not accepted in time")
        ANSWERED = "answered", _("Answered")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    OPEN = (Status.OFFERED, Status.ACCEPTED)

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="assignments")
    person = models.ForeignKey(
        ResourcePerson,
        on_delete=models.SET_NULL,
        null=True,
        related_name="assignments",
        verbose_name=_("resource person"),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OFFERED)
    offered_at = models.DateTimeField(_("offered at"), default=timezone.now)
    due_on = models.DateField(_("due on"), help_text=_("To accept, then to answer."))
    responded_at = models.DateTimeField(_("accepted or declined at"), null=True)
    decline_reason = models.TextField(_("why declined"), blank=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True)
    help_requested_at = models.DateTimeField(_("help asked at"), null=True)
    help_message = models.TextField(_("help asked"), blank=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["offered_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["question", "person"], name="one_assignment_per_person")
        ]

    def __str__(self):
        return f"{self.question} → {self.person or _('(deleted person)')}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN


def due_settings() -> dict[str, int]:
    """Working days for each step, from settings.QUESTIONS_WORKING_DAYS."""
    return settings.QUESTIONS_WORKING_DAYS
