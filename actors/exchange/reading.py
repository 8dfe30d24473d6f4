"""Reading the uploaded bytes into rows, each with the line it starts on: core.exchange.files with
the actors' columns (the actors' file is CSV only)."""

from django.utils.translation import gettext as _

from core.exchange.files import FileRow, ImportFileError, check_size, read_csv

from .columns import COLUMNS, REQUIRED_COLUMNS

__all__ = ["FileRow", "ImportFileError", "check_size", "read_rows"]


# The working groups' column of files exported before the groups became the agenda's pages.
RETIRED_GROUPS_COLUMN = "groupes_de_travail"


def read_rows(content: bytes) -> list[FileRow]:
    """The rows of a CSV file given as bytes, or ImportFileError with a message an editor understands."""
    retired = {
        RETIRED_GROUPS_COLUMN: _(
            "The column « %(column)s » is no longer read: the members of a working group are chosen "
            "on the group's own page (Pages > Working groups). Remove the column and import again."
        )
        % {"column": RETIRED_GROUPS_COLUMN}
    }
    return read_csv(content, COLUMNS, REQUIRED_COLUMNS, retired)
