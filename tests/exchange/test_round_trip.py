"""Offers and events in bulk: export then import changes nothing; one cell edited, one revision."""

import pytest
from wagtail.models import Revision

from agenda.bulk import EventExchange
from agenda.models import EventPage
from trades.bulk import OfferExchange
from trades.models import OpportunityPage

from .conftest import read_csv, read_xlsx, with_cell

pytestmark = pytest.mark.django_db

KINDS = {
    "offres": (OfferExchange, OpportunityPage, "offers_content", "date_limite", "2031-01-31"),
    "evenements": (EventExchange, EventPage, "events_content", "debut", "14/03/2027 10h00"),
}


def revisions(model):
    return Revision.objects.filter(content_type__model=model._meta.model_name).count()


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
@pytest.mark.parametrize("kind", KINDS)
def test_round_trip(request, kind, file_format):
    exchange_class, model, fixture, column, value = KINDS[kind]
    request.getfixturevalue(fixture)
    exchange = exchange_class()
    exported = exchange.export_file(file_format)
    stored = {page.slug: page for page in model.objects.all()}
    before = revisions(model)
    result = exchange.import_file(exported, filename=f"{kind}.{file_format}")
    assert result.errors == []
    assert (result.created, result.updated, result.unchanged) == (0, 0, 2)
    assert revisions(model) == before
    # The file exported again is the same file.
    assert (read_xlsx if file_format == "xlsx" else read_csv)(exchange.export_file(file_format)) == (
        read_xlsx if file_format == "xlsx" else read_csv
    )(exported)
    edited = with_cell(exported, file_format, 2, column, value)
    result = exchange.import_file(edited, filename=f"{kind}.{file_format}")
    assert result.errors == []
    assert [(outcome.action, outcome.columns) for outcome in result.outcomes] == [
        ("update", [column]),
        ("unchanged", []),
    ]
    assert revisions(model) == before + 1
    first_slug = model.objects.order_by("path").first().slug
    changed = model.objects.get(slug=first_slug)
    assert changed.latest_revision.created_at > stored[first_slug].latest_revision.created_at
    for slug, page in stored.items():
        if slug != first_slug:
            assert model.objects.get(slug=slug).latest_revision_id == page.latest_revision_id


def test_offer_fields_survive_the_round_trip(offers_content):
    exchange = OfferExchange()
    exchange.import_file(exchange.export_file("xlsx"), filename="offres.xlsx")
    offer = OpportunityPage.objects.get(slug=offers_content["first"].slug)
    assert offer.host_actor == offers_content["host"]
    assert offer.how_to_apply == "<p>Envoyer une lettre à <b>Jeanne</b>.</p>"
    assert [tag.name for tag in offer.tags.all()] == ["tuffeau"]
    _header, rows = read_csv(exchange.export_file("csv"))
    assert rows[0]["acteur"] == "atelier-de-la-pierre"
    assert rows[0]["departement"] == "49"
    assert rows[1]["date_debut"] == ""


def test_event_fields_survive_the_round_trip(events_content):
    exchange = EventExchange()
    _header, rows = read_csv(exchange.export_file("csv"))
    first = rows[0]
    assert first["debut"] == "2027-03-14 09:30"
    assert first["commune"] == "Fontevraud-l'Abbaye (49140)"
    assert first["organisateurs"] == "pole"
    assert first["groupe_de_travail"] == "transmission"
    # A programme whose title starts with « + » is no formula in the spreadsheet.
    assert "+ Accueil" in first["programme"]
    assert first["adresses_organisateurs"] == "a@example.org\nb@example.org"
    result = exchange.import_file(exchange.export_file("csv"))
    assert (result.errors, result.unchanged) == ([], 2)
