"""Synonyms applied to the words searched, the same way on every backend.

The groups come from editors (``SynonymGroup`` snippets) and from the page types: a trade's
feminine form and other names are synonyms of its title (``search_synonym_fields``). A query's
words, or runs of them, that are a term of a group are searched as « that term or any other of
its groups »: « restauration tableaux » searches (restauration OR restaurateur...) AND (tableau
OR peinture OR œuvre d'art...). Terms are compared folded (``core.text.fold``), without stop
words and plural marks, so « Tableaux » is the term « tableau ».
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from modelsearch.query import And, Or, PlainText, SearchQuery

from core.text import fold

from .backends.database import FRENCH_STOP_WORDS

WORD = re.compile(r"\w+", re.UNICODE)
# What visitors say around what they look for (« comment devenir couvreur », « je cherche un
# stage »): dropped with the stop words, on every backend, so the page about the rest is found.
FILLER_WORDS = frozenset(
    ["comment", "devenir", "je", "j", "cherche", "veux", "voudrais", "quel", "quelle", "quels", "quelles"]
    + ["que", "qui", "quoi", "est", "c", "qu", "etre", "un", "une"]
)
FOLDED_STOP_WORDS = frozenset(fold(word) for word in FRENCH_STOP_WORDS) | FILLER_WORDS


def plural_free(folded_word: str) -> str:
    return folded_word[:-1] if len(folded_word) > 3 and folded_word[-1] in "sx" else folded_word


def meaningful_words(text: str) -> list[str]:
    """The words of ``text`` without stop words (all of them when there is nothing else)."""
    words = WORD.findall(text)
    return [word for word in words if fold(word) not in FOLDED_STOP_WORDS] or words


def term_key(words: Sequence[str]) -> tuple[str, ...]:
    return tuple(plural_free(fold(word)) for word in words)


class Thesaurus:
    """Groups of interchangeable terms, and the query a search runs with them."""

    def __init__(self, groups: Iterable[Sequence[str]] = ()):
        self.alternatives: dict[tuple[str, ...], list[str]] = {}
        for group in groups:
            terms = [term for term in group if meaningful_words(term)]
            for term in terms:
                known = self.alternatives.setdefault(term_key(meaningful_words(term)), [])
                known.extend(other for other in terms if other not in known)
        self.longest = max((len(key) for key in self.alternatives), default=0)

    def __bool__(self):
        return bool(self.alternatives)

    def units(self, query: str) -> list[str | list[str]]:
        """The query's meaningful words, runs that are a term replaced by the list of that term
        (as typed) and its synonyms; longest runs first."""
        words = meaningful_words(query)
        units, start = [], 0
        while start < len(words):
            for length in range(min(self.longest, len(words) - start), 0, -1):
                run = words[start : start + length]
                key = term_key(run)
                if key in self.alternatives:
                    typed = " ".join(run)
                    others = [
                        term for term in self.alternatives[key] if term_key(meaningful_words(term)) != key
                    ]
                    units.append([typed, *others])
                    start += length
                    break
            else:
                units.append(words[start])
                start += 1
        return units

    def query(self, query: str, every_word: bool = True) -> str | SearchQuery:
        """What the backends search for ``query``: its meaningful words as a string when no
        synonym applies and every word must match; else a query of And and Or."""
        units = self.units(query) if self else meaningful_words(query)
        if every_word and all(isinstance(unit, str) for unit in units):
            return " ".join(units)
        parts = [
            Or([PlainText(term) for term in unit]) if isinstance(unit, list) else PlainText(unit)
            for unit in units
        ]
        if len(parts) == 1:
            return parts[0]
        return And(parts) if every_word else Or(parts)

    def word_count(self, query: str) -> int:
        """How many words (or terms) of ``query`` count: an any-word search needs two or more."""
        return len(self.units(query)) if self else len(meaningful_words(query))


def synonym_lines(groups: Iterable[Sequence[str]]) -> list[str]:
    """The groups in the Solr format Elasticsearch's synonym filter reads: « a, b, c »."""
    lines = []
    for group in groups:
        terms = [" ".join(WORD.findall(term)) for term in group]
        terms = [term for term in terms if term]
        if len(terms) >= 2:
            lines.append(", ".join(terms))
    return lines
