import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from knowledge.models import KnowHowPage
from tests.factories.knowledge import know_how, know_how_index
from tests.factories.trades import trades_linked_to
from tests.helpers import json_ld_blocks
from tests.query_budget import QUERY_BUDGET

pytestmark = pytest.mark.django_db


def know_how_form(**overrides):
    data = {
        "title": "Taille du tuffeau",
        "slug": "taille-du-tuffeau",
        "summary": "Tailler la pierre blanche du Val de Loire.",
        "technique": streamfield([("paragraph", rich_text("<p>Le tuffeau est une craie tendre.</p>"))]),
        "tools": streamfield([("item", "Ripe"), ("item", "Chemin de fer")]),
        "steps": streamfield(
            [
                ("step", {"title": "Tracer l'épure", "text": rich_text("<p>À taille réelle.</p>")}),
                ("step", {"title": "Dégrossir le bloc", "text": rich_text("<p>Au têtu.</p>")}),
            ]
        ),
        "where_practised": "Saumurois et Touraine.",
        "intangible_heritage": "",
        "intangible_heritage_url": "",
        "sources": streamfield(
            [("source", {"title": "Le tuffeau", "author": "PNR", "year": "2015", "url": ""})]
        ),
        "tags": "",
        "comments": {"TOTAL_FORMS": "0", "INITIAL_FORMS": "0", "MIN_NUM_FORMS": "0", "MAX_NUM_FORMS": "0"},
        "action-publish": "action-publish",
    }
    data.update(overrides)
    return nested_form_data(data)


def add_url(parent):
    return reverse("wagtailadmin_pages:add", args=("knowledge", "knowhowpage", parent.pk))


def test_editor_creates_a_know_how_page_that_renders_with_its_how_to(admin_client, home_page, taxonomy):
    index = know_how_index(home_page)
    data = know_how_form()
    data["materials"] = [taxonomy["Material"]["tuffeau"].pk]
    data["departments"] = [taxonomy["Department"]["maine-et-loire"].pk]

    response = admin_client.post(add_url(index), data)

    assert response.status_code == 302, response.context["form"].errors if response.context else response
    page = KnowHowPage.objects.get(slug="taille-du-tuffeau")
    assert page.live
    html = admin_client.get(page.url).content.decode()
    assert "<h1>Taille du tuffeau</h1>" in html
    assert "Tracer l&#x27;épure" in html
    assert "Ripe" in html
    assert "Maine-et-Loire (49)" in html
    assert '<ol class="bibliography">' in html
    assert "<cite>Le tuffeau</cite>, 2015." in html
    (data,) = json_ld_blocks(html)
    assert data["@type"] == "HowTo"
    assert [step["name"] for step in data["step"]] == ["Tracer l'épure", "Dégrossir le bloc"]
    assert data["step"][0] == {
        "@type": "HowToStep",
        "position": 1,
        "name": "Tracer l'épure",
        "text": "À taille réelle.",
    }
    assert {tool["name"] for tool in data["tool"]} == {"Ripe", "Chemin de fer"}
    assert data["supply"] == [{"@type": "HowToSupply", "name": "Tuffeau"}]
    assert data["citation"][0]["name"] == "Le tuffeau"


def test_admin_refuses_a_know_how_page_without_sources(admin_client, home_page):
    index = know_how_index(home_page)

    response = admin_client.post(add_url(index), know_how_form(sources=streamfield([])))

    assert response.status_code == 200
    assert response.context["form"].errors["sources"]
    assert not KnowHowPage.objects.exists()


def test_know_how_without_steps_is_a_creative_work_with_citations(client, home_page):
    index = know_how_index(home_page)
    page = know_how(index, related=0)
    page.sources = [("source", {"title": "Fiche n° 559", "author": "pci-lab", "year": 2024, "url": ""})]
    page.save_revision().publish()

    (data,) = json_ld_blocks(client.get(page.url).content.decode())

    assert data["@type"] == "CreativeWork"
    assert "step" not in data
    assert data["citation"] == [
        {"@type": "CreativeWork", "name": "Fiche n° 559", "author": "pci-lab", "datePublished": "2024"}
    ]


def test_intangible_heritage_status_links_to_its_record(client, home_page):
    page = know_how(know_how_index(home_page))
    page.intangible_heritage = KnowHowPage.IntangibleHeritage.UNESCO
    page.intangible_heritage_url = "https://ich.unesco.org/fr/RL/00260"
    page.save_revision().publish()

    html = client.get(page.url).content.decode()

    assert "Liste représentative de l\u2019UNESCO" in html  # the catalogue's apostrophe
    assert 'href="https://ich.unesco.org/fr/RL/00260"' in html


def test_know_how_page_shows_the_trades_that_use_it(client, home_page):
    page = know_how(know_how_index(home_page))
    trades_linked_to(home_page, 2, know_how_page=page)

    html = client.get(page.url).content.decode()

    assert 'id="related-trades-title"' in html
    assert "Métier metier 0" in html
    assert "Métier metier 1" in html


def test_know_how_query_count_does_not_grow_with_related_items(client, home_page, taxonomy):
    index = know_how_index(home_page)
    small = know_how(index, slug="petit", related=1)
    large = know_how(index, slug="grand", related=30)
    small.materials.set([taxonomy["Material"]["chaux"]])
    large.materials.set(list(taxonomy["Material"].values()))
    small.save_revision().publish()
    large.save_revision().publish()
    trades_linked_to(home_page, 1, know_how_page=small, prefix="un")
    trades_linked_to(home_page, 30, know_how_page=large, prefix="trente")

    # Warm what each process remembers until content changes (the site, each address's route).
    client.get(small.url)
    client.get(large.url)
    with CaptureQueriesContext(connection) as with_one:
        assert client.get(small.url).status_code == 200
    with CaptureQueriesContext(connection) as with_thirty:
        html = client.get(large.url).content.decode()

    assert html.count('class="step"') == 30
    assert "Métier trente 29" in html
    assert len(with_one) == len(with_thirty), [q["sql"] for q in with_thirty.captured_queries]
    assert len(with_thirty) <= QUERY_BUDGET, [q["sql"] for q in with_thirty.captured_queries]
