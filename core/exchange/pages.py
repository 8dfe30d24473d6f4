"""The import and export of one Wagtail page type under its index page, in the default locale
(French), through a django-import-export ``Resource`` whose fields are the file's columns.

Reading: the whole file is read (``files``) and every row checked before anything is written: each
cell through its field's widget, then ``full_clean()`` of the page as it would be, placed under
the index (so that the slug is checked against its siblings). A row is matched to its stored page
by the « slug » column (a row without slug is a new page, whose slug comes from its title).

Writing: in one transaction, or not at all. A page whose every column renders as stored is left
alone (no revision), so importing an export changes nothing; any other row is saved as a revision
and published through Wagtail, logged under the importing user. What the file does not hold
(columns left out of it, inline lists such as training paths) is kept as stored.

Export: the same columns, every cell through ``core.spreadsheet.safe_cell``.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import tablib
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from import_export import fields, resources
from import_export.formats import base_formats
from wagtail.models import Locale, Page

from core.spreadsheet import safe_cell, stored_text
from core.text import fold

from .files import CSV, XLSX, ImportFileError, ImportResult, RowError, RowOutcome, read_rows
from .widgets import ReferenceWidget, TextWidget


class PageResource(resources.Resource):
    """The columns every page type's file starts with. A page type's resource adds its own
    fields (``import_export.fields.Field`` with a widget of ``core.exchange.widgets``)."""

    slug = fields.Field(attribute="slug", column_name="slug", widget=TextWidget())
    title = fields.Field(attribute="title", column_name="titre", widget=TextWidget())
    summary = fields.Field(attribute="summary", column_name="resume", widget=TextWidget())


@dataclass
class CheckedRow:
    line: int
    page: Page
    outcome: RowOutcome
    is_new: bool = False


@dataclass
class Check:
    rows: list[CheckedRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


class PageExchange:
    """One page type's file. Subclasses set the class attributes."""

    name = ""  # in the admin's addresses and the command's argument: « metiers »
    label = ""  # « Trade profiles », for titles and menus (lazy text)
    page_model: type[Page]
    index_model: type[Page]
    resource_class: type[PageResource] = PageResource
    required_columns: list[str] = ["titre"]
    # The slug of a page made without one, when its title gives none.
    default_slug = "page"

    # --- The file's columns --------------------------------------------------------------------

    def resource(self) -> PageResource:
        """A new resource for each file: its widgets keep the references of one file."""
        return self.resource_class()

    @property
    def columns(self) -> list[str]:
        return self.resource().get_export_headers()

    def index(self):
        """The index the pages live under, in the default locale (French)."""
        return self.index_model.objects.filter(locale=Locale.get_default()).order_by("path").first()

    def require_index(self):
        index = self.index()
        if index is None:
            raise ImportFileError(
                _("There is no « %(index)s » page yet: create it in the page tree first.")
                % {"index": self.index_model._meta.verbose_name}
            )
        return index

    def stored_pages(self, index):
        return self.page_model.objects.child_of(index).order_by("path")

    # --- Permissions ---------------------------------------------------------------------------

    def user_can_export(self, user) -> bool:
        index = self.index()
        if index is None or not user.is_active:
            return False
        permissions = index.permissions_for_user(user)
        return user.is_superuser or bool({"change", "publish"} & permissions.permissions)

    def user_can_import(self, user) -> bool:
        """Importing creates, changes and publishes pages: the three rights over the index."""
        index = self.index()
        if index is None or not user.is_active:
            return False
        permissions = index.permissions_for_user(user)
        return user.is_superuser or {"add", "change", "publish"} <= permissions.permissions

    # --- Export --------------------------------------------------------------------------------

    def export_dataset(self) -> tablib.Dataset:
        index = self.require_index()
        resource = self.resource()
        self.start(resource, index)
        dataset = resource.export(self.stored_pages(index))
        safe = tablib.Dataset(headers=dataset.headers)
        for row in dataset:
            safe.append([safe_cell(cell) if isinstance(cell, str) else cell for cell in row])
        return safe

    def export_file(self, file_format: str) -> bytes:
        dataset = self.export_dataset()
        if file_format == XLSX:
            from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

            # Control characters a workbook cannot hold (a CSV can) are left out of the XLSX file.
            clean = tablib.Dataset(headers=dataset.headers)
            for row in dataset:
                clean.append(
                    [ILLEGAL_CHARACTERS_RE.sub("", cell) if isinstance(cell, str) else cell for cell in row]
                )
            return base_formats.XLSX().export_data(clean)
        # With a byte order mark: a spreadsheet then opens the file as UTF-8.
        return ("\ufeff" + base_formats.CSV().export_data(dataset)).encode("utf-8")

    # --- Import --------------------------------------------------------------------------------

    def start(self, resource, index) -> None:
        for resource_field in resource.fields.values():
            if isinstance(resource_field.widget, ReferenceWidget):
                resource_field.widget.start(index.locale)

    def import_file(
        self,
        content: bytes,
        filename: str = "",
        user=None,
        check_only: bool = False,
        progress: Callable[[Iterable], Iterable] = iter,
    ) -> ImportResult:
        """Checks the whole file, then writes it in one transaction if (and only if) every row is
        valid. Raises ImportFileError when the file itself cannot be read."""
        index = self.require_index()
        resource = self.resource()
        rows = read_rows(content, self.columns, self.required_columns, filename)
        checked = self.check(rows, index, resource)
        if checked.errors:
            return ImportResult(errors=checked.errors)
        outcomes = [row.outcome for row in checked.rows]
        if check_only:
            result = ImportResult(checked=len(checked.rows), outcomes=outcomes)
            for outcome in outcomes:
                self._count(result, outcome)
            return result
        return self.write(checked.rows, index, user, progress, outcomes)

    def check(self, rows, index, resource) -> Check:
        self.start(resource, index)
        stored = {page.slug: page for page in self.stored_pages(index)}
        taken = set(index.get_children().values_list("slug", flat=True))
        lines_by_slug: dict[str, int] = {}
        result = Check()
        for row in rows:
            checked, errors = self.check_row(row, index, resource, stored, taken, lines_by_slug)
            result.errors += errors
            if checked is not None:
                result.rows.append(checked)
        return result

    def check_row(self, row, index, resource, stored, taken, lines_by_slug):
        errors: list[RowError] = []
        failed: set[str] = set()
        columns = self.columns
        cells = {column: stored_text((value or "").strip()) for column, value in row.cells.items()}

        def error(column, message):
            errors.append(RowError(row.line, column, message))

        if row.extra_cells:
            error("", _("this line has more cells than the header has columns."))
        for column, value in cells.items():
            if "\x00" in value:
                error(column, _("the cell holds a NUL character (\\0): remove it."))
                failed.add(column)

        slug = cells.get("slug", "")
        page = stored.get(slug) if slug else None
        is_new = page is None
        if slug and slug in lines_by_slug:
            error(
                "slug",
                _("same slug as line %(other)s: a page appears once in a file.")
                % {"other": lines_by_slug[slug]},
            )
        if slug:
            lines_by_slug.setdefault(slug, row.line)
        if is_new:
            page = self.page_model(locale=index.locale)

        changed = []
        for resource_field in resource.get_export_fields():
            column = resource_field.column_name
            if column not in cells or column in failed or resource_field.readonly:
                continue  # a column the file leaves out keeps what is stored
            widget = resource_field.widget
            try:
                value = widget.clean(cells[column], row=cells)
            except (ValueError, ValidationError) as invalid:
                messages = invalid.messages if isinstance(invalid, ValidationError) else [str(invalid)]
                for message in messages:
                    error(column, message)
                failed.add(column)
                continue
            if column == "slug" and not value:
                continue  # a new page without slug gets one from its title, below
            many = getattr(widget, "many", False)
            if is_new:
                self.assign(page, resource_field, value)
                continue
            before = resource.export_field(resource_field, page)
            old_value = None if many else getattr(page, resource_field.attribute)
            self.assign(page, resource_field, value)
            after = resource.export_field(resource_field, page)
            if self.comparable(widget, before) != self.comparable(widget, after):
                changed.append(column)
            elif not many:
                # The same content: the stored value is kept as it is (a stream keeps the ids of
                # its blocks, which translations and comments point to).
                setattr(page, resource_field.attribute, old_value)
        if is_new and not page.slug:
            page.slug = self.new_slug(page.title, taken)
        if is_new:
            taken.add(page.slug)
        errors += self.model_errors(page, index, resource, failed, row.line, is_new)
        if errors:
            order = {name: position for position, name in enumerate(["", *columns])}
            return None, sorted(errors, key=lambda found: order.get(found.column, 0))
        if is_new:
            outcome = RowOutcome(row.line, page.title, RowOutcome.CREATE)
        elif changed:
            outcome = RowOutcome(row.line, page.title, RowOutcome.UPDATE, changed)
        else:
            outcome = RowOutcome(row.line, page.title, RowOutcome.UNCHANGED)
        return CheckedRow(row.line, page, outcome, is_new), []

    @staticmethod
    def comparable(widget, text):
        return widget.comparable(text) if hasattr(widget, "comparable") else text

    @staticmethod
    def assign(page, resource_field, value) -> None:
        if getattr(resource_field.widget, "many", False):
            getattr(page, resource_field.attribute).set(value)
        else:
            setattr(page, resource_field.attribute, value)

    def new_slug(self, title: str, taken: set[str]) -> str:
        base = slugify(fold(title))[:240] or self.default_slug
        slug, number = base, 2
        while slug in taken:
            slug, number = f"{base}-{number}", number + 1
        return slug

    def model_errors(self, page, index, resource, failed, line, is_new) -> list[RowError]:
        """full_clean() on the page as it would be, placed under the index; its errors reported
        under their columns (errors of the whole page, or of a field without column: the line)."""
        column_of = {}
        for resource_field in resource.get_export_fields():
            column_of.setdefault(resource_field.attribute, resource_field.column_name)
        excluded = {
            resource_field.attribute
            for resource_field in resource.get_export_fields()
            if resource_field.column_name in failed
        }
        if is_new:
            page.path = index.path + "0000"
            page.depth = index.depth + 1
        page._cached_parent_obj = index  # treebeard's cache: no query for the parent
        messages: dict[str, list[str]] = {}
        try:
            # The page is new or matched by its slug: translation key and path are not the
            # database's to check here.
            page.full_clean(exclude=excluded, validate_unique=False, validate_constraints=False)
        except ValidationError as invalid:
            for field_name, field_messages in invalid.message_dict.items():
                messages.setdefault(field_name, []).extend(field_messages)
        # Django enforces a TextField's max_length in forms only: the import checks it the same way.
        for model_field in page._meta.concrete_fields:
            if (
                isinstance(model_field, models.TextField)
                and model_field.max_length
                and model_field.name in column_of
                and model_field.name not in excluded
            ):
                try:
                    MaxLengthValidator(model_field.max_length)(getattr(page, model_field.attname) or "")
                except ValidationError as invalid:
                    messages.setdefault(model_field.name, []).extend(invalid.messages)
        return [
            RowError(line, column_of.get(field_name, ""), text)
            for field_name, field_messages in messages.items()
            if field_name not in excluded
            for text in field_messages
        ]

    @staticmethod
    def _count(result: ImportResult, outcome: RowOutcome) -> None:
        if outcome.action == RowOutcome.CREATE:
            result.created += 1
        elif outcome.action == RowOutcome.UPDATE:
            result.updated += 1
        else:
            result.unchanged += 1

    def write(self, rows: list[CheckedRow], index, user, progress, outcomes) -> ImportResult:
        result = ImportResult(outcomes=outcomes)
        with transaction.atomic():
            for row in progress(rows):
                self._count(result, row.outcome)
                if row.outcome.action == RowOutcome.UNCHANGED:
                    continue
                page = row.page
                if row.is_new:
                    page.owner = user if user is not None and user.is_authenticated else None
                    index.add_child(instance=page)
                # The import right is a right to publish these pages (add, change and publish over
                # the index): the revisions are logged under the importing user.
                page.save_revision(user=user, log_action=True).publish(user=user, skip_permission_checks=True)
        return result


def export_filename(exchange: PageExchange, file_format: str) -> str:
    return f"{exchange.name}.{file_format if file_format in (CSV, XLSX) else CSV}"
