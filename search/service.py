"""The one search service behind the search page, the JSON API, the RSS feed and autocomplete.

How a search runs, in a fixed number of queries whatever the amount of content:

1. The visible pages: live, public, of the current site and the visitor's locale, of a
   searchable type, minus the opportunities closed today (evaluated now: no cron needed).
2. The full-text backend yields the pages matching ``q`` (on the database backends as a SQL
   subquery, never materialised; on Elasticsearch as a ranked list of ids).
3. Facet selections filter, and facet counts are counted, in SQL over ``PageFacetValue``
   (see ``search.facets``).
4. Only the page of results shown is fetched, ranked by relevance or sorted by date.
"""

from __future__ import annotations

import difflib
import logging
import math
import re
import time
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, F, IntegerField, Q, Value
from django.db.models.functions import Cast, Length
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page, Site
from wagtail.search.backends import get_search_backend

from .facets import Facet, FacetedSearch
from .indexing import KINDS
from .models import PageFacetValue

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 200
PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
AUTOCOMPLETE_SIZE = 8
# Elasticsearch returns at most this many ids for one query (its default max_result_window).
ELASTICSEARCH_MAX_IDS = 10_000
# After Elasticsearch failed to answer, the database answers for this long before trying again.
ELASTICSEARCH_RETRY_AFTER = 30.0

SORT_RELEVANCE = "relevance"
SORT_DATE = "date"
SORTS = {SORT_RELEVANCE: _("Relevance"), SORT_DATE: _("Most recent")}

# The facets, in the order the page shows them. Values of each are slugs.
FACET_LABELS = {
    "kind": _("Kind of content"),
    "domain": _("Domain"),
    "material": _("Material"),
    "department": _("Department"),
    "audience": _("Audience"),
    "level": _("Training level"),
    "contract": _("Contract"),
    "label": _("Label"),
}
# Facet name -> taxonomy model holding its terms ("kind" and "label" are handled apart).
TAXONOMY_FACETS = {
    "domain": "knowledge.Domain",
    "material": "knowledge.Material",
    "department": "knowledge.Department",
    "audience": "knowledge.Audience",
    "level": "knowledge.TrainingLevel",
    "contract": "knowledge.ContractKind",
}
TAXONOMY_SORT_FIELDS = {"department": "code", "level": "level"}


def clean_query(raw) -> str:
    """The query as searched: one line, control characters removed, cut to a sane length."""
    text = re.sub(r"[\x00-\x1f\x7f]+", " ", str(raw or ""))
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def _first(params, name, default=""):
    values = params.getlist(name) if hasattr(params, "getlist") else [params.get(name, default)]
    return values[0] if values else default


def parse_page_number(raw) -> int:
    try:
        return max(1, int(str(raw).strip()[:9]))
    except (TypeError, ValueError):
        return 1


# Choices: the labels of facet values in the visitor's language -------------------------------


def facet_choices(locale: Locale) -> dict[str, dict[str, str]]:
    """{facet: {value slug: label}} for every facet, in display order: one query.

    Pages of other languages point at the French terms (wagtail-localize synchronises the
    relations); the label shown is the term's translation (same slug) in the visitor's language,
    or the French one when there is none yet.
    """
    default_locale = Locale.get_default()
    locale_ids = {locale.pk, default_locale.pk}
    parts = []
    for name, label in TAXONOMY_FACETS.items():
        model = apps.get_model(label)
        sort_field = TAXONOMY_SORT_FIELDS.get(name, "name")
        parts.append(
            model.objects.filter(locale_id__in=locale_ids)
            .annotate(
                facet=Value(name, output_field=CharField()),
                key=F("slug"),
                sort=Cast(sort_field, CharField()),
            )
            .values_list("facet", "key", "slug", "name", "locale_id", "sort")
            .order_by()
        )
    label_model = apps.get_model("knowledge", "LabelPage")
    parts.append(
        label_model.objects.live()
        .filter(locale_id__in=locale_ids)
        .annotate(
            facet=Value("label", output_field=CharField()),
            key=Cast("translation_key", CharField()),
            sort=F("title"),
        )
        .values_list("facet", "key", "slug", "title", "locale_id", "sort")
        .order_by()
    )
    rows = list(parts[0].union(*parts[1:], all=True))
    # For each (facet, key): the slug in the default locale, the name in the visitor's locale.
    found: dict[tuple[str, str], dict] = {}
    for facet, key, slug, name, locale_id, sort in rows:
        entry = found.setdefault((facet, key), {"slug": slug, "name": name, "sort": sort})
        if locale_id == default_locale.pk:
            entry["slug"] = slug
        if locale_id == locale.pk:
            entry["name"], entry["sort"] = name, sort
    choices: dict[str, dict[str, str]] = {"kind": kind_choices()}
    for name in FACET_LABELS:
        if name == "kind":
            continue
        entries = [entry for (facet, _key), entry in found.items() if facet == name]
        entries.sort(key=lambda entry: str(entry["sort"]).lower())
        choices[name] = {entry["slug"]: str(entry["name"]) for entry in entries}
    return choices


def kind_choices() -> dict[str, str]:
    return {kind: str(apps.get_model(label).kind_label) for label, kind in KINDS.items()}


def page_facets(locale: Locale) -> list[Facet]:
    def pairs_of(name):
        return lambda: (
            PageFacetValue.objects.filter(locale=locale, facet=name)
            .annotate(item=F("page_id"))
            .values("item", "value")
        )

    return [Facet(name=name, label=label, pairs=pairs_of(name)) for name, label in FACET_LABELS.items()]


# Visibility ----------------------------------------------------------------------------------


def searchable_content_types():
    return list(ContentType.objects.get_for_models(*(apps.get_model(label) for label in KINDS)).values())


def visible_pages(request, locale: Locale):
    """Live, public pages of a searchable type, of this site and locale, closed offers left out."""
    pages = Page.objects.live().public().filter(locale=locale, content_type__in=searchable_content_types())
    site = Site.find_for_request(request) if request is not None else None
    if site is not None:
        root = site.root_page
        # The site's root in this locale shares the root's translation key; its path tells
        # which branch of the tree is this site in this language.
        site_roots = Page.objects.filter(translation_key=root.translation_key, locale=locale).values("path")
        pages = pages.filter(path__startswith=site_roots[:1])
    opportunity_model = apps.get_model("trades", "OpportunityPage")
    closed = opportunity_model.objects.filter(closing_date__lt=timezone.localdate()).values("pk")
    return pages.exclude(pk__in=closed)


# Full-text match sets ------------------------------------------------------------------------


class DatabaseMatches:
    """Matches of a database backend: a SQL subquery and a ranked slice, never materialised."""

    def __init__(self, backend, query: str):
        self.backend = backend
        self.query = query

    def restrict(self, pages):
        if type(self.backend).__module__.endswith(".postgres"):
            return pages.filter(pk__in=self._postgres_matches())
        matched = self.backend.search(self.query, Page.objects.all()).get_queryset()
        return pages.filter(pk__in=matched.values("pk"))

    def _postgres_matches(self):
        # Wagtail's query matches (title || body) joined to every page, which no index serves;
        # matching title OR body on the index table itself uses its two GIN indexes.
        from wagtail.search.models import IndexEntry

        compiler = self.backend.query_compiler_class(Page.objects.all(), self.query)
        tsquery = compiler.build_tsquery(compiler.query, config=self.backend.config)
        return (
            IndexEntry.objects.filter(content_type_id__in=[ct.pk for ct in searchable_content_types()])
            .filter(Q(title=tsquery) | Q(body=tsquery))
            .annotate(page_id=Cast("object_id", IntegerField()))
            .values("page_id")
        )

    def ranked(self, pages, start, stop) -> list[int]:
        return [page.pk for page in self.backend.search(self.query, pages)[start:stop]]


class IdListMatches:
    """Matches of Elasticsearch: the ranked ids of every matching page."""

    def __init__(self, ids: list[int]):
        self.ids = ids

    def restrict(self, pages):
        return pages.filter(pk__in=self.ids)

    def ranked(self, pages, start, stop) -> list[int]:
        allowed = set(pages.values_list("pk", flat=True))
        return [pk for pk in self.ids if pk in allowed][start:stop]


class NoMatches:
    def restrict(self, pages):
        return pages.none()

    def ranked(self, pages, start, stop) -> list[int]:
        return []


NO_MATCHES = NoMatches()
WORD_CHARACTER = re.compile(r"\w", re.UNICODE)

_elasticsearch_down_until = 0.0


def _database_backend():
    from django.conf import settings

    backends = settings.WAGTAILSEARCH_BACKENDS
    alias = "database" if "database" in backends else "default"
    return get_search_backend(alias)


def _uses_elasticsearch() -> bool:
    from django.conf import settings

    return "database" in settings.WAGTAILSEARCH_BACKENDS


def with_fallback(run_on_elasticsearch, run_on_database):
    """Run on Elasticsearch when it is configured and answers; on the database otherwise."""
    global _elasticsearch_down_until
    if _uses_elasticsearch() and time.monotonic() >= _elasticsearch_down_until:
        try:
            return run_on_elasticsearch(get_search_backend("default"))
        except Exception as error:  # the client raises many kinds: connection, timeout, API errors
            _elasticsearch_down_until = time.monotonic() + ELASTICSEARCH_RETRY_AFTER
            logger.warning("Elasticsearch did not answer (%s); searching the database instead.", error)
    return run_on_database(_database_backend())


def full_text_matches(query: str):
    def on_elasticsearch(backend):
        results = backend.search(query, Page, fields=None)[:ELASTICSEARCH_MAX_IDS]
        return IdListMatches([page.pk for page in results])

    return with_fallback(on_elasticsearch, lambda backend: DatabaseMatches(backend, query))


# The search itself ---------------------------------------------------------------------------


@dataclass
class SearchOutcome:
    query: str
    query_was_cut: bool
    sort: str
    page_number: int
    page_count: int
    count: int
    results: list
    facets: list
    chips: list
    unknown: list
    faceted: FacetedSearch
    suggestions: list[str] = field(default_factory=list)
    count_without_filters: int | None = None

    page_size: int = PAGE_SIZE

    @property
    def first_number(self):
        return (self.page_number - 1) * self.page_size + 1

    @property
    def has_filters(self):
        return bool(self.faceted.selected)

    def url(self, **changes):
        return self.faceted.url(**changes)

    def page_url(self, number):
        return self.faceted.url(page=[str(number)] if number > 1 else [])


def run_search(request, params, locale: Locale | None = None, page_size: int = PAGE_SIZE) -> SearchOutcome:
    locale = locale or Locale.get_active()
    raw_query = str(_first(params, "q"))
    query = clean_query(raw_query)
    sort = _first(params, "sort")
    if sort not in SORTS:
        sort = SORT_RELEVANCE if query else SORT_DATE
    pages = visible_pages(request, locale)
    if query and not WORD_CHARACTER.search(query):
        matches = NO_MATCHES  # only punctuation: nothing to look for
    else:
        matches = full_text_matches(query) if query else None
    if matches is not None:
        pages = matches.restrict(pages)

    faceted = FacetedSearch(pages, page_facets(locale), params, choices=facet_choices(locale))
    filtered = faceted.filtered()
    count = filtered.count()
    page_count = max(1, math.ceil(count / page_size))
    page_number = min(parse_page_number(_first(params, "page", "1")), page_count)
    start, stop = (page_number - 1) * page_size, page_number * page_size

    if count == 0:
        ids = []
    elif matches is not None and sort == SORT_RELEVANCE:
        ids = matches.ranked(filtered, start, stop)
    else:
        ids = list(filtered.order_by("-first_published_at", "-pk").values_list("pk", flat=True)[start:stop])
    results = _specific_in_order(ids)

    outcome = SearchOutcome(
        query=query,
        query_was_cut=len(" ".join(raw_query.split())) > MAX_QUERY_LENGTH,
        sort=sort,
        page_number=page_number,
        page_count=page_count,
        count=count,
        results=results,
        facets=faceted.facets(),
        chips=faceted.chips(),
        unknown=[(str(FACET_LABELS.get(name, name)), value) for name, value in faceted.unknown],
        faceted=faceted,
        page_size=page_size,
    )
    if count == 0 and query:
        if faceted.selected:
            outcome.count_without_filters = pages.count()
        outcome.suggestions = close_spellings(query, locale)
    return outcome


def _specific_in_order(ids):
    if not ids:
        return []
    by_id = {page.pk: page for page in Page.objects.filter(pk__in=ids).specific()}
    return [by_id[pk] for pk in ids if pk in by_id]


def result_kind(page) -> str:
    return KINDS.get(type(page)._meta.label, "page")


# Autocomplete and suggestions ----------------------------------------------------------------


def autocomplete(request, raw_query, locale: Locale | None = None, limit: int = AUTOCOMPLETE_SIZE):
    """Titles of visible pages that start like ``raw_query``: [(title, url, kind)]."""
    locale = locale or Locale.get_active()
    query = clean_query(raw_query)
    if len(query) < 2 or not WORD_CHARACTER.search(query):
        return []
    pages = visible_pages(request, locale)

    def run(backend):
        if type(backend).__module__.endswith(".postgres"):
            return _postgres_autocomplete(backend, query, pages, limit)
        return list(backend.autocomplete(query, pages)[:limit])

    found = with_fallback(run, run)
    specific = _specific_in_order([page.pk for page in found])
    return [(page.title, page.get_url(request), result_kind(page)) for page in specific]


def _postgres_autocomplete(backend, query, pages, limit):
    """Pages whose autocomplete words start like ``query``, shortest titles first: one query.

    Matches on the index table's own GIN index, as ``DatabaseMatches`` does for full text.
    """
    from wagtail.search.models import IndexEntry

    compiler = backend.autocomplete_query_compiler_class(Page.objects.all(), query)
    tsquery = compiler.build_tsquery(compiler.query, config=backend.autocomplete_config)
    entries = (
        IndexEntry.objects.filter(content_type_id__in=[ct.pk for ct in searchable_content_types()])
        .filter(autocomplete=tsquery)
        .annotate(page_id=Cast("object_id", IntegerField()))
        .values("page_id")
    )
    return list(pages.filter(pk__in=entries).order_by(Length("title"), "title", "pk")[:limit])


WORD = re.compile(r"\w{3,}", re.UNICODE)


def close_spellings(query: str, locale: Locale, limit: int = 3) -> list[str]:
    """Queries close to ``query``, each word replaced by the nearest word of titles and terms."""
    vocabulary = set()
    titles = Page.objects.live().filter(locale=locale).values_list("title", flat=True)[:20_000]
    for title in titles:
        vocabulary.update(word.lower() for word in WORD.findall(title))
    for labels in facet_choices(locale).values():
        for label in labels.values():
            vocabulary.update(word.lower() for word in WORD.findall(label))
    known = vocabulary
    vocabulary = sorted(vocabulary)
    words = query.lower().split()
    suggestions = []
    for rank in range(limit):
        replaced = []
        for word in words:
            if word in known or len(word) < 3:
                replaced.append(word)
                continue
            close = difflib.get_close_matches(word, vocabulary, n=limit, cutoff=0.75)
            replaced.append(close[rank] if len(close) > rank else (close[0] if close else word))
        suggestion = " ".join(replaced)
        if suggestion != query.lower() and suggestion not in suggestions:
            suggestions.append(suggestion)
    return suggestions
