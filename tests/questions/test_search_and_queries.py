"""A published answer is found by the site's search (kind « question »); its pages' query counts
stay the same whatever their content."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from questions.pages import QuestionAnswerPage
from search.indexing import rebuild_facets
from tests.factories.questions import QuestionAnswerPageFactory


def published(qa_index, taxonomy, title, **relations):
    page = QuestionAnswerPageFactory.build(title=title, question=title, live=False)
    for name, values in relations.items():
        getattr(page, name).set(values)
    qa_index.add_child(instance=page)
    page.save_revision().publish()
    return QuestionAnswerPage.objects.get(pk=page.pk)


def test_a_published_answer_is_found_by_search_with_its_facets(client, qa_index, taxonomy):
    published(
        qa_index, taxonomy, "Quel badigeon pour le tuffeau ?", materials=[taxonomy["Material"]["tuffeau"]]
    )
    rebuild_facets()
    outcome = client.get("/recherche/", {"q": "badigeon", "kind": "question", "material": "tuffeau"}).context[
        "outcome"
    ]
    assert [page.title for page in outcome.results] == ["Quel badigeon pour le tuffeau ?"]


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_index_and_a_page_take_the_same_queries_with_more_content(client, qa_index, taxonomy):
    materials = list(taxonomy["Material"].values())
    first = published(qa_index, taxonomy, "Première question ?", materials=materials[:1])
    client.get(qa_index.url)  # the site's chrome, remembered after the first request
    index_queries, page_queries = queries_for(client, qa_index.url), queries_for(client, first.url)
    for number in range(6):
        published(qa_index, taxonomy, f"Question {number} ?", materials=materials[:4])
    richer = published(qa_index, taxonomy, "Question riche ?", materials=materials[:6])
    client.get(qa_index.url)
    assert queries_for(client, qa_index.url) == index_queries
    assert queries_for(client, richer.url) == page_queries
