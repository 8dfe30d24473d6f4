"""Reading the uploaded bytes into rows, each with the line it starts on: core.exchange.files with
the actors' columns (the actors' file is CSV only)."""

from core.exchange.files import FileRow, ImportFileError, check_size, read_csv

from .columns import COLUMNS, REQUIRED_COLUMNS

__all__ = ["FileRow", "ImportFileError", "check_size", "read_rows"]


def read_rows(content: bytes) -> list[FileRow]:
    """The rows of a CSV file given as bytes, or ImportFileError with a message an editor understands."""
    return read_csv(content, COLUMNS, REQUIRED_COLUMNS)
