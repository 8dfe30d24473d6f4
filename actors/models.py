"""The directory of the region's heritage actors: who does what, where.

Communes are reference data (every commune of the region, loaded from
fixtures/reference/communes_pdl_toutes.csv by data migrations, so that the importer works on a fresh
database). Actors are pages, children of the directory page; their many-to-many links to trades,
labels and know-how are what both the map and the "who does it" lists of those pages show.
"""

from collections.abc import Callable
from typing import ClassVar

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.search import index

from core.blocks.text import RICH_TEXT_FEATURES
from core.chrome import locale_code
from core.page_memory import page_remembered, shown_now
from core.pages import BasePage
from core.pictures import PictureMixin
from core.visibility import visible, visible_ids
from trades.models import OpportunityPage

from .geo import in_region, region_bounds

siret_validator = RegexValidator(r"^[0-9]{14}$", _("A SIRET number has 14 digits, without spaces."))
insee_code_validator = RegexValidator(
    r"^[0-9][0-9AB][0-9]{3}$", _("An INSEE commune code has five characters, e.g. 44109.")
)
phone_validator = RegexValidator(
    r"^\+?[0-9 .()-]{6,20}$", _("Write a phone number with digits, spaces or dots, e.g. 02 40 00 00 00.")
)


class Commune(models.Model):
    """A commune of the region, with its centre: where actors are, and their fallback position."""

    # Actor cards show it, and pages keep their lists of actors until content changes
    # (core.page_memory): saving a commune gives the content a new generation.
    changes_public_content = True

    insee_code = models.CharField(
        _("INSEE code"),
        max_length=5,
        unique=True,
        validators=[insee_code_validator],
        help_text=_("The official commune code (code officiel géographique), e.g. 44109 for Nantes."),
    )
    name = models.CharField(_("name"), max_length=120, help_text=_("The commune's official name."))
    department_code = models.CharField(
        _("department code"), max_length=3, help_text=_("The department number, e.g. 44.")
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        help_text=_("Latitude of the commune's centre, in decimal degrees (WGS84)."),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        help_text=_("Longitude of the commune's centre, in decimal degrees (WGS84)."),
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("insee_code"), FieldPanel("department_code")]),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
    ]

    class Meta:
        verbose_name = _("commune")
        verbose_name_plural = _("communes")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.department_code})"

    def clean(self):
        super().clean()
        if (
            self.latitude is not None
            and self.longitude is not None
            and not in_region(float(self.latitude), float(self.longitude))
        ):
            raise ValidationError(_("The centre must be inside Pays de la Loire."))


class ActorDirectoryPage(RoutablePageMixin, BasePage):
    """The directory: a filtered list of actors, the map of the same set, and its CSV export."""

    intro = RichTextField(
        _("introduction"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("A few words above the list: what the directory holds, how to be listed."),
    )

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["actors.ActorPage"]
    max_count_per_parent = 1
    kind_label = _("Directory")

    class Meta:
        verbose_name = _("actor directory")

    def json_ld(self, request=None):
        return {
            "@context": "https://schema.org",
            "@type": "CollectionPage",
            "name": self.title,
            "url": self.get_full_url(request),
            "inLanguage": locale_code(request, self.locale_id),
            "description": str(self.get_meta_description()),
        }

    # Each route answers with a function of (directory, request) that actors.views registers here
    # (the views need these models, so the models do not import the views).
    route_responses: ClassVar[dict[str, Callable]] = {}

    @classmethod
    def register_route_responses(cls, **responses: Callable) -> None:
        cls.route_responses.update(responses)

    @path("")
    def directory(self, request):
        return self.route_responses["directory"](self, request)

    @path("carte/", name="embed")
    def embed(self, request):
        return self.route_responses["embed"](self, request)

    @path("export/", name="export")
    def export(self, request):
        return self.route_responses["export"](self, request)


class ActorPage(PictureMixin, BasePage):
    class Kind(models.TextChoices):
        ASSOCIATION = "association", _("Association")
        LOCAL_AUTHORITY = "local-authority", _("Local authority")
        STATE_SERVICE = "state-service", _("State service")
        PRIVATE_OWNER = "private-owner", _("Private owner")
        SCHOOL = "school", _("Training school")
        COMPANY = "company", _("Company")
        MUSEUM_OR_SITE = "museum-or-site", _("Museum or heritage site")
        PROFESSIONAL_BODY = "professional-body", _("Professional body")

    # The page title is the actor's name.
    kind = models.CharField(
        _("kind of actor"),
        max_length=20,
        choices=Kind.choices,
        help_text=_("What sort of organisation it is."),
    )
    is_member = models.BooleanField(
        _("member of the network"),
        default=False,
        help_text=_("Tick if the actor is a member of the network."),
    )
    siret = models.CharField(
        _("SIRET"),
        max_length=14,
        blank=True,
        validators=[siret_validator],
        help_text=_("The 14-digit establishment number, if any. It identifies the actor in imports."),
    )
    address = models.CharField(
        _("address"),
        max_length=250,
        blank=True,
        help_text=_("Street and number, e.g. « 12 rue des Carmes »."),
    )
    postcode = models.CharField(
        _("postcode"),
        max_length=5,
        blank=True,
        validators=[RegexValidator(r"^[0-9]{5}$", _("A postcode has five digits."))],
        help_text=_("E.g. 44000."),
    )
    commune = models.ForeignKey(
        Commune,
        on_delete=models.PROTECT,
        related_name="actors",
        verbose_name=_("commune"),
        help_text=_("Where the actor is. Add missing communes under Snippets > Directory > Communes."),
    )
    department = models.ForeignKey(
        "knowledge.Department",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("department"),
        help_text=_("The department of the commune."),
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text=_("Decimal degrees, e.g. 47.21806. Leave both empty to use the commune's centre."),
        null=True,
        blank=True,
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        help_text=_("Decimal degrees, e.g. -1.55278 (negative west of Greenwich)."),
        null=True,
        blank=True,
    )
    approximate_location = models.BooleanField(
        _("approximate position"),
        default=False,
        help_text=_("Ticked when the position is the commune's centre rather than the actor's address."),
    )
    website = models.URLField(_("website"), blank=True, help_text=_("The actor's own site, https://..."))
    contact_may_be_published = models.BooleanField(
        _("contact may be published"),
        default=False,
        help_text=_(
            "Tick only if the actor agreed that the contact below is shown publicly. Without it, "
            "leave the contact empty: no personal data is kept."
        ),
    )
    contact_email = models.EmailField(
        _("public e-mail"), blank=True, help_text=_("A generic address is best, e.g. contact@....")
    )
    contact_phone = models.CharField(
        _("public phone"),
        max_length=20,
        blank=True,
        validators=[phone_validator],
        help_text=_("E.g. 02 40 00 00 00."),
    )
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("What the actor does, in a few sentences. Blank lines separate paragraphs."),
    )
    domains = ParentalManyToManyField(
        "knowledge.Domain",
        blank=True,
        related_name="actors",
        verbose_name=_("domains"),
        help_text=_("The domains the actor works in."),
    )
    trades_taught = ParentalManyToManyField(
        "trades.TradeProfilePage",
        blank=True,
        related_name="teaching_actors",
        verbose_name=_("trades taught"),
        help_text=_("For schools and training centres: the trades they train for."),
    )
    trades_practised = ParentalManyToManyField(
        "trades.TradeProfilePage",
        blank=True,
        related_name="practising_actors",
        verbose_name=_("trades practised"),
        help_text=_("The trades the actor practises (companies, craftspeople, sites with workshops)."),
    )
    labels = ParentalManyToManyField(
        "knowledge.LabelPage",
        blank=True,
        related_name="holders",
        verbose_name=_("labels held"),
        help_text=_("Labels, charters and marks the actor holds."),
    )
    know_how = ParentalManyToManyField(
        "knowledge.KnowHowPage",
        blank=True,
        related_name="practitioners",
        verbose_name=_("know-how practised"),
        help_text=_("Techniques the actor practises or passes on."),
    )

    content_panels = BasePage.content_panels + [
        PictureMixin.picture_panel,
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("kind"), FieldPanel("is_member")]), FieldPanel("siret")],
            heading=_("Identity"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("postcode"), FieldPanel("commune"), FieldPanel("department")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("approximate_location"),
            ],
            heading=_("Where"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("website"),
                FieldPanel("contact_may_be_published"),
                FieldRowPanel([FieldPanel("contact_email"), FieldPanel("contact_phone")]),
            ],
            heading=_("Public contact"),
        ),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("domains"),
                FieldPanel("trades_taught"),
                FieldPanel("trades_practised"),
                FieldPanel("labels"),
                FieldPanel("know_how"),
            ],
            heading=_("What the actor does"),
        ),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("description"),
        index.AutocompleteField("title"),
        index.FilterField("kind"),
        index.FilterField("is_member"),
        index.FilterField("department"),
        index.RelatedFields("commune", [index.SearchField("name")]),
        index.RelatedFields("domains", [index.SearchField("name")]),
    ]

    parent_page_types = ["actors.ActorDirectoryPage"]
    subpage_types = []
    kind_label = _("Actor")
    serve_select_related = ("commune", "department")

    class Meta:
        verbose_name = _("actor")
        verbose_name_plural = _("actors")
        permissions = [("import_actors", _("Can import actors from a CSV file"))]

    @property
    def paragraphs(self):
        return [part.strip() for part in self.description.split("\n\n") if part.strip()]

    def visible_links(self, field_name):
        """The visible pages of a many-to-many field (trades, labels, know-how), for templates."""
        related = getattr(self, field_name)
        linked = related.all()
        if not isinstance(linked, models.QuerySet):  # a preview: the links are held in memory
            linked = related.model.objects.filter(pk__in=visible_ids(linked))
        return visible(linked).order_by("title")

    @property
    def visible_trades_taught(self):
        return self.visible_links("trades_taught")

    @property
    def visible_trades_practised(self):
        return self.visible_links("trades_practised")

    @property
    def visible_labels(self):
        return self.visible_links("labels")

    @property
    def visible_know_how(self):
        return self.visible_links("know_how")

    @property
    def visible_working_groups(self):
        """The network's working groups the actor is a member of, in the page's language.

        The groups are the agenda's pages (their ``members``; this app does not import the agenda):
        a translated group keeps its source's member links, so the actor is matched by its
        translation key. One query."""
        group_model = self._meta.get_field("member_of_groups").related_model
        groups = group_model.objects.filter(members__translation_key=self.translation_key)
        return visible(groups, self.locale_id).distinct().order_by("title")

    @property
    def open_opportunities(self):
        """The offers this actor hosts that are still open."""
        if self.pk is None:  # a preview of a page not saved yet
            return OpportunityPage.objects.none()
        return (
            visible(OpportunityPage.objects.open())
            .filter(host_actor=self)
            .select_related("department", "contract_kind", "level")  # what each card shows
            .order_by("closing_date")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Kept by the process until content changes (core.page_memory); the offers that have
        # closed since are left out at request time.
        lists = page_remembered(request, self, "related_lists", self.related_lists)
        context.update(lists)
        context["open_opportunities"] = shown_now(request, lists["open_opportunities"])
        return context

    def related_lists(self):
        """What the page shows of other pages and terms: one query a list."""
        return {
            "domains": list(self.domains.all()),
            "trades_taught": list(self.visible_trades_taught),
            "trades_practised": list(self.visible_trades_practised),
            "labels": list(self.visible_labels),
            "know_how": list(self.visible_know_how),
            "groups": list(self.visible_working_groups),
            "open_opportunities": list(self.open_opportunities),
        }

    @property
    def has_public_contact(self):
        return self.contact_may_be_published and bool(self.contact_email or self.contact_phone)

    def clean(self):
        super().clean()
        errors = {}
        if (self.contact_email or self.contact_phone) and not self.contact_may_be_published:
            errors["contact_may_be_published"] = _(
                "Tick this box if the actor agreed to publish the contact, or leave the contact empty."
            )
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = _("Give both the latitude and the longitude, or neither.")
        elif self.latitude is not None and not in_region(float(self.latitude), float(self.longitude)):
            south, west, north, east = region_bounds()
            errors["latitude"] = _(
                "The position is outside Pays de la Loire (latitude %(south)s to %(north)s, "
                "longitude %(west)s to %(east)s)."
            ) % {"south": south, "north": north, "west": west, "east": east}
        if self.commune_id and self.department_id and self.commune.department_code != self.department.code:
            errors["department"] = _("This department is not the commune's.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        # Without a position, the actor is placed at its commune's centre (and says so).
        if self.commune_id and (self.latitude is None or self.longitude is None):
            self.latitude, self.longitude = self.commune.latitude, self.commune.longitude
            self.approximate_location = True
        self.description = self.description.replace("\r\n", "\n")
        super().save(*args, **kwargs)

    def json_ld(self, request=None):
        data = {
            "@context": "https://schema.org",
            "@type": "EducationalOrganization" if self.kind == self.Kind.SCHOOL else "Organization",
            "name": self.title,
            "url": self.get_full_url(request),
            "address": {
                "@type": "PostalAddress",
                "streetAddress": self.address,
                "postalCode": self.postcode,
                "addressLocality": self.commune.name,
                "addressRegion": "Pays de la Loire",
                "addressCountry": "FR",
            },
        }
        if self.latitude is not None:
            data["location"] = {
                "@type": "Place",
                "geo": {
                    "@type": "GeoCoordinates",
                    "latitude": float(self.latitude),
                    "longitude": float(self.longitude),
                },
            }
        if self.website:
            data["sameAs"] = self.website
        if self.has_public_contact:
            if self.contact_email:
                data["email"] = self.contact_email
            if self.contact_phone:
                data["telephone"] = self.contact_phone
        return data
