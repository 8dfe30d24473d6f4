"""Exact facets over any Django queryset: OR within a facet, AND across facets, counts that follow.

The rule a visitor can check: the count shown beside a value is exactly the number of results
they get by clicking it. So the counts of a facet apply every *other* facet's selection and
ignore the facet's own: a value's count is what that value alone gives with the other filters
(when the facet already has a selection, ticking one more value widens the result with OR, to
at most the sum of the counts).

The search app uses this module over pages (through its denormalised ``PageFacetValue`` table);
any other list (the directory of actors...) can use it over its own queryset. How to use it::

    from django.utils.translation import gettext_lazy as _
    from search.facets import Facet, FacetedSearch

    FACETS = [
        # ``from_lookup``: the values are what a lookup from the model reaches (a slug, a code...).
        Facet.from_lookup(
            "department", _("Department"), Actor, "departments__slug",
            choices=lambda: dict(Department.objects.filter(locale=Locale.get_active())
                                 .values_list("slug", "name")),
        ),
        Facet.from_lookup("kind", _("Kind"), Actor, "kind", choices=lambda: dict(Actor.Kind.choices)),
    ]

    def directory(request):
        faceted = FacetedSearch(Actor.objects.filter(...), FACETS, request.GET)
        actors = faceted.filtered()          # the queryset with every selection applied
        facets = faceted.facets()            # [FacetResult(name, label, options=[FacetOption...])]
        faceted.unknown                      # [(facet name, value)] ignored because unknown: say so
        faceted.selected                     # {facet name: [values]} that were applied
        faceted.chips()                      # [(facet label, option label, url removing it)]

Counting costs ONE query for all facets (one pass over the pairs, see ``counts``); loading the
choices costs what the ``choices`` callables cost (pass ``choices=`` to FacetedSearch to load
all of them with one query, as the search app does). In templates, each option has
``toggle_url`` (the same page with that value added or removed, page number dropped).

``pairs`` is the general form: a callable returning a queryset with two fields, ``item`` (the
pk of an item of the listed queryset) and ``value`` (a string), one row per (item, value).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import F, Q, QuerySet
from django.db.models.fields import CharField
from django.db.models.functions import Cast

# A value in a URL is a slug or a code: anything else cannot match and is reported as unknown.
VALUE_PATTERN = re.compile(r"^[A-Za-z0-9_.-]{1,120}$")
# Past this many values in one facet, the rest are ignored (a URL cannot be used as a DoS lever).
MAX_VALUES_PER_FACET = 30


@dataclass(frozen=True)
class Facet:
    """A facet: its URL parameter ``name``, its ``label``, its (item, value) pairs, its choices."""

    name: str
    label: str
    pairs: Callable[[], QuerySet]
    # Returns {value: label} of every valid value, in display order. None: any well-formed
    # value is valid and is shown as it is.
    choices: Callable[[], Mapping[str, str]] | None = None

    @classmethod
    def from_lookup(cls, name, label, model, lookup, choices=None):
        """A facet whose values are what ``lookup`` reaches from ``model`` (e.g. "domains__slug")."""

        def pairs():
            return (
                model._default_manager.filter(**{f"{lookup}__isnull": False})
                .annotate(item=F("pk"), value=Cast(lookup, CharField()))
                .values("item", "value")
            )

        return cls(name=name, label=label, pairs=pairs, choices=choices)

    @classmethod
    def from_lookups(cls, name, label, model, lookups, choices=None):
        """A facet whose values are reached by any of several lookups (OR), e.g. the trades an
        actor teaches or practises: ``pairs`` then returns one pair queryset per lookup, and an
        item reached through two of them still counts once."""
        facets = [cls.from_lookup(name, label, model, lookup) for lookup in lookups]
        return cls(name=name, label=label, pairs=lambda: [facet.pairs() for facet in facets], choices=choices)

    def pair_sources(self) -> list[QuerySet]:
        """The facet's pair querysets: one, or one per lookup (see ``from_lookups``)."""
        pairs = self.pairs()
        return list(pairs) if isinstance(pairs, list | tuple) else [pairs]


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool
    toggle_url: str = ""  # this value added to (or removed from) the facet's selection
    only_url: str = ""  # this value alone selected in its facet: yields exactly ``count`` results


@dataclass
class FacetResult:
    name: str
    label: str
    options: list[FacetOption] = field(default_factory=list)

    @property
    def has_selection(self):
        return any(option.selected for option in self.options)


def _values_of(params, name) -> list[str]:
    if hasattr(params, "getlist"):
        return params.getlist(name)
    value = params.get(name, [])
    return [value] if isinstance(value, str) else list(value)


def query_string(params, **changes) -> str:
    """``params`` (a QueryDict or dict of lists) as "?a=1&b=2", with ``changes`` (name: list|None)."""
    pairs = []
    names = list(dict.fromkeys([*params, *changes]))
    for name in names:
        values = changes[name] if name in changes else _values_of(params, name)
        for value in values or ():
            if value != "":
                pairs.append((name, value))
    return "?" + urlencode(pairs) if pairs else "?"


class FacetedSearch:
    """Selections read from ``params`` applied to ``items``, and the counts of every facet."""

    def __init__(
        self,
        items: QuerySet,
        facets: Iterable[Facet],
        params,
        choices: Mapping[str, Mapping[str, str]] | None = None,
    ):
        self.items = items
        self.facets_by_name = {facet.name: facet for facet in facets}
        self.params = params
        if choices is None:
            choices = {
                facet.name: dict(facet.choices()) if facet.choices else None
                for facet in self.facets_by_name.values()
            }
        self.choices = choices
        self.selected: dict[str, list[str]] = {}
        self.unknown: list[tuple[str, str]] = []
        self._read_selection()
        self._counts = None

    def _read_selection(self):
        for name in self.facets_by_name:
            valid = self.choices.get(name)
            chosen = []
            for raw in _values_of(self.params, name)[: MAX_VALUES_PER_FACET * 4]:
                value = str(raw).strip()
                if not value:
                    continue
                known = VALUE_PATTERN.match(value) and (valid is None or value in valid)
                if not known:
                    self.unknown.append((name, value[:120]))
                elif value not in chosen and len(chosen) < MAX_VALUES_PER_FACET:
                    chosen.append(value)
            if chosen:
                self.selected[name] = chosen

    def _restrict(self, items, name, values):
        condition = Q()
        for pairs in self.facets_by_name[name].pair_sources():
            condition |= Q(pk__in=pairs.filter(value__in=values).values("item"))
        return items.filter(condition)

    def filtered(self, except_facet: str | None = None) -> QuerySet:
        """``items`` with every selection applied (but the one of ``except_facet``)."""
        items = self.items
        for name, values in self.selected.items():
            if name != except_facet:
                items = self._restrict(items, name, values)
        return items

    def counts(self) -> dict[str, dict[str, int]]:
        """{facet: {value: count}}, each facet counted with the other facets' selections: 1 query.

        One pass over the (item, value) pairs of the listed items: for each item, whether it
        matches each selected facet; a pair of facet F is counted when its item matches every
        selected facet but F.
        """
        if self._counts is None:
            self._counts = {name: {} for name in self.facets_by_name}
            try:
                sql, params = self._counts_sql() if self.facets_by_name else (None, None)
            except EmptyResultSet:  # the items are known to be none: every count is 0
                sql = None
            if sql is not None:
                with connections[self.items.db].cursor() as cursor:
                    cursor.execute(sql, params)
                    for name, value, count in cursor.fetchall():
                        self._counts[name][value] = count
        return self._counts

    def _counts_sql(self):
        items_sql, items_params = self.items.order_by().values("pk").query.sql_with_params()
        parts, params = [], []
        for name, facet in self.facets_by_name.items():
            # A facet read through several lookups brings several sources: an item reached
            # through two of them still counts once (COUNT DISTINCT below).
            for pairs in facet.pair_sources():
                pairs_sql, pairs_params = pairs.order_by().values("item", "value").query.sql_with_params()
                parts.append(f"SELECT %s AS facet, p.item AS item, p.value AS value FROM ({pairs_sql}) p")  # noqa: S608
                params += [name, *pairs_params]
        # Only SQL compiled by Django and placeholders are joined here: every value is a parameter.
        sql = (
            f"WITH pairs AS (SELECT u.facet, u.item, u.value FROM ({' UNION ALL '.join(parts)}) u "  # noqa: S608
            f"WHERE u.item IN ({items_sql}))"
        )
        params += items_params
        selected = list(self.selected.items())
        if not selected:
            sql += " SELECT facet, value, COUNT(DISTINCT item) FROM pairs GROUP BY facet, value"
            return sql, params
        flags, conditions = [], []
        for number, (name, values) in enumerate(selected):
            placeholders = ", ".join(["%s"] * len(values))
            flags.append(
                f"MAX(CASE WHEN facet = %s AND value IN ({placeholders}) THEN 1 ELSE 0 END) AS m{number}"
            )
            params += [name, *values]
        sql += f", matched AS (SELECT item, {', '.join(flags)} FROM pairs GROUP BY item)"  # noqa: S608
        for number, (name, _values) in enumerate(selected):
            conditions.append(f"(p.facet = %s OR m.m{number} = 1)")
            params.append(name)
        sql += (
            " SELECT p.facet, p.value, COUNT(DISTINCT p.item) FROM pairs p JOIN matched m ON m.item = p.item"  # noqa: S608
            f" WHERE {' AND '.join(conditions)} GROUP BY p.facet, p.value"
        )
        return sql, params

    def facets(self) -> list[FacetResult]:
        """Every facet with its options: values that have results, and the selected ones."""
        counts = self.counts()
        results = []
        for name, facet in self.facets_by_name.items():
            selected = self.selected.get(name, [])
            labels = self.choices.get(name) or {}
            ordered = [value for value in labels if value in counts[name] or value in selected]
            ordered += sorted(value for value in counts[name] if value not in labels)
            ordered += [value for value in selected if value not in ordered]
            options = []
            for value in ordered:
                is_selected = value in selected
                new_values = [v for v in selected if v != value] if is_selected else [*selected, value]
                options.append(
                    FacetOption(
                        value=value,
                        label=str(labels.get(value, value)),
                        count=counts[name].get(value, 0),
                        selected=is_selected,
                        toggle_url=self.url(**{name: new_values}),
                        only_url=self.url(**{name: [value]}),
                    )
                )
            results.append(FacetResult(name=name, label=str(facet.label), options=options))
        return results

    def url(self, **changes) -> str:
        """This search's query string with ``changes``; the page number is always dropped."""
        clean = dict(self.selected)
        kept = {key: _values_of(self.params, key) for key in self.params if key not in self.facets_by_name}
        kept.pop("page", None)
        return query_string({**kept, **clean}, **changes)

    def chips(self) -> list[tuple[str, str, str]]:
        """(facet label, value label, URL without that value) for each applied selection."""
        chips = []
        for name, values in self.selected.items():
            facet = self.facets_by_name[name]
            labels = self.choices.get(name) or {}
            for value in values:
                remaining = [v for v in values if v != value]
                chips.append((str(facet.label), str(labels.get(value, value)), self.url(**{name: remaining})))
        return chips
