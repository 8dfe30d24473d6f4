"""The sector action plan: a shared diagnosis, a steering committee, and issues, each with its
keywords, comments, resource persons and action tracks (status, pilot, dates, indicators, the
workshops and projects that carry it).

The issues and their tracks are one StreamField: editors write them nested in the admin,
wagtail-localize translates their text, and the whole plan goes to and from one spreadsheet
(``forum.plan_exchange``) in one piece.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.blocks import StructBlockValidationError
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from core.blocks import DocumentBlock
from core.blocks.text import RICH_TEXT_FEATURES
from core.pages import BasePage
from core.translation import linked_pages


class TrackStatus:
    PLANNED = "planned"
    UNDER_WAY = "under-way"
    DONE = "done"
    PAUSED = "paused"
    ABANDONED = "abandoned"
    CHOICES = [
        (PLANNED, _("To come")),
        (UNDER_WAY, _("Under way")),
        (DONE, _("Done")),
        (PAUSED, _("Paused")),
        (ABANDONED, _("Abandoned")),
    ]
    LABELS = dict(CHOICES)


class IndicatorBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("indicator"), max_length=200)
    target = blocks.DecimalBlock(label=_("target"), required=False)
    value = blocks.DecimalBlock(label=_("value reached"), required=False)
    measured_on = blocks.DateBlock(label=_("measured on"), required=False)

    class Meta:
        icon = "pick"
        label = _("indicator")
        preview_value = {"label": "Ateliers tenus", "target": Decimal(4), "value": Decimal(2)}
        description = _("What is measured, the target and the value reached")

    def clean(self, value):
        value = super().clean(value)
        if "|" in value["label"]:
            raise StructBlockValidationError(
                {"label": ValidationError(_("An indicator's name cannot hold « | »."))}
            )
        return value


class TrackBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("action track"), max_length=300)
    status = blocks.ChoiceBlock(label=_("status"), choices=TrackStatus.CHOICES, default=TrackStatus.PLANNED)
    pilot = blocks.CharBlock(label=_("pilot"), max_length=200, required=False)
    starts_on = blocks.DateBlock(label=_("start"), required=False)
    ends_on = blocks.DateBlock(label=_("end"), required=False)
    comments = blocks.TextBlock(label=_("comments"), required=False)
    projects = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="forum.ProjectPage"),
        label=_("workshops and projects carrying it"),
        default=[],
    )
    indicators = blocks.ListBlock(IndicatorBlock(), label=_("indicators"), default=[])

    class Meta:
        icon = "list-ul"
        label = _("action track")
        description = _("An action of the plan, with its status, pilot, dates and indicators")

    def clean(self, value):
        value = super().clean(value)
        if value["starts_on"] and value["ends_on"] and value["ends_on"] < value["starts_on"]:
            raise StructBlockValidationError(
                {"ends_on": ValidationError(_("The end must come after the start."))}
            )
        return value


class IssueBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("issue"), max_length=300)
    keywords = blocks.CharBlock(
        label=_("keywords"), max_length=500, required=False, help_text=_("Separated by commas.")
    )
    comments = blocks.TextBlock(label=_("comments"), required=False)
    resource_people = blocks.TextBlock(label=_("resource persons or structures"), required=False)
    tracks = blocks.ListBlock(TrackBlock(), label=_("action tracks"), default=[])

    class Meta:
        icon = "tag"
        label = _("issue")
        template = "forum/blocks/issue.html"
        description = _("An issue of the plan and its action tracks")
        preview_value = {"title": "Rendre visibles les métiers", "keywords": "métiers, transmission"}


class ActionPlanPage(BasePage):
    period = models.CharField(_("period"), max_length=40, blank=True, help_text=_("E.g. « 2024-2027 »."))
    diagnosis = RichTextField(
        _("shared diagnosis"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("The findings the plan starts from."),
    )
    diagnosis_documents = StreamField(
        [("document", DocumentBlock())], blank=True, verbose_name=_("documents of the diagnosis")
    )
    steering_committee = ParentalManyToManyField(
        "actors.ActorPage", blank=True, related_name="steered_plans", verbose_name=_("steering committee")
    )
    issues = StreamField([("issue", IssueBlock())], blank=True, verbose_name=_("issues and action tracks"))

    content_panels = BasePage.content_panels + [
        FieldPanel("period"),
        FieldPanel("diagnosis"),
        FieldPanel("diagnosis_documents"),
        FieldPanel("steering_committee"),
        FieldPanel("issues"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("diagnosis"), index.SearchField("issues")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    kind_label = _("Action plan")
    schema_type = "CreativeWork"
    search_kind = "action-plan"
    serve_prefetch_related = ("steering_committee",)

    class Meta:
        verbose_name = _("sector action plan")
        verbose_name_plural = _("sector action plans")

    def get_context(self, request, *args, **kwargs):
        from forum.progress import plan_progress

        context = super().get_context(request, *args, **kwargs)
        context["progress"] = plan_progress(self)
        context["committee"] = list(linked_pages(self.steering_committee, self.locale_id))
        return context
