"""What a visitor gets from /recherche/, /api/search/, the RSS feed and autocomplete."""

import json

import pytest
from defusedxml import ElementTree
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import skip_unless_postgres
from knowledge.models import LabelPage
from search.choices import kind_choices
from trades.models import TradeProfilePage

pytestmark = pytest.mark.django_db

PARAMETERS = ["q", "kind", "domain", "material", "department", "audience", "level", "contract", "label"]


def make_trade(indexes, title, slug, **relations):
    page = TradeProfilePage(
        title=title,
        slug=slug,
        hook="Un métier d'avenir",
        summary=f"Devenir {title.lower()}.",
        what_the_work_is=[("paragraph", "<p>Le métier se pratique en atelier et sur les chantiers.</p>")],
    )
    for name, values in relations.items():
        getattr(page, name).set(values)
    indexes[TradeProfilePage].add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def trades(indexes, taxonomy):
    material = taxonomy["Material"]
    return [
        make_trade(indexes, "Tailleur de pierre", "tailleur-de-pierre", materials=[material["pierre"]]),
        make_trade(indexes, "Charpentier", "charpentier", materials=[material["bois"]]),
        make_trade(indexes, "Maître verrier", "maitre-verrier", materials=[material["verre"]]),
    ]


def test_search_page_lists_results_with_facets_and_chips(client, trades):
    response = client.get("/recherche/", {"q": "pierre", "material": "pierre"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Tailleur de pierre" in html
    assert "Charpentier" not in html
    assert "<legend>Matériau</legend>" in html
    assert 'name="material" value="pierre" checked' in html
    assert 'class="chip" href="/recherche/?q=pierre"' in html  # removing the filter keeps the query
    assert 'type="application/rss+xml"' in html


def test_english_search_lives_under_en(client, trades):
    response = client.get("/en/search/")
    assert response.status_code == 200
    assert response.context["outcome"].count == 0  # no English page: French ones are not shown


def test_the_language_switcher_keeps_the_search_and_its_filters(client, trades, locales):
    french = client.get("/recherche/", {"q": "pierre", "kind": "trade"}).content.decode()
    assert 'href="/en/search/?q=pierre&amp;kind=trade" lang="en"' in french
    english = client.get("/en/search/", {"q": "stone", "material": "pierre"}).content.decode()
    assert 'href="/recherche/?q=stone&amp;material=pierre" lang="fr"' in english


def test_the_kept_header_of_the_search_links_each_search_to_its_own_translation(client, trades, locales):
    # The header of a view without a page is kept once per site and language; its language
    # links are not: each search links to itself in English, not to the first one's address.
    first = client.get("/recherche/", {"q": "pierre"}).content.decode()
    second = client.get("/recherche/", {"q": "bois", "kind": "trade"}).content.decode()
    assert 'href="/en/search/?q=pierre" lang="en"' in first
    assert 'href="/en/search/?q=bois&amp;kind=trade" lang="en"' in second
    assert "q=pierre" not in second
    assert 'class="site-header__name"' in second  # the kept part is there


def test_the_kinds_are_named_in_the_active_language_whichever_was_asked_first():
    # The names are kept per language: an English search right after a French one (and the
    # other way round) names the kinds in its own language, sorted by those names.
    for language, trade in [("en", "Trade"), ("fr", "Métier"), ("en", "Trade"), ("fr", "Métier")]:
        with translation.override(language):
            names = kind_choices()
            assert names["trade"] == trade
            assert list(names.values()) == sorted(names.values(), key=str.lower)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("metier", "Maître verrier"),
        ("maitre", "Maître verrier"),
        ("tailleurs de pierres", "Tailleur de pierre"),
    ],
)
def test_french_matching(client, trades, query, expected):
    titles = [page.title for page in client.get("/recherche/", {"q": query}).context["outcome"].results]
    assert expected in titles


def test_a_word_in_the_title_ranks_before_the_same_word_in_the_text(client, indexes, taxonomy):
    lauzier = make_trade(indexes, "Lauzier", "lauzier")
    lauzier.what_the_work_is = [
        ("paragraph", "<p>La lauze est une pierre plate ; le lauzier taille la pierre et pose la pierre.</p>")
    ]
    lauzier.save_revision().publish()
    make_trade(indexes, "Tailleur de pierre", "tailleur-de-pierre")
    titles = [result["title"] for result in client.get("/api/search/", {"q": "pierre"}).json()["results"]]
    assert titles == ["Tailleur de pierre", "Lauzier"]


@skip_unless_postgres()
def test_french_matching_on_postgresql_uses_the_french_configuration(trades):
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    assert backend.config == "french_unaccent"
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsvector('french_unaccent', 'Tailleurs de pierres, métier')::text")
        vector = cursor.fetchone()[0]
    assert "'meti'" in vector
    assert "'tailleur'" in vector
    titles = [page.title for page in backend.search("tailleurs de pierres", TradeProfilePage)]
    assert titles == ["Tailleur de pierre"]


def test_nothing_found_offers_the_query_without_filters_and_close_spellings(client, trades):
    html = client.get("/recherche/", {"q": "charpentir", "material": "verre"}).content.decode()
    assert "Aucun contenu ne répond à cette recherche." in html
    assert 'href="/recherche/?q=charpentier"' in html
    assert 'href="/metiers/"' in html
    html = client.get("/recherche/", {"q": "pierre", "material": "verre"}).content.decode()
    assert "sans les filtres : 1 résultat" in html


def test_api_has_the_documented_shape(client, trades):
    data = client.get("/api/search/", {"q": "pierre", "domain": "nowhere"}).json()
    assert data["count"] == 1
    assert data["results"] == [
        {
            "title": "Tailleur de pierre",
            "url": "/metiers/tailleur-de-pierre/",
            "kind": "trade",
            "summary": "Devenir tailleur de pierre.",
        }
    ]
    assert set(data["facets"]) == {
        "kind", "domain", "material", "department", "audience", "theme",
        "level", "contract", "label", "event-kind", "attendance", "programme", "group",
    }  # fmt: skip
    material = {"value": "pierre", "label": "Pierre", "count": 1, "selected": False}
    assert data["facets"]["material"] == [material]
    assert data["ignored"] == [{"facet": "domain", "value": "nowhere"}]


def test_rss_feed_is_valid_and_follows_the_filters(client, trades):
    response = client.get("/recherche/rss/", {"material": "bois"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ElementTree.fromstring(response.content).find("channel")
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["Charpentier"]
    assert items[0].findtext("link") == "http://testserver/metiers/charpentier/"
    assert "Matériau : Bois" in channel.findtext("title")


def test_autocomplete_folds_accents(client, trades):
    data = client.get("/api/search/autocomplete/", {"q": "maitr"}).json()
    assert [result["title"] for result in data["results"]] == ["Maître verrier"]
    assert data["results"][0]["url"] == "/metiers/maitre-verrier/"
    assert client.get("/api/search/autocomplete/", {"q": "x"}).json() == {"results": []}


def test_labels_are_a_facet_of_trades_and_of_themselves(client, indexes, taxonomy):
    label = LabelPage(
        title="Entreprise du patrimoine vivant",
        slug="epv",
        kind="label",
        awarding_body="État",
        who_may_apply="<p>Les entreprises.</p>",
        requirements=[],
    )
    indexes[LabelPage].add_child(instance=label)
    label.save_revision().publish()
    make_trade(indexes, "Doreur", "doreur", related_labels=[label])
    data = client.get("/api/search/", {"label": "epv"}).json()
    assert data["count"] == 2
    assert data["facets"]["label"] == [
        {"value": "epv", "label": "Entreprise du patrimoine vivant", "count": 2, "selected": True}
    ]


def test_query_count_does_not_grow_with_results(client, indexes, taxonomy):
    materials = list(taxonomy["Material"].values())

    def count_queries():
        client.get("/recherche/", {"sort": "date"})  # warm caches (content types, site)
        with CaptureQueriesContext(connection) as context:
            response = client.get("/recherche/", {"q": "atelier", "kind": "trade"})
        assert response.status_code == 200
        # Savepoints come from the test's own transaction: a request has none.
        statements = [query for query in context.captured_queries if "SAVEPOINT" not in query["sql"]]
        return len(statements), response.context["outcome"].count

    make_trade(indexes, "Métier 0", "metier-0", materials=materials[:1])
    few, count = count_queries()
    assert count == 1
    for number in range(1, 30):
        make_trade(indexes, f"Métier {number}", f"metier-{number}", materials=materials[: 1 + number % 10])
    many, count = count_queries()
    assert count == 30
    assert many == few
    # The generation token, the match (on PostgreSQL it ranks too, on a small site), and the
    # search counted (an upsert that does not wait for the disk: a SET LOCAL first); the site,
    # its settings and menu are remembered by the process.
    assert few <= 4


def test_markup_in_the_query_is_escaped(client, trades):
    html = client.get("/recherche/", {"q": '<script>alert("x")</script>'}).content.decode()
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;" in html


def test_a_very_long_query_is_cut(client, trades):
    response = client.get("/recherche/", {"q": "pierre " * 2000})
    assert response.status_code == 200
    assert len(response.context["outcome"].query) <= 200
    assert "200 premiers caractères" in response.content.decode()


def test_page_out_of_range_shows_the_last_page(client, trades):
    outcome = client.get("/recherche/", {"page": "999"}).context["outcome"]
    assert outcome.page_number == outcome.page_count == 1
    assert len(outcome.results) == 3


any_text = st.text(max_size=300)
parameters = st.dictionaries(
    st.sampled_from([*PARAMETERS, "sort", "page", "unknown"]),
    st.one_of(any_text, st.lists(any_text, max_size=4), st.integers().map(str)),
    max_size=6,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(params=parameters, path=st.sampled_from(["/recherche/", "/api/search/", "/recherche/rss/"]))
def test_no_input_gives_a_server_error(client, trades, params, path):
    # NUL is refused with a 400 by the middleware (tests/test_public_parameters.py): left out here.
    clean = {
        key: [value.replace("\x00", "") for value in values]
        if isinstance(values, list)
        else values.replace("\x00", "")
        for key, values in params.items()
    }
    response = client.get(path, clean)
    assert response.status_code == 200
    if path == "/api/search/":
        assert json.loads(response.content)["count"] >= 0


@pytest.mark.both_databases
def test_a_word_typed_without_its_ligature_finds_and_completes_the_page_written_with_it(client, indexes):
    make_trade(indexes, "Restaurateur d'œuvres d'art", "restaurateur-oeuvres-art")
    make_trade(indexes, "Charpentier", "charpentier")
    found = client.get("/api/search/", {"q": "oeuvre"}).json()
    assert [result["title"] for result in found["results"]] == ["Restaurateur d'œuvres d'art"]
    typed_with_it = client.get("/api/search/", {"q": "œuvres"}).json()
    assert [result["title"] for result in typed_with_it["results"]] == ["Restaurateur d'œuvres d'art"]
    suggested = client.get("/api/search/autocomplete/", {"q": "oeuv"}).json()
    assert "Restaurateur d'œuvres d'art" in json.dumps(suggested, ensure_ascii=False)
