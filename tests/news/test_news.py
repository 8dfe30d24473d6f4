"""The news index: what a visitor sees, filters, feeds and search."""

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.core.management import call_command

from news.models import NewsItemPage
from search.indexing import rebuild_facets
from tests.factories.news import call, news_index, news_item, programme, programme_index, watch_item
from tests.helpers import queries_to_render

pytestmark = pytest.mark.django_db


@pytest.fixture
def news(home_page, taxonomy):
    index = news_index(home_page)
    items = {
        "article": news_item(
            index,
            days_ago=1,
            title="Le réseau accueille trois nouveaux adhérents",
            theme=taxonomy["Theme"]["cooperation"],
            department=taxonomy["Department"]["sarthe"],
        ),
        "watch": watch_item(
            index,
            days_ago=3,
            title="Un appel national pour les métiers d'art",
            summary="Le ministère ouvre un appel à projets pour la transmission.",
            theme=taxonomy["Theme"]["transmission"],
        ),
        "european": watch_item(
            index,
            days_ago=10,
            title="Europa Nostra récompense un chantier",
            scope=NewsItemPage.Scope.EUROPEAN,
            source_name="Europa Nostra",
            source_url="https://www.europanostra.org/",
            theme=taxonomy["Theme"]["transmission"],
        ),
    }
    return index, items


def titles(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [h.get_text(strip=True) for h in soup.select(".news-list .card__title")]


def test_the_index_lists_articles_and_watch_items_newest_first(client, news):
    index, _items = news
    response = client.get(index.url)
    assert response.status_code == 200
    assert titles(response) == [
        "Le réseau accueille trois nouveaux adhérents",
        "Un appel national pour les métiers d'art",
        "Europa Nostra récompense un chantier",
    ]
    soup = BeautifulSoup(response.content, "html.parser")
    sources = [(a.contents[0].strip(), a["href"]) for a in soup.select(".card__source a")]
    assert sources == [
        ("Ministère de la Culture", "https://www.culture.gouv.fr/actualites/exemple"),
        ("Europa Nostra", "https://www.europanostra.org/"),
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?kind=watch", ["Un appel national pour les métiers d'art", "Europa Nostra récompense un chantier"]),
        ("?scope=european", ["Europa Nostra récompense un chantier"]),
        ("?theme=transmission&scope=national", ["Un appel national pour les métiers d'art"]),
        ("?department=sarthe", ["Le réseau accueille trois nouveaux adhérents"]),
        (
            "?scope=regional&scope=european",
            ["Le réseau accueille trois nouveaux adhérents", "Europa Nostra récompense un chantier"],
        ),
    ],
)
def test_the_index_filters_by_kind_scope_theme_and_department(client, news, query, expected):
    index, _items = news
    assert titles(client.get(index.url + query)) == expected


def test_a_filter_count_is_what_clicking_it_gives(client, news):
    index, _items = news
    soup = BeautifulSoup(client.get(index.url + "?theme=transmission").content, "html.parser")
    counts = {
        box["value"]: box.find_next("label").select_one(".facet__count").contents[0]
        for box in soup.select('fieldset[data-facet="scope"] input')
    }
    assert counts == {"national": "(1", "european": "(1"}
    assert len(titles(client.get(index.url + "?theme=transmission&scope=european"))) == 1


def test_an_unknown_filter_is_said_and_ignored(client, news):
    index, _items = news
    response = client.get(index.url + "?theme=nope")
    assert response.status_code == 200
    assert "« nope »" in response.content.decode()
    assert len(titles(response)) == 3


def test_the_pages_link_their_feeds(client, news):
    index, items = news
    soup = BeautifulSoup(client.get(index.url + "?scope=national").content, "html.parser")
    links = {link["type"]: link["href"] for link in soup.select('link[rel="alternate"][type]')}
    assert links["application/rss+xml"] == index.url + "rss/?scope=national"
    assert links["application/atom+xml"] == index.url + "atom/?scope=national"
    soup = BeautifulSoup(client.get(items["article"].url).content, "html.parser")
    assert soup.select_one('link[rel="alternate"][type="application/rss+xml"]')["href"] == index.url + "rss/"


@pytest.mark.parametrize("feed", ["rss/", "atom/"])
def test_the_feeds_are_valid_and_follow_the_filter(client, news, feed):
    index, items = news
    response = client.get(index.url + feed)
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert [entry.title for entry in parsed.entries] == [
        "Le réseau accueille trois nouveaux adhérents",
        "Un appel national pour les métiers d'art",
        "Europa Nostra récompense un chantier",
    ]
    assert parsed.entries[0].link == "http://localhost" + items["article"].url

    filtered = feedparser.parse(client.get(index.url + feed + "?theme=transmission&scope=national").content)
    assert not filtered.bozo
    assert [entry.title for entry in filtered.entries] == ["Un appel national pour les métiers d'art"]
    assert "Ministère de la Culture" in filtered.entries[0].summary
    assert "National" in filtered.feed.title


def test_a_news_item_is_found_by_search_and_filtered_as_news(client, news):
    call_command("update_index", verbosity=0)
    rebuild_facets()
    response = client.get("/recherche/?q=Europa&kind=news")
    assert "Europa Nostra récompense un chantier" in response.content.decode()


def test_a_watch_item_without_its_source_is_refused(news):
    page = NewsItemPage(title="Sans source", kind=NewsItemPage.Kind.WATCH, summary="")

    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert {"source_name", "source_url", "summary"} <= set(error.value.message_dict)


def test_an_unpublished_item_is_named_nowhere(client, news):
    index, items = news
    items["watch"].unpublish()
    assert "Un appel national" not in client.get(index.url).content.decode()
    assert "Un appel national" not in client.get(index.url + "rss/").content.decode()


def test_the_index_and_its_feed_cost_the_same_queries_whatever_the_number_of_items(client, news, taxonomy):
    index, _items = news
    client.get(index.url)  # the site's chrome, remembered from then on
    few = (
        queries_to_render(client, index.url + "?kind=watch"),
        queries_to_render(client, index.url + "rss/"),
    )
    for number in range(8):
        watch_item(
            index,
            days_ago=number,
            title=f"Veille {number}",
            theme=taxonomy["Theme"]["formation"],
            department=taxonomy["Department"]["vendee"],
        )
    client.get(index.url)
    many = (
        queries_to_render(client, index.url + "?kind=watch"),
        queries_to_render(client, index.url + "rss/"),
    )
    assert many == few


def test_the_programme_page_costs_the_same_queries_whatever_its_calls(client, home_page, taxonomy):

    programmes = programme_index(home_page)
    few = programme(programmes, calls=[call(-5, 20)])
    many = programme(
        programmes,
        title="Culturdiag",
        slug="culturdiag",
        calls=[call(-5 - n, 20 + n, title=f"Appel {n}") for n in range(6)],
    )
    client.get(few.url)
    assert queries_to_render(client, many.url) == queries_to_render(client, few.url)
