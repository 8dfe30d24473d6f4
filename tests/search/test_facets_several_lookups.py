"""A facet read through several lookups (Facet.from_lookups): OR between them, items counted once."""

import pytest
from django.http import QueryDict

from core.facets import Facet, FacetedSearch
from trades.models import TradeIndexPage, TradeProfilePage

pytestmark = pytest.mark.django_db


def trade(index, slug, domains, craft_list_domain=None):
    page = TradeProfilePage(
        title=slug,
        slug=slug,
        hook="Un métier",
        what_the_work_is=[("paragraph", "<p>Le travail.</p>")],
        on_craft_list=craft_list_domain is not None,
        craft_list_domain=craft_list_domain,
    )
    page.domains.set(domains)
    index.add_child(instance=page)
    return page


def test_values_from_either_lookup_and_each_item_counted_once(home_page, taxonomy):
    domain = taxonomy["Domain"]
    index = home_page.add_child(instance=TradeIndexPage(title="Métiers", slug="metiers"))
    trade(index, "ferronnier", [domain["metal"]], craft_list_domain=domain["metal"])
    trade(index, "vitrailliste", [domain["patrimoine-bati"]], craft_list_domain=domain["verre-cristal"])
    trade(index, "couvreur", [domain["patrimoine-bati"]])
    facets = [
        Facet.from_lookups(
            "domain", "Domaine", TradeProfilePage, ["domains__slug", "craft_list_domain__slug"]
        )
    ]

    def faceted(query):
        return FacetedSearch.over(TradeProfilePage.objects.all(), facets, QueryDict(query))

    counts = faceted("").counts()["domain"]
    assert counts == {"metal": 1, "patrimoine-bati": 2, "verre-cristal": 1}
    assert {page.slug for page in faceted("domain=verre-cristal").filtered()} == {"vitrailliste"}
    assert faceted("domain=metal&domain=verre-cristal").filtered().count() == 2
    # The counts ignore the facet's own selection.
    assert faceted("domain=metal").counts()["domain"] == counts
