"""CSV import and export of the actor directory, used by the command, the admin and the export view.

- ``columns``: the columns and the model field each fills (one table);
- ``reading``: bytes to rows, with their lines; errors of the file as a whole;
- ``checking``: each row turned into the model's values and checked by ``ActorPage.full_clean()``;
- ``matching``: the stored actor a row updates, and rows of one file that are the same actor;
- ``writing``: everything written in one transaction, or nothing;
- ``export``: the same columns written from the stored actors.

The whole file is read and every row checked first; nothing is written unless every row is valid.
A row identical to the stored actor is left alone (no new revision), so re-importing the same file
changes nothing. A commune is given by its INSEE code, its name, or both (as the export writes
them). Names are compared folded (case, accents, « œ »/« æ » ignored). Eight names belong to two
communes each (Allonnes, Changé...): with a name only, the row's department chooses between them.
"""

from collections.abc import Callable, Iterable

from django.utils.translation import gettext as _

from ..models import ActorDirectoryPage
from .checking import RowError, check_rows, known_slugs
from .columns import COLUMNS, LIST_SEPARATOR, RELATION_COLUMNS, REQUIRED_COLUMNS
from .export import actor_to_row, with_export_links, write_csv
from .reading import ImportFileError, check_size, read_rows
from .writing import ImportResult, write_rows

__all__ = [
    "COLUMNS",
    "LIST_SEPARATOR",
    "RELATION_COLUMNS",
    "REQUIRED_COLUMNS",
    "ImportFileError",
    "ImportResult",
    "RowError",
    "actor_to_row",
    "check_size",
    "import_actors",
    "known_slugs",
    "with_export_links",
    "write_csv",
]


def default_directory() -> ActorDirectoryPage:
    directory = ActorDirectoryPage.objects.filter(locale__language_code="fr").first()
    if directory is None:
        raise ImportFileError(_("There is no directory page yet: create the page « Annuaire » first."))
    return directory


def import_actors(
    content: bytes,
    directory: ActorDirectoryPage | None = None,
    user=None,
    progress: Callable[[Iterable], Iterable] = iter,
    check_only: bool = False,
) -> ImportResult:
    """Checks the whole file, then writes it in one transaction if (and only if) every row is valid.

    Raises ImportFileError when the file itself cannot be read.
    """
    rows = read_rows(content)
    directory = directory or default_directory()
    valid_rows, errors = check_rows(rows, directory)
    if errors:
        return ImportResult(errors=errors)
    if check_only:
        return ImportResult(checked=len(valid_rows))
    return write_rows(valid_rows, directory, user=user, progress=progress)
