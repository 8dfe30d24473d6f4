"""The one search service behind the search page, the JSON API, the RSS feed and autocomplete.

How a search runs, in a fixed number of queries whatever the amount of content:

1. The snapshot of the visible pages of this site and language (``search.snapshot``): held in
   memory, checked against the generation token (one query), rebuilt only after a change.
   Offers closed today are left out from their closing dates (no cron).
2. The full-text backend finds the pages matching ``q`` (one query on the database backends,
   straight on the index table; a list of ids from Elasticsearch).
3. Facet selections filter, and facet counts are counted, in memory over bitsets
   (``core.facets``).
4. On PostgreSQL with facets selected, on a site of more than ``RANK_EVERY_MATCH_UP_TO`` pages
   in a language, a second query ranks only the pages they leave (ranking reads each page's
   text: it is the costly part of a search for a common word); a smaller site ranks every
   match in the first query.
5. The page of results shown is read from the snapshot (no query).
"""

from __future__ import annotations

import difflib
import logging
import math
import re
import time
from dataclasses import dataclass, field
from datetime import datetime

from django.db import connections
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelsearch.query import SearchQuery
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from core.chrome import active_locale
from core.facets import FACET_VALUES_SHOWN, FacetedSearch
from core.pagecache import expires_no_later_than, start_of_day_after
from core.text import fold

from .backends.database import in_language, search_config
from .choices import facet_label, kind_choices
from .snapshot import get_snapshot, pick_key, searchable_content_types
from .synonyms import Thesaurus, plural_free

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 200
PAGE_SIZE = 20
AUTOCOMPLETE_SIZE = 8
# Elasticsearch returns at most this many ids for one query (its default max_result_window).
ELASTICSEARCH_MAX_IDS = 10_000
# After Elasticsearch failed to answer, the database answers for this long before trying again.
ELASTICSEARCH_RETRY_AFTER = 30.0

# At most this many words of a query offered as the filter they name.
MAX_FILTER_OFFERS = 3
# Up to this many pages in a language, a search with filters ranks every match in the query that
# finds them: a second query, ranking only the pages the filters leave, costs more than ranking
# the few hundred matches of a small site. Past it, ranking a common word's thousands of matches
# is most of a search (docs/benchmarks.md).
RANK_EVERY_MATCH_UP_TO = 2_000
WORD_OF_QUERY = re.compile(r"\w+", re.UNICODE)

SORT_RELEVANCE = "relevance"
SORT_DATE = "date"
SORTS = {SORT_RELEVANCE: _("Relevance"), SORT_DATE: _("Most recent")}


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


# Full-text ranking ---------------------------------------------------------------------------

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


def _is_postgres(backend) -> bool:
    return type(backend).__module__.endswith(".postgres")


@dataclass
class TextMatches:
    """The pages matching the words searched (of any site and language).

    ``ids`` are best first when ``ranked``; otherwise in no order, and ``best`` ranks only the
    pages it is asked about. Ranking reads every matching page's text: for a common word, most
    of a search's time. So a search that filters by facets matches first (cheap: the index
    alone), then ranks only the pages its filters leave.
    """

    query: str | SearchQuery
    ids: list[int]
    ranked: bool
    language: str | None = None

    def best(self, snapshot, mask: int, stop: int) -> list[int]:
        """The first ``stop`` pages of ``mask`` (all matching), best first."""
        if self.ranked:
            return _first_in(self.ids, snapshot.index, mask, stop)
        content_type_of = {kind: content_type for content_type, kind in searchable_content_types().items()}
        candidates = [(content_type_of[snapshot.pages[pk].kind], pk) for pk in snapshot.index.ids(mask)]
        if not candidates:
            return []
        backend = _database_backend()
        return _postgres_matches(
            backend,
            self.query,
            rank=True,
            among=candidates,
            limit=stop,
            config=search_config(backend, self.language),
        )


def text_matches(
    text: str,
    ranked: bool = True,
    thesaurus: Thesaurus | None = None,
    every_word: bool = True,
    language: str | None = None,
) -> TextMatches:
    """The pages matching ``text`` (with the synonyms of ``thesaurus``): all its words, or with
    ``every_word=False`` any of them; ``ranked=False`` lets PostgreSQL skip the ranking (the
    other backends rank as they match). ``language``: the language searched (its stemming)."""
    if not WORD_CHARACTER.search(text):  # only punctuation: nothing to look for
        return TextMatches(text, [], ranked=True)
    query = (thesaurus or Thesaurus()).query(text, every_word=every_word)

    def on_elasticsearch(backend):
        pages = backend.search(query, Page, fields=None)[:ELASTICSEARCH_MAX_IDS]
        return TextMatches(query, [page.pk for page in pages], ranked=True)

    def on_database(backend):
        if _is_postgres(backend):
            config = search_config(backend, language)
            ids = _postgres_matches(backend, query, rank=ranked, config=config)
            return TextMatches(query, ids, ranked=ranked, language=language)
        pages = Page.objects.filter(content_type__in=list(searchable_content_types()))
        found = backend.search(in_language(query, language), pages.only("pk"))
        return TextMatches(query, [page.pk for page in found], ranked=True, language=language)

    return with_fallback(on_elasticsearch, on_database)


def _postgres_matches(
    backend,
    query,
    rank: bool,
    among: list[tuple[int, int]] | None = None,
    limit: int | None = None,
    config: str | None = None,
) -> list[int]:
    """The ids of the pages matching ``query`` on the index table; with ``rank``, best first by
    Wagtail's own rank (title weighted by its norm, plus body); with ``among`` (the content type
    and id of pages known to match), only those are read. ``config``: the text search
    configuration of the language searched (the backend's own by default).

    Wagtail's search joins every page to its index entry and matches ``title || body``, which
    no index serves; matching ``title OR body`` on the index table uses its two GIN indexes.
    The statement is written out rather than built with the ORM: building it cost more than
    PostgreSQL took to run it. Only the words' ``tsquery`` comes from the backend's compiler.
    """
    from wagtail.search.models import IndexEntry

    compiler = backend.query_compiler_class(Page.objects.all(), query)
    tsquery, tsquery_params = _compiled(
        compiler.build_tsquery(compiler.query, config=config or backend.config)
    )
    if among is None:
        where = f"content_type_id = ANY(%s) AND (title @@ {tsquery} OR body @@ {tsquery})"
        params = [list(searchable_content_types()), *tsquery_params, *tsquery_params]
    else:
        # The (content type, id) pairs as two array parameters: one probe of the table's unique
        # index per page. An IN list of hundreds of parameters costs more to build than to run.
        content_types, ids = zip(*among, strict=True)
        where = "(content_type_id, object_id) IN (SELECT * FROM unnest(%s::int[], %s::text[]))"
        params = [list(content_types), [str(pk) for pk in ids]]
    sql = f"SELECT object_id::integer FROM {IndexEntry._meta.db_table} WHERE {where}"  # noqa: S608 (our SQL)
    if rank:
        # One ts_rank per column over the whole query (Wagtail's build_tsrank ranks each part of
        # an And or Or apart: a query widened by synonyms would cost one rank per term).
        sql += (
            f" ORDER BY ts_rank(%s::float4[], title, {tsquery}) * title_norm"
            f" + ts_rank(%s::float4[], body, {tsquery}) DESC, 1"
        )
        params += [compiler.sql_weights, *tsquery_params, compiler.sql_weights, *tsquery_params]
    if limit is not None:
        sql += " LIMIT %s"
        params.append(limit)
    with connections[IndexEntry.objects.db].cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def _compiled(expression) -> tuple[str, list]:
    """The SQL and parameters of a query expression (the words' ``tsquery``)."""
    from django.db.models.sql import Query
    from wagtail.search.models import IndexEntry

    query = Query(IndexEntry)
    sql, params = query.get_compiler(IndexEntry.objects.db).compile(expression.resolve_expression(query))
    return sql, list(params)


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
    # No page has all the words searched: the results have some of them.
    some_words_only: bool = False
    picks: list = field(default_factory=list)  # editors' picks for the query, shown first
    filter_offers: list[tuple[str, str, str]] = field(default_factory=list)

    page_size: int = PAGE_SIZE

    @property
    def first_number(self):
        return (self.page_number - 1) * self.page_size + 1

    def url(self, **changes):
        return self.faceted.url(**changes)

    def page_url(self, number):
        return self.faceted.url(page=[str(number)] if number > 1 else [])


def open_pages(request, snapshot) -> int:
    """The mask of the snapshot's pages open today; the answer may be kept (``core.pagecache``)
    until the next offer closes, as results and counts change then."""
    today = timezone.localdate()
    next_closing = snapshot.next_closing(today)
    if next_closing is not None:
        expires_no_later_than(request, start_of_day_after(next_closing))
    return snapshot.open_mask(today)


def run_search(
    request,
    params,
    locale: Locale | None = None,
    page_size: int = PAGE_SIZE,
    facet_values_shown: int | None = FACET_VALUES_SHOWN,
) -> SearchOutcome:
    """The search ``params`` ask for; ``facet_values_shown``: None lists every facet value."""
    locale = locale or active_locale(request)
    raw_query = str(_first(params, "q"))
    query = clean_query(raw_query)
    sort = _first(params, "sort")
    if sort not in SORTS:
        sort = SORT_RELEVANCE if query else SORT_DATE
    snapshot = get_snapshot(request, locale)
    index = snapshot.index
    base = open_pages(request, snapshot)
    faceted = FacetedSearch(index, snapshot.facets, params, snapshot.choices, base=base)
    matches = None
    some_words_only = False
    selected = 0
    if query:
        # Ranked at once when every match may be shown (or the site is small); else only the
        # pages the filters leave.
        ranked = sort == SORT_RELEVANCE and (
            not faceted.selected or len(snapshot.pages) <= RANK_EVERY_MATCH_UP_TO
        )
        language = locale.language_code
        matches = text_matches(query, ranked=ranked, thesaurus=snapshot.thesaurus, language=language)
        selected = faceted.mask()  # the filters alone: an editors' pick must pass them
        faceted.narrow(index.mask_of(matches.ids))
        if not faceted.mask() and snapshot.thesaurus.word_count(query) > 1:
            # No page has all the words: the pages having some of them, those with most first.
            matches = text_matches(
                query, ranked=ranked, thesaurus=snapshot.thesaurus, every_word=False, language=language
            )
            faceted.base = base & index.mask_of(matches.ids)
            some_words_only = bool(faceted.mask())
    mask = faceted.mask()
    count = mask.bit_count()
    page_count = max(1, math.ceil(count / page_size))
    page_number = min(parse_page_number(_first(params, "page", "1")), page_count)
    start, stop = (page_number - 1) * page_size, page_number * page_size

    if matches is not None and sort == SORT_RELEVANCE:
        ids = matches.best(snapshot, mask, stop)[start:]
    else:
        ids = index.ids(mask, start, stop)  # the snapshot is newest first
    picks = []
    if query and sort == SORT_RELEVANCE and page_number == 1:
        # Editors' picks come first, marked, when the filters chosen keep them.
        picks = [pk for pk in snapshot.picks.get(pick_key(query), []) if index.contains(selected, pk)]
        ids = [pk for pk in ids if pk not in picks]

    outcome = SearchOutcome(
        query=query,
        query_was_cut=len(" ".join(raw_query.split())) > MAX_QUERY_LENGTH,
        sort=sort,
        page_number=page_number,
        page_count=page_count,
        count=count,
        results=listed_results(ids, snapshot, request),
        picks=listed_results(picks, snapshot, request),
        facets=faceted.facets(shown=facet_values_shown),
        chips=faceted.chips(),
        unknown=[(str(facet_label(name)), value) for name, value in faceted.unknown],
        faceted=faceted,
        page_size=page_size,
        some_words_only=some_words_only,
    )
    if query:
        outcome.filter_offers = filter_offers(query, faceted, snapshot, base)
    if (count == 0 or some_words_only) and query:
        if faceted.selected and not some_words_only:
            outcome.count_without_filters = faceted.base.bit_count()
        outcome.suggestions = close_spellings(query, snapshot.vocabulary())
    return outcome


def filter_offers(
    query: str, faceted: FacetedSearch, snapshot, open_pages: int
) -> list[tuple[str, str, str]]:
    """(facet label, value label, URL) for the words of ``query`` that name a facet value
    (« Sarthe », « bois », « stage » for « Convention de stage »): the same search, those words
    made the filter they name. A value is named by its whole label, or by one word of it that
    no other value has; only values with open pages, not selected yet, are offered."""
    typed = WORD_OF_QUERY.findall(query)
    words = [plural_free(fold(word)) for word in typed]
    value_words, by_word = snapshot.value_words(), snapshot.values_by_word()
    # Only the values sharing a word with the query may be named by it, in their own order.
    sharing = sorted({position for word in set(words) for position in by_word.get(word, ())})
    named, named_whole = [], set()
    for position in sharing:
        name, value, label, label_words = value_words[position]
        start = _run_start(words, label_words)
        if start is not None:
            named.append((name, value, label, set(range(start, start + len(label_words)))))
            named_whole.add(position)
    for position, word in enumerate(words):
        candidates = [other for other in by_word.get(word, ()) if other not in named_whole]
        if len(word) >= 4 and len(candidates) == 1 and not any(position in used for *_, used in named):
            name, value, label, _label_words = value_words[candidates[0]]
            named.append((name, value, label, {position}))
    named = [
        (name, value, label, positions)
        for name, value, label, positions in named
        if value not in faceted.selected.get(name, [])
        and open_pages & snapshot.index.masks.get(name, {}).get(value, 0)
    ]
    named.sort(key=lambda offer: min(offer[3]))  # in the order of the words typed
    offers = []
    for name, value, label, positions in named[:MAX_FILTER_OFFERS]:
        remaining = " ".join(word for position, word in enumerate(typed) if position not in positions)
        chosen = faceted.selected.get(name, [])
        url = faceted.url(q=[remaining] if remaining else [], **{name: [*chosen, value]})
        offers.append((str(facet_label(name)), str(label), url))
    return offers


def _run_start(words: list[str], run: list[str]) -> int | None:
    """Where ``run`` (at least one word) starts in ``words``, or None."""
    if not run:
        return None
    for start in range(len(words) - len(run) + 1):
        if words[start : start + len(run)] == run:
            return start
    return None


def _first_in(ranked: list[int], index, mask: int, stop: int) -> list[int]:
    """The first ``stop`` ids of ``ranked`` that are in ``mask``."""
    found = []
    for pk in ranked:
        if index.contains(mask, pk):
            found.append(pk)
            if len(found) == stop:
                break
    return found


@dataclass(frozen=True)
class SearchResult:
    """What a result shows, wherever it is shown (page, JSON, RSS): no page object needed."""

    pk: int
    title: str
    url: str
    kind: str
    summary: str
    published_at: datetime | None
    kind_label: str  # the kind's name in the active language


def listed_results(ids: list[int], snapshot, request) -> list[SearchResult]:
    """The results of ``ids``, in that order, from the snapshot: no query."""
    kind_labels = kind_choices()
    results = []
    for pk in ids:
        listed = snapshot.pages[pk]
        url = listed.url or Page(pk=pk, url_path=listed.url_path).get_url(request)
        kind_label = kind_labels[listed.kind]
        results.append(
            SearchResult(pk, listed.title, url, listed.kind, listed.summary, listed.published_at, kind_label)
        )
    return results


# Autocomplete and suggestions ----------------------------------------------------------------


def autocomplete(request, raw_query, locale: Locale | None = None, limit: int = AUTOCOMPLETE_SIZE):
    """Visible pages whose title words start like the words of ``raw_query``, shortest titles
    first (the closest completions of what was typed), as ``SearchResult``s.

    On the database backends this runs in memory, over the snapshot's titles (and a trade's
    feminine name: the pages' ``AutocompleteField``s); on Elasticsearch, by its autocomplete.
    """
    locale = locale or active_locale(request)
    query = clean_query(raw_query)
    if len(query) < 2 or not WORD_CHARACTER.search(query):
        return []
    snapshot = get_snapshot(request, locale)
    visible = open_pages(request, snapshot)

    def on_elasticsearch(backend):
        return [page.pk for page in backend.autocomplete(query, Page, fields=None)[:ELASTICSEARCH_MAX_IDS]]

    def on_database(backend):
        return snapshot.completions(query)

    matches = [
        pk for pk in with_fallback(on_elasticsearch, on_database) if snapshot.index.contains(visible, pk)
    ]
    titles = {pk: snapshot.pages[pk].title for pk in matches}
    chosen = sorted(matches, key=lambda pk: (len(titles[pk]), titles[pk], pk))[:limit]
    return listed_results(chosen, snapshot, request)


def close_spellings(query: str, vocabulary: list[str], limit: int = 3) -> list[str]:
    """Queries close to ``query``, each word replaced by the nearest known word."""
    known = set(vocabulary)
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
