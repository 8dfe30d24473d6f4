"""Elasticsearch: what is sent to it (testable without a server), the fallback, the live path."""

import logging
import os

import pytest
from django.test import override_settings
from wagtail.search.backends import get_search_backend

from search import service
from search.backends.elasticsearch import FrenchElasticsearch8SearchBackend
from trades.models import TradeProfilePage

from .test_search_views import make_trade

DATABASE = {"BACKEND": "search.backends.database"}
CLOSED_PORT = "http://127.0.0.1:9"  # the discard port: nothing listens there


def elasticsearch_backends(url):
    return {
        "default": {"BACKEND": "search.backends.elasticsearch", "URLS": [url], "TIMEOUT": 1},
        "database": DATABASE,
    }


@pytest.fixture(autouse=True)
def forget_elasticsearch_failures():
    service._elasticsearch_down_until = 0.0
    yield
    service._elasticsearch_down_until = 0.0


def test_client_major_version_matches_the_backend():
    import elasticsearch

    assert elasticsearch.VERSION[0] == 8


def test_index_settings_analyse_french():
    backend = FrenchElasticsearch8SearchBackend({"URLS": [CLOSED_PORT]})
    analysis = backend.settings["settings"]["analysis"]
    default = analysis["analyzer"]["default"]
    assert default["filter"] == [
        "french_elision", "lowercase", "asciifolding", "french_stop", "french_stemmer",
    ]  # fmt: skip
    assert analysis["filter"]["french_stemmer"] == {"type": "stemmer", "language": "light_french"}
    # Wagtail's own n-gram analysers are kept beside it.
    assert "edgengram_analyzer" in analysis["analyzer"]


def test_mapping_searches_autocomplete_with_folded_accents():
    backend = FrenchElasticsearch8SearchBackend({"URLS": [CLOSED_PORT]})
    mapping = backend.mapping_class(TradeProfilePage).get_mapping()
    properties = mapping["properties"]
    assert properties["_edgengrams"]["search_analyzer"] == "folding"
    assert properties["_edgengrams"]["analyzer"] == "edgengram_analyzer"
    assert properties["title"]["type"] == "text"
    assert "analyzer" not in properties["title"]  # text uses the index's French default analyser


@pytest.mark.django_db
def test_search_answers_from_the_database_when_elasticsearch_is_down(client, indexes, taxonomy, caplog):
    make_trade(indexes, "Tailleur de pierre", "tailleur-de-pierre")
    with override_settings(WAGTAILSEARCH_BACKENDS=elasticsearch_backends(CLOSED_PORT)):
        with caplog.at_level(logging.WARNING, logger="search.service"):
            response = client.get("/recherche/", {"q": "tailleurs de pierres"})
        assert response.status_code == 200
        assert [page.title for page in response.context["outcome"].results] == ["Tailleur de pierre"]
        assert "Elasticsearch did not answer" in caplog.text
        # For a while, the database answers at once, without waiting for Elasticsearch again.
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="search.service"):
            data = client.get("/api/search/autocomplete/", {"q": "taill"}).json()
        assert [result["title"] for result in data["results"]] == ["Tailleur de pierre"]
        assert caplog.text == ""


@pytest.mark.elasticsearch
@pytest.mark.skipif(
    not os.environ.get("ELASTICSEARCH_URL"), reason="needs a live Elasticsearch 8: set ELASTICSEARCH_URL"
)
@pytest.mark.django_db
def test_live_elasticsearch_understands_french(client, indexes, taxonomy):
    url = os.environ["ELASTICSEARCH_URL"]
    with override_settings(WAGTAILSEARCH_BACKENDS=elasticsearch_backends(url)):
        backend = get_search_backend("default")
        backend.reset_indexes()
        make_trade(indexes, "Tailleur de pierre", "tailleur-de-pierre")
        backend.refresh_indexes()
        outcome = client.get("/recherche/", {"q": "tailleurs de pierres"}).context["outcome"]
        assert [page.title for page in outcome.results] == ["Tailleur de pierre"]
        assert service._elasticsearch_down_until == 0.0  # Elasticsearch answered
