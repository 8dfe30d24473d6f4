"""Thematic workshops and project sheets: one page type with a kind and a lifecycle.

The sheet (problem, objectives in order, expected results, deliverables, means, meetings, the
group, restitution, recommendations) is the page's content, written by editors. Its stage is
not: it moves one step at a time through ``forum.lifecycle``, by the people allowed to take that
step, and each step taken is recorded (``ProjectStep``) with its date, so that the timeline and
everyone see where the work stands.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core.blocks import DocumentBlock
from core.blocks.text import RICH_TEXT_FEATURES
from core.facets import Facet, FacetedSearch
from core.listings import ListingIndexMixin
from core.pages import BasePage
from core.visibility import visible
from knowledge.taxonomy import DEPARTMENT_FACET, THEME_FACET, Department, Theme


class Stage(models.TextChoices):
    """The lifecycle every workshop and project goes through, in this order."""

    PROPOSED = "proposed", _("Proposed")
    VALIDATED = "validated", _("Validated by the board")
    CALL = "call", _("Call for participation")
    GROUP_FORMED = "group-formed", _("Group formed")
    FRAMING = "framing", _("Framing meeting")
    UNDER_WAY = "under-way", _("Under way")
    REPORTED = "reported", _("Reported back")
    CLOSED = "closed", _("Closed")


STAGE_ORDER = list(Stage)


def project_facets(locale_id) -> list[Facet]:
    """The index's filters: stage, kind, theme and department (terms of the index's language)."""

    def terms(model):
        return lambda: dict(model.objects.filter(locale_id=locale_id).values_list("slug", "name"))

    return [
        Facet.from_lookup("stage", _("Stage"), ProjectPage, "stage", choices=lambda: dict(Stage.choices)),
        Facet.from_lookup(
            "kind", _("Kind"), ProjectPage, "kind", choices=lambda: dict(ProjectPage.Kind.choices)
        ),
        Facet.from_lookup("theme", _("Theme"), ProjectPage, "themes__slug", choices=terms(Theme)),
        Facet.from_lookup(
            "department", _("Department"), ProjectPage, "departments__slug", choices=terms(Department)
        ),
    ]


class ProjectIndexPage(ListingIndexMixin, BasePage):
    """Workshops and projects, the most recently moved first, filtered with the facet engine."""

    subpage_types = ["forum.ProjectPage"]
    parent_page_types = ["home.HomePage"]
    max_count_per_parent = 1
    kind_label = _("Workshops and projects")
    listing_order = ("-stage_changed_on", "title")
    listing_prefetch_related = ("themes",)
    listing_page_size = 20

    class Meta:
        verbose_name = _("index of workshops and projects")

    def faceted(self, request) -> FacetedSearch:
        params = request.GET if request is not None else {}
        key = params.urlencode() if hasattr(params, "urlencode") else ""
        cache = self.__dict__.setdefault("_faceted", {})
        if key not in cache:
            items = visible(ProjectPage.objects.child_of(self), self.locale_id)
            cache[key] = FacetedSearch.over(items, project_facets(self.locale_id), params)
        return cache[key]

    def listing_page(self, request):
        faceted = self.faceted(request)
        key = (request.GET.urlencode(), request.GET.get("page")) if request is not None else ("", None)
        cache = self.__dict__.setdefault("_listing_pages", {})
        if key not in cache:
            items = (
                faceted.filtered()
                .prefetch_related(*self.listing_prefetch_related)
                .order_by(*self.listing_order)
            )
            cache[key] = Paginator(items, self.listing_page_size).get_page(key[1])
        return cache[key]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        faceted = self.faceted(request)
        context.update(
            faceted=faceted,
            facets=faceted.facets(),
            chips=faceted.chips(),
            unknown_filters=faceted.unknown,
        )
        return context


class ProjectPage(RoutablePageMixin, BasePage):
    class Kind(models.TextChoices):
        WORKSHOP = "workshop", _("Thematic workshop")
        PROJECT = "project", _("Project")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.WORKSHOP)
    stage = models.CharField(
        _("stage"), max_length=14, choices=Stage.choices, default=Stage.PROPOSED, editable=False
    )
    stage_changed_on = models.DateField(_("stage reached on"), default=timezone.localdate, editable=False)
    topics = ParentalManyToManyField(
        "forum.TopicPage",
        blank=True,
        related_name="projects",
        verbose_name=_("forum topics it comes from"),
    )
    themes = ParentalManyToManyField("knowledge.Theme", blank=True, verbose_name=_("themes"))
    departments = ParentalManyToManyField(
        "knowledge.Department",
        blank=True,
        verbose_name=_("departments"),
        help_text=_("None: the whole region."),
    )
    problem = RichTextField(
        _("the problem"), features=RICH_TEXT_FEATURES, help_text=_("What the work answers.")
    )
    expected_results = RichTextField(_("expected results"), features=RICH_TEXT_FEATURES, blank=True)
    means = RichTextField(
        _("means"), features=RICH_TEXT_FEATURES, blank=True, help_text=_("People, time, places, tools.")
    )
    budget = models.DecimalField(
        _("budget (euros)"), max_digits=10, decimal_places=2, null=True, blank=True, help_text=_("Optional.")
    )
    budget_note = models.CharField(_("budget, in words"), max_length=300, blank=True)
    meetings = ParentalManyToManyField(
        "agenda.EventPage",
        blank=True,
        related_name="forum_projects",
        verbose_name=_("meetings"),
        help_text=_("The events of the agenda where the group meets (the framing meeting first)."),
    )
    member_structures = ParentalManyToManyField(
        "actors.ActorPage", blank=True, related_name="forum_projects", verbose_name=_("member structures")
    )
    referent_name = models.CharField(_("referent"), max_length=150, blank=True)
    referent_organisation = models.CharField(_("referent's organisation"), max_length=200, blank=True)
    referent_email = models.EmailField(
        _("referent's address"), blank=True, help_text=_("Told of each volunteer. Never shown.")
    )
    board_member = models.CharField(_("board member involved"), max_length=150, blank=True)
    staff_contact = models.CharField(_("staff contact"), max_length=150, blank=True)
    call_text = RichTextField(
        _("call for participation"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("Whom the group looks for and what it asks of them."),
    )
    call_deadline = models.DateField(_("call closes on"), null=True, blank=True)
    restitution_on = models.DateField(_("reported back on"), null=True, blank=True)
    restitution = RichTextField(_("restitution"), features=RICH_TEXT_FEATURES, blank=True)
    restitution_documents = StreamField(
        [("document", DocumentBlock())], blank=True, verbose_name=_("restitution documents")
    )
    replay = models.ForeignKey(
        "knowledge.ReplayPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("replay of the restitution"),
    )

    content_panels = BasePage.content_panels + [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("topics")]),
        FieldRowPanel([FieldPanel("themes"), FieldPanel("departments")]),
        MultiFieldPanel(
            [
                FieldPanel("problem"),
                InlinePanel(
                    "objectives", label=_("Objective"), heading=_("Objectives, most important first")
                ),
                FieldPanel("expected_results"),
                InlinePanel("deliverables", label=_("Deliverable"), heading=_("Deliverables")),
            ],
            heading=_("The sheet"),
        ),
        MultiFieldPanel(
            [FieldPanel("means"), FieldRowPanel([FieldPanel("budget"), FieldPanel("budget_note")])],
            heading=_("Means and budget"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("referent_name"), FieldPanel("referent_organisation")]),
                FieldPanel("referent_email"),
                FieldRowPanel([FieldPanel("board_member"), FieldPanel("staff_contact")]),
                FieldPanel("member_structures"),
                InlinePanel("members", label=_("Person"), heading=_("Who does what")),
            ],
            heading=_("The group"),
        ),
        MultiFieldPanel(
            [FieldPanel("call_text"), FieldPanel("call_deadline")], heading=_("Call for participation")
        ),
        FieldPanel("meetings"),
        MultiFieldPanel(
            [
                FieldPanel("restitution_on"),
                FieldPanel("restitution"),
                FieldPanel("restitution_documents"),
                FieldPanel("replay"),
                InlinePanel("recommendations", label=_("Recommendation"), heading=_("Recommendations")),
            ],
            heading=_("Restitution"),
        ),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("problem"),
        index.SearchField("expected_results"),
        index.SearchField("restitution"),
        index.FilterField("kind"),
    ]
    override_translatable_fields = [
        SynchronizedField("referent_email"),
        SynchronizedField("referent_name"),
        SynchronizedField("board_member"),
        SynchronizedField("staff_contact"),
    ]

    parent_page_types = ["forum.ProjectIndexPage"]
    subpage_types = []
    kind_label = _("Workshop or project")
    schema_type = "Project"
    search_kind = "forum-project"
    search_facets = [
        THEME_FACET.on("themes__slug"),
        DEPARTMENT_FACET.on("departments__slug"),
    ]
    # The sheet's lists, loaded with the page (set below ProjectMember, which it names). The
    # themes and departments serve the filters, not the page.
    serve_prefetch_related: tuple = ()

    class Meta:
        verbose_name = _("workshop or project")
        verbose_name_plural = _("workshops and projects")
        permissions = [
            ("validate_project", _("Can validate and close workshops and projects (the board)")),
            ("run_project", _("Can move a workshop or project through its working steps")),
        ]

    def clean(self):
        super().clean()
        if self.budget is not None and self.budget < 0:
            raise ValidationError({"budget": _("A budget cannot be negative.")})

    def with_content_json(self, content):
        """The stage moves through its steps only (forum.lifecycle): publishing an older draft
        keeps the stage reached since."""
        obj = super().with_content_json(content)
        obj.stage = self.stage
        obj.stage_changed_on = self.stage_changed_on
        return obj

    @property
    def kind_name(self):
        return self.get_kind_display()

    @property
    def accepts_volunteers(self) -> bool:
        return (
            self.stage == Stage.CALL
            and bool(self.referent_email)
            and (self.call_deadline is None or timezone.localdate() <= self.call_deadline)
        )

    def stage_position(self) -> int:
        return STAGE_ORDER.index(self.stage)

    def stages(self):
        """Every stage with whether it is done, the current one, or still to come."""
        here = self.stage_position()
        return [
            {
                "value": stage.value,
                "label": stage.label,
                "state": "done" if i < here else "current" if i == here else "todo",
            }
            for i, stage in enumerate(STAGE_ORDER)
        ]

    def get_context(self, request, *args, **kwargs):
        from forum.timeline import timeline

        context = super().get_context(request, *args, **kwargs)
        context["timeline"] = timeline(self)
        return context

    @path("participate/", name="participate")
    def participate_view(self, request):
        from forum import views

        return views.participate(request, self)

    def json_ld(self, request=None):
        data = super().json_ld(request)
        data["name"] = self.title
        if self.referent_organisation:
            data["member"] = {"@type": "Organization", "name": self.referent_organisation}
        return data


class ProjectObjective(TranslatableMixin, Orderable):
    page = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="objectives")
    text = models.CharField(_("objective"), max_length=300)

    panels = [FieldPanel("text")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]
        verbose_name = _("objective")


class ProjectDeliverable(TranslatableMixin, Orderable):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in-progress", _("In progress")
        DELIVERED = "delivered", _("Delivered")
        DROPPED = "dropped", _("Dropped")

    page = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="deliverables")
    title = models.CharField(_("deliverable"), max_length=200)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PLANNED)
    delivered_on = models.DateField(_("delivered on"), null=True, blank=True)
    link = models.URLField(_("where to find it"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("title"), FieldPanel("status")]),
        FieldRowPanel([FieldPanel("due_on"), FieldPanel("delivered_on")]),
        FieldPanel("link"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]
        verbose_name = _("deliverable")

    def clean(self):
        super().clean()
        if self.status == self.Status.DELIVERED and not self.delivered_on:
            raise ValidationError({"delivered_on": _("Give the day it was delivered.")})


class ProjectMember(TranslatableMixin, Orderable):
    """A person of the group and what they do in it."""

    page = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(_("name"), max_length=150)
    structure = models.ForeignKey(
        "actors.ActorPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("structure"),
    )
    role = models.CharField(_("what they do"), max_length=300, blank=True)

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("structure")]), FieldPanel("role")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]
        verbose_name = _("member of the group")


class ProjectRecommendation(TranslatableMixin, Orderable):
    class Audience(models.TextChoices):
        MEMBERS = "members", _("Members")
        SECTOR = "sector", _("The sector")
        PUBLIC_BODIES = "public-bodies", _("Public bodies")

    page = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="recommendations")
    audience = models.CharField(_("for"), max_length=14, choices=Audience.choices)
    text = models.TextField(_("recommendation"), max_length=2000)

    panels = [FieldPanel("audience"), FieldPanel("text")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]
        verbose_name = _("recommendation")


class ProjectStep(models.Model):
    """A step of the lifecycle taken: which, when, by whom. Shared by the page's translations
    (by translation key), so every language shows the same history."""

    translation_key = models.UUIDField(db_index=True)
    stage = models.CharField(_("stage"), max_length=14, choices=Stage.choices)
    taken_on = models.DateField(_("on"))
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("step taken")
        verbose_name_plural = _("steps taken")
        ordering = ["taken_on", "recorded_at"]

    def __str__(self):
        return f"{self.get_stage_display()} ({self.taken_on})"


class Volunteer(models.Model):
    """Someone who answered a call for participation. Deleted by ``purge_forum_contacts``."""

    project = models.ForeignKey(ProjectPage, on_delete=models.CASCADE, related_name="volunteers")
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail"))
    organisation = models.CharField(_("organisation"), max_length=200)
    message = models.TextField(_("message"), max_length=3000)
    consent = models.TextField(_("consent given"))
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("volunteer")
        verbose_name_plural = _("volunteers")
        ordering = ["created_at"]

    def __str__(self):
        return self.name


ProjectPage.serve_prefetch_related = (
    "objectives",
    "deliverables",
    Prefetch("members", queryset=ProjectMember.objects.select_related("structure")),
    "recommendations",
)
