"""Synonyms: the editors' groups and a trade's other names, on the database backend the tests run
on (SQLite here, PostgreSQL in CI) and in what is sent to Elasticsearch."""

import json

import pytest
from django.core.exceptions import ValidationError
from modelsearch.query import And, Or, PlainText

from search.backends.elasticsearch import FrenchElasticsearch8SearchBackend, with_synonyms
from search.models import SynonymGroup
from search.synonyms import Thesaurus, synonym_lines
from trades.models import TradeProfilePage

CLOSED_PORT = "http://127.0.0.1:9"


def make_trade(indexes, title, slug, text="Le métier se pratique en atelier.", **fields):
    page = TradeProfilePage(
        title=title,
        slug=slug,
        hook="Un métier d'avenir",
        summary=f"Devenir {title.lower()}.",
        what_the_work_is=[("paragraph", f"<p>{text}</p>")],
        **fields,
    )
    indexes[TradeProfilePage].add_child(instance=page)
    page.save_revision().publish()
    return page


def titles(client, query):
    return [result.title for result in client.get("/recherche/", {"q": query}).context["outcome"].results]


def terms(query):
    """The query as nested lists of its terms, to compare without the query classes."""
    if isinstance(query, PlainText):
        return query.query_string
    if isinstance(query, And):
        return ["and", *(terms(sub) for sub in query.subqueries)]
    if isinstance(query, Or):
        return ["or", *(terms(sub) for sub in query.subqueries)]
    return query


# What a query becomes -------------------------------------------------------------------------


THESAURUS = Thesaurus(
    [
        ["tableau", "peinture", "toile", "œuvre d'art"],
        ["restauration", "restaurateur"],
        ["pierre sèche", "pierre sans mortier"],
    ]
)


def test_words_with_synonyms_are_searched_as_any_of_their_group():
    assert terms(THESAURUS.query("Restauration des Tableaux")) == [
        "and",
        ["or", "Restauration", "restaurateur"],
        ["or", "Tableaux", "peinture", "toile", "œuvre d'art"],  # plural and case aside
    ]


def test_a_run_of_words_can_be_a_term():
    assert terms(THESAURUS.query("mur en pierre seche")) == [
        "and",
        "mur",
        ["or", "pierre seche", "pierre sans mortier"],
    ]


def test_a_query_without_synonyms_is_searched_as_typed():
    assert THESAURUS.query("tailleur de pierre") == "tailleur pierre"
    assert THESAURUS.query("comment devenir tailleur de pierre") == "tailleur pierre"
    assert terms(THESAURUS.query("tailleur de pierre", every_word=False)) == ["or", "tailleur", "pierre"]


def test_a_group_needs_two_words_with_letters():
    with pytest.raises(ValidationError):
        SynonymGroup(terms="vitrail").clean()
    with pytest.raises(ValidationError):
        SynonymGroup(terms="vitrail, ---").clean()
    group = SynonymGroup(terms=" vitrail ,verrière,, Vitrail ")
    group.clean()
    assert group.terms == "vitrail, verrière"


# On the database backend ----------------------------------------------------------------------


@pytest.mark.django_db
def test_an_editors_group_finds_pages_by_its_other_words_at_once(client, indexes, taxonomy):
    make_trade(indexes, "Vitrailliste", "vitrailliste", text="Il crée et restaure des vitraux.")
    assert titles(client, "verrière") == []
    SynonymGroup.objects.create(terms="vitraux, verrière")  # a new generation: searches see it
    assert titles(client, "verrière") == ["Vitrailliste"]
    # Every word must still match: this one finds it only as a page with some of the words.
    assert client.get("/recherche/", {"q": "verrières anciennes"}).context["outcome"].some_words_only


@pytest.mark.django_db
def test_a_trades_feminine_form_and_other_names_count_as_its_title(client, indexes, taxonomy):
    make_trade(
        indexes, "Couvreur", "couvreur", name_feminine="Couvreuse", synonyms="Zingueur, Ardoisier-couvreur"
    )
    # A page whose text says « couvreuse » again and again, but is not the trade.
    make_trade(
        indexes,
        "Charpentier",
        "charpentier",
        text="La couvreuse passe après lui. " * 3 + "Couvreuse ou couvreur.",
    )
    assert titles(client, "couvreuse")[0] == "Couvreur"
    assert titles(client, "zingueur")[0] == "Couvreur"


# Elasticsearch: what would be sent ---------------------------------------------------------------


def test_the_elasticsearch_query_asks_for_the_synonyms():
    backend = FrenchElasticsearch8SearchBackend({"URLS": [CLOSED_PORT]})
    compiler = backend.query_compiler_class(TradeProfilePage.objects.none(), THESAURUS.query("tableaux"))
    body = json.dumps(compiler.get_query(), ensure_ascii=False)
    for term in ["tableaux", "peinture", "toile", "œuvre d'art"]:
        assert f'"query": "{term}"' in body


@pytest.mark.django_db
def test_the_elasticsearch_index_is_created_with_the_groups_in_its_search_analyser():
    SynonymGroup.objects.create(terms="vitrail, verrière")
    backend = FrenchElasticsearch8SearchBackend({"URLS": [CLOSED_PORT]})
    settings = backend.index_settings()
    analysis = settings["settings"]["analysis"]
    assert analysis["filter"]["french_synonyms"] == {
        "type": "synonym_graph",
        "synonyms": ["vitrail, verrière"],
        "lenient": True,
    }
    assert analysis["analyzer"]["default_search"]["filter"] == [
        "french_elision", "lowercase", "asciifolding", "french_synonyms", "french_stop", "french_stemmer",
    ]  # fmt: skip
    # Indexing keeps the analyser without synonyms (groups change; the index is not rebuilt).
    assert "french_synonyms" not in analysis["analyzer"]["default"]["filter"]


def test_no_group_leaves_the_settings_as_they_are():
    settings = {
        "settings": {"analysis": {"filter": {}, "analyzer": {"default": {"filter": ["asciifolding"]}}}}
    }
    assert with_synonyms(settings, []) is settings
    assert synonym_lines([["vitrail"], ["a-b", "c"]]) == ["a b, c"]
