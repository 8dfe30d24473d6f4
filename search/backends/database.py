"""Wagtail's database search backend, made to understand French, and English on the English site.

- PostgreSQL: full text with ``SEARCH_CONFIG`` (default ``french_unaccent``: accents folded, French
  stemming) and autocomplete with ``AUTOCOMPLETE_CONFIG`` (default ``simple_unaccent``); both
  are created by the migration ``search/migrations/0002_french_text_search.py``.
- SQLite (FTS5): FTS5's unicode61 tokenizer folds accents already; FTS5 has no French stemmer
  (and SQLite's Python module cannot register one), so queries are rewritten instead: French
  stop words dropped, each word reduced to a light stem (plural marks) and matched as a prefix,
  so "tailleurs de pierres" finds "tailleur de pierre". FTS5 keeps « œ » and « æ » as letters of
  their own: each word is also matched written with the ligature, so "oeuvre" finds « œuvre ».

Pages in English: on PostgreSQL they are indexed and searched with ``english_unaccent`` (English
stemming, created by ``search/migrations/0007``): ``SEARCH_CONFIGS`` maps a language to its
configuration, the others use ``SEARCH_CONFIG``. On SQLite one FTS5 table holds every language
and its tokenizer is shared (FTS5's ``porter`` would stem the French text and the autocomplete
prefixes with English rules), so an English query is rewritten the French way with English rules:
English stop words dropped, each word reduced to a light English stem and matched as a prefix
("restorers" finds "restorer", "restoring" finds "restore"). ``in_language`` marks a query with
the language searched.
"""

import re

from modelsearch.backends import database as modelsearch_database
from modelsearch.query import Or, PlainText

from core.text import fold

# Articles, prepositions and conjunctions that carry no meaning in a search (in the database
# backends every word must match, so they would only remove results).
FRENCH_STOP_WORDS = frozenset(
    ["a", "à", "au", "aux", "avec", "ce", "ces", "d", "dans", "de", "des", "du", "en", "et", "l", "la"]
    + ["le", "les", "leur", "leurs", "ou", "où", "par", "pour", "sa", "se", "ses", "son", "sur", "un", "une"]
)
WORD = re.compile(r"\w+", re.UNICODE)


# Words ending in « s » or « x » that are no plural: stripped, they would match as a prefix many
# words they are not (« chaux » as « chau- » finds « Chaumier »).
INVARIABLE_WORDS = frozenset(
    ["bois", "chaux", "choix", "corps", "croix", "faux", "fois", "houx", "noix", "paix", "poix", "prix"]
    + ["relais", "taux", "temps", "vers", "voix"]
)


# Searched in English, these carry no meaning (every word must match on the database backends).
ENGLISH_STOP_WORDS = frozenset(
    ["a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "how", "in", "into", "is", "it", "of"]
    + ["on", "or", "the", "their", "to", "what", "with"]
)
# (suffix, stripped from words longer than, replaced by), the first that applies.
ENGLISH_SUFFIXES = (
    ("ies", 4, ""),
    ("sses", 5, "ss"),
    ("ches", 5, "ch"),
    ("shes", 5, "sh"),
    ("xes", 4, "x"),
    ("ing", 5, ""),
    ("ed", 4, ""),
)
# Language code -> PostgreSQL text search configuration (others: the backend's SEARCH_CONFIG).
SEARCH_CONFIGS = {"en": "english_unaccent"}


def light_english_stem(word: str) -> str:
    """The word without its inflection (plural, -ing, -ed, a final e), enough to match its forms
    as a prefix: "restorers" -> "restorer", "libraries" -> "librar", "restoring" -> "restor"."""
    word = word.lower()
    if len(word) <= 3:
        return word
    for suffix, longer_than, replacement in ENGLISH_SUFFIXES:
        if word.endswith(suffix) and len(word) > longer_than:
            return word[: -len(suffix)] + replacement
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    if word.endswith("e") and len(word) > 4:
        return word[:-1]
    return word


def english_prefix_words(query_string: str) -> list[str]:
    words = [word.lower() for word in WORD.findall(query_string)]
    return [word for word in words if word not in ENGLISH_STOP_WORDS] or words


def in_language(query, language_code: str):
    """``query`` (a string, or a modelsearch query tree, changed in place) marked as searched in
    that language."""
    if isinstance(query, str):
        query = PlainText(query)
    if isinstance(query, PlainText):
        query.language = language_code
    for subquery in getattr(query, "subqueries", ()):
        in_language(subquery, language_code)
    if getattr(query, "subquery", None) is not None:
        in_language(query.subquery, language_code)
    return query


def search_config(backend, language_code: str | None) -> str:
    """The PostgreSQL text search configuration of a language."""
    return backend.search_configs.get(language_code, backend.config)


def light_french_stem(word: str) -> str:
    """The word without its plural mark, enough to match singular and plural as a prefix."""
    word = word.lower()
    if word in INVARIABLE_WORDS:
        return word
    if len(word) > 5 and word.endswith("aux"):
        return word[:-2]  # vitraux -> vitra(il|ux), métaux -> méta(l|ux)
    if len(word) > 3 and (word[-1] == "s" or word.endswith("ux")):
        return word[:-1]  # pierres -> pierre, lieux -> lieu
    return word


def spellings(term: str) -> list[str]:
    """The term folded, and written with the ligatures « œ » and « æ » when it has « oe » or « ae »."""
    folded = fold(term)
    with_ligatures = folded.replace("oe", "œ").replace("ae", "æ")
    return [folded] if with_ligatures == folded else [folded, with_ligatures]


def french_prefix_words(query_string: str) -> list[str]:
    """The words searched: without stop words, unless there is nothing else ("de la")."""
    words = WORD.findall(query_string)
    return [word.lower() for word in words if word.lower() not in FRENCH_STOP_WORDS] or [
        word.lower() for word in words
    ]


def french_prefix_terms(query_string: str) -> list[str]:
    return [light_french_stem(word) for word in french_prefix_words(query_string)]


class WholeWord(PlainText):
    """A word matched whole only, not as a prefix (SQLite)."""


def without_covered_prefixes(alternatives: list) -> list:
    """The alternatives of an Or, those one-word ones whose prefix another already covers matched
    as whole words only: « vitrail* » adds nothing to « vitra* » (from « vitraux ») but would
    count its pages twice in the rank, above the pages having only « vitraux »."""
    stems = {}
    for alternative in alternatives:
        if isinstance(alternative, PlainText):
            terms = french_prefix_terms(alternative.query_string)
            if len(terms) == 1:
                stems[id(alternative)] = fold(terms[0])
    kept = []
    for alternative in alternatives:
        own = stems.get(id(alternative))
        covered = own is not None and any(other != own and own.startswith(other) for other in stems.values())
        if covered:
            kept.append(WholeWord(alternative.query_string))
        elif own is None or own not in [stems.get(id(k)) for k in kept]:
            kept.append(alternative)
    return kept


# The rank on SQLite, shaped like Wagtail's on PostgreSQL (the rank of the title times the
# title's norm, plus the rank of the text): FTS5's bm25 of the title alone (weights per column of
# modelsearch's FTS table: autocomplete, body, title), times the entry's ``title_norm`` (average
# title length / this title's length: a short title naming the word is the page about it) and
# SQLITE_TITLE_WEIGHT, plus bm25 of the text alone. bm25 is negative: lower ranks first.
SQLITE_TITLE_COLUMN = (0.0, 0.0, 1.0)
SQLITE_BODY_COLUMN = (0.0, 1.0, 0.0)
SQLITE_TITLE_WEIGHT = 4.0


def _sqlite_compiler_class(base, stem: bool):
    """``base`` reading plain text as French words, each matched as a prefix, and ranking with
    the title weighted (modelsearch's own rank calls bm25 without weights, so a long text that
    repeats a word outranked the page named by it).

    Only word characters reach FTS5: its query syntax (quotes, ``*``, ``NEAR``, ``:``...) can
    never be formed by a visitor's input.
    """
    from django.db.models import F, FloatField, Func
    from modelsearch.backends.database.sqlite.query import (
        Lexeme,
        LexemeCombinable,
        SearchQueryExpression,
        SQLiteFTSIndexEntry,
    )

    class AnySpelling(LexemeCombinable):
        """A word matched as a prefix under any of its spellings, in parentheses: FTS5 binds AND
        tighter than OR, and modelsearch's combinations add none. With ``exact`` (the word as
        typed), that word whole is matched too, so a page having it ranks above one having only a
        word it begins (« vitraux » above « Vitrailliste » for « vitra- »), as PostgreSQL's stems
        rank."""

        def __init__(self, term, exact=None, prefix=True):
            super().__init__(output_field=Lexeme._output_field)
            self.lexemes = [Lexeme(spelling, prefix=prefix) for spelling in spellings(term)]
            if exact is not None:
                self.lexemes += [Lexeme(spelling) for spelling in spellings(exact)]

        def as_sql(self, compiler, connection):
            compiled = [compiler.compile(lexeme) for lexeme in self.lexemes]
            sql = " OR ".join(template % tuple(params) for template, params in compiled)
            return "%s", [f"({sql})" if len(compiled) > 1 else sql]

    class ColumnBM25(Func):
        output_field = FloatField()

        def __init__(self, weights):
            super().__init__()
            self.weights = weights

        def as_sql(self, compiler, connection, **extra_context):
            weights = ", ".join(str(weight) for weight in self.weights)
            return f"bm25({SQLiteFTSIndexEntry._meta.db_table}, {weights})", []

    class FrenchSQLiteQueryCompiler(base):
        def _build_rank_expression(self, vectors, config):
            if not stem:  # autocomplete: one column
                return ColumnBM25((1.0, 0.0, 0.0))
            title = ColumnBM25(SQLITE_TITLE_COLUMN) * F("index_entry__title_norm") * SQLITE_TITLE_WEIGHT
            return title + ColumnBM25(SQLITE_BODY_COLUMN)

        def build_search_query_content(self, query, config=None):
            if isinstance(query, Or) and stem:
                query = Or(without_covered_prefixes(query.subqueries))
            if isinstance(query, PlainText) and getattr(query, "language", None) == "en":
                words = english_prefix_words(query.query_string)
                if isinstance(query, WholeWord):
                    spellings_of = [AnySpelling(word, prefix=False) for word in words]
                elif stem:
                    spellings_of = [AnySpelling(light_english_stem(word), exact=word) for word in words]
                else:
                    spellings_of = [AnySpelling(word) for word in words]
                return combined(query, spellings_of, config)
            if isinstance(query, PlainText):
                if isinstance(query, WholeWord):
                    words = french_prefix_words(query.query_string)
                    spellings_of = [AnySpelling(word, prefix=False) for word in words]
                elif stem:
                    words = french_prefix_words(query.query_string)
                    spellings_of = [AnySpelling(light_french_stem(word), exact=word) for word in words]
                else:
                    spellings_of = [AnySpelling(word.lower()) for word in WORD.findall(query.query_string)]
                return combined(query, spellings_of, config)
            return super().build_search_query_content(query, config=config)

    def combined(query, spellings_of, config):
        if not spellings_of:
            return None
        lexemes = spellings_of[0]
        for word in spellings_of[1:]:
            if query.operator.upper() == "AND":
                lexemes &= word
            else:
                lexemes |= word
        return SearchQueryExpression(lexemes, config=config)

    return FrenchSQLiteQueryCompiler


class _WithConfig:
    """A backend seen with another full-text configuration (what modelsearch's indexer reads)."""

    def __init__(self, backend, config):
        self._backend = backend
        self.config = config

    def __getattr__(self, name):
        return getattr(self._backend, name)


def _localised_postgres_index(base):
    class LocalisedPostgresIndex(base):
        """Indexes each object with the configuration of its language (its ``locale``)."""

        def add_items(self, model, objs):
            from wagtail.models import Locale

            codes = dict(Locale.objects.values_list("pk", "language_code"))
            groups: dict[str, list] = {}
            for obj in objs:
                code = codes.get(getattr(obj, "locale_id", None))
                groups.setdefault(search_config(self.backend, code), []).append(obj)
            backend = self.backend
            try:
                for config, group in groups.items():
                    self.backend = _WithConfig(backend, config)
                    super().add_items(model, group)
            finally:
                self.backend = backend

    return LocalisedPostgresIndex


def SearchBackend(params):  # noqa: N802  (the name Wagtail looks for in a backend module)
    params = dict(params)
    default_config = params.pop("SEARCH_CONFIG", "french_unaccent")
    autocomplete_config = params.pop("AUTOCOMPLETE_CONFIG", "simple_unaccent")
    search_configs = {**SEARCH_CONFIGS, **params.pop("SEARCH_CONFIGS", {})}
    backend = modelsearch_database.SearchBackend(params)
    backend.search_configs = search_configs
    vendor = type(backend).__module__
    if vendor.endswith(".postgres"):
        backend.config = default_config
        backend.autocomplete_config = autocomplete_config
        backend.index_class = _localised_postgres_index(backend.index_class)
    elif vendor.endswith(".sqlite"):
        backend.query_compiler_class = _sqlite_compiler_class(backend.query_compiler_class, stem=True)
        backend.autocomplete_query_compiler_class = _sqlite_compiler_class(
            backend.autocomplete_query_compiler_class, stem=False
        )
    return backend
