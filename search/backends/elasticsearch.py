"""Elasticsearch 8 with French analysis: elisions, accents folded, French stop words and stemming.

Text fields without an analyzer of their own use the index's ``default`` analyzer, defined
here as a French one; autocomplete's edge n-grams are searched with an accent-folding analyzer
(Wagtail's mapping searches them with ``standard``, which keeps accents).
"""

from copy import deepcopy

from modelsearch.backends.elasticsearch8 import Elasticsearch8Mapping, Elasticsearch8SearchBackend
from modelsearch.utils import deep_update

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


class FrenchElasticsearch8SearchBackend(Elasticsearch8SearchBackend):
    mapping_class = FrenchElasticsearch8Mapping
    settings = deep_update(deepcopy(Elasticsearch8SearchBackend.settings), FRENCH_ANALYSIS)


SearchBackend = FrenchElasticsearch8SearchBackend
