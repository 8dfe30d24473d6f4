from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from core.blocks import ListItemsBlock
from core.blocks.text import RICH_TEXT_FEATURES
from core.listings import ListingIndexMixin
from core.page_memory import page_remembered
from core.pages import BasePage
from core.pictures import PictureMixin
from core.reviews import ReviewedMixin
from core.structured_data import (
    organization,
    page_basics,
)

from ..taxonomy import (
    AUDIENCE_FACET,
    DOMAIN_FACET,
    LABEL_FACET,
)
from .know_how import related_trades_of


class LabelIndexPage(ListingIndexMixin, BasePage):
    subpage_types = ["knowledge.LabelPage"]
    parent_page_types = ["home.HomePage"]
    max_count_per_parent = 1
    kind_label = _("Labels")

    class Meta:
        verbose_name = _("label index")


class LabelTag(TaggedItemBase):
    content_object = ParentalKey("knowledge.LabelPage", on_delete=models.CASCADE, related_name="tagged_items")


class LabelPage(PictureMixin, ReviewedMixin, BasePage):
    class Kind(models.TextChoices):
        LABEL = "label", _("Label")
        CHARTER = "charter", _("Charter")
        TRADEMARK = "trademark", _("Trademark")
        QUALIFICATION = "qualification", _("Qualification")
        PROTECTION = "protection", _("Legal protection")

    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, help_text=_("What sort of recognition it is.")
    )
    awarding_body = models.CharField(
        _("awarding body"), max_length=200, help_text=_("Who awards it, e.g. « Ministère de la Culture ».")
    )
    awarding_body_url = models.URLField(_("awarding body website"), blank=True, help_text=_("Optional."))
    year_created = models.PositiveSmallIntegerField(
        _("year created"), null=True, blank=True, help_text=_("The year the label or protection was created.")
    )
    legal_status = models.CharField(
        _("legal status"),
        max_length=250,
        blank=True,
        help_text=_("E.g. « Label d'État », « Marque déposée à l'INPI », « Servitude d'utilité publique »."),
    )
    legal_reference = models.CharField(
        _("legal reference"), max_length=300, blank=True, help_text=_("The text that founds it, e.g. a law.")
    )
    who_may_apply = RichTextField(
        _("who may apply"), features=RICH_TEXT_FEATURES, help_text=_("Who can ask for it, and who cannot.")
    )
    what_it_attests = models.TextField(
        _("what it attests"), blank=True, help_text=_("What holding it says about the holder.")
    )
    requirements = StreamField(
        ListItemsBlock(),
        verbose_name=_("requirements"),
        help_text=_("What is compulsory to obtain and keep it. One requirement per item."),
    )
    recommendations = StreamField(
        ListItemsBlock(),
        blank=True,
        verbose_name=_("recommendations"),
        help_text=_("What is advised but not compulsory. Keep these apart from requirements."),
    )
    award_procedure = RichTextField(
        _("award"), features=RICH_TEXT_FEATURES, blank=True, help_text=_("How it is applied for and awarded.")
    )
    probation = RichTextField(
        _("probation"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("Any trial period, if there is one."),
    )
    withdrawal = RichTextField(
        _("withdrawal"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("When and how it can be withdrawn."),
    )
    validity = models.CharField(
        _("length and renewal"),
        max_length=200,
        blank=True,
        help_text=_("E.g. « 5 ans, renouvelable » or « Sans limite de durée »."),
    )
    aid_and_tax_relief = RichTextField(
        _("aid and tax relief"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("Grants, tax deductions or other support that come with it."),
    )
    official_url = models.URLField(_("official page"), blank=True, help_text=_("The official page about it."))
    domains = ParentalManyToManyField(
        "knowledge.Domain", blank=True, verbose_name=_("domains"), help_text=_("The domains it concerns.")
    )
    audiences = ParentalManyToManyField(
        "knowledge.Audience", blank=True, verbose_name=_("audiences"), help_text=_("Who it concerns.")
    )
    tags = ClusterTaggableManager(through=LabelTag, blank=True, help_text=_("Free keywords."))

    content_panels = BasePage.content_panels + [
        PictureMixin.picture_panel,
        ReviewedMixin.review_panel,
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldRowPanel([FieldPanel("awarding_body"), FieldPanel("awarding_body_url")]),
                FieldRowPanel([FieldPanel("year_created"), FieldPanel("legal_status")]),
                FieldPanel("legal_reference"),
                FieldPanel("official_url"),
            ],
            heading=_("Identity"),
        ),
        FieldPanel("who_may_apply"),
        FieldPanel("what_it_attests"),
        FieldPanel("requirements"),
        FieldPanel("recommendations"),
        MultiFieldPanel(
            [
                FieldPanel("award_procedure"),
                FieldPanel("probation"),
                FieldPanel("withdrawal"),
                FieldPanel("validity"),
            ],
            heading=_("Procedure"),
        ),
        FieldPanel("aid_and_tax_relief"),
        MultiFieldPanel(
            [FieldPanel("domains"), FieldPanel("audiences"), FieldPanel("tags")], heading=_("Classification")
        ),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("awarding_body"),
        index.SearchField("who_may_apply"),
        index.SearchField("what_it_attests"),
        index.SearchField("requirements"),
        index.SearchField("recommendations"),
        index.FilterField("kind"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]

    parent_page_types = ["knowledge.LabelIndexPage"]
    subpage_types = []
    kind_label = _("Label")
    search_kind = "label"
    search_facets = [
        DOMAIN_FACET.on("domains__slug"),
        AUDIENCE_FACET.on("audiences__slug"),
        LABEL_FACET.on("self"),
    ]

    class Meta:
        verbose_name = _("label, charter or mark")
        verbose_name_plural = _("labels, charters and marks")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["related_trades"] = page_remembered(
            request, self, "related_trades", lambda: list(related_trades_of(self))
        )
        return context

    def json_ld(self, request=None):
        data = page_basics(self, request, "CreativeWork")
        awarding_body = organization(self.awarding_body, self.awarding_body_url)
        data["about"] = {
            "@type": "DefinedTerm",
            "name": self.title,
            "description": self.what_it_attests or str(self.get_meta_description()),
        }
        data["genre"] = str(self.get_kind_display())
        # schema.org has no "awarded by" for a label page: the awarding body is its source organisation.
        data["sourceOrganization"] = awarding_body
        data["publisher"] = awarding_body
        if self.year_created:
            data["dateCreated"] = str(self.year_created)
        if self.official_url:
            data["sameAs"] = self.official_url
        if self.legal_reference:
            data["isBasedOn"] = self.legal_reference
        return data


# Event replays ----------------------------------------------------------------------------------
