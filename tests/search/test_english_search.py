"""The English site searches English text with English stemming: the search page, the JSON API
and the RSS feed under /en/ (PostgreSQL: the english_unaccent configuration; SQLite: English
words rewritten as light stems matched as prefixes)."""

import pytest
from django.core.management import call_command
from django.db import connection

from home import demo_english
from search.backends.database import light_english_stem
from search.indexing import rebuild_facets
from tests.home.test_english_site import TEXTS, french_page, submit

ENGLISH = {
    **TEXTS,
    "Le vitrail": "Stained glass",
    "le-vitrail": "stained-glass",
    "Un restaurateur a sculpté ce vitrail.": "A restorer carved this window.",
}


@pytest.fixture
def english_pages(home_page, locales, django_capture_on_commit_callbacks):
    # The French source holds the English word too: only the English page may answer in English.
    french = french_page(
        home_page, "Le vitrail", "le-vitrail", summary="Un restaurateur a sculpté ce vitrail."
    )
    other = french_page(home_page, "Restorer, en anglais", "restorer-en-anglais", summary="Un mot anglais.")
    for instance in (home_page, french):
        demo_english.fill_translation(submit(instance, django_capture_on_commit_callbacks), ENGLISH)
    call_command("update_index", verbosity=0)
    rebuild_facets()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return {"french": french, "other": other}


def titles(client, path, query):
    return [result["title"] for result in client.get(path, {"q": query}).json()["results"]]


@pytest.mark.both_databases
@pytest.mark.django_db
def test_on_en_an_english_word_finds_the_english_page_and_not_the_french_one(client, english_pages):
    assert titles(client, "/en/api/search/", "restorer") == ["Stained glass"]
    assert titles(client, "/en/api/search/", "window") == ["Stained glass"]
    # The French site: the French pages only (the English word is in one title).
    assert titles(client, "/api/search/", "restorer") == ["Restorer, en anglais"]
    assert "Stained glass" in client.get("/en/search/", {"q": "window"}).content.decode()
    assert "Stained glass" in client.get("/en/search/rss/", {"q": "window"}).content.decode()


@pytest.mark.both_databases
@pytest.mark.django_db
def test_english_stemming_restorers_finds_restorer_and_carving_finds_carved(client, english_pages):
    # PostgreSQL's French stemmer keeps « restorers » and « restorer » apart: English stemming does not.
    assert titles(client, "/en/api/search/", "restorers") == ["Stained glass"]
    assert titles(client, "/en/api/search/", "carving") == ["Stained glass"]
    assert titles(client, "/en/api/search/", "the restorers") == ["Stained glass"]  # a stop word


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("restorers", "restorer"),
        ("carving", "carv"),
        ("carved", "carv"),
        ("libraries", "librar"),
        ("churches", "church"),
        ("boxes", "box"),
        ("glass", "glass"),
        ("stone", "ston"),
        ("art", "art"),
    ],
)
def test_light_english_stem(word, stem):
    assert light_english_stem(word) == stem
