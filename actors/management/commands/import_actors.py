"""python manage.py import_actors FILE.csv: create or update actors from a spreadsheet."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from tqdm import tqdm

from actors.exchange import ImportFileError, check_size, import_actors
from actors.models import ActorDirectoryPage

# Below this many rows a progress bar is only noise.
PROGRESS_BAR_FROM = 50


class Command(BaseCommand):
    help = (
        "Imports actors from a CSV file (UTF-8, header on the first line). Every row is checked "
        "first; nothing is written unless all rows are valid."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The CSV file.")
        parser.add_argument(
            "--directory", type=int, help="The id of the directory page (default: the French one)."
        )
        parser.add_argument("--check", action="store_true", help="Only check the file; write nothing.")

    def handle(self, *args, file, directory=None, check=False, **options):
        try:
            # The admin form's limit, checked before the file is read into memory.
            check_size(file.stat().st_size)
            content = file.read_bytes()
        except ImportFileError as error:
            raise CommandError(str(error)) from error
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from error
        directory_page = None
        if directory is not None:
            directory_page = ActorDirectoryPage.objects.filter(pk=directory).first()
            if directory_page is None:
                raise CommandError(f"No directory page has the id {directory}.")

        def progress(rows):
            return tqdm(rows, desc="Import", unit=" rows", disable=len(rows) < PROGRESS_BAR_FROM)

        try:
            result = import_actors(content, directory=directory_page, progress=progress, check_only=check)
        except ImportFileError as error:
            raise CommandError(str(error)) from error
        if result.errors:
            for error in result.errors:
                self.stderr.write(str(error))
            count = len(result.errors)
            raise CommandError(
                ngettext(
                    "%(count)d error: nothing was imported.", "%(count)d errors: nothing was imported.", count
                )
                % {"count": count}
            )
        if check:
            self.stdout.write(
                self.style.SUCCESS(
                    _("The file is valid: %(count)s rows can be imported.") % {"count": result.checked}
                )
            )
        else:
            self.stdout.write(self.style.SUCCESS(result.summary()))
