"""The abstract page every page type of the site stands on."""

import functools

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Locale, Page
from wagtail.search import index

from .pagecache import expires_no_later_than
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
    # Relations the page's template reads, loaded with the page when it is served (core.routing):
    # foreign keys joined, many-to-many links prefetched once (a template and the JSON-LD both
    # reading them cost one query).
    serve_select_related: tuple[str, ...] = ()
    serve_prefetch_related: tuple[str, ...] = ()
    # The schema.org type of the page's JSON-LD, or None for none. Page types that say more
    # extend ``json_ld``.
    schema_type: str | None = None

    class Meta:
        abstract = True

    def cache_expires_at(self):
        """When this page, as shown now, stops being true by time alone (an offer closing), or
        None. A page type that changes with time says when; the page cache keeps it no longer."""
        return None

    def shown_until(self):
        """When this page leaves the lists of other pages by time alone (an offer, at its
        closing), or None. ``core.page_memory.shown_now`` reads it at request time."""
        return None

    @classmethod
    def cache_expiry_of(cls, queryset):
        """The earliest ``cache_expires_at`` among the pages of ``queryset`` (a listing of this
        type), or None. A type that declares ``cache_expires_at`` computes it in one query."""
        return None

    def get_view_restrictions(self):
        """The restrictions on this page and its ancestors: those ``core.routing`` found in the
        process's memory when it served the page, else from the database."""
        remembered = self.__dict__.get("remembered_view_restrictions")
        return remembered if remembered is not None else super().get_view_restrictions()

    def get_context(self, request, *args, **kwargs):
        expires_no_later_than(request, self.cache_expires_at())
        return super().get_context(request, *args, **kwargs)

    def json_ld(self, request=None):
        """schema.org data for this page, or None."""
        return page_basics(self, request, self.schema_type) if self.schema_type else None

    def kind_words(self) -> str:
        """The page's kind in its own language (« Métier », « Offre »), for the search index."""
        with translation.override(_language_code(self.locale_id)):
            return str(self.kind_label)

    def get_meta_description(self):
        return self.search_description or self.summary or settings.SITE_DESCRIPTION
