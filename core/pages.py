"""The abstract page every page type of the site stands on."""

import functools

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Locale, Page
from wagtail.search import index

from .structured_data import page_basics


@functools.cache
def _language_code(locale_id: int) -> str:
    """A locale's language (which never changes), read once per process: indexing 10,000 pages
    asks it 10,000 times."""
    return Locale.objects.get(pk=locale_id).language_code


class BasePage(Page):
    """What every page of the site has: a one-line summary for listings, search and meta tags."""

    summary = models.TextField(
        _("summary"),
        max_length=300,
        blank=True,
        help_text=_("One or two sentences shown in lists, search results and link previews."),
    )

    content_panels = Page.content_panels + [FieldPanel("summary")]
    # The page's kind is indexed with its text: « offre vitrail » finds the offers about it.
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("kind_words")]

    # The kind of content, as shown on cards and in search ("Métier", "Savoir-faire"...).
    kind_label = _("Page")
    # The schema.org type of the page's JSON-LD, or None for none. Page types that say more
    # extend ``json_ld``.
    schema_type: str | None = None

    class Meta:
        abstract = True

    def json_ld(self, request=None):
        """schema.org data for this page, or None."""
        return page_basics(self, request, self.schema_type) if self.schema_type else None

    def kind_words(self) -> str:
        """The page's kind in its own language (« Métier », « Offre »), for the search index."""
        with translation.override(_language_code(self.locale_id)):
            return str(self.kind_label)

    def get_meta_description(self):
        return self.search_description or self.summary or settings.SITE_DESCRIPTION
