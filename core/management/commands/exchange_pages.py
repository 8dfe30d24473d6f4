"""python manage.py exchange_pages import|export KIND FILE: trade profiles, offers, events... in
CSV or XLSX files, with the admin's importer (core/exchange). KIND is one of the registered
kinds (« metiers », « offres », « evenements »)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from tqdm import tqdm

from core.exchange.files import FORMATS, XLSX, ImportFileError, check_size
from core.exchange.registry import exchanges

# Below this many rows a progress bar is only noise.
PROGRESS_BAR_FROM = 50


class Command(BaseCommand):
    help = (
        "Imports or exports pages of one kind as CSV or XLSX. On import every row is checked first; "
        "nothing is written unless all rows are valid, and an unchanged page gets no new revision."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["import", "export"])
        parser.add_argument("kind", help="The kind of pages: " + ", ".join(exchanges()) + ".")
        parser.add_argument("file", type=Path, help="The file to read or write (.csv or .xlsx).")
        parser.add_argument(
            "--check", action="store_true", help="Import: only check the file; write nothing."
        )
        parser.add_argument(
            "--format", choices=FORMATS, help="Export: the format (default: the file's extension)."
        )

    def handle(self, *args, action, kind, file, check=False, format=None, **options):
        exchange = exchanges().get(kind)
        if exchange is None:
            raise CommandError(f"Unknown kind « {kind} »: choose one of {', '.join(exchanges())}.")
        if action == "export":
            chosen = format or (XLSX if file.suffix.lower() == ".xlsx" else "csv")
            try:
                file.write_bytes(exchange.export_file(chosen))
            except ImportFileError as error:
                raise CommandError(str(error)) from error
            self.stdout.write(self.style.SUCCESS(f"{file} ({chosen})"))
            return
        try:
            # The admin form's limit, checked before the file is read into memory.
            check_size(file.stat().st_size)
            content = file.read_bytes()
        except ImportFileError as error:
            raise CommandError(str(error)) from error
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from error

        def progress(rows):
            return tqdm(rows, desc="Import", unit=" rows", disable=len(rows) < PROGRESS_BAR_FROM)

        try:
            result = exchange.import_file(content, filename=file.name, check_only=check, progress=progress)
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
        for outcome in result.outcomes:
            if outcome.action != outcome.UNCHANGED:
                columns = f" ({', '.join(outcome.columns)})" if outcome.columns else ""
                self.stdout.write(f"{outcome.line}: {outcome.title} — {outcome.action}{columns}")
        if check:
            self.stdout.write(
                self.style.SUCCESS(
                    _("The file is valid: importing it would give %(summary)s. Nothing was written yet.")
                    % {"summary": result.summary()}
                )
            )
        else:
            self.stdout.write(self.style.SUCCESS(result.summary()))
