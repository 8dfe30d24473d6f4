"""Wagtail's database search backend, made to understand French.

- PostgreSQL: full text with ``SEARCH_CONFIG`` (default ``french_unaccent``: accents folded, French
  stemming) and autocomplete with ``AUTOCOMPLETE_CONFIG`` (default ``simple_unaccent``); both
  are created by the migration ``search/migrations/0002_french_text_search.py``.
- SQLite (FTS5): FTS5's unicode61 tokenizer folds accents already; FTS5 has no French stemmer
  (and SQLite's Python module cannot register one), so queries are rewritten instead: French
  stop words dropped, each word reduced to a light stem (plural marks) and matched as a prefix,
  so "tailleurs de pierres" finds "tailleur de pierre". FTS5 keeps « œ » and « æ » as letters of
  their own: each word is also matched written with the ligature, so "oeuvre" finds « œuvre ».
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
            if isinstance(query, PlainText):
                if isinstance(query, WholeWord):
                    words = french_prefix_words(query.query_string)
                    spellings_of = [AnySpelling(word, prefix=False) for word in words]
                elif stem:
                    words = french_prefix_words(query.query_string)
                    spellings_of = [AnySpelling(light_french_stem(word), exact=word) for word in words]
                else:
                    spellings_of = [AnySpelling(word.lower()) for word in WORD.findall(query.query_string)]
                if not spellings_of:
                    return None
                lexemes = spellings_of[0]
                for word in spellings_of[1:]:
                    if query.operator.upper() == "AND":
                        lexemes &= word
                    else:
                        lexemes |= word
                return SearchQueryExpression(lexemes, config=config)
            return super().build_search_query_content(query, config=config)

    return FrenchSQLiteQueryCompiler


def SearchBackend(params):  # noqa: N802  (the name Wagtail looks for in a backend module)
    params = dict(params)
    search_config = params.pop("SEARCH_CONFIG", "french_unaccent")
    autocomplete_config = params.pop("AUTOCOMPLETE_CONFIG", "simple_unaccent")
    backend = modelsearch_database.SearchBackend(params)
    vendor = type(backend).__module__
    if vendor.endswith(".postgres"):
        backend.config = search_config
        backend.autocomplete_config = autocomplete_config
    elif vendor.endswith(".sqlite"):
        backend.query_compiler_class = _sqlite_compiler_class(backend.query_compiler_class, stem=True)
        backend.autocomplete_query_compiler_class = _sqlite_compiler_class(
            backend.autocomplete_query_compiler_class, stem=False
        )
    return backend
