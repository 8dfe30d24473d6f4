"""When no page has all the words: the pages with some of them, said so; words naming a filter
offered as that filter; close spellings and the indexes when nothing at all matches."""

import pytest

from .test_synonyms import make_trade

pytestmark = pytest.mark.django_db

SOME_WORDS = "No page has all your words; pages with some of them:"
SOME_WORDS_FR = "Aucune page n'a tous vos mots ; voici celles qui en ont certains :"


@pytest.fixture
def trades(indexes, taxonomy):
    material = taxonomy["Material"]
    couvreur = make_trade(indexes, "Couvreur", "couvreur", text="Il pose les ardoises des toits.")
    charpentier = make_trade(indexes, "Charpentier", "charpentier", text="Il taille les poutres des toits.")
    charpentier.materials.set([material["bois"]])
    charpentier.save_revision().publish()
    return couvreur, charpentier


def search(client, query, **params):
    response = client.get("/recherche/", {"q": query, **params})
    return response.context["outcome"], response.content.decode()


def test_no_page_with_every_word_gives_the_pages_with_some_of_them(client, trades):
    outcome, html = search(client, "apprendre couvreur")
    assert outcome.some_words_only
    assert [result.title for result in outcome.results] == ["Couvreur"]
    assert "apprendre couvreur" in html
    assert "Couvreur</a>" in html
    assert SOME_WORDS in html or SOME_WORDS_FR in html


def test_pages_with_more_of_the_words_come_first(client, trades):
    outcome, _html = search(client, "couvreur ardoises zzz")
    assert outcome.some_words_only
    assert outcome.results[0].title == "Couvreur"


def test_pages_with_every_word_are_no_fallback(client, trades):
    outcome, html = search(client, "couvreur ardoises")
    assert not outcome.some_words_only
    assert SOME_WORDS not in html
    assert SOME_WORDS_FR not in html


def test_a_single_unknown_word_gives_close_spellings_and_the_indexes(client, trades):
    outcome, html = search(client, "couvreurr")
    assert outcome.count == 0
    assert not outcome.some_words_only
    assert outcome.suggestions == ["couvreur"]
    assert 'href="/metiers/"' in html  # the index links


def test_a_word_naming_a_facet_value_is_offered_as_that_filter(client, trades):
    outcome, html = search(client, "toits bois")
    assert outcome.filter_offers == [("Matériau", "Bois", "?q=toits&material=bois")]
    assert 'href="/recherche/?q=toits&amp;material=bois"' in html
    # The offer leads to the filtered search.
    filtered, _html = search(client, "toits", material="bois")
    assert [result.title for result in filtered.results] == ["Charpentier"]


def test_a_selected_value_is_not_offered_again(client, trades):
    outcome, _html = search(client, "toits bois", material="bois")
    assert outcome.filter_offers == []
