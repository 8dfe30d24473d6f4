"""Exact facets: OR within a facet, AND across facets, counts that follow the other facets.

The rule a visitor can check: the count shown beside a value is exactly the number of results
they get by clicking it. So the counts of a facet apply every *other* facet's selection and
ignore the facet's own: a value's count is what that value alone gives with the other filters
(when the facet already has a selection, ticking one more value widens the result with OR, to
at most the sum of the counts).

How: a ``FacetIndex`` holds, for each facet value, the set of its items as a bitset (a Python
int, bit i for the i-th item). Filtering is AND/OR of bitsets, and a count is a popcount, so a
request costs the same whatever the number of items and values, and no SQL at all once the
index is built. The search app keeps one index of the visible pages per site and language in
memory (``search.snapshot``); a short list such as the directory of actors builds its own per
request, in two queries (``FacetedSearch.over``)::

    from core.facets import Facet, FacetedSearch

    FACETS = [
        # ``from_lookup``: the values are what a lookup from the model reaches (a slug, a code...).
        Facet.from_lookup("department", _("Department"), Actor, "department__slug",
                          choices=lambda: dict(Department.objects.values_list("slug", "name"))),
        Facet.from_lookup("kind", _("Kind"), Actor, "kind", choices=lambda: dict(Actor.Kind.choices)),
    ]

    def directory(request):
        faceted = FacetedSearch.over(Actor.objects.filter(...), FACETS, request.GET)
        actors = faceted.filtered()          # the queryset with every selection applied
        facets = faceted.facets()            # [FacetResult(name, label, options=[FacetOption...])]
        faceted.unknown                      # [(facet name, value)] ignored because unknown: say so
        faceted.selected                     # {facet name: [values]} that were applied
        faceted.chips()                      # [(facet label, option label, url removing it)]

In templates, each option has ``toggle_url`` (the same page with that value added or removed,
page number dropped) and ``only_url`` (that value alone in its facet).

``pairs`` is the general form of a facet's data: a callable returning a queryset with two
fields, ``item`` (the pk of an item of the listed queryset) and ``value`` (a string), one row
per (item, value).
"""

from __future__ import annotations

import re
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import repeat
from urllib.parse import urlencode

from django.db.models import F, QuerySet, Value
from django.db.models.fields import CharField
from django.db.models.functions import Cast
from django.utils.translation import ngettext

# A value in a URL is a slug or a code: anything else cannot match and is reported as unknown.
VALUE_PATTERN = re.compile(r"^[A-Za-z0-9_.-]{1,120}$")
# Past this many values in one facet, the rest are ignored (a URL cannot be used as a DoS lever).
MAX_VALUES_PER_FACET = 30
# A page shows this many values of a facet (those with most results, and the selected ones);
# a link shows the others: a list of hundreds of checkboxes helps nobody, least of all on a phone.
FACET_VALUES_SHOWN = 10
# The URL parameter naming the facets whose values are all shown ("more=label").
MORE_PARAMETER = "more"
# Byte 0 or 1 per item -> the ASCII digits of a binary number.
_AS_BINARY_DIGITS = bytes.maketrans(b"\x00\x01", b"01")


@dataclass(frozen=True)
class Facet:
    """A facet: its URL parameter ``name``, its ``label``, its (item, value) pairs, its choices."""

    name: str
    label: str
    # None when the items' values are read elsewhere (the search app reads PageFacetValue).
    pairs: Callable[[], QuerySet] | None = None
    # Returns {value: label} of every valid value, in display order: values outside it are
    # neither applied nor shown (a page a visitor may not see is not named, not even by its
    # slug). None: any well-formed value is valid and is shown as it is.
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
    facet: str
    # The parameters links keep, shared by every option of a search (links are built on demand:
    # a page of checkboxes uses none of them).
    kept_params: Mapping[str, list[str]] = field(repr=False, default_factory=dict)

    @property
    def input_id(self) -> str:
        """The id of the option's checkbox: the same from one page to the next."""
        return f"facet-{self.facet}-{self.value}"

    @property
    def results_word(self) -> str:
        """ "result" or "results", for screen readers after the count."""
        return ngettext("result", "results", self.count)

    @property
    def toggle_url(self) -> str:
        """This value added to (or removed from) the facet's selection."""
        selected = self.kept_params.get(self.facet, [])
        values = [v for v in selected if v != self.value] if self.selected else [*selected, self.value]
        return query_string(self.kept_params, **{self.facet: values})

    @property
    def only_url(self) -> str:
        """This value alone selected in its facet: yields exactly ``count`` results."""
        return query_string(self.kept_params, **{self.facet: [self.value]})


@dataclass
class FacetResult:
    name: str
    label: str
    options: list[FacetOption] = field(default_factory=list)
    hidden: int = 0  # values not shown: ``more_url`` shows them
    more_url: str = ""
    less_url: str = ""  # when every value is shown on request: back to the shortlist


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


class FacetIndex:
    """Items and their facet values as bitsets: bit i stands for ``item_ids[i]``.

    The order of ``item_ids`` is kept: ``ids(mask)`` lists items in that order (the search
    app orders them newest first, which is its date sort).
    """

    def __init__(self, item_ids: Sequence[int], pairs: Iterable[tuple[str, int, str]]):
        self.item_ids = list(item_ids)
        self.position = {item: number for number, item in enumerate(self.item_ids)}
        self.everything = (1 << len(self.item_ids)) - 1
        positions: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
        for facet, item, value in pairs:
            number = self.position.get(item)
            if number is not None and value not in ("", None):
                positions[facet][str(value)].append(number)
        self.masks: dict[str, dict[str, int]] = {
            facet: {value: self.mask_of_positions(numbers) for value, numbers in values.items()}
            for facet, values in positions.items()
        }

    def mask_of_positions(self, numbers: Iterable[int]) -> int:
        # A byte per item (and one more, where ``mask_of`` puts the items outside the index), set
        # and read by C loops: a search turns thousands of matching pages into a bitset.
        flags = bytearray(len(self.item_ids) + 1)
        deque(map(flags.__setitem__, numbers, repeat(1)), maxlen=0)
        return int(flags[:-1].translate(_AS_BINARY_DIGITS)[::-1] or b"0", 2)

    def mask_of(self, item_ids: Iterable[int]) -> int:
        """The bitset of these items (items outside the index are left out)."""
        outside = len(self.item_ids)
        return self.mask_of_positions(map(self.position.get, item_ids, repeat(outside)))

    def selection_mask(self, facet: str, values: Iterable[str]) -> int:
        """Items having any of ``values`` in ``facet`` (OR)."""
        masks = self.masks.get(facet, {})
        selection = 0
        for value in values:
            selection |= masks.get(value, 0)
        return selection

    def ids(self, mask: int, start: int = 0, stop: int | None = None) -> list[int]:
        """The items of ``mask``, in index order, from ``start`` to ``stop``."""
        found, wanted = [], stop if stop is not None else len(self.item_ids)
        bits = bin(mask)[:1:-1]  # lowest bit first
        number = bits.find("1")
        while number != -1 and len(found) < wanted:
            found.append(self.item_ids[number])
            number = bits.find("1", number + 1)
        return found[start:]

    def contains(self, mask: int, item: int) -> bool:
        number = self.position.get(item)
        return number is not None and bool(mask >> number & 1)


class FacetedSearch:
    """Selections read from ``params``, applied to the items of ``index`` within ``base``.

    ``base`` is the bitset the facets start from (all the index by default; the search app
    passes the pages matching the words searched and still open today).
    """

    def __init__(
        self,
        index: FacetIndex,
        facets: Iterable[Facet],
        params,
        choices: Mapping[str, Mapping[str, str] | None],
        base: int | None = None,
    ):
        self.index = index
        self.facets_by_name = {facet.name: facet for facet in facets}
        self.params = params
        self.choices = choices
        self.base = index.everything if base is None else base
        self.items: QuerySet | None = None
        self.selected: dict[str, list[str]] = {}
        self.unknown: list[tuple[str, str]] = []
        self._read_selection()
        self._selection_masks = {
            name: index.selection_mask(name, values) for name, values in self.selected.items()
        }

    @classmethod
    def over(cls, items: QuerySet, facets: Iterable[Facet], params, choices=None) -> FacetedSearch:
        """Faceting of a queryset, indexed for this request: two queries (ids, then every pair),
        plus what the ``choices`` callables cost when ``choices`` is not given."""
        index, found_choices = cls.index_over(items, facets, with_choices=choices is None)
        faceted = cls(index, facets, params, choices if choices is not None else found_choices)
        faceted.items = items
        return faceted

    @staticmethod
    def index_over(items: QuerySet, facets: Iterable[Facet], with_choices: bool = True):
        """(the FacetIndex of ``items``, {facet: choices}): what ``over`` computes, which a caller
        may keep while the content generation lasts (it changes only with content)."""
        facets = list(facets)
        item_ids = list(items.order_by().values_list("pk", flat=True))
        sources = [(facet.name, pairs) for facet in facets for pairs in facet.pair_sources()]
        pairs = []
        if sources and item_ids:
            union = None
            for name, source in sources:
                rows = (
                    source.annotate(facet=Value(name, output_field=CharField()))
                    .values_list("facet", "item", "value")
                    .order_by()
                )
                union = rows if union is None else union.union(rows, all=True)
            pairs = list(union)
        choices = {}
        if with_choices:
            choices = {facet.name: dict(facet.choices()) if facet.choices else None for facet in facets}
        return FacetIndex(item_ids, pairs), choices

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

    def narrow(self, mask: int) -> None:
        """Keep only the items of ``mask`` too (the search app narrows to the pages matching the
        words searched, once it knows which facets are selected)."""
        self.base &= mask

    def mask(self, except_facet: str | None = None) -> int:
        """The items of ``base`` with every selection applied (but the one of ``except_facet``)."""
        mask = self.base
        for name, selection in self._selection_masks.items():
            if name != except_facet:
                mask &= selection
        return mask

    @property
    def count(self) -> int:
        return self.mask().bit_count()

    def filtered(self) -> QuerySet:
        """The queryset given to ``over`` with every selection applied."""
        return self.items.filter(pk__in=self.index.ids(self.mask()))

    def counts(self) -> dict[str, dict[str, int]]:
        """{facet: {value: count}}, each facet counted with the other facets' selections."""
        counts = {}
        for name in self.facets_by_name:
            within = self.mask(except_facet=name)
            counts[name] = {
                value: count
                for value, value_mask in self.index.masks.get(name, {}).items()
                if (count := (within & value_mask).bit_count())
            }
        return counts

    def facets(self, shown: int | None = FACET_VALUES_SHOWN) -> list[FacetResult]:
        """Every facet with its options: values that have results, and the selected ones.

        With ``shown``, a facet lists at most that many values (the selected ones, then those
        with most results, in the facet's own order) unless the URL asks for all of them.
        """
        counts = self.counts()
        kept = self._kept_params()
        expanded = self.expanded()
        results = []
        for name, facet in self.facets_by_name.items():
            selected = self.selected.get(name, [])
            choices = self.choices.get(name)
            labels = choices or {}
            ordered = [value for value in labels if value in counts[name] or value in selected]
            if choices is None:  # any value is valid: those counted are shown as they are
                ordered += sorted(value for value in counts[name] if value not in labels)
            ordered += [value for value in selected if value not in ordered]
            result = FacetResult(name=name, label=str(facet.label))
            if shown is not None and len(ordered) > shown:
                others = [other for other in expanded if other != name]
                if name in expanded:
                    result.less_url = query_string(kept, **{MORE_PARAMETER: others})
                else:
                    by_count = sorted(
                        ordered, key=lambda value: (value not in selected, -counts[name].get(value, 0))
                    )
                    shortlist = set(by_count[: max(shown, len(selected))])
                    result.hidden = len(ordered) - len(shortlist)
                    result.more_url = query_string(kept, **{MORE_PARAMETER: [*others, name]})
                    ordered = [value for value in ordered if value in shortlist]
            result.options = [
                FacetOption(
                    value=value,
                    label=str(labels.get(value, value)),
                    count=counts[name].get(value, 0),
                    selected=value in selected,
                    facet=name,
                    kept_params=kept,
                )
                for value in ordered
            ]
            results.append(result)
        return results

    def expanded(self) -> list[str]:
        """The facets whose values are all shown (kept by the form as hidden fields)."""
        return [name for name in _values_of(self.params, MORE_PARAMETER) if name in self.facets_by_name]

    def _kept_params(self) -> dict[str, list[str]]:
        """The parameters a link keeps: the other parameters as they are, the valid selections;
        the page number is always dropped."""
        kept = {key: _values_of(self.params, key) for key in self.params if key not in self.facets_by_name}
        kept.pop("page", None)
        return {**kept, **self.selected}

    def url(self, **changes) -> str:
        """This search's query string with ``changes``; the page number is always dropped."""
        return query_string(self._kept_params(), **changes)

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
