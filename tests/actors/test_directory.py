import json
import re

import pytest

from actors.geo import in_region
from actors.models import ActorPage
from core.generation import content_changed
from tests.factories import actors as actor_factories
from tests.factories import knowledge as knowledge_factories
from tests.factories import trades as trade_factories
from tests.helpers import queries_to_render
from tests.query_budget import QUERY_BUDGET


@pytest.fixture
def small_directory(directory, communes, departments, taxonomy, home_page, trade_index):
    stone = trade_factories.trade(trade_index, taxonomy)
    roof = trade_factories.trade(trade_index, taxonomy, slug="couvreur", title="Couvreur")
    master = knowledge_factories.label(knowledge_factories.label_index(home_page), title="Maître d'art")
    metal = taxonomy["Domain"]["metal"]
    built = taxonomy["Domain"]["patrimoine-bati"]
    make = actor_factories.actor
    make(
        directory,
        communes["Saumur"],
        departments["49"],
        "Taille du Saumurois",
        trades_practised=[stone],
        domains=[built],
        labels=[master],
        is_member=True,
    )
    make(
        directory,
        communes["Angers"],
        departments["49"],
        "CFA d'Angers",
        kind=ActorPage.Kind.SCHOOL,
        trades_taught=[stone, roof],
        domains=[built],
    )
    make(
        directory,
        communes["Nantes"],
        departments["44"],
        "Forge nantaise",
        domains=[metal, built],
        is_member=True,
    )
    make(
        directory,
        communes["Laval"],
        departments["53"],
        "Couvreurs lavallois",
        trades_practised=[roof],
        trades_taught=[roof],
        domains=[built],
    )
    make(directory, communes["Vouvant"], departments["85"], "Brouillon", live=False)
    return directory


def listed_names(html):
    return re.findall(r'<h3 class="card__title"><a href="[^"]+">([^<]+)</a></h3>', html)


def facet_options(html):
    """{(facet, value): count} as the filter form shows them."""
    pattern = r'name="(\w+)" value="([\w-]+)"[^>]*>\s*<label[^>]*>[^<]*<span class="facet__count">\((\d+)'
    return {(name, value): int(count) for name, value, count in re.findall(pattern, html)}


@pytest.mark.django_db
def test_directory_lists_live_actors_with_the_map_and_its_text_alternative(client, small_directory):
    response = client.get("/annuaire/")
    html = response.content.decode()
    assert response.status_code == 200
    assert sorted(listed_names(html)) == sorted(
        ["CFA d&#x27;Angers", "Couvreurs lavallois", "Forge nantaise", "Taille du Saumurois"]
    )
    assert 'href="#actor-list"' in html  # skip the map
    assert 'role="region" aria-label="Carte des acteurs"' in html
    assert 'id="actor-list"' in html
    assert "/api/actors.geojson?lang=fr" in html
    assert "dist/js/map.js" in html
    assert '"@type": "CollectionPage"' in html


@pytest.mark.django_db
def test_each_facet_count_is_what_following_it_gives(client, small_directory):
    html = client.get("/annuaire/").content.decode()
    options = facet_options(html)
    assert options[("department", "maine-et-loire")] == 2
    assert options[("trade", "couvreur")] == 2  # taught by one, taught and practised by the other
    assert options[("member", "yes")] == 2
    for (name, value), count in options.items():
        followed = client.get(f"/annuaire/?{name}={value}").content.decode()
        assert len(listed_names(followed)) == count, (name, value)


@pytest.mark.django_db
def test_filters_or_within_a_facet_and_across_facets(client, small_directory):
    html = client.get("/annuaire/?department=maine-et-loire&department=mayenne").content.decode()
    assert len(listed_names(html)) == 3
    html = client.get(
        "/annuaire/?department=maine-et-loire&department=mayenne&trade=tailleur-de-pierre"
    ).content.decode()
    assert sorted(listed_names(html)) == ["CFA d&#x27;Angers", "Taille du Saumurois"]
    options = facet_options(html)
    # The department counts ignore the department selection but apply the trade one.
    assert options[("department", "maine-et-loire")] == 2
    assert ("department", "mayenne") not in options or options[("department", "mayenne")] == 0
    # A chip removes its own filter; the last one removes them all (the search page's chips).
    assert '<a class="chip" href="/annuaire/?department=maine-et-loire&amp;department=mayenne">' in html
    assert '<a class="chip chip--clear" href="/annuaire/">Retirer tous les filtres</a>' in html


@pytest.mark.django_db
def test_unknown_filter_values_are_reported_not_an_error(client, small_directory):
    response = client.get("/annuaire/?kind=spaceship&department=%3Cscript%3E")
    assert response.status_code == 200
    assert len(listed_names(response.content.decode())) == 4
    assert "spaceship" in response.content.decode()


@pytest.mark.django_db
def test_geojson_is_a_valid_filtered_feature_collection_inside_the_region(client, small_directory):
    response = client.get("/api/actors.geojson?department=maine-et-loire")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/geo+json")
    collection = json.loads(response.content)
    assert collection["type"] == "FeatureCollection"
    assert {feature["properties"]["name"] for feature in collection["features"]} == {
        "Taille du Saumurois",
        "CFA d'Angers",
    }
    for feature in collection["features"]:
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] == "Point"
        longitude, latitude = feature["geometry"]["coordinates"]
        assert in_region(latitude, longitude)  # [longitude, latitude] order, as GeoJSON says
        assert feature["properties"]["url"].startswith("/annuaire/")
    everything = json.loads(client.get("/api/actors.geojson").content)
    assert len(everything["features"]) == 4  # the draft is not on the map


@pytest.mark.django_db
def test_embed_view_may_be_framed_but_the_directory_may_not(client, small_directory):
    embed = client.get("/annuaire/carte/?department=maine-et-loire")
    assert embed.status_code == 200
    assert "X-Frame-Options" not in embed
    assert "frame-ancestors *" in embed["Content-Security-Policy"]
    assert "department=maine-et-loire" in embed.content.decode()
    page = client.get("/annuaire/")
    assert page["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'self'" in page["Content-Security-Policy"]


@pytest.mark.django_db
def test_tile_server_is_allowed_by_the_content_security_policy(client, small_directory, settings):
    policy = client.get("/annuaire/")["Content-Security-Policy"]
    img_src = next(part for part in policy.split(";") if part.strip().startswith("img-src"))
    assert settings.MAP_TILE_ORIGIN in img_src
    assert "unsafe-inline" not in policy


@pytest.mark.django_db
def test_directory_and_geojson_queries_do_not_grow_with_the_number_of_actors(
    client, directory, communes, departments, taxonomy, home_page, trade_index
):
    stone = trade_factories.trade(trade_index, taxonomy)
    master = knowledge_factories.label(knowledge_factories.label_index(home_page), title="Maître d'art")
    built = taxonomy["Domain"]["patrimoine-bati"]
    links = {"domains": [built], "trades": [stone], "labels": [master]}
    actor_factories.bulk_actors(directory, 40, communes["Nantes"], departments["44"], **links)
    urls = [
        "/annuaire/",
        "/annuaire/?trade=tailleur-de-pierre&kind=company",
        "/api/actors.geojson",
        "/api/actors.geojson?department=loire-atlantique",
        "/annuaire/export/",
    ]
    client.get(urls[0])  # warm the caches (site root paths, content types)
    with_40 = [queries_to_render(client, url) for url in urls]
    actor_factories.bulk_actors(directory, 360, communes["Laval"], departments["53"], start=40, **links)
    with_400 = [queries_to_render(client, url) for url in urls]
    assert with_40 == with_400
    # The pages and the map's GeoJSON keep to the budget; the CSV export (a download for editors
    # of other sites, not a page) stays constant only.
    assert max(with_400[:4]) <= QUERY_BUDGET, with_400
    assert len(json.loads(client.get("/api/actors.geojson").content)["features"]) == 400


@pytest.mark.django_db
def test_the_commune_centres_are_credited_where_they_stand_in_for_a_position(client, small_directory):
    # The map credits them (map.js adds this text to its attribution when an actor it shows is
    # flagged approximate in the GeoJSON; the browser test sees it there).
    html = client.get("/annuaire/").content.decode()
    assert (
        'data-commune-credit="Positions approximatives : centre de la commune (IGN ADMIN EXPRESS, INSEE — '
        "&lt;a href=&quot;https://www.etalab.gouv.fr/licence-ouverte-open-licence/&quot;&gt;"
        'Licence Ouverte 2.0&lt;/a&gt;)"'
    ) in html
    features = client.get("/api/actors.geojson").json()["features"]
    assert any(feature["properties"]["approximate"] for feature in features)
    # So does the page of an actor shown at its commune's centre.
    actor = ActorPage.objects.filter(approximate_location=True).first()
    assert "IGN ADMIN EXPRESS, INSEE" in client.get(actor.url).content.decode()
    ActorPage.objects.filter(pk=actor.pk).update(approximate_location=False)
    content_changed()  # what a save would do: the process keeps pages until content changes
    assert "IGN ADMIN EXPRESS, INSEE" not in client.get(actor.url).content.decode()
