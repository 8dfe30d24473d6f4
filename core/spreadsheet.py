"""Cells of the files the site exports for spreadsheets (CSV), safe to open, and read back as written.

A spreadsheet runs a cell that starts with = + - @, a tab or a carriage return (even after
spaces) as a formula: an imported name such as ``=HYPERLINK(...)`` would become a link, or a
command, in the hands of whoever opens the export. Such a cell is written behind a quote, as
spreadsheets write text that looks like a formula; ``stored_text`` takes that quote off again, so
that export then import gives back the stored text exactly (a phone « +33 2 40 ... », a
description starting with « - »). Every export of the site writes its cells through
``safe_cell``, every import reads them through ``stored_text``.
"""

import re

# Leading quotes are included so that a text that already starts with quotes gains one more
# (and loses exactly one on reading): the round trip is lossless for every text.
_FORMULA_START = re.compile(r"'*[ ]*[=+\-@\t\r]")
# A plain number (a negative longitude) is no formula: it stays a number for the spreadsheet.
_PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(?:[.,][0-9]+)?")
QUOTE = "'"


def safe_cell(text: str) -> str:
    """The text as an exported cell: behind a quote when a spreadsheet would read a formula."""
    if _FORMULA_START.match(text) and not _PLAIN_NUMBER.fullmatch(text):
        return QUOTE + text
    return text


def stored_text(cell: str) -> str:
    """The text a cell written by ``safe_cell`` stands for (a cell typed by hand is read as is)."""
    if cell.startswith(QUOTE) and _FORMULA_START.match(cell[1:]):
        return cell[1:]
    return cell
