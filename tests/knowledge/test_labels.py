import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from knowledge.models import LabelPage
from tests.factories.knowledge import label, label_index
from tests.factories.trades import trades_linked_to
from tests.helpers import json_ld_blocks
from tests.query_budget import QUERY_BUDGET

pytestmark = pytest.mark.django_db


def label_form(**overrides):
    data = {
        "title": "Maisons des Illustres",
        "slug": "maisons-des-illustres",
        "summary": "Un label d'État pour les maisons de personnalités.",
        "kind": "label",
        "awarding_body": "Ministère de la Culture",
        "awarding_body_url": "https://www.culture.gouv.fr/",
        "year_created": "2011",
        "legal_status": "Label d'État",
        "legal_reference": "Label créé le 13 septembre 2011",
        "official_url": "",
        "who_may_apply": rich_text("<p>Les maisons où a vécu une personnalité.</p>"),
        "what_it_attests": "La transmission de la mémoire d'une personnalité.",
        "requirements": streamfield([("item", "Ouvrir au public au moins 40 jours par an")]),
        "recommendations": streamfield([("item", "Proposer une médiation adaptée aux jeunes")]),
        "award_procedure": rich_text("<p>Dossier déposé auprès de la DRAC.</p>"),
        "probation": rich_text(""),
        "withdrawal": rich_text("<p>Retrait si les conditions ne sont plus remplies.</p>"),
        "validity": "5 ans renouvelable",
        "aid_and_tax_relief": rich_text(""),
        "tags": "",
        "comments": {"TOTAL_FORMS": "0", "INITIAL_FORMS": "0", "MIN_NUM_FORMS": "0", "MAX_NUM_FORMS": "0"},
        "action-publish": "action-publish",
    }
    data.update(overrides)
    return nested_form_data(data)


def add_url(parent):
    return reverse("wagtailadmin_pages:add", args=("knowledge", "labelpage", parent.pk))


def section(html: str, heading_id: str) -> str:
    """The HTML of the <section> labelled by the given heading."""
    start = html.index(f'aria-labelledby="{heading_id}"')
    return html[start : html.index("</section>", start)]


def test_editor_creates_a_label_with_requirements_apart_from_recommendations(admin_client, home_page):
    index = label_index(home_page)

    response = admin_client.post(add_url(index), label_form())

    assert response.status_code == 302
    page = LabelPage.objects.get(slug="maisons-des-illustres")
    html = admin_client.get(page.url).content.decode()
    requirements = section(html, "requirements-title")
    recommendations = section(html, "recommendations-title")
    assert '<h2 id="requirements-title">' in requirements
    assert "Ouvrir au public au moins 40 jours par an" in requirements
    assert "Proposer une médiation" not in requirements
    assert "Proposer une médiation adaptée aux jeunes" in recommendations
    assert "40 jours" not in recommendations
    procedure = section(html, "procedure-title")
    assert "Dossier déposé auprès de la DRAC." in procedure
    assert "Retrait si les conditions" in procedure
    assert "5 ans renouvelable" in procedure
    assert '<a href="https://www.culture.gouv.fr/">Ministère de la Culture</a>' in html
    assert "2011" in html

    (data,) = json_ld_blocks(html)
    assert data["@type"] == "CreativeWork"
    assert data["about"]["@type"] == "DefinedTerm"
    assert data["sourceOrganization"] == {
        "@type": "Organization",
        "name": "Ministère de la Culture",
        "url": "https://www.culture.gouv.fr/",
    }
    assert data["dateCreated"] == "2011"


def test_label_without_requirements_is_refused(admin_client, home_page):
    index = label_index(home_page)

    response = admin_client.post(add_url(index), label_form(requirements=streamfield([])))

    assert response.status_code == 200
    assert response.context["form"].errors["requirements"]
    assert not LabelPage.objects.exists()


def test_label_query_count_does_not_grow_with_requirements_and_trades(client, home_page):
    index = label_index(home_page)
    small = label(index, slug="petit", requirements=1)
    large = label(index, slug="grand", requirements=30)
    trades_linked_to(home_page, 1, label_page=small, prefix="un")
    trades_linked_to(home_page, 30, label_page=large, prefix="trente")

    # Warm what each process remembers until content changes (the site, each address's route).
    client.get(small.url)
    client.get(large.url)
    with CaptureQueriesContext(connection) as with_one:
        client.get(small.url)
    with CaptureQueriesContext(connection) as with_thirty:
        html = client.get(large.url).content.decode()

    assert "Exigence 29" in html
    assert "Métier trente 29" in html
    assert len(with_one) == len(with_thirty), [q["sql"] for q in with_thirty.captured_queries]
    assert len(with_thirty) <= QUERY_BUDGET, [q["sql"] for q in with_thirty.captured_queries]
