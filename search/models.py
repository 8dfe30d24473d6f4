from django.db import models
from django.utils.translation import gettext_lazy as _


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
