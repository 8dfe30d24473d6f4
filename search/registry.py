"""The page types search lists and its facets, read from what the page types declare
(``core.searchable``): nothing here names a page type, a field or a taxonomy.

A system check (``check_declarations``) fails at start-up when a declared lookup does not resolve:
renaming a field can no longer drop a facet silently.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from django.apps import apps
from django.core import checks
from django.core.exceptions import FieldDoesNotExist
from django.db.models.constants import LOOKUP_SEP
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from core.searchable import KIND_FACET_NAME, FacetField, SearchFacet

KIND_FACET = SearchFacet(KIND_FACET_NAME, _("Kind of content"), order=0)
SELF = "self"


@dataclass(frozen=True)
class SearchableType:
    model: type[Page]
    kind: str
    facet_fields: tuple[FacetField, ...]
    other_names: str | None  # a field also completed by autocomplete
    hidden_after: str | None  # a date field: the page leaves the results after that day
    synonym_fields: tuple[str, ...] = ()  # fields of other names of the title, comma-separated


@functools.cache
def searchable_types() -> tuple[SearchableType, ...]:
    """Every page type that declares a ``search_kind``, in the order of the installed apps."""
    return tuple(
        SearchableType(
            model=model,
            kind=model.search_kind,
            facet_fields=tuple(getattr(model, "search_facets", ())),
            other_names=getattr(model, "search_other_names", None),
            hidden_after=getattr(model, "search_hidden_after", None),
            synonym_fields=tuple(getattr(model, "search_synonym_fields", ())),
        )
        for model in apps.get_models()
        if issubclass(model, Page) and getattr(model, "search_kind", None)
    )


def searchable_models() -> list[type[Page]]:
    return [declared.model for declared in searchable_types()]


@functools.cache
def declaration_by_model() -> dict[type[Page], SearchableType]:
    return {declared.model: declared for declared in searchable_types()}


@functools.cache
def kind_of_model() -> dict[type[Page], str]:
    return {declared.model: declared.kind for declared in searchable_types()}


def kind_of(model) -> str | None:
    return kind_of_model().get(model)


@functools.cache
def facets() -> tuple[SearchFacet, ...]:
    """The search page's facets in display order: the kind, then every declared one."""
    declared = {field.facet.name: field.facet for item in searchable_types() for field in item.facet_fields}
    return (KIND_FACET, *sorted(declared.values(), key=lambda facet: facet.order))


def page_model_of(facet: SearchFacet):
    """The page type whose pages are the values of ``facet``, or None (a facet of terms)."""
    if facet.pages is None:
        return None
    return apps.get_model(facet.pages) if isinstance(facet.pages, str) else facet.pages


def _resolves(model, lookup: str) -> bool:
    """Whether ``lookup`` (fields joined by "__") can be followed from ``model``."""
    for name in lookup.split(LOOKUP_SEP):
        if model is None:
            return False
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            return False
        model = field.related_model if field.is_relation else None
    return True


@checks.register()
def check_declarations(app_configs=None, **kwargs):
    """Every declared lookup and field resolves on its page type."""
    errors = []
    for declared in searchable_types():
        label = declared.model._meta.label
        for field in declared.facet_fields:
            page_facet = page_model_of(field.facet) is not None
            if field.lookup == SELF:
                ok = page_facet and page_model_of(field.facet) is declared.model
            else:
                ok = _resolves(declared.model, field.lookup)
            if not ok:
                errors.append(
                    checks.Error(
                        f"{label}: the lookup {field.lookup!r} of the search facet {field.facet.name!r} "
                        "does not resolve.",
                        hint="Fix search_facets on the page type (core.searchable).",
                        obj=declared.model,
                        id="search.E001",
                    )
                )
        for attribute in ("other_names", "hidden_after"):
            name = getattr(declared, attribute)
            if name is not None and not _resolves(declared.model, name):
                errors.append(
                    checks.Error(
                        f"{label}: search_{attribute} names {name!r}, which is not a field.",
                        obj=declared.model,
                        id="search.E002",
                    )
                )
        for name in declared.synonym_fields:
            if not _resolves(declared.model, name):
                errors.append(
                    checks.Error(
                        f"{label}: search_synonym_fields names {name!r}, which is not a field.",
                        obj=declared.model,
                        id="search.E002",
                    )
                )
    return errors
