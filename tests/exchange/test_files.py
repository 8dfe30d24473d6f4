"""Broken files: each is refused with a clear message, and nothing is written."""

import io
import zipfile

import pytest
from wagtail.models import Revision

from agenda.bulk import EventExchange
from agenda.models import EventPage
from core.exchange.files import ImportFileError
from trades.bulk import OfferExchange, TradeExchange
from trades.models import OpportunityPage, TradeProfilePage

from .conftest import csv_bytes, read_csv, with_cell, xlsx_bytes

pytestmark = pytest.mark.django_db


def unchanged(model):
    return model.objects.count(), Revision.objects.count()


def refused(exchange, content, filename=""):
    with pytest.raises(ImportFileError) as raised:
        exchange.import_file(content, filename=filename)
    return str(raised.value)


def test_broken_files_are_refused_whole(trades_content):
    exchange = TradeExchange()
    before = unchanged(TradeProfilePage)
    latin1 = "titre,accroche,le_metier\nCharpentier,Lever les charpentes,Il équarrit\n".encode("latin-1")
    assert "UTF-8" in refused(exchange, latin1)
    assert "ligne 2" in refused(exchange, latin1)
    missing = csv_bytes(["titre", "le_metier"], [["Charpentier", "Il assemble."]])
    message = refused(exchange, missing)
    assert "Manquantes : accroche" in message or "accroche" in message
    assert "Colonnes inconnues" in refused(exchange, csv_bytes(["titre", "accroche", "le_metier", "age"], []))
    assert "pas un fichier CSV" in refused(exchange, b"titre\x00accroche\n")
    assert "XLSX" in refused(exchange, b"PK\x03\x04 not really a zip", filename="metiers.xlsx")
    assert "XLSX" in refused(exchange, b"titre,accroche", filename="metiers.xlsx")
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as empty_zip:
        empty_zip.writestr("hello.txt", "not a workbook")
    assert "XLSX" in refused(exchange, archive.getvalue(), filename="metiers.xlsx")
    assert "vide" in refused(exchange, b"")
    assert "guillemets" in refused(exchange, b'titre,accroche,le_metier\n"Charpentier,x,y\n')
    assert unchanged(TradeProfilePage) == before


def test_a_nul_character_in_a_cell_names_its_line(trades_content):
    before = unchanged(TradeProfilePage)
    # Past the first 4 KB (where a NUL byte means a binary file): a NUL in one cell of line 3.
    content = csv_bytes(
        ["titre", "accroche", "le_metier"],
        [["Charpentier", "Lever les charpentes.", "x" * 5000], ["Couvreur", "Couvrir\x00", "Texte"]],
    )
    result = TradeExchange().import_file(content)
    assert [(error.line, error.column) for error in result.errors] == [(3, "accroche")]
    assert "NUL" in str(result.errors[0])
    assert unchanged(TradeProfilePage) == before


def test_an_offer_with_an_unknown_actor_or_a_bad_date_is_refused(offers_content):
    exchange = OfferExchange()
    exported = exchange.export_file("csv")
    before = unchanged(OpportunityPage)
    broken = with_cell(exported, "csv", 2, "acteur", "atelier-inconnu")
    broken = with_cell(broken, "csv", 3, "date_limite", "31 février")
    result = exchange.import_file(broken)
    assert [(error.line, error.column) for error in result.errors] == [(2, "acteur"), (3, "date_limite")]
    assert "« atelier-inconnu »" in str(result.errors[0])
    assert "« 31 février »" in str(result.errors[1])
    assert unchanged(OpportunityPage) == before


def test_an_event_with_an_unknown_commune_or_a_bad_time_is_refused(events_content):
    exchange = EventExchange()
    exported = exchange.export_file("csv")
    before = unchanged(EventPage)
    broken = with_cell(exported, "csv", 2, "commune", "Atlantis")
    broken = with_cell(broken, "csv", 3, "fin", "2027-13-01 25:00")
    result = exchange.import_file(broken)
    assert [(error.line, error.column) for error in result.errors] == [(2, "commune"), (3, "fin")]
    assert "Atlantis" in str(result.errors[0])
    assert unchanged(EventPage) == before
    # A commune by its code alone, or its name alone, is found.
    fixed = with_cell(exported, "csv", 2, "commune", "44109")
    result = exchange.import_file(fixed)
    assert (result.errors, result.updated) == ([], 1)
    assert EventPage.objects.get(slug="journee-fontevraud").commune.name == "Nantes"


def test_two_lines_with_one_slug_are_refused(trades_content):
    exchange = TradeExchange()
    header, rows = read_csv(exchange.export_file("csv"))
    table = [[row[name] for name in header] for row in rows]
    result = exchange.import_file(xlsx_bytes(header, [table[0], table[0]]), filename="metiers.xlsx")
    assert [(error.line, error.column) for error in result.errors] == [(3, "slug")]


def test_new_pages_go_under_the_french_index(trades_content, locales):
    exchange = TradeExchange()
    header = ["titre", "accroche", "le_metier", "mots_cles"]
    content = xlsx_bytes(header, [["Tailleur de pierre", "Une autre accroche.", "Texte.", "pierre | taille"]])
    result = exchange.import_file(content, filename="metiers.xlsx")
    assert (result.errors, result.created) == ([], 1)
    page = TradeProfilePage.objects.get(slug="tailleur-de-pierre-2")
    assert page.get_parent().specific == trades_content["first"].get_parent().specific
    assert page.locale == locales["fr"]
    assert page.live
    assert sorted(tag.name for tag in page.tags.all()) == ["pierre", "taille"]
