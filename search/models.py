from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


class PageFacetValue(models.Model):
    """One facet value of one page: a small denormalised table that filtering and counting read.

    Kept fresh by the signal handlers in ``search.indexing`` (rebuilt for a page each time it is
    published) and rebuilt whole by ``update_index``. Rows of deleted pages go with them (cascade);
    rows of unpublished pages stay but never match, because searches start from live pages.
    """

    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,  # covered by the unique constraint, which starts with page
        verbose_name=_("page"),
        help_text=_("The page that has this value."),
    )
    locale = models.ForeignKey(
        "wagtailcore.Locale",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("locale"),
        help_text=_("The page's locale, copied here so that counts need no join."),
    )
    facet = models.CharField(
        _("facet"), max_length=20, help_text=_("The facet's URL parameter, e.g. « domain ».")
    )
    value = models.CharField(
        _("value"), max_length=255, help_text=_("The value's slug, the same in every language.")
    )

    class Meta:
        verbose_name = _("page facet value")
        verbose_name_plural = _("page facet values")
        constraints = [
            models.UniqueConstraint(fields=["page", "facet", "value"], name="unique_page_facet_value")
        ]
        indexes = [
            # Counting: all values of a facet in a locale; filtering: the pages having a value.
            models.Index(fields=["locale", "facet", "value", "page"], name="search_facet_lookup"),
        ]

    def __str__(self):
        return f"{self.page_id} {self.facet}={self.value}"


def split_terms(text: str) -> list[str]:
    """The terms of a comma-separated list, trimmed, without empty ones or repeats."""
    terms = []
    for term in (" ".join(part.split()) for part in str(text or "").split(",")):
        if term and term.lower() not in (known.lower() for known in terms):
            terms.append(term)
    return terms


class SynonymGroup(models.Model):
    """Words that mean the same to a visitor: a search for one also finds the others.

    Applied to the words searched on every backend (``search.synonyms``), and given to
    Elasticsearch's synonym filter when its index is built (``search.backends.elasticsearch``).
    Editors add one when the search report (Reports, Searches) shows a query finding nothing.
    """

    terms = models.TextField(
        _("words"),
        help_text=_(
            "Words or expressions that mean the same to a visitor, separated by commas: "
            "« vitrail, verrière, vitraux ». A search for one also finds the others."
        ),
    )
    note = models.CharField(
        _("note"), max_length=200, blank=True, help_text=_("Optional: why these words go together.")
    )

    panels = [FieldPanel("terms"), FieldPanel("note")]
    # Saving a group changes what searches find: the snapshots are rebuilt (core.generation).
    changes_public_content = True

    class Meta:
        verbose_name = _("synonym group")
        verbose_name_plural = _("synonym groups")
        ordering = ["terms"]

    def __str__(self):
        return ", ".join(self.term_list())

    def term_list(self) -> list[str]:
        return split_terms(self.terms)

    def clean(self):
        terms = self.term_list()
        if len(terms) < 2:
            raise ValidationError({"terms": _("Give at least two words, separated by commas.")})
        if any(not any(character.isalnum() for character in term) for term in terms):
            raise ValidationError({"terms": _("Each word must have at least one letter or digit.")})
        self.terms = ", ".join(terms)


class SearchCount(models.Model):
    """How many searches asked for a query in a month, and how many of them found nothing.

    Counted without anything about who searched: no address, no session, no time finer than the
    month. Editors read them in the admin (Reports, Searches) to add a synonym or a page.
    """

    month = models.DateField(_("month"), help_text=_("The first day of the month counted."))
    query = models.CharField(
        _("query"), max_length=200, help_text=_("The words searched, in lower case, spaces tidied.")
    )
    searches = models.PositiveIntegerField(_("searches"), default=0)
    found_nothing = models.PositiveIntegerField(
        _("found nothing"), default=0, help_text=_("How many of these searches had no result.")
    )

    class Meta:
        verbose_name = _("search count")
        verbose_name_plural = _("search counts")
        constraints = [models.UniqueConstraint(fields=["month", "query"], name="unique_search_count")]

    def __str__(self):
        return f"{self.month:%Y-%m} {self.query}: {self.searches}"
