"""The shared taxonomy: translatable snippets managed by editors, used as facets everywhere.

A term's slug is the same in every language (it is synchronised, not translated), so a filtered
URL such as ``?domain=metal`` means the same thing on the French and the English site.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core.searchable import SearchFacet


class TaxonomyTerm(TranslatableMixin, index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=120, help_text=_("As visitors will read it."))
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        allow_unicode=False,
        help_text=_("Used in filter addresses (e.g. ?domain=metal). Lower case, no accents, dashes."),
    )
    description = models.TextField(
        _("description"), blank=True, help_text=_("Optional: what this term covers.")
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    # Terms are shown on public pages and in search: saving one gives the content a new
    # generation (core.generation).
    changes_public_content = True
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.FilterField("locale")]
    override_translatable_fields = [SynchronizedField("slug")]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name


def _unique_slug_per_locale(model_name):
    # (translation_key, locale) is already unique through TranslatableMixin.Meta.unique_together.
    return [models.UniqueConstraint(fields=["slug", "locale"], name=f"unique_{model_name}_slug_per_locale")]


class Domain(TaxonomyTerm):
    """The 16 domains of the official list of craft trades, plus built heritage."""

    official = models.BooleanField(
        _("on the official list"),
        default=False,
        help_text=_(
            "Tick for the 16 domains of the official list of craft trades (order of 24 December 2015)."
        ),
    )
    panels = TaxonomyTerm.panels + [FieldPanel("official")]

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("domain")
        verbose_name_plural = _("domains")
        constraints = _unique_slug_per_locale("domain")


class Material(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        constraints = _unique_slug_per_locale("material")


class Department(TaxonomyTerm):
    code = models.CharField(
        _("INSEE code"), max_length=3, help_text=_("The department number, e.g. 44 for Loire-Atlantique.")
    )
    panels = TaxonomyTerm.panels + [FieldPanel("code")]

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["code"]
        constraints = _unique_slug_per_locale("department")

    def __str__(self):
        return f"{self.name} ({self.code})"


class Audience(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("audience")
        verbose_name_plural = _("audiences")
        constraints = _unique_slug_per_locale("audience")


class Theme(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        constraints = _unique_slug_per_locale("theme")


class TrainingLevel(TaxonomyTerm):
    """French qualification levels (cadre national des certifications), 3 (CAP) to 7 (master)."""

    level = models.PositiveSmallIntegerField(
        _("level"),
        validators=[MinValueValidator(3), MaxValueValidator(7)],
        help_text=_("3 = CAP, 4 = bac / BP, 5 = bac+2, 6 = bac+3 (licence), 7 = bac+5 (master)."),
    )
    panels = TaxonomyTerm.panels + [FieldPanel("level")]

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("training level")
        verbose_name_plural = _("training levels")
        ordering = ["level"]
        constraints = _unique_slug_per_locale("traininglevel")


class ContractKind(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("contract kind")
        verbose_name_plural = _("contract kinds")
        constraints = _unique_slug_per_locale("contractkind")


TAXONOMY_MODELS = [Domain, Material, Department, Audience, Theme, TrainingLevel, ContractKind]

# The search page's facets whose values are these terms (page types say how they reach them).
DOMAIN_FACET = SearchFacet("domain", _("Domain"), order=10, terms=Domain)
MATERIAL_FACET = SearchFacet("material", _("Material"), order=20, terms=Material)
DEPARTMENT_FACET = SearchFacet("department", _("Department"), order=30, terms=Department, sort_field="code")
AUDIENCE_FACET = SearchFacet("audience", _("Audience"), order=40, terms=Audience)
THEME_FACET = SearchFacet("theme", _("Theme"), order=45, terms=Theme)
LEVEL_FACET = SearchFacet("level", _("Training level"), order=50, terms=TrainingLevel, sort_field="level")
CONTRACT_FACET = SearchFacet("contract", _("Contract"), order=60, terms=ContractKind)


LABEL_FACET = SearchFacet("label", _("Label"), order=70, pages="knowledge.LabelPage", sort_field="title")
