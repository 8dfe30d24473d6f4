"""Reading the uploaded bytes into rows, each with the line it starts on; file-level errors."""

import csv
import io
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .columns import COLUMNS, REQUIRED_COLUMNS

# The admin form's limit, and the command's: the whole file is held in memory while checked.
MAX_FILE_BYTES = 5 * 1024 * 1024
# A NUL byte at the start of a file means a binary file (an image, a .xlsx): not a CSV at all.
BINARY_SNIFF_BYTES = 4096
# Spreadsheets in French save with semicolons, others with commas; tabs and pipes are named
# when they are what separates the columns, since the importer does not read them.
DELIMITERS = [",", ";"]
OTHER_SEPARATORS = {"\t": "tabs", "|": "« | »"}


class ImportFileError(Exception):
    """The file as a whole cannot be read (size, encoding, not CSV, header, quotes)."""


@dataclass
class FileRow:
    # The row's number as a spreadsheet shows it (the header is line 1), not the text line: a
    # cell with paragraphs spans several text lines but is one row.
    line: int
    cells: dict[str, str]
    extra_cells: bool = False


def check_size(size: int) -> None:
    if size > MAX_FILE_BYTES:
        raise ImportFileError(_("The file is larger than 5 MB."))


def decode(content: bytes) -> str:
    if b"\x00" in content[:BINARY_SNIFF_BYTES]:
        raise ImportFileError(_("This file is not a CSV file. Save the spreadsheet as « CSV UTF-8 »."))
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            _(
                "The file is not encoded in UTF-8 (unreadable character on line %(line)s). Save the "
                "spreadsheet as « CSV UTF-8 » and try again."
            )
            % {"line": content[: error.start].count(b"\n") + 1}
        ) from error
    if not text.strip():
        raise ImportFileError(_("The file is empty."))
    return text


def delimiter_of(first_line: str) -> str:
    delimiter = max(DELIMITERS, key=first_line.count)
    other = max(OTHER_SEPARATORS, key=first_line.count)
    if first_line.count(other) > first_line.count(delimiter):
        separator = _("tabs") if other == "\t" else OTHER_SEPARATORS[other]
        raise ImportFileError(
            _(
                "The columns of the first line are separated by %(separator)s: save the spreadsheet "
                "as « CSV UTF-8 », whose columns are separated by commas or semicolons."
            )
            % {"separator": separator}
        )
    return delimiter


def records(text: str, delimiter: str):
    """(line, cells) of each row, blank lines skipped; ImportFileError naming the row of a broken quote."""
    # strict: an unclosed quote, or text after a closing quote, is an error, not a silent merge.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    line = 0
    while True:
        line += 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise ImportFileError(
                _(
                    'Line %(line)s: the quotes (") of a cell do not match: a cell that starts with '
                    "a quote ends with one, and a quote inside a cell is written twice (%(error)s)."
                )
                % {"line": line, "error": error}
            ) from error
        if cells:
            yield line, cells
        else:
            line -= 1  # a blank line is no row


# The working groups' column of files exported before the groups became the agenda's pages.
RETIRED_GROUPS_COLUMN = "groupes_de_travail"


def check_header(header: list[str], delimiter: str) -> None:
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        raise ImportFileError(
            _(
                "The first line must name the columns, separated by « %(separator)s ». Missing: "
                "%(missing)s. Expected columns: %(expected)s."
            )
            % {"separator": delimiter, "missing": ", ".join(missing), "expected": ", ".join(COLUMNS)}
        )
    if RETIRED_GROUPS_COLUMN in header:
        raise ImportFileError(
            _(
                "The column « %(column)s » is no longer read: the members of a working group are chosen "
                "on the group's own page (Pages > Working groups). Remove the column and import again."
            )
            % {"column": RETIRED_GROUPS_COLUMN}
        )
    unknown = [column for column in header if column not in COLUMNS]
    if unknown:
        raise ImportFileError(
            _("Unknown columns: %(unknown)s. Expected columns: %(expected)s.")
            % {"unknown": ", ".join(unknown), "expected": ", ".join(COLUMNS)}
        )


def read_rows(content: bytes) -> list[FileRow]:
    """The rows of a CSV file given as bytes, or ImportFileError with a message an editor understands."""
    check_size(len(content))
    text = decode(content)
    delimiter = delimiter_of(text.splitlines()[0])
    found = records(text, delimiter)
    header = [name.strip().lower() for name in next(found, (1, []))[1]]
    check_header(header, delimiter)
    rows = []
    for line, cells in found:
        rows.append(
            FileRow(
                line=line,
                cells=dict(zip(header, cells, strict=False)),
                extra_cells=len(cells) > len(header),
            )
        )
    return rows
