"""The facet rules: OR within a facet, AND across facets, counts equal to what a click yields."""

from datetime import timedelta

import pytest
from django.utils import timezone

from core.facets import query_string
from knowledge.models import KnowHowPage
from search.models import PageFacetValue
from trades.models import OpportunityPage, TradeProfilePage

pytestmark = pytest.mark.django_db


def ensure_page(parent, model, slug, **fields):
    """Creates and publishes a page; list values are many-to-many relations."""
    relations = {name: value for name, value in fields.items() if isinstance(value, set)}
    page = model(slug=slug, locale=parent.locale, **{k: v for k, v in fields.items() if k not in relations})
    for name, values in relations.items():
        getattr(page, name).set(list(values))
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page, True


def trade(indexes, slug, domains=(), materials=(), title=None):
    page, _ = ensure_page(
        indexes[TradeProfilePage],
        TradeProfilePage,
        slug,
        title=title or slug.replace("-", " ").capitalize(),
        hook="Un métier",
        what_the_work_is=[("paragraph", "<p>Le travail.</p>")],
        domains=set(domains),
        materials=set(materials),
    )
    return page


def values_of(outcome, facet):
    return {
        option.value: option.count
        for result in outcome.facets
        if result.name == facet
        for option in result.options
    }


def test_or_within_a_facet_and_across_facets(search, indexes, taxonomy):
    domain, material = taxonomy["Domain"], taxonomy["Material"]
    trade(indexes, "tailleur-de-pierre", [domain["patrimoine-bati"]], [material["pierre"]])
    trade(indexes, "charpentier", [domain["patrimoine-bati"]], [material["bois"]])
    trade(indexes, "ebeniste", [domain["ameublement-decoration"]], [material["bois"]])

    assert search("material=pierre").count == 1
    assert search("material=pierre&material=bois").count == 3  # OR within a facet
    assert search("material=bois&domain=patrimoine-bati").count == 1  # AND across facets
    outcome = search("material=bois")
    # Counts of "material" ignore its own selection; "domain" applies it.
    assert values_of(outcome, "material") == {"pierre": 1, "bois": 2}
    assert values_of(outcome, "domain") == {"patrimoine-bati": 1, "ameublement-decoration": 1}


def test_every_count_shown_is_what_clicking_yields(search, corpus):
    for base in ["", "q=pierre&kind=trade", "q=metier&kind=know-how&material=bois"]:
        outcome = search(base)
        shown = 0
        for facet in outcome.facets:
            selected = [option.count for option in facet.options if option.selected]
            for option in facet.options:
                assert search(option.only_url.lstrip("?")).count == option.count, (base, option.value)
                if not selected:  # a plain click on a facet with nothing ticked yet
                    assert search(option.toggle_url.lstrip("?")).count == option.count
                elif not option.selected:  # one more value of the facet: OR widens the result
                    widened = search(option.toggle_url.lstrip("?")).count
                    assert outcome.count <= widened <= sum(selected) + option.count
                shown += 1
        assert shown > 10


def test_unknown_values_are_ignored_and_reported(search, corpus):
    outcome = search("domain=nowhere&domain=patrimoine-bati&kind=<b>")
    assert outcome.faceted.selected == {"domain": ["patrimoine-bati"]}
    assert {value for _facet, value in outcome.unknown} == {"nowhere", "<b>"}
    assert outcome.count == search("domain=patrimoine-bati").count


def test_closed_offers_never_appear(search, indexes, taxonomy):
    department = taxonomy["Department"]["sarthe"]
    common = {
        "kind": "internship",
        "host_name": "Atelier",
        "commune": "Le Mans",
        "department": department,
        "description": [],
        "how_to_apply": "<p>CV</p>",
    }
    today = timezone.localdate()
    for slug, closing in [("ouverte", today), ("fermee", today - timedelta(days=1))]:
        ensure_page(
            indexes[OpportunityPage],
            OpportunityPage,
            slug,
            title=f"Stage {slug}",
            closing_date=closing,
            **common,
        )
    outcome = search("department=sarthe")
    assert [result.title for result in outcome.results] == ["Stage ouverte"]
    assert values_of(outcome, "kind") == {"opportunity": 1}
    assert search("q=stage").count == 1


def test_facet_values_follow_publish_unpublish_and_retag(search, indexes, taxonomy):
    material = taxonomy["Material"]
    page = trade(indexes, "couvreur", materials=[material["ardoise"]])
    assert search("material=ardoise").count == 1

    page.materials.set([material["chaume-et-vegetaux"]])
    page.tags.add("lauze")
    page.save_revision().publish()
    assert search("material=ardoise").count == 0
    assert search("material=chaume-et-vegetaux").count == 1
    assert search("q=lauze").count == 1  # tags are saved after post_save: indexed on publish

    page.unpublish()
    assert search("material=chaume-et-vegetaux").count == 0
    assert not PageFacetValue.objects.filter(page_id=page.pk).exists()


def test_english_pages_show_english_labels_and_same_values(search, indexes, taxonomy, locales):
    material = taxonomy["Material"]["pierre"]
    english_material = material.copy_for_translation(locales["en"])
    english_material.name = "Stone"
    english_material.save()
    page = trade(indexes, "tailleur", materials=[material])
    english_home = indexes[TradeProfilePage].get_parent().copy_for_translation(locales["en"])
    english_home.save_revision().publish()
    english_index = indexes[TradeProfilePage].copy_for_translation(locales["en"])
    english_index.save_revision().publish()
    english_page = page.copy_for_translation(locales["en"])
    english_page.title = "Stonemason"
    english_page.save_revision().publish()

    outcome = search("material=pierre", language="en")
    assert [result.title for result in outcome.results] == ["Stonemason"]
    assert [result.url for result in outcome.results] == ["/en/metiers/tailleur/"]
    labels = {
        option.value: option.label for f in outcome.facets if f.name == "material" for option in f.options
    }
    assert labels == {"pierre": "Stone"}


def test_query_string_keeps_other_parameters():
    assert query_string({"q": ["pierre"], "kind": ["trade"]}, kind=["trade", "label"]) == (
        "?q=pierre&kind=trade&kind=label"
    )
    assert query_string({"q": ["pierre"]}, q=None) == "?"


def test_know_how_departments_are_a_facet(search, indexes, taxonomy):
    ensure_page(
        indexes[KnowHowPage],
        KnowHowPage,
        "taille",
        title="Taille de la pierre",
        technique=[],
        sources=[],
        departments={taxonomy["Department"]["maine-et-loire"]},
    )
    assert values_of(search(""), "department") == {"maine-et-loire": 1}


def test_a_long_facet_shows_its_main_values_and_a_link_to_the_others(client, indexes, taxonomy):
    materials = sorted(taxonomy["Material"].values(), key=lambda term: term.slug)[:12]
    assert len(materials) == 12
    for number, material in enumerate(materials):
        # The first material is on every trade: it must stay among the values shown.
        trade(indexes, f"metier-{number}", materials=[materials[0], material])
    html = client.get("/recherche/").content.decode()
    assert html.count('name="material"') == 10
    assert f'id="facet-material-{materials[0].slug}"' in html
    assert 'href="/recherche/?more=material"' in html
    assert "Afficher 2 valeurs de plus" in html

    response = client.get("/recherche/", {"more": "material"})
    expanded = response.content.decode()
    assert expanded.count('name="material"') == 12
    assert 'href="/recherche/?"' in expanded  # back to the shortlist
    assert '<input type="hidden" name="more" value="material">' in expanded  # kept by the form
    # The JSON API always gives every value.
    assert len(client.get("/api/search/").json()["facets"]["material"]) == 12


def test_a_page_made_private_or_deleted_leaves_search_at_once(search, indexes, taxonomy):
    from wagtail.models import PageViewRestriction

    kept = trade(indexes, "charpentier", materials=[taxonomy["Material"]["bois"]])
    private = trade(indexes, "menuisier", materials=[taxonomy["Material"]["bois"]])
    deleted = trade(indexes, "ebeniste", materials=[taxonomy["Material"]["bois"]])
    assert search("material=bois").count == 3

    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    deleted.delete()
    outcome = search("material=bois")
    assert [result.title for result in outcome.results] == [kept.title]
    assert outcome.facets[0].options[0].count == 1  # the kind facet counts the same pages


def test_a_moved_page_is_found_at_its_new_address_at_once(search, indexes, taxonomy):
    page = trade(indexes, "doreur", materials=[taxonomy["Material"]["bois"]])
    assert [result.url for result in search("q=doreur").results] == ["/metiers/doreur/"]
    new_parent = indexes[KnowHowPage]
    page.move(new_parent, pos="last-child")
    assert [result.url for result in search("q=doreur").results] == [f"{new_parent.url}doreur/"]


def test_filtered_results_keep_the_order_of_relevance(search, corpus):
    """With filters, only the pages they leave are ranked: the order must be the one those
    pages have in the unfiltered ranking."""
    for query, filters in [
        ("pierre", "kind=trade"),
        ("chaux", "kind=know-how"),
        ("metier", "domain=patrimoine-bati"),
    ]:
        unfiltered = search(f"q={query}", page_size=100)
        filtered = search(f"q={query}&{filters}", page_size=100)
        assert 1 < filtered.count < unfiltered.count, (query, filters)
        kept = {result.pk for result in filtered.results}
        assert [result.pk for result in filtered.results] == [
            result.pk for result in unfiltered.results if result.pk in kept
        ]
