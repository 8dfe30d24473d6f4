"""What a page type declares so that the site's search lists it, the way it declares
``search_fields`` for the full-text index::

    class TradeProfilePage(BasePage):
        search_kind = "trade"                  # its value in the "kind" facet
        search_facets = [DOMAIN.on("domains__slug"), LEVEL.on("training_paths__level__slug")]
        search_other_names = "name_feminine"   # also completed by autocomplete (optional)
        search_synonym_fields = ["name_feminine", "synonyms"]  # other names of the title (optional)

    class OpportunityPage(BasePage):
        search_hidden_after = "closing_date"   # out of the results after that day (optional)

A ``SearchFacet`` is declared once, where its values live (the taxonomy declares its facets),
and each page type says by which lookup its pages reach it. The search app reads these
declarations (``search.registry``); a lookup that does not resolve fails Django's system checks
at start-up.
"""

from __future__ import annotations

from dataclasses import dataclass

# The facet every searchable page has: its kind of content.
KIND_FACET_NAME = "kind"


@dataclass(frozen=True)
class SearchFacet:
    """A facet of the search page: its URL parameter, its label, where its values are named.

    ``terms`` is the model whose rows are the values (a taxonomy term, by slug), sorted by
    ``sort_field``; ``pages`` a page type whose pages are the values (by their slug in the
    default language, the same in every language); ``choices`` the (value, label) pairs of a
    field's choices (a ``TextChoices.choices``: the value stored, its label translated), in
    their own order. ``order`` places it on the search page.
    """

    name: str
    label: str
    order: int
    terms: type | None = None
    pages: type | str | None = None
    sort_field: str = "name"
    choices: tuple[tuple[str, str], ...] | None = None

    def on(self, lookup: str) -> FacetField:
        """This facet, reached from a page type by ``lookup`` (``"self"``: the page itself)."""
        return FacetField(self, lookup)


@dataclass(frozen=True)
class FacetField:
    facet: SearchFacet
    lookup: str  # to the value's slug ("domains__slug"), or to a page ("related_labels"), or "self"
