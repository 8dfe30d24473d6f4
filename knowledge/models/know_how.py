from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from core.blocks import BodyStreamBlock, ListItemsBlock, SourceBlock, StepsStreamBlock
from core.listings import ListingIndexMixin
from core.page_memory import page_remembered
from core.pages import BasePage
from core.pictures import PictureMixin
from core.reviews import ReviewedMixin
from core.structured_data import (
    page_basics,
    plain_text,
)
from core.translation import pages_linking_to

from ..taxonomy import (
    AUDIENCE_FACET,
    DEPARTMENT_FACET,
    DOMAIN_FACET,
    MATERIAL_FACET,
)


def related_trades_of(page):
    """Trade profiles that name this page (or its source) among their related know-how or labels."""
    link = type(page).related_trades.field  # the trade profile's many-to-many field to this page
    return pages_linking_to(link.model.objects, link.name, page).order_by("title")


# Know-how ---------------------------------------------------------------------------------------


class KnowHowIndexPage(ListingIndexMixin, BasePage):
    subpage_types = ["knowledge.KnowHowPage"]
    parent_page_types = ["home.HomePage"]
    max_count_per_parent = 1
    kind_label = _("Know-how")

    class Meta:
        verbose_name = _("know-how index")


class KnowHowTag(TaggedItemBase):
    content_object = ParentalKey(
        "knowledge.KnowHowPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


# The "label" facet: a label page is its own value; other pages reach labels through a link.


class KnowHowPage(PictureMixin, ReviewedMixin, BasePage):
    class IntangibleHeritage(models.TextChoices):
        NONE = "", _("Not inscribed")
        NATIONAL = "national", _("National inventory of intangible cultural heritage")
        UNESCO = "unesco", _("UNESCO representative list")

    technique = StreamField(
        BodyStreamBlock(),
        verbose_name=_("the technique"),
        help_text=_("What the technique is and what it is for."),
    )
    materials = ParentalManyToManyField(
        "knowledge.Material", blank=True, verbose_name=_("materials"), help_text=_("The materials it works.")
    )
    domains = ParentalManyToManyField(
        "knowledge.Domain", blank=True, verbose_name=_("domains"), help_text=_("The domains it belongs to.")
    )
    audiences = ParentalManyToManyField(
        "knowledge.Audience", blank=True, verbose_name=_("audiences"), help_text=_("Who this page speaks to.")
    )
    tools = StreamField(
        ListItemsBlock(),
        blank=True,
        verbose_name=_("tools"),
        help_text=_("One tool per item, e.g. « ciseau à pierre », « maillet »."),
    )
    steps = StreamField(
        StepsStreamBlock(), blank=True, verbose_name=_("steps"), help_text=_("The steps, in order.")
    )
    where_practised = models.TextField(
        _("where it is practised"),
        blank=True,
        help_text=_("Places, sites or workshops where it can be seen or learnt in the region."),
    )
    departments = ParentalManyToManyField(
        "knowledge.Department",
        blank=True,
        verbose_name=_("departments"),
        help_text=_("The departments where it is practised."),
    )
    intangible_heritage = models.CharField(
        _("intangible cultural heritage"),
        max_length=10,
        blank=True,
        choices=IntangibleHeritage.choices,
        help_text=_("Whether it is inscribed on the national inventory or on UNESCO's list."),
    )
    intangible_heritage_url = models.URLField(
        _("inventory record"), blank=True, help_text=_("The address of the inventory record, if inscribed.")
    )
    sources = StreamField(
        [("source", SourceBlock())],
        min_num=1,
        verbose_name=_("sources"),
        help_text=_("At least one source: the network holds to scientific rigour."),
    )
    tags = ClusterTaggableManager(through=KnowHowTag, blank=True, help_text=_("Free keywords."))

    content_panels = BasePage.content_panels + [
        PictureMixin.picture_panel,
        ReviewedMixin.review_panel,
        FieldPanel("technique"),
        MultiFieldPanel(
            [FieldPanel("domains"), FieldPanel("materials"), FieldPanel("audiences"), FieldPanel("tags")],
            heading=_("Classification"),
        ),
        FieldPanel("tools"),
        FieldPanel("steps"),
        MultiFieldPanel([FieldPanel("where_practised"), FieldPanel("departments")], heading=_("Where")),
        MultiFieldPanel(
            [FieldPanel("intangible_heritage"), FieldPanel("intangible_heritage_url")],
            heading=_("Intangible cultural heritage"),
        ),
        FieldPanel("sources"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("technique"),
        index.SearchField("steps"),
        index.SearchField("tools"),
        index.SearchField("where_practised"),
        index.FilterField("intangible_heritage"),
        index.RelatedFields("materials", [index.SearchField("name")]),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]

    parent_page_types = ["knowledge.KnowHowIndexPage"]
    subpage_types = []
    kind_label = _("Know-how")
    serve_prefetch_related = ("domains", "materials", "departments")
    search_kind = "know-how"
    search_facets = [
        DOMAIN_FACET.on("domains__slug"),
        MATERIAL_FACET.on("materials__slug"),
        DEPARTMENT_FACET.on("departments__slug"),
        AUDIENCE_FACET.on("audiences__slug"),
    ]

    class Meta:
        verbose_name = _("know-how")
        verbose_name_plural = _("know-how")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["related_trades"] = page_remembered(
            request, self, "related_trades", lambda: list(related_trades_of(self))
        )
        return context

    def clean(self):
        super().clean()
        if self.intangible_heritage_url and not self.intangible_heritage:
            raise ValidationError(
                {"intangible_heritage": _("Say on which list it is inscribed, or remove the record address.")}
            )

    def json_ld(self, request=None):
        steps = [block for block in self.steps if block.block_type == "step"]
        data = page_basics(self, request, "HowTo" if steps else "CreativeWork")
        if steps:
            data["step"] = [
                {
                    "@type": "HowToStep",
                    "position": position,
                    "name": block.value["title"],
                    "text": plain_text(block.value["text"]) or block.value["title"],
                }
                for position, block in enumerate(steps, start=1)
            ]
            data["tool"] = [{"@type": "HowToTool", "name": block.value} for block in self.tools]
            data["supply"] = [
                {"@type": "HowToSupply", "name": material.name} for material in self.materials.all()
            ]
        citations = []
        for block in self.sources:
            source = block.value
            citation = {"@type": "CreativeWork", "name": source["title"]}
            if source.get("author"):
                citation["author"] = source["author"]
            if source.get("year"):
                citation["datePublished"] = str(source["year"])
            if source.get("url"):
                citation["url"] = source["url"]
            citations.append(citation)
        data["citation"] = citations
        if self.intangible_heritage_url:
            data["isBasedOn"] = self.intangible_heritage_url
        return data


# Labels, charters and marks ---------------------------------------------------------------------
