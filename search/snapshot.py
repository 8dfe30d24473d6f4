"""What search shows, held in memory per site and language, and rebuilt when content changes.

A snapshot holds the visible pages of one site in one language (live, public, of a searchable
type), newest first, with their facet values as bitsets (``core.facets.FacetIndex``), what a
result shows of them (title, address, kind, summary), the closing dates of offers, and the
labels of every facet value. A search
then costs a few queries whatever the amount of content: the generation token (is this copy
current?) and the full-text match (and ranking); facet filtering and counting run in memory.

Freshness: every change that can alter what search shows (a page saved, published, unpublished,
moved or deleted, a view restriction, a site, a taxonomy term, the facets table rebuilt) calls
``core.generation.content_changed``, which gives the content generation a new token in the same
transaction. The
next request of every process sees the new token and rebuilds its snapshot (a few queries).
Offers closed since the snapshot was built are left out at request time, from their closing
dates: no cron is needed.
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import NamedTuple

from django.contrib.contenttypes.models import ContentType
from django.db.models import DateField, F, TextField, Value
from django.db.models.functions import Coalesce
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Locale, Page, Site

from core.chrome import find_site
from core.facets import Facet, FacetIndex
from core.generation import current_generation
from core.text import fold
from core.visibility import visible

from .choices import facet_choices, page_facets
from .models import PageFacetValue, SynonymGroup, split_terms
from .registry import kind_of_model, searchable_models, searchable_types
from .synonyms import Thesaurus, meaningful_words, plural_free

WORD = re.compile(r"\w{3,}", re.UNICODE)
WORD_OF_ANY_LENGTH = re.compile(r"\w+", re.UNICODE)
_lock = threading.Lock()
_snapshots: dict[tuple, SearchSnapshot] = {}


def searchable_content_types() -> dict[int, str]:
    """{content type id: kind} of the page types search lists."""
    kinds = kind_of_model()
    return {ct.pk: kinds[model] for model, ct in ContentType.objects.get_for_models(*kinds).items()}


def visible_pages(site: Site | None, locale: Locale):
    """Live, public pages of a searchable type, of this site (when known) and locale."""
    pages = visible(Page.objects, locale).filter(content_type__in=list(searchable_content_types()))
    if site is not None:
        # The site's root in this locale shares the root's translation key; its path tells
        # which branch of the tree is this site in this language.
        root = Page.objects.filter(pk=site.root_page_id).values("translation_key")
        site_roots = Page.objects.filter(translation_key__in=root, locale=locale).values("path")
        pages = pages.filter(path__startswith=site_roots[:1])
    return pages


class ListedPage(NamedTuple):
    """What a result shows of a page: enough to list it without loading it."""

    title: str
    url_path: str
    url: str | None  # its address on the snapshot's site; None when the site is unknown
    kind: str
    summary: str
    published_at: datetime | None
    other_names: str  # also completed by autocomplete (a trade's feminine name)


@dataclass
class SearchSnapshot:
    generation: str
    index: FacetIndex  # the visible pages, newest first
    facets: list[Facet]
    choices: dict[str, dict[str, str]]  # {facet: {value: label in this language}}
    pages: dict[int, ListedPage]
    # Offers by closing date: (closing date, page id), sorted.
    closings: list[tuple[date, int]]
    thesaurus: Thesaurus = field(default_factory=Thesaurus)
    # Editors' picks: {query folded: [page id, ...]}, visible pages of this snapshot only.
    picks: dict[str, list[int]] = field(default_factory=dict)
    _open_masks: dict[date, int] = field(default_factory=dict)
    _vocabulary: list[str] | None = None
    _completions: list[tuple[str, int]] | None = None
    _value_words: list | None = None
    _values_by_word: dict[str, list[int]] | None = None

    def open_mask(self, today: date) -> int:
        """The visible pages without the offers whose closing date is before ``today``."""
        if today not in self._open_masks:
            closed = self.closings[: bisect_left(self.closings, (today, 0))]
            mask = self.index.everything & ~self.index.mask_of(page for _day, page in closed)
            self._open_masks = {today: mask}  # one day kept: yesterday's is never asked again
        return self._open_masks[today]

    def next_closing(self, today: date) -> date | None:
        """The closing date of the first offer still open on ``today``: the results and counts
        change the midnight after it."""
        position = bisect_left(self.closings, (today, 0))
        return self.closings[position][0] if position < len(self.closings) else None

    def vocabulary(self) -> list[str]:
        """The words of titles and facet labels (for "did you mean"), lower case, sorted."""
        if self._vocabulary is None:
            labels = [label for values in self.choices.values() for label in values.values()]
            words = set()
            for text in [*(page.title for page in self.pages.values()), *labels]:
                words.update(word.lower() for word in WORD.findall(str(text)))
            self._vocabulary = sorted(words)
        return self._vocabulary

    def value_words(self) -> list[tuple[str, str, str, list[str]]]:
        """(facet, value, label, the label's meaningful words folded) of every facet value: the
        words a query may name a filter by."""
        if self._value_words is None:
            self._value_words = [
                (name, value, label, [plural_free(fold(word)) for word in meaningful_words(str(label))])
                for name, labels in self.choices.items()
                for value, label in (labels or {}).items()
            ]
        return self._value_words

    def values_by_word(self) -> dict[str, list[int]]:
        """{folded word: the positions in ``value_words`` of the values whose label has it}: a
        query's words lead to the few values they may name, not through every value."""
        if self._values_by_word is None:
            by_word: dict[str, list[int]] = {}
            for position, (*_, label_words) in enumerate(self.value_words()):
                for word in dict.fromkeys(label_words):
                    by_word.setdefault(word, []).append(position)
            self._values_by_word = by_word
        return self._values_by_word

    def completions(self, query: str) -> set[int]:
        """Pages whose title (or other name) has, for every word of ``query``, a word starting
        with it, accents and case aside: "tail pier" completes "Tailleur de pierre"."""
        if self._completions is None:
            self._completions = sorted(
                {
                    (word, pk)
                    for pk, page in self.pages.items()
                    for word in WORD_OF_ANY_LENGTH.findall(fold(f"{page.title} {page.other_names}"))
                }
            )
        found = None
        for prefix in WORD_OF_ANY_LENGTH.findall(fold(query)):
            start = bisect_left(self._completions, (prefix, 0))
            stop = bisect_left(self._completions, (prefix + "\U0010ffff", 0))
            pages = {pk for _word, pk in self._completions[start:stop]}
            found = pages if found is None else found & pages
        return found or set()


def build_snapshot(site: Site | None, locale: Locale, generation: str) -> SearchSnapshot:
    kinds_by_type = searchable_content_types()
    # ``summary`` is a field of every searchable page type, each in its own table.
    summary = Coalesce(
        *(F(f"{model._meta.model_name}__summary") for model in searchable_models()),
        Value(""),
        output_field=TextField(),
    )
    # What the page types declare, each from its own table (None where a type declares nothing).
    other_names = _declared_column("other_names", TextField(), Value(""))
    hidden_after = _declared_column("hidden_after", DateField(), Value(None, output_field=DateField()))
    rows = (
        visible_pages(site, locale)
        .annotate(listed_summary=summary, other_names=other_names, hidden_after=hidden_after)
        .order_by("-first_published_at", "-pk")
        .values_list(
            "pk",
            "content_type_id",
            "title",
            "url_path",
            "listed_summary",
            "first_published_at",
            "hidden_after",
            "other_names",
        )
    )
    address_of = _addresses(site, locale)
    pages, closings = {}, []
    for pk, content_type, title, url_path, page_summary, published_at, closing, other_names in rows:
        kind = kinds_by_type[content_type]
        url = address_of(url_path)
        pages[pk] = ListedPage(title, url_path, url, kind, page_summary, published_at, other_names)
        if closing is not None:
            closings.append((closing, pk))
    pairs = PageFacetValue.objects.filter(locale=locale).values_list("facet", "page_id", "value")
    return SearchSnapshot(
        generation=generation,
        index=FacetIndex(list(pages), pairs.iterator(chunk_size=10_000)),
        facets=page_facets(),
        choices=facet_choices(locale),
        pages=pages,
        closings=sorted(closings),
        thesaurus=Thesaurus(synonym_groups(pages)),
        picks=editors_picks(pages, locale),
    )


def pick_key(query: str) -> str:
    """A query as picks are looked up: folded (case, accents), one space between words."""
    return " ".join(fold(query).split())


def editors_picks(pages: dict[int, ListedPage], locale: Locale) -> dict[str, list[int]]:
    """Wagtail's search promotions of a page, by query, in their order: the promoted page in
    this snapshot's language (its translation), when it is visible. Two queries."""
    promotions = list(
        SearchPromotion.objects.filter(page__isnull=False)
        .order_by("sort_order", "pk")
        .values_list("query__query_string", "page__translation_key")
    )
    if not promotions:
        return {}
    in_locale = dict(
        Page.objects.filter(
            translation_key__in={key for _query, key in promotions}, locale=locale, pk__in=list(pages)
        ).values_list("translation_key", "pk")
    )
    picks: dict[str, list[int]] = {}
    for query, key in promotions:
        pk = in_locale.get(key)
        if pk is not None and pk not in picks.get(pick_key(query), []):
            picks.setdefault(pick_key(query), []).append(pk)
    return picks


def synonym_groups(pages: dict[int, ListedPage] | None = None) -> list[list[str]]:
    """The editors' synonym groups, and a group per page of a type declaring other names of its
    title (a trade: its title, its feminine form, its other names): of ``pages``, or of every
    page. One query, and one per such type."""
    groups = [group.term_list() for group in SynonymGroup.objects.all()]
    for declared in searchable_types():
        if not declared.synonym_fields:
            continue
        rows = declared.model.objects.all()
        if pages is not None:
            rows = rows.filter(pk__in=[pk for pk, page in pages.items() if page.kind == declared.kind])
        for title, *other_names in rows.values_list("title", *declared.synonym_fields).iterator():
            group = split_terms(", ".join([title, *other_names]))
            if len(group) > 1:
                groups.append(group)
    return groups


def _declared_column(attribute: str, output_field, default):
    """The first non-null of the fields the searchable types declare under ``attribute``."""
    columns = [
        F(f"{declared.model._meta.model_name}__{getattr(declared, attribute)}")
        for declared in searchable_types()
        if getattr(declared, attribute)
    ]
    return Coalesce(*columns, default, output_field=output_field) if columns else default


def _addresses(site: Site | None, locale: Locale):
    """url_path -> address on ``site``, the way Wagtail routes it: the address of the site's home
    page in this language, then the page's path below it. (Asking Wagtail page by page would cost
    a page object each: seconds for 10,000 pages.)"""
    root = None
    if site is not None:
        key = Page.objects.filter(pk=site.root_page_id).values("translation_key")
        root = Page.objects.filter(translation_key__in=key, locale=locale).first()
    if root is None:
        return lambda url_path: None
    root_url = root.get_url(None, current_site=site)
    if root_url is None:
        return lambda url_path: None

    def address(url_path: str) -> str | None:
        return root_url + url_path[len(root.url_path) :] if url_path.startswith(root.url_path) else None

    return address


def get_snapshot(request, locale: Locale) -> SearchSnapshot:
    """The current snapshot of the request's site in ``locale``: built when missing or old."""
    site = find_site(request)
    key = (site.pk if site else None, locale.pk)
    generation = current_generation(request)
    snapshot = _snapshots.get(key)
    if snapshot is None or snapshot.generation != generation:
        with _lock:
            snapshot = _snapshots.get(key)
            if snapshot is None or snapshot.generation != generation:
                snapshot = build_snapshot(site, locale, generation)
                _snapshots[key] = snapshot
    return snapshot
