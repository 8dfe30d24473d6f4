"""Checking rows: cells turned into the model's values, then ``ActorPage.full_clean()`` on an
unsaved page, its field errors reported under their columns (``columns.COLUMN_OF_FIELD``).

What the model cannot know is checked here: that a cell names a known kind, commune, department
or linked page, that a cell holds no NUL character, and which stored actor the row updates.
"""

from collections import defaultdict
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.exchange.files import RowError
from core.spreadsheet import stored_text
from knowledge.models import KnowHowPage, LabelPage
from knowledge.taxonomy import Department, Domain
from trades.models import TradeProfilePage

from ..communes import FIVE_DECIMALS
from ..models import ActorDirectoryPage, ActorPage
from .columns import (
    COLUMN_OF_FIELD,
    COLUMN_TABLE,
    COLUMNS,
    FALSE_WORDS,
    KIND_BY_CODE,
    KIND_CODES,
    LIST_SEPARATOR,
    RELATION_COLUMNS,
    SCALAR_FIELDS,
    TRUE_WORDS,
)
from .communes import CommuneError, CommuneFinder
from .matching import ActorRow, FileMatcher, MatchError, name_slug
from .reading import FileRow

RELATED_MODELS = {
    "domains": Domain,
    "trades_taught": TradeProfilePage,
    "trades_practised": TradeProfilePage,
    "labels": LabelPage,
    "know_how": KnowHowPage,
}
# Django enforces a TextField's max_length in forms only: the import checks it the same way.
TEXT_LIMITS = {
    column.field: ActorPage._meta.get_field(column.field).max_length
    for column in COLUMN_TABLE
    if isinstance(ActorPage._meta.get_field(column.field), models.TextField)
    and ActorPage._meta.get_field(column.field).max_length
}


def known_slugs(directory: ActorDirectoryPage) -> dict[str, dict[str, int]]:
    """For each many-to-many field, the slugs a row may name in the directory's locale, with their ids."""
    locale = directory.locale
    return {
        field_name: dict(model.objects.filter(locale=locale).values_list("slug", "pk"))
        for field_name, model in RELATED_MODELS.items()
    }


class RowChecker:
    """Checks the rows of one file against the reference data, loaded once for the whole file."""

    def __init__(self, directory: ActorDirectoryPage):
        self.directory = directory
        self.communes = CommuneFinder()
        departments = list(Department.objects.filter(locale=directory.locale))
        self.departments = {d.code: d for d in departments} | {name_slug(d.name): d for d in departments}
        self.departments |= {d.slug: d for d in departments}
        self.slug_maps = known_slugs(directory)
        self.matcher = FileMatcher(directory)
        self.taken_slugs = set(directory.get_children().values_list("slug", flat=True))

    def check(self, row: FileRow) -> tuple[ActorRow | None, list[RowError]]:
        """The row in the model's terms, matched to its stored actor, or None and its errors."""
        errors: list[RowError] = []
        failed: set[str] = set()  # fields whose cell could not be read: the model is not asked

        def error(column, message):
            errors.append(RowError(row.line, column, message))
            for column_def in COLUMN_TABLE:
                if column_def.name == column:
                    failed.add(column_def.field)

        def cell(column):
            return stored_text((row.cells.get(column) or "").strip())

        if row.extra_cells:
            error("", _("this line has more cells than the header has columns."))
        for column in COLUMNS:
            if "\x00" in cell(column):
                error(column, _("the cell holds a NUL character (\\0): remove it."))

        kind = KIND_BY_CODE.get(slugify(cell("type")))
        if kind is None:
            error(
                "type",
                _("« %(value)s » is not a known kind. Use one of: %(choices)s.")
                % {"value": cell("type"), "choices": ", ".join(KIND_CODES.values())},
            )
        booleans = {}
        for column in ("membre", "position_approximative", "contact_publiable"):
            value = slugify(cell(column))
            booleans[column] = value in TRUE_WORDS
            if value not in TRUE_WORDS | FALSE_WORDS:
                error(column, _("write « oui » or « non » (or leave empty for « non »)."))
        department = self._department(cell("departement"), error)
        # The department chooses between communes of the same name given without their code.
        commune = self._commune(cell("commune"), cell("code_insee"), department, error)
        latitude, longitude, readable = self._position(cell("latitude"), cell("longitude"), error)
        if not readable:
            failed |= {"latitude", "longitude"}  # one unreadable coordinate: the pair is not checked
        relations = {}
        for column, field_name in RELATION_COLUMNS:
            known = self.slug_maps[field_name]
            slugs = [part.strip() for part in cell(column).split(LIST_SEPARATOR) if part.strip()]
            unknown = [slug for slug in slugs if slug not in known]
            if unknown:
                error(column, _("unknown: %(slugs)s.") % {"slugs": ", ".join(unknown)})
            relations[field_name] = sorted({known[slug] for slug in slugs if slug in known})

        page = ActorPage(
            title=cell("nom"),
            kind=kind.value if kind else "",
            is_member=booleans["membre"],
            siret=cell("siret").replace(" ", ""),
            address=cell("adresse"),
            postcode=cell("code_postal"),
            commune=commune,
            department=department,
            latitude=latitude,
            longitude=longitude,
            approximate_location=booleans["position_approximative"],
            website=cell("site_web"),
            contact_may_be_published=booleans["contact_publiable"],
            contact_email=cell("email_contact"),
            contact_phone=cell("telephone_contact"),
            summary=cell("resume"),
            description=cell("description").replace("\r\n", "\n"),
            locale=self.directory.locale,
        )
        actor_row = ActorRow(line=row.line, values={}, relations=relations)
        if not errors:
            actor_row.values = {"siret": page.siret, "title": page.title, "commune_id": commune.pk}
            try:
                self.matcher.match(actor_row)
            except MatchError as unmatched:
                errors.append(RowError(row.line, *unmatched.args))
        errors += self._model_errors(page, actor_row, failed, row.line)
        if errors:
            order = {name: index for index, name in enumerate(["", *COLUMNS])}
            return None, sorted(errors, key=lambda found: order.get(found.column, 0))
        if page.latitude is None:
            # As ActorPage.save() does: the commune's centre, said to be approximate.
            page.latitude, page.longitude = commune.latitude, commune.longitude
            page.approximate_location = True
        actor_row.values = {name: getattr(page, name) for name in SCALAR_FIELDS} | {
            "siret": actor_row.values["siret"]
        }
        return actor_row, []

    def _model_errors(self, page, actor_row, failed, line) -> list[RowError]:
        """full_clean() on the unsaved page, placed where it will be (for the slug check)."""
        if actor_row.actor is not None:
            stored = actor_row.actor
            page.id = page.page_ptr_id = stored.pk  # both: Page's own id excludes it from its siblings
            page.slug, page.path = stored.slug, stored.path
        else:
            actor_row.slug = page.slug = self._new_slug(page)
            page.path = self.directory.path + "0000"
        page.depth = self.directory.depth + 1
        page._cached_parent_obj = self.directory  # treebeard's cache: no query for the parent
        messages = defaultdict(list)
        try:
            # The page is new or matched by its own rules: translation key and path are not the
            # database's to check.
            page.full_clean(exclude=failed, validate_unique=False, validate_constraints=False)
        except ValidationError as invalid:
            for field_name, field_messages in invalid.message_dict.items():
                messages[field_name] += field_messages
        for field_name, limit in TEXT_LIMITS.items():
            try:
                MaxLengthValidator(limit)(getattr(page, field_name))
            except ValidationError as invalid:
                messages[field_name] += invalid.messages
        return [
            # Errors of the whole page (NON_FIELD_ERRORS) or of a field without column: the line.
            RowError(line, COLUMN_OF_FIELD.get(field_name, ""), text)
            for field_name, field_messages in messages.items()
            if field_name not in failed
            for text in field_messages
        ]

    def _new_slug(self, page) -> str:
        base = name_slug(page.title)[:200] or "acteur"
        commune_slug = name_slug(page.commune.name) if page.commune_id else ""
        candidates = [base, f"{base}-{commune_slug}"]
        slug = next((candidate for candidate in candidates if candidate not in self.taken_slugs), None)
        number = 2
        while slug is None:
            if f"{candidates[-1]}-{number}" not in self.taken_slugs:
                slug = f"{candidates[-1]}-{number}"
            number += 1
        self.taken_slugs.add(slug)
        return slug

    def _department(self, value, error):
        if not value:
            error("departement", _("the department is required (its number, e.g. 44)."))
            return None
        department = self.departments.get(value) or self.departments.get(name_slug(value))
        if department is None:
            error(
                "departement",
                _("« %(value)s » is not a department of the region (44, 49, 53, 72 or 85).")
                % {"value": value},
            )
        return department

    def _commune(self, name, code, department, error):
        try:
            return self.communes.find(name, code, department)
        except CommuneError as unknown:
            error("code_insee" if unknown.cell == "code" else "commune", unknown.message)
            return None

    def _position(self, latitude_cell, longitude_cell, error):
        """The coordinates as decimals (None when empty); the model checks the pair and the region."""
        coordinates = []
        for column, value in (("latitude", latitude_cell), ("longitude", longitude_cell)):
            if not value:
                coordinates.append(None)
                continue
            try:
                coordinates.append(Decimal(value.replace(",", ".")).quantize(FIVE_DECIMALS))
            except InvalidOperation:
                error(column, _("« %(value)s » is not a number such as 47.21806.") % {"value": value})
                return None, None, False
        return coordinates[0], coordinates[1], True


def check_rows(rows: list[FileRow], directory: ActorDirectoryPage) -> tuple[list[ActorRow], list[RowError]]:
    """Every row checked and matched: (valid rows, errors)."""
    checker = RowChecker(directory)
    valid, errors = [], []
    for row in rows:
        actor_row, row_errors = checker.check(row)
        errors += row_errors
        if actor_row is not None:
            valid.append(actor_row)
    return valid, errors
