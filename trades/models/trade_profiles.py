from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index

from core.blocks import BodyStreamBlock
from core.listings import ListingIndexMixin
from core.page_memory import page_remembered, shown_now
from core.pages import BasePage
from core.pictures import PictureMixin
from core.reviews import ReviewedMixin
from core.structured_data import page_basics
from core.translation import linked_pages, localized, pages_linking_to
from core.visibility import visible_ids
from knowledge.models import ReplayPage
from knowledge.taxonomy import (
    AUDIENCE_FACET,
    DOMAIN_FACET,
    LABEL_FACET,
    LEVEL_FACET,
    MATERIAL_FACET,
)

REGION_NAME = "Pays de la Loire"

rome_code_validator = RegexValidator(
    r"^[A-N][0-9]{4}$", _("A ROME code is a capital letter from A to N followed by four digits, e.g. F1612.")
)


class TradeIndexPage(ListingIndexMixin, BasePage):
    """Lists the trade profiles with their domain and regional status."""

    content_panels = BasePage.content_panels
    subpage_types = ["trades.TradeProfilePage"]
    parent_page_types = ["home.HomePage"]
    max_count_per_parent = 1
    kind_label = _("Trades")
    listing_prefetch_related = ("domains",)

    class Meta:
        verbose_name = _("trade index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # One query for the domains of every card, in the page's language.
        trades = context["items"]
        linked = list({domain for trade in trades for domain in trade.domains.all()})
        translated = dict(zip(linked, localized(linked, self.locale_id), strict=True))
        for trade in trades:
            trade.domain_list = [translated[domain] for domain in trade.domains.all()]
        return context


class TradeProfileTag(TaggedItemBase):
    content_object = ParentalKey(
        "trades.TradeProfilePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class TradeProfilePage(PictureMixin, ReviewedMixin, BasePage):
    class RegionalStatus(models.TextChoices):
        RECRUITING = "recruiting", _("Recruiting")
        ENDANGERED = "endangered", _("Rare or endangered")
        STABLE = "stable", _("Stable")

    # The page title is the masculine form of the name.
    name_feminine = models.CharField(
        _("feminine name"),
        max_length=150,
        blank=True,
        help_text=_("The feminine form of the trade's name, e.g. « Tailleuse de pierre »."),
    )
    synonyms = models.CharField(
        _("other names"),
        max_length=300,
        blank=True,
        help_text=_("Other names people search for, separated by commas."),
    )
    hook = models.CharField(
        _("hook"),
        max_length=160,
        help_text=_("One line that makes a young person want to read on, shown on cards."),
    )
    domains = ParentalManyToManyField(
        "knowledge.Domain", blank=True, verbose_name=_("domains"), help_text=_("The domains of the trade.")
    )
    materials = ParentalManyToManyField(
        "knowledge.Material", blank=True, verbose_name=_("materials"), help_text=_("The materials worked.")
    )
    audiences = ParentalManyToManyField(
        "knowledge.Audience",
        blank=True,
        verbose_name=_("audiences"),
        help_text=_("Who this profile speaks to."),
    )
    what_the_work_is = StreamField(
        BodyStreamBlock(), verbose_name=_("what the work is"), help_text=_("The trade in a few paragraphs.")
    )
    daily_tasks = StreamField(
        BodyStreamBlock(), blank=True, verbose_name=_("daily tasks"), help_text=_("A typical day or week.")
    )
    skills = StreamField(
        BodyStreamBlock(),
        blank=True,
        verbose_name=_("skills"),
        help_text=_("What one must know and know how to do."),
    )
    working_conditions = StreamField(
        BodyStreamBlock(),
        blank=True,
        verbose_name=_("working conditions"),
        help_text=_("Where, with whom, physical demands, pay where known."),
    )
    employers = models.TextField(
        _("who employs"),
        blank=True,
        help_text=_("The kinds of employers in the region (craft companies, historic monuments, ...)."),
    )
    rome_code = models.CharField(
        _("ROME code"),
        max_length=5,
        blank=True,
        validators=[rome_code_validator],
        help_text=_("The France Travail job code (ROME 4.0), e.g. F1612. Leave empty if none."),
    )
    rome_label = models.CharField(
        _("ROME title"),
        max_length=200,
        blank=True,
        help_text=_("The official title that goes with the code."),
    )
    on_craft_list = models.BooleanField(
        _("on the official list of craft trades"),
        default=False,
        help_text=_("Tick if the trade is on the list of craft trades (order of 24 December 2015)."),
    )
    craft_list_domain = models.ForeignKey(
        "knowledge.Domain",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("domain on the official list"),
        help_text=_("The domain under which the official list places it."),
    )
    regional_status = models.CharField(
        _("regional status"),
        max_length=20,
        choices=RegionalStatus.choices,
        default=RegionalStatus.STABLE,
        help_text=_("How the trade is doing in Pays de la Loire."),
    )
    status_reason = models.CharField(
        _("reason for the status"),
        max_length=250,
        blank=True,
        help_text=_("One sentence: why it recruits, why it is rare..."),
    )
    related_know_how = ParentalManyToManyField(
        "knowledge.KnowHowPage",
        blank=True,
        related_name="related_trades",
        verbose_name=_("related know-how"),
        help_text=_("Techniques this trade uses."),
    )
    related_labels = ParentalManyToManyField(
        "knowledge.LabelPage",
        blank=True,
        related_name="related_trades",
        verbose_name=_("related labels"),
        help_text=_("Labels, charters and marks that matter for this trade."),
    )
    tags = ClusterTaggableManager(
        through=TradeProfileTag,
        blank=True,
        help_text=_("Free keywords, for what the taxonomy does not cover."),
    )

    content_panels = BasePage.content_panels + [
        PictureMixin.picture_panel,
        ReviewedMixin.review_panel,
        MultiFieldPanel(
            [FieldPanel("name_feminine"), FieldPanel("synonyms"), FieldPanel("hook")], heading=_("Names")
        ),
        MultiFieldPanel(
            [FieldPanel("domains"), FieldPanel("materials"), FieldPanel("audiences"), FieldPanel("tags")],
            heading=_("Classification"),
        ),
        FieldPanel("what_the_work_is"),
        FieldPanel("daily_tasks"),
        FieldPanel("skills"),
        FieldPanel("working_conditions"),
        FieldPanel("employers"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("rome_code"), FieldPanel("rome_label")]),
                FieldRowPanel([FieldPanel("on_craft_list"), FieldPanel("craft_list_domain")]),
            ],
            heading=_("Official references"),
        ),
        InlinePanel(
            "training_paths", label=_("Training path"), heading=_("How to train for it in the region")
        ),
        MultiFieldPanel(
            [FieldPanel("regional_status"), FieldPanel("status_reason")], heading=_("In the region")
        ),
        MultiFieldPanel(
            [FieldPanel("related_know_how"), FieldPanel("related_labels")], heading=_("Related content")
        ),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("name_feminine"),
        index.SearchField("synonyms"),
        index.SearchField("hook"),
        index.AutocompleteField("name_feminine"),
        index.SearchField("what_the_work_is"),
        index.SearchField("daily_tasks"),
        index.SearchField("skills"),
        index.SearchField("employers"),
        index.FilterField("regional_status"),
        index.RelatedFields("domains", [index.SearchField("name")]),
        index.RelatedFields("materials", [index.SearchField("name")]),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]

    parent_page_types = ["trades.TradeIndexPage"]
    subpage_types = []
    kind_label = _("Trade")
    serve_select_related = ("craft_list_domain",)
    search_kind = "trade"
    search_facets = [
        DOMAIN_FACET.on("domains__slug"),
        MATERIAL_FACET.on("materials__slug"),
        AUDIENCE_FACET.on("audiences__slug"),
        LEVEL_FACET.on("training_paths__level__slug"),
        LABEL_FACET.on("related_labels"),
    ]
    search_other_names = "name_feminine"
    # A search for the feminine form or another name finds the trade as its title would.
    search_synonym_fields = ["name_feminine", "synonyms"]

    class Meta:
        verbose_name = _("trade profile")

    def clean(self):
        super().clean()
        if self.craft_list_domain_id and not self.on_craft_list:
            raise ValidationError(
                {"craft_list_domain": _("Tick « on the official list » or leave the domain empty.")}
            )

    @property
    def synonym_list(self):
        return [name.strip() for name in self.synonyms.split(",") if name.strip()]

    @property
    def alternate_names(self):
        names = [self.name_feminine] if self.name_feminine and self.name_feminine != self.title else []
        return names + [name for name in self.synonym_list if name not in names]

    def get_training_paths(self):
        """The training paths, each with ``visible_school``: its school's page, when a visitor may
        see it (else the path names the school by its name, or its address)"""
        if "_training_paths" in self.__dict__:  # the page and its JSON-LD both show them
            return self.__dict__["_training_paths"]
        paths = list(self.training_paths.select_related("level", "school"))
        shown = visible_ids(path.school for path in paths)
        for path in paths:
            path.visible_school = path.school if path.school_id in shown else None
        self.__dict__["_training_paths"] = paths
        return paths

    def get_open_opportunities(self):
        """Open offers in this page's language that name this trade or one of its translations.

        Translated offers may still point to the source-language trade (wagtail-localize copies
        many-to-many links as they are), hence the match on the translation key.
        """
        offer_model = type(self).opportunities.rel.related_model  # defined beside, in opportunities.py
        return (
            pages_linking_to(offer_model.objects.open(), "related_trades", self)
            .select_related("department", "contract_kind", "level")
            .order_by("closing_date", "title")
        )

    def get_replays(self):
        """Replays with at least one chapter about this trade."""
        return (
            pages_linking_to(ReplayPage.objects, "chapters__linked_page", self)
            .select_related("meeting_day")
            .order_by("-meeting_day__date", "title")
        )

    def related_lists(self):
        """What the page shows of other pages and terms, each list one query however long it is
        (the tests compare 1 and 30 items). Offers open today; ``get_context`` leaves out at
        request time those that close later, from their closing dates."""
        return {
            "domains": localized(self.domains.all(), self.locale_id),
            "materials": localized(self.materials.all(), self.locale_id),
            "training_paths": list(self.get_training_paths()),
            "related_know_how": list(linked_pages(self.related_know_how, self.locale_id)),
            "related_labels": list(linked_pages(self.related_labels, self.locale_id)),
            "open_opportunities": list(self.get_open_opportunities()),
            "replays": list(self.get_replays()),
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Kept by the process until content changes (core.page_memory).
        lists = page_remembered(request, self, "related_lists", self.related_lists)
        context.update(lists)
        self.__dict__["_training_paths"] = lists["training_paths"]  # for the JSON-LD
        context["open_opportunities"] = shown_now(request, lists["open_opportunities"])
        return context

    def json_ld(self, request=None):
        data = page_basics(self, request, "Occupation")
        data["description"] = str(self.hook or self.get_meta_description())
        data["occupationLocation"] = {"@type": "AdministrativeArea", "name": REGION_NAME}
        if self.alternate_names:
            data["alternateName"] = self.alternate_names
        if self.rome_code:
            data["occupationalCategory"] = {
                "@type": "CategoryCode",
                "codeValue": self.rome_code,
                "name": self.rome_label or self.rome_code,
                "inCodeSet": {"@type": "CategoryCodeSet", "name": "ROME 4.0 (France Travail)"},
            }
        credentials = [path.as_credential() for path in self.get_training_paths()]
        if credentials:
            data["educationRequirements"] = credentials
        return data


class TrainingPath(TranslatableMixin, Orderable):
    """One way to train for a trade in the region: a diploma given by a school."""

    trade = ParentalKey(TradeProfilePage, on_delete=models.CASCADE, related_name="training_paths")
    diploma = models.CharField(_("diploma"), max_length=200, help_text=_("E.g. « CAP tailleur de pierre »."))
    rncp_code = models.CharField(
        _("RNCP number"),
        max_length=12,
        blank=True,
        validators=[
            RegexValidator(r"^RNCP[0-9]{3,6}$", _("Write it as RNCP followed by digits, e.g. RNCP38310."))
        ],
        help_text=_("The number in the national register of certifications, e.g. RNCP38310."),
    )
    level = models.ForeignKey(
        "knowledge.TrainingLevel",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("level"),
        help_text=_("The French qualification level, 3 (CAP) to 7 (master)."),
    )
    duration = models.CharField(
        _("duration"), max_length=60, blank=True, help_text=_("E.g. « 2 ans » or « 600 heures ».")
    )
    apprenticeship = models.BooleanField(
        _("apprenticeship possible"), default=False, help_text=_("Tick if it can be done as an apprentice.")
    )
    school_name = models.CharField(
        _("school"), max_length=200, help_text=_("The school or centre that gives it in the region.")
    )
    school_url = models.URLField(_("school website"), blank=True, help_text=_("The page of the training."))
    school = models.ForeignKey(
        "actors.ActorPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="training_paths",
        verbose_name=_("school in the directory"),
        help_text=_("Optional: the school's page in the directory of actors."),
    )

    panels = [
        FieldPanel("diploma"),
        FieldRowPanel([FieldPanel("rncp_code"), FieldPanel("level")]),
        FieldRowPanel([FieldPanel("duration"), FieldPanel("apprenticeship")]),
        FieldRowPanel([FieldPanel("school_name"), FieldPanel("school_url")]),
        FieldPanel("school"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("training path")
        verbose_name_plural = _("training paths")

    def __str__(self):
        return f"{self.diploma} ({self.school_name})"

    def as_credential(self):
        """schema.org EducationalOccupationalCredential for the trade's JSON-LD."""
        credential = {
            "@type": "EducationalOccupationalCredential",
            "name": self.diploma,
            "credentialCategory": "diploma",
            "educationalLevel": str(self.level),
            "recognizedBy": {"@type": "EducationalOrganization", "name": self.school_name},
        }
        if self.rncp_code:
            credential["identifier"] = {
                "@type": "PropertyValue",
                "propertyID": "RNCP",
                "value": self.rncp_code,
            }
        if self.school_url:
            credential["recognizedBy"]["url"] = self.school_url
        return credential
