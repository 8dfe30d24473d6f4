import datetime
from zoneinfo import ZoneInfo

from django.db import models
from django.db.models import Min
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager, PageQuerySet
from wagtail.search import index

from core.blocks import BodyStreamBlock
from core.blocks.text import RICH_TEXT_FEATURES
from core.listings import ListingIndexMixin
from core.page_memory import page_remembered
from core.pagecache import start_of_day_after
from core.pages import BasePage
from core.translation import linked_pages
from core.visibility import visible
from knowledge.taxonomy import (
    CONTRACT_FACET,
    DEPARTMENT_FACET,
    LEVEL_FACET,
)

from .trade_profiles import REGION_NAME, TradeProfilePage

PARIS = ZoneInfo("Europe/Paris")


class OpportunityQuerySet(PageQuerySet):
    def open(self):
        """Offers still open today. Evaluated at request time, so no cron is needed."""
        return self.filter(closing_date__gte=timezone.localdate())


OpportunityPageManager = PageManager.from_queryset(OpportunityQuerySet)


class OpportunityIndexPage(ListingIndexMixin, BasePage):
    """Lists the opportunities that are still open, soonest closing first (decided at request time)."""

    subpage_types = ["trades.OpportunityPage"]
    parent_page_types = ["home.HomePage"]
    max_count_per_parent = 1
    kind_label = _("Opportunities")
    listing_order = ("closing_date", "title")
    listing_select_related = ("department", "contract_kind", "level")

    class Meta:
        verbose_name = _("opportunity index")

    def listing_queryset(self):
        return super().listing_queryset().open()


class OpportunityTag(TaggedItemBase):
    content_object = ParentalKey(
        "trades.OpportunityPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class OpportunityPage(BasePage):
    class Kind(models.TextChoices):
        APPRENTICESHIP = "apprenticeship", _("Apprenticeship")
        INTERNSHIP = "internship", _("Internship")
        JOB = "job", _("Job")
        CIVIC_SERVICE = "civic-service", _("Civic service")
        VOLUNTEERING = "volunteering", _("Volunteering")
        TRAINING = "training", _("Training")

    kind = models.CharField(
        _("kind of offer"),
        max_length=20,
        choices=Kind.choices,
        help_text=_("What the young person is offered."),
    )
    host_name = models.CharField(_("host"), max_length=200, help_text=_("The organisation that offers it."))
    host_url = models.URLField(_("host website"), blank=True, help_text=_("Optional."))
    host_actor = models.ForeignKey(
        "actors.ActorPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hosted_opportunities",
        verbose_name=_("host in the directory"),
        help_text=_("Optional: the host's page in the directory of actors."),
    )
    commune = models.CharField(_("commune"), max_length=120, help_text=_("Where it takes place."))
    department = models.ForeignKey(
        "knowledge.Department",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("department"),
        help_text=_("The department of the commune."),
    )
    start_date = models.DateField(
        _("start date"), null=True, blank=True, help_text=_("Leave empty if flexible.")
    )
    duration = models.CharField(
        _("duration"), max_length=60, blank=True, help_text=_("E.g. « 6 mois », « 2 ans ».")
    )
    contract_kind = models.ForeignKey(
        "knowledge.ContractKind",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("contract"),
        help_text=_("The kind of contract or agreement."),
    )
    level = models.ForeignKey(
        "knowledge.TrainingLevel",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("level asked"),
        help_text=_("The training level asked of candidates, if any."),
    )
    related_trades = ParentalManyToManyField(
        TradeProfilePage,
        blank=True,
        related_name="opportunities",
        verbose_name=_("related trades"),
        help_text=_("The trades this offer leads to."),
    )
    description = StreamField(
        BodyStreamBlock(), verbose_name=_("description"), help_text=_("The mission, the setting, the tutor.")
    )
    how_to_apply = RichTextField(
        _("how to apply"),
        features=RICH_TEXT_FEATURES,
        help_text=_("What to send, to whom, and what happens next."),
    )
    application_url = models.URLField(_("application address"), blank=True, help_text=_("Optional."))
    application_email = models.EmailField(_("application e-mail"), blank=True, help_text=_("Optional."))
    closing_date = models.DateField(
        _("closing date"),
        help_text=_("The last day to apply. After it, the offer leaves the lists and says it is closed."),
    )
    tags = ClusterTaggableManager(through=OpportunityTag, blank=True, help_text=_("Free keywords."))

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldRowPanel([FieldPanel("host_name"), FieldPanel("host_url")]),
                FieldPanel("host_actor"),
                FieldRowPanel([FieldPanel("commune"), FieldPanel("department")]),
            ],
            heading=_("The offer"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("duration")]),
                FieldRowPanel([FieldPanel("contract_kind"), FieldPanel("level")]),
                FieldPanel("closing_date"),
            ],
            heading=_("Dates and contract"),
        ),
        FieldPanel("related_trades"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("how_to_apply"), FieldPanel("application_url"), FieldPanel("application_email")],
            heading=_("How to apply"),
        ),
        FieldPanel("tags"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("host_name"),
        index.SearchField("commune"),
        index.SearchField("description"),
        index.FilterField("kind"),
        index.FilterField("closing_date"),
        index.FilterField("department"),
        index.FilterField("contract_kind"),
        index.FilterField("level"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]

    objects = OpportunityPageManager()

    parent_page_types = ["trades.OpportunityIndexPage"]
    subpage_types = []
    kind_label = _("Opportunity")
    serve_select_related = ("department", "contract_kind", "level")
    search_kind = "opportunity"
    search_facets = [
        DEPARTMENT_FACET.on("department__slug"),
        LEVEL_FACET.on("level__slug"),
        CONTRACT_FACET.on("contract_kind__slug"),
    ]
    search_hidden_after = "closing_date"

    class Meta:
        verbose_name = _("opportunity")
        verbose_name_plural = _("opportunities")

    @property
    def is_open(self):
        return self.closing_date >= timezone.localdate()

    @property
    def valid_through(self):
        """The last moment to apply: the end of the closing day, in French time."""
        return datetime.datetime.combine(self.closing_date, datetime.time(23, 59, 59), tzinfo=PARIS)

    @property
    def employment_type(self):
        """schema.org employmentType. It has no value for apprenticeships or training, hence OTHER."""
        contract = self.contract_kind.slug if self.contract_kind_id else ""
        if self.kind == self.Kind.JOB:
            return EMPLOYMENT_TYPE_BY_CONTRACT.get(contract, "FULL_TIME")
        return EMPLOYMENT_TYPE_BY_KIND[self.kind]

    def cache_expires_at(self):
        """An open offer closes at the midnight after its closing day."""
        return start_of_day_after(self.closing_date) if self.is_open else None

    def shown_until(self):
        """An offer leaves the lists at the midnight after its closing day (as ``open()`` says)."""
        return start_of_day_after(self.closing_date)

    @classmethod
    def cache_expiry_of(cls, queryset):
        """The moment the first of the open offers of ``queryset`` closes."""
        first_closing = queryset.open().order_by().aggregate(first=Min("closing_date"))["first"]
        return start_of_day_after(first_closing) if first_closing else None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["is_open"] = self.is_open
        context.update(page_remembered(request, self, "related_lists", self.related_lists))
        return context

    def related_lists(self):
        """The trades and the host's page (when a visitor may see it, without loading the actor),
        kept by the process until content changes (core.page_memory)."""
        host = visible(Page.objects.filter(pk=self.host_actor_id)).first() if self.host_actor_id else None
        return {
            "related_trades": list(linked_pages(self.related_trades, self.locale_id)),
            "host_page": host,
        }

    def json_ld(self, request=None):
        description = self.summary or strip_tags(str(self.description)).strip()
        location = {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "addressLocality": self.commune,
                "addressRegion": REGION_NAME,
                "addressCountry": "FR",
            },
            "containedInPlace": {
                "@type": "AdministrativeArea",
                "name": self.department.name,
                "identifier": self.department.code,
            },
        }
        organisation = {"@type": "Organization", "name": self.host_name}
        if self.host_url:
            organisation["sameAs"] = self.host_url
        data = {
            "@context": "https://schema.org",
            "@type": "JobPosting",
            "title": self.title,
            "description": Truncator(description).chars(5000) or self.title,
            "url": self.get_full_url(request),
            "validThrough": self.valid_through.isoformat(),
            "employmentType": self.employment_type,
            "hiringOrganization": organisation,
            "jobLocation": location,
        }
        if self.first_published_at:
            data["datePosted"] = timezone.localtime(self.first_published_at).date().isoformat()
        if self.start_date:
            data["jobStartDate"] = self.start_date.isoformat()
        if self.level_id:
            data["educationRequirements"] = {
                "@type": "EducationalOccupationalCredential",
                "educationalLevel": str(self.level),
            }
        return data


# schema.org employmentType for each kind of offer (JobPosting accepts FULL_TIME, PART_TIME,
# CONTRACTOR, TEMPORARY, INTERN, VOLUNTEER, PER_DIEM, OTHER). An apprenticeship is a work
# contract mixing school and company, which none of the values describes: OTHER. So is a training.
EMPLOYMENT_TYPE_BY_KIND = {
    OpportunityPage.Kind.APPRENTICESHIP: "OTHER",
    OpportunityPage.Kind.INTERNSHIP: "INTERN",
    OpportunityPage.Kind.JOB: "FULL_TIME",
    OpportunityPage.Kind.CIVIC_SERVICE: "VOLUNTEER",
    OpportunityPage.Kind.VOLUNTEERING: "VOLUNTEER",
    OpportunityPage.Kind.TRAINING: "OTHER",
}
# A job's contract refines it: a fixed-term contract (CDD) is TEMPORARY, the rest full time.
EMPLOYMENT_TYPE_BY_CONTRACT = {"cdd": "TEMPORARY", "cdi": "FULL_TIME"}
