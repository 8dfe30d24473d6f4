import pytest
from django.db import connection
from django.http import QueryDict
from django.test import RequestFactory
from django.utils import translation

from benchmarks.corpus import CorpusBuilder, ensure_indexes
from search.indexing import rebuild_facets


@pytest.fixture
def indexes(home_page, taxonomy):
    return ensure_indexes(home_page)


@pytest.fixture
def corpus(home_page, taxonomy, indexes):
    """60 generated pages of every type (seeded), indexed like update_index does."""
    from django.core.management import call_command

    CorpusBuilder(home_page, seed=7).build(60)
    call_command("update_index", verbosity=0)
    rebuild_facets()
    if connection.vendor == "postgresql":
        # Fresh rows have no planner statistics yet (autovacuum cannot see them inside the
        # test's transaction): without them PostgreSQL picks nested loops and a test takes minutes.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return home_page


@pytest.fixture
def search():
    """Runs the search service as a French visitor would: search("q=pierre&kind=trade")."""
    from search.service import run_search

    def run(query_string="", language="fr", **kwargs):
        request = RequestFactory().get("/recherche/?" + query_string)
        with translation.override(language):
            return run_search(request, QueryDict(query_string), **kwargs)

    return run
