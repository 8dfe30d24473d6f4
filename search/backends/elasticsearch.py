"""Elasticsearch 8 with French analysis: elisions, accents folded, French stop words and stemming.

Text fields without an analyzer of their own use the index's ``default`` analyzer, defined
here as a French one; autocomplete's edge n-grams are searched with an accent-folding analyzer
(Wagtail's mapping searches them with ``standard``, which keeps accents).
"""

from copy import deepcopy

from modelsearch.backends.elasticsearch8 import (
    Elasticsearch8Index,
    Elasticsearch8Mapping,
    Elasticsearch8SearchBackend,
)
from modelsearch.utils import deep_update

from search.snapshot import synonym_groups
from search.synonyms import synonym_lines

FRENCH_ANALYSIS = {
    "settings": {
        "analysis": {
            "filter": {
                "french_elision": {
                    "type": "elision",
                    "articles_case": True,
                    "articles": [
                        "l",
                        "m",
                        "t",
                        "qu",
                        "n",
                        "s",
                        "j",
                        "d",
                        "c",
                        "jusqu",
                        "quoiqu",
                        "lorsqu",
                        "puisqu",
                    ],
                },
                "french_stop": {"type": "stop", "stopwords": "_french_"},
                "french_stemmer": {"type": "stemmer", "language": "light_french"},
            },
            "analyzer": {
                "default": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": [
                        "french_elision",
                        "lowercase",
                        "asciifolding",
                        "french_stop",
                        "french_stemmer",
                    ],
                },
                "folding": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["lowercase", "asciifolding"],
                },
            },
        }
    }
}


class FrenchElasticsearch8Mapping(Elasticsearch8Mapping):
    edgengram_analyzer_config = {"analyzer": "edgengram_analyzer", "search_analyzer": "folding"}


def with_synonyms(settings: dict, lines: list[str]) -> dict:
    """``settings`` whose search-time analyser (``default_search``: the words a visitor types)
    also expands the synonym groups ``lines`` (« a, b, c »); unchanged without groups."""
    if not lines:
        return settings
    settings = deepcopy(settings)
    analysis = settings["settings"]["analysis"]
    analysis["filter"]["french_synonyms"] = {"type": "synonym_graph", "synonyms": lines, "lenient": True}
    chain = list(analysis["analyzer"]["default"]["filter"])
    # After folding (the groups are read through the same filters), before stop words and stems.
    chain.insert(chain.index("asciifolding") + 1, "french_synonyms")
    analysis["analyzer"]["default_search"] = {"type": "custom", "tokenizer": "standard", "filter": chain}
    return settings


class FrenchElasticsearch8Index(Elasticsearch8Index):
    def put(self):
        self.es.indices.create(index=self.name, **self.backend.index_settings())


class FrenchElasticsearch8SearchBackend(Elasticsearch8SearchBackend):
    """An index is created (``update_index``) with the synonym groups of that time in its
    search-time analyser. Searches also expand the current groups themselves
    (``search.synonyms``), so that a group added since works at once."""

    mapping_class = FrenchElasticsearch8Mapping
    index_class = FrenchElasticsearch8Index
    settings = deep_update(deepcopy(Elasticsearch8SearchBackend.settings), FRENCH_ANALYSIS)

    def index_settings(self) -> dict:
        """The settings an index is created with: the French analysis and the synonym groups."""
        return with_synonyms(self.settings, synonym_lines(synonym_groups()))


SearchBackend = FrenchElasticsearch8SearchBackend
