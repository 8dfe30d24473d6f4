"""Editors create every trades page type through the Wagtail admin; bad input is a form error."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from tests.factories import trades as trade_factories
from tests.helpers import json_ld_of
from trades.models import OpportunityIndexPage, OpportunityPage, TradeIndexPage, TradeProfilePage


def add_url(model, parent):
    return reverse("wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, parent.pk])


def publish(admin_client, model, parent, data):
    return admin_client.post(add_url(model, parent), {**data, "action-publish": "action-publish"})


def trade_form_data(taxonomy, **overrides):
    level = taxonomy["TrainingLevel"]["niveau-3"]
    data = {
        "title": "Vitrailliste",
        "slug": "vitrailliste",
        "summary": "Le vitrail, de la maquette à la pose.",
        "name_feminine": "Vitrailliste",
        "synonyms": "Maître verrier, Peintre verrier",
        "hook": "Faire entrer la lumière en couleurs.",
        "tags": "vitrail",
        "what_the_work_is": streamfield(
            [("paragraph", rich_text("<p>Il coupe, peint et sertit le verre.</p>"))]
        ),
        "daily_tasks": streamfield([]),
        "skills": streamfield([("heading", {"text": "Savoir dessiner", "level": "h3"})]),
        "working_conditions": streamfield([]),
        "employers": "Ateliers de vitrail.",
        "rome_code": "B1618",
        "rome_label": "Vitrailliste",
        "on_craft_list": "on",
        "craft_list_domain": taxonomy["Domain"]["architecture-jardins"].pk,
        "training_paths": inline_formset(
            [
                {
                    "diploma": "CAP arts et techniques du verre option vitrailliste",
                    "rncp_code": "RNCP37302",
                    "level": level.pk,
                    "duration": "2 ans",
                    "apprenticeship": "on",
                    "school_name": "Un CFA du verre",
                    "school_url": "",
                }
            ]
        ),
        "regional_status": "stable",
        "status_reason": "Des ateliers petits mais actifs.",
        "comments": inline_formset([]),
    }
    data.update(overrides)
    # Multiple choices are lists of values, which nested_form_data would flatten.
    return nested_form_data(data) | {
        "domains": [taxonomy["Domain"]["architecture-jardins"].pk],
        "materials": [taxonomy["Material"]["verre"].pk],
    }


def opportunity_form_data(taxonomy, trade, **overrides):
    today = timezone.localdate()
    data = {
        "title": "Stage en atelier de vitrail",
        "slug": "stage-vitrail",
        "summary": "Deux mois dans un atelier de vitrail.",
        "kind": "internship",
        "host_name": "Atelier du Vieux-Mans",
        "host_url": "https://example.org/atelier",
        "commune": "Le Mans",
        "department": taxonomy["Department"]["sarthe"].pk,
        "start_date": (today + datetime.timedelta(days=40)).isoformat(),
        "duration": "2 mois",
        "contract_kind": taxonomy["ContractKind"]["convention-de-stage"].pk,
        "level": taxonomy["TrainingLevel"]["niveau-4"].pk,
        "closing_date": (today + datetime.timedelta(days=9)).isoformat(),
        "description": streamfield([("paragraph", rich_text("<p>Coupe du verre et mise en plomb.</p>"))]),
        "how_to_apply": rich_text("<p>Écrire à l'atelier.</p>"),
        "application_url": "https://example.org/postuler",
        "application_email": "",
        "tags": "",
        "comments": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data) | {"related_trades": [trade.pk]}


@pytest.mark.django_db
def test_editor_creates_a_trade_profile_that_renders_with_its_json_ld(
    admin_client, client, taxonomy, trade_index
):
    response = publish(admin_client, TradeProfilePage, trade_index, trade_form_data(taxonomy))
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    page = TradeProfilePage.objects.get(slug="vitrailliste")
    assert page.live
    assert page.training_paths.get().rncp_code == "RNCP37302"
    assert [domain.slug for domain in page.domains.all()] == ["architecture-jardins"]

    html = client.get(page.url).content.decode()
    assert "Il coupe, peint et sertit le verre." in html
    assert "CAP arts et techniques du verre option vitrailliste" in html
    assert "B1618" in html
    data = json_ld_of(html)
    assert data["@type"] == "Occupation"
    assert data["occupationalCategory"]["codeValue"] == "B1618"
    assert data["alternateName"] == ["Maître verrier", "Peintre verrier"]
    assert data["educationRequirements"][0]["identifier"]["value"] == "RNCP37302"


@pytest.mark.django_db
def test_editor_creates_an_opportunity_that_renders_with_its_json_ld(
    admin_client, client, taxonomy, trade_index, opportunity_index
):
    trade = trade_factories.trade(trade_index, taxonomy)
    response = publish(
        admin_client, OpportunityPage, opportunity_index, opportunity_form_data(taxonomy, trade)
    )
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    page = OpportunityPage.objects.get(slug="stage-vitrail")
    assert list(page.related_trades.all()) == [trade]

    html = client.get(page.url).content.decode()
    assert "Coupe du verre et mise en plomb." in html
    assert "Atelier du Vieux-Mans" in html
    data = json_ld_of(html)
    assert data["@type"] == "JobPosting"
    assert data["employmentType"] == "INTERN"
    assert data["hiringOrganization"]["name"] == "Atelier du Vieux-Mans"
    assert data["jobLocation"]["address"]["addressLocality"] == "Le Mans"
    closing = datetime.datetime.fromisoformat(data["validThrough"])
    assert closing.date() == page.closing_date
    assert closing.utcoffset() is not None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("model", "slug", "title"),
    [(TradeIndexPage, "metiers", "Métiers"), (OpportunityIndexPage, "offres", "Offres jeunes pros")],
)
def test_editor_creates_an_index_page_that_renders_with_its_json_ld(
    admin_client, client, home_page, model, slug, title
):
    data = nested_form_data(
        {"title": title, "slug": slug, "summary": "Une liste.", "comments": inline_formset([])}
    )
    response = publish(admin_client, model, home_page, data)
    assert response.status_code == 302
    page = model.objects.get(slug=slug)
    html = client.get(page.url).content.decode()
    assert f"<h1>{title}</h1>" in html
    data = json_ld_of(html)
    assert data["@type"] == "CollectionPage"
    assert data["mainEntity"]["@type"] == "ItemList"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"rome_code": "F16"}, "rome_code"),
        ({"rome_code": "Z1234"}, "rome_code"),
        ({"craft_list_domain": "", "on_craft_list": "", "rome_code": "f1612"}, "rome_code"),
    ],
)
def test_a_bad_rome_code_is_a_form_error(admin_client, taxonomy, trade_index, overrides, field):
    response = publish(admin_client, TradeProfilePage, trade_index, trade_form_data(taxonomy, **overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not TradeProfilePage.objects.exists()


@pytest.mark.django_db
def test_a_bad_rncp_number_is_a_form_error(admin_client, taxonomy, trade_index):
    data = trade_form_data(taxonomy)
    data["training_paths-0-rncp_code"] = "38310"
    response = publish(admin_client, TradeProfilePage, trade_index, data)
    assert response.status_code == 200
    formset = response.context["form"].formsets["training_paths"]
    assert "rncp_code" in formset.forms[0].errors
    assert not TradeProfilePage.objects.exists()


@pytest.mark.django_db
def test_a_craft_list_domain_without_the_tick_is_a_form_error(admin_client, taxonomy, trade_index):
    response = publish(
        admin_client, TradeProfilePage, trade_index, trade_form_data(taxonomy, on_craft_list="")
    )
    assert response.status_code == 200
    assert "craft_list_domain" in response.context["form"].errors


@pytest.mark.django_db
def test_an_opportunity_without_a_closing_date_is_a_form_error(
    admin_client, taxonomy, trade_index, opportunity_index
):
    trade = trade_factories.trade(trade_index, taxonomy)
    data = opportunity_form_data(taxonomy, trade, closing_date="pas une date")
    response = publish(admin_client, OpportunityPage, opportunity_index, data)
    assert response.status_code == 200
    assert "closing_date" in response.context["form"].errors


def preview(admin_client, page, data):
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    assert admin_client.post(url, data).json()["is_valid"]
    return admin_client.get(url)


@pytest.mark.django_db
def test_editor_previews_a_trade_profile_with_unsaved_links(admin_client, taxonomy, trade_index):
    trade = trade_factories.trade(trade_index, taxonomy)
    response = preview(admin_client, trade, trade_form_data(taxonomy, title="Tailleur (aperçu)"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tailleur (aperçu)" in html
    assert "CAP arts et techniques du verre option vitrailliste" in html


@pytest.mark.django_db
def test_editor_previews_an_opportunity_with_unsaved_links(
    admin_client, taxonomy, trade_index, opportunity_index
):
    trade = trade_factories.trade(trade_index, taxonomy)
    offer = trade_factories.opportunity(opportunity_index, taxonomy)
    response = preview(admin_client, offer, opportunity_form_data(taxonomy, trade, slug=offer.slug))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Stage en atelier de vitrail" in html
    assert f'href="{trade.url}"' in html
