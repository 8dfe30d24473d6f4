"""Trade profiles in bulk: export, import, round trip (CSV and XLSX), broken files."""

import pytest
from wagtail.models import Revision

from trades.bulk import TradeExchange
from trades.models import TradeProfilePage

from .conftest import csv_bytes, read_csv, read_xlsx, with_cell

pytestmark = pytest.mark.django_db


def revisions():
    return Revision.objects.filter(content_type__model="tradeprofilepage").count()


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_export_then_import_changes_nothing_and_one_edited_cell_one_revision(trades_content, file_format):
    exchange = TradeExchange()
    exported = exchange.export_file(file_format)
    before = revisions()
    result = exchange.import_file(exported, filename=f"metiers.{file_format}")
    assert result.errors == []
    assert (result.created, result.updated, result.unchanged) == (0, 0, 2)
    assert revisions() == before
    # One cell edited: exactly that page gets a new revision, the other none.
    edited = with_cell(exported, file_format, 3, "accroche", "Faire chanter la lumière.")
    result = exchange.import_file(edited, filename=f"metiers.{file_format}")
    assert result.errors == []
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    assert [outcome.columns for outcome in result.outcomes if outcome.action == "update"] == [["accroche"]]
    assert revisions() == before + 1
    second = TradeProfilePage.objects.get(slug="vitrailliste")
    assert second.hook == "Faire chanter la lumière."
    assert second.latest_revision.content["hook"] == "Faire chanter la lumière."
    # Everything else came back as stored.
    first = TradeProfilePage.objects.get(slug=trades_content["first"].slug)
    assert first.employers == "- Entreprises de restauration\n- Monuments historiques"
    assert sorted(tag.name for tag in first.tags.all()) == ["chantier", "tuffeau"]
    assert list(first.related_labels.all()) == [trades_content["label"]]
    # And the edited file, imported again, changes nothing more.
    result = exchange.import_file(edited, filename=f"metiers.{file_format}")
    assert (result.updated, result.unchanged) == (0, 2)
    assert revisions() == before + 1


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_export_neutralises_formulas(trades_content, file_format):
    exported = TradeExchange().export_file(file_format)
    header, rows = (read_xlsx if file_format == "xlsx" else read_csv)(exported)
    first = next(row for row in rows if row["slug"] == trades_content["first"].slug)
    assert first["resume"] == '\'=HYPERLINK("http://evil.example")'
    assert first["employeurs"].startswith("'- Entreprises")
    assert header[:3] == ["slug", "titre", "resume"]


def test_a_broken_row_names_its_line_and_nothing_is_written(trades_content):
    exchange = TradeExchange()
    header = ["titre", "accroche", "le_metier", "domaines", "situation_regionale", "code_rome"]
    content = csv_bytes(
        header,
        [
            [
                "Charpentier",
                "Lever les charpentes.",
                "Il assemble le bois.",
                "patrimoine-bati",
                "recrute",
                "",
            ],
            ["Couvreur", "", "Il couvre.", "inconnu", "florissant", "X12"],
        ],
    )
    pages, before = TradeProfilePage.objects.count(), revisions()
    result = exchange.import_file(content)
    messages = [str(error) for error in result.errors]
    assert all(message.startswith("Ligne 3") for message in messages), messages
    assert any("domaines" in message and "inconnu" in message for message in messages)
    assert any("situation_regionale" in message and "florissant" in message for message in messages)
    assert any("accroche" in message for message in messages)
    assert any("code_rome" in message for message in messages)
    assert (TradeProfilePage.objects.count(), revisions()) == (pages, before)
    # Without the bad line, the first is created, published, with its paragraph as a block.
    result = exchange.import_file(
        csv_bytes(
            header,
            content.decode().splitlines()[1:2]
            and [
                [
                    "Charpentier",
                    "Lever les charpentes.",
                    "Il assemble le bois.",
                    "patrimoine-bati",
                    "recrute",
                    "",
                ]
            ],
        )
    )
    assert (result.errors, result.created) == ([], 1)
    page = TradeProfilePage.objects.get(slug="charpentier")
    assert page.live
    assert page.what_the_work_is[0].block_type == "paragraph"
    assert [domain.slug for domain in page.domains.all()] == ["patrimoine-bati"]
