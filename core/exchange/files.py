"""Reading an uploaded file (CSV or XLSX) into rows, each with the line it starts on; the errors of
the file as a whole, of one line, and the outcome of an import.

Everything an editor is told is French (through the catalogue) and names what to do.
"""

import csv
import datetime
import io
import zipfile
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# The admin form's limit, and the command's: the whole file is held in memory while checked.
MAX_FILE_BYTES = 5 * 1024 * 1024
# A NUL byte at the start of a file means a binary file (an image, a .xlsx): not a CSV at all.
BINARY_SNIFF_BYTES = 4096
# Spreadsheets in French save with semicolons, others with commas; tabs and pipes are named
# when they are what separates the columns, since the importer does not read them.
DELIMITERS = [",", ";"]
OTHER_SEPARATORS = {"\t": "tabs", "|": "« | »"}
# Every .xlsx file is a zip archive, which starts with these bytes.
ZIP_MAGIC = b"PK\x03\x04"

CSV = "csv"
XLSX = "xlsx"
FORMATS = (CSV, XLSX)


class ImportFileError(Exception):
    """The file as a whole cannot be read (size, encoding, not CSV or XLSX, header, quotes)."""


@dataclass
class FileRow:
    # The row's number as a spreadsheet shows it (the header is line 1), not the text line: a
    # cell with paragraphs spans several text lines but is one row.
    line: int
    cells: dict[str, str]
    extra_cells: bool = False


@dataclass(frozen=True)
class RowError:
    line: int
    column: str
    message: str

    def __str__(self):
        if self.column:
            return _("Line %(line)s, column « %(column)s »: %(message)s") % {
                "line": self.line,
                "column": self.column,
                "message": self.message,
            }
        return _("Line %(line)s: %(message)s") % {"line": self.line, "message": self.message}


@dataclass
class RowOutcome:
    """What importing a line does (or would do): create, update (which columns) or nothing."""

    line: int
    title: str
    action: str  # one of CREATE, UPDATE, UNCHANGED
    columns: list[str] = field(default_factory=list)

    CREATE = "create"
    UPDATE = "update"
    UNCHANGED = "unchanged"


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    checked: int = 0
    errors: list[RowError] = field(default_factory=list)
    # Line by line, what the import does (or, when only checking, would do).
    outcomes: list[RowOutcome] = field(default_factory=list)

    def summary(self) -> str:
        return ", ".join(
            [
                ngettext("%(n)d created", "%(n)d created", self.created) % {"n": self.created},
                ngettext("%(n)d updated", "%(n)d updated", self.updated) % {"n": self.updated},
                ngettext("%(n)d unchanged", "%(n)d unchanged", self.unchanged) % {"n": self.unchanged},
            ]
        )


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


def check_header(
    header: list[str], columns: list[str], required: list[str], separator: str = "", retired=None
) -> None:
    """Refuses a header that lacks a required column, names an unknown one or one twice;
    ``retired`` maps a column no longer read to the message that says why."""
    missing = [column for column in required if column not in header]
    if missing:
        if separator:
            message = _(
                "The first line must name the columns, separated by « %(separator)s ». Missing: "
                "%(missing)s. Expected columns: %(expected)s."
            )
        else:
            message = _(
                "The first line must name the columns. Missing: %(missing)s. Expected columns: %(expected)s."
            )
        raise ImportFileError(
            message % {"separator": separator, "missing": ", ".join(missing), "expected": ", ".join(columns)}
        )
    for column, message in (retired or {}).items():
        if column in header:
            raise ImportFileError(message)
    unknown = [column for column in header if column not in columns]
    if unknown:
        raise ImportFileError(
            _("Unknown columns: %(unknown)s. Expected columns: %(expected)s.")
            % {"unknown": ", ".join(unknown), "expected": ", ".join(columns)}
        )
    repeated = sorted({column for column in header if header.count(column) > 1})
    if repeated:
        raise ImportFileError(_("Columns named twice: %(columns)s.") % {"columns": ", ".join(repeated)})


def read_csv(content: bytes, columns: list[str], required: list[str], retired=None) -> list[FileRow]:
    """The rows of a CSV file given as bytes, or ImportFileError with a message an editor understands."""
    check_size(len(content))
    text = decode(content)
    delimiter = delimiter_of(text.splitlines()[0])
    found = records(text, delimiter)
    header = [name.strip().lower() for name in next(found, (1, []))[1]]
    check_header(header, columns, required, delimiter, retired)
    return [
        FileRow(line=line, cells=dict(zip(header, cells, strict=False)), extra_cells=len(cells) > len(header))
        for line, cells in found
    ]


def cell_text(value) -> str:
    """A spreadsheet cell's value as the text a CSV file would hold: a date the spreadsheet
    recognised is written back in ISO form, a whole number without « .0 »."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time(0, 0):
            return value.date().isoformat()
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_xlsx(content: bytes, columns: list[str], required: list[str]) -> list[FileRow]:
    """The rows of the first sheet of an XLSX workbook, or ImportFileError."""
    import openpyxl  # django-import-export's XLSX format reads with it
    from openpyxl.utils.exceptions import InvalidFileException

    check_size(len(content))
    not_xlsx = _(
        "This file is not an XLSX workbook (or it is damaged): save the spreadsheet as « .xlsx » or "
        "« CSV UTF-8 »."
    )
    if not content.startswith(ZIP_MAGIC):
        raise ImportFileError(not_xlsx)
    try:
        # data_only: a formula cell gives the value the spreadsheet computed, never the formula.
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheet_rows = list(workbook.worksheets[0].iter_rows(values_only=True)) if workbook.worksheets else []
    except (
        zipfile.BadZipFile,
        InvalidFileException,
        KeyError,
        ValueError,
        TypeError,
        OSError,
        IndexError,
    ) as error:
        raise ImportFileError(not_xlsx) from error
    rows = [(line, [cell_text(value) for value in values]) for line, values in enumerate(sheet_rows, start=1)]
    # Trailing empty cells are no columns; empty rows are no rows (their line numbers stay).
    rows = [(line, _strip_trailing(cells)) for line, cells in rows]
    rows = [(line, cells) for line, cells in rows if any(cell.strip() for cell in cells)]
    if not rows:
        raise ImportFileError(_("The file is empty."))
    header_line, header_cells = rows[0]
    header = [name.strip().lower() for name in header_cells]
    if header_line != 1:
        raise ImportFileError(_("The first line must name the columns."))
    check_header(header, columns, required)
    return [
        FileRow(line=line, cells=dict(zip(header, cells, strict=False)), extra_cells=len(cells) > len(header))
        for line, cells in rows[1:]
    ]


def _strip_trailing(cells: list[str]) -> list[str]:
    while cells and not cells[-1].strip():
        cells = cells[:-1]
    return cells


def file_format(content: bytes, filename: str = "") -> str:
    """CSV or XLSX, from the content first (a renamed file is read as what it is)."""
    if content.startswith(ZIP_MAGIC) or filename.lower().endswith(".xlsx"):
        return XLSX
    return CSV


def read_rows(content: bytes, columns: list[str], required: list[str], filename: str = "") -> list[FileRow]:
    reader = read_xlsx if file_format(content, filename) == XLSX else read_csv
    return reader(content, columns, required)
