"""CSV import and export of the actor directory: one module, used by the command and the admin.

The file is read and every row checked first; nothing is written unless every row is valid, and
then everything is written in one transaction. A row is matched to a stored actor by its SIRET,
else by its name and commune:

- a row whose SIRET no actor has yet matches the actor stored without a SIRET under the same name
  and commune, which then gains the SIRET;
- a row without a SIRET matches the actor of that name and commune, with or without a SIRET. An
  empty SIRET cell means "unknown": the stored SIRET is kept (an old file without SIRETs updates
  the actors that have gained one since, and creates no duplicate). When several stored actors
  fit, the row is refused and says which SIRET to give.

Two rows of one file that reach the same actor are refused, naming both lines. A row identical to
the stored actor is left alone (no new revision), so re-importing the same file changes nothing.

A commune is given by its INSEE code, its name, or both (as the export writes them). Names are
compared folded (case, accents, « œ »/« æ » ignored). Eight names belong to two communes each
(Allonnes, Changé...): with a name only, the row's department chooses between them. The export
writes the same columns, so that export → import is a lossless round trip.
"""

import csv
import io
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from knowledge.models import KnowHowPage, LabelPage
from knowledge.taxonomy import Department, Domain
from trades.models import TradeProfilePage

from .communes import FIVE_DECIMALS
from .geo import in_region, region_bounds
from .models import ActorDirectoryPage, ActorPage, Commune, WorkingGroup, phone_validator

# The columns of the file, in the order the export writes them.
COLUMNS = [
    "siret",
    "nom",
    "type",
    "membre",
    "adresse",
    "code_postal",
    "commune",
    "code_insee",
    "departement",
    "latitude",
    "longitude",
    "position_approximative",
    "site_web",
    "contact_publiable",
    "email_contact",
    "telephone_contact",
    "resume",
    "description",
    "domaines",
    "metiers_enseignes",
    "metiers_pratiques",
    "labels",
    "savoir_faire",
    "groupes_de_travail",
]
REQUIRED_COLUMNS = ["nom", "type", "commune", "departement"]
LIST_SEPARATOR = "|"

# The value of the "type" column for each kind (French, as editors write it).
KIND_CODES = {
    ActorPage.Kind.ASSOCIATION: "association",
    ActorPage.Kind.LOCAL_AUTHORITY: "collectivite",
    ActorPage.Kind.STATE_SERVICE: "service-etat",
    ActorPage.Kind.PRIVATE_OWNER: "proprietaire-prive",
    ActorPage.Kind.SCHOOL: "formation",
    ActorPage.Kind.COMPANY: "entreprise",
    ActorPage.Kind.MUSEUM_OR_SITE: "musee-site",
    ActorPage.Kind.PROFESSIONAL_BODY: "organisme-professionnel",
}
KIND_BY_CODE = {code: kind for kind, code in KIND_CODES.items()} | {
    kind.value: kind for kind in ActorPage.Kind
}
TRUE_WORDS = {"oui", "o", "vrai", "x", "1", "yes", "y", "true"}
FALSE_WORDS = {"non", "n", "faux", "0", "no", "false", ""}

# Many-to-many columns: (column, model field, what the slugs name).
RELATION_COLUMNS = [
    ("domaines", "domains"),
    ("metiers_enseignes", "trades_taught"),
    ("metiers_pratiques", "trades_practised"),
    ("labels", "labels"),
    ("savoir_faire", "know_how"),
    ("groupes_de_travail", "working_groups"),
]
SCALAR_FIELDS = [
    "siret",
    "title",
    "kind",
    "is_member",
    "address",
    "postcode",
    "commune_id",
    "department_id",
    "latitude",
    "longitude",
    "approximate_location",
    "website",
    "contact_may_be_published",
    "contact_email",
    "contact_phone",
    "summary",
    "description",
]


class ImportFileError(Exception):
    """The file as a whole cannot be read (encoding, not CSV, header)."""


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
class ActorRow:
    """A valid row, in the model's terms, and the stored actor it updates (None: a new actor).

    values["siret"] is the row's own SIRET, empty when the cell is; check_rows puts the stored
    actor's SIRET there once the row is matched, so that an empty cell keeps it.
    """

    line: int
    name_key: tuple[str, int]
    values: dict
    relations: dict[str, list[int]]
    actor: ActorPage | None = None


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    checked: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self):
        return not self.errors

    def summary(self) -> str:
        return ", ".join(
            [
                ngettext("%(n)d created", "%(n)d created", self.created) % {"n": self.created},
                ngettext("%(n)d updated", "%(n)d updated", self.updated) % {"n": self.updated},
                ngettext("%(n)d unchanged", "%(n)d unchanged", self.unchanged) % {"n": self.unchanged},
            ]
        )


def fold(text: str) -> str:
    """A name as rows and stored data are compared: slugified, with « œ » and « æ » spelled out
    (slugify drops them, so « Beaumont-Pied-de-Bœuf » would not match « Beaumont-Pied-de-Boeuf »)."""
    for letter, spelled in (("œ", "oe"), ("Œ", "Oe"), ("æ", "ae"), ("Æ", "Ae")):
        text = text.replace(letter, spelled)
    return slugify(text)


def name_key(name: str, commune_id: int) -> tuple[str, int]:
    """How an actor is recognised without its SIRET: its folded name and its commune (the commune
    itself, not its name: eight names belong to two communes)."""
    return fold(name), commune_id


def default_directory() -> ActorDirectoryPage:
    directory = ActorDirectoryPage.objects.filter(locale__language_code="fr").first()
    if directory is None:
        raise ImportFileError(_("There is no directory page yet: create the page « Annuaire » first."))
    return directory


# Reading ----------------------------------------------------------------------------------------


def read_rows(content: bytes) -> list[dict[str, str]]:
    """The rows of a CSV file given as bytes, or ImportFileError with a message an editor understands."""
    if b"\x00" in content[:4096]:
        raise ImportFileError(_("This file is not a CSV file. Save the spreadsheet as « CSV UTF-8 »."))
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            _(
                "The file is not encoded in UTF-8 (unreadable character at byte %(position)s). "
                "Save the spreadsheet as « CSV UTF-8 » and try again."
            )
            % {"position": error.start}
        ) from error
    if not text.strip():
        raise ImportFileError(_("The file is empty."))
    first_line = text.splitlines()[0]
    # Spreadsheets in French save with semicolons; others with commas.
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [name.strip().lower() for name in (reader.fieldnames or [])]
        reader.fieldnames = header
        rows = list(reader)
    except csv.Error as error:
        raise ImportFileError(
            _("This file is not a readable CSV file (%(error)s).") % {"error": error}
        ) from error
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        raise ImportFileError(
            _("The first line must name the columns. Missing: %(missing)s. Expected columns: %(expected)s.")
            % {"missing": ", ".join(missing), "expected": ", ".join(COLUMNS)}
        )
    unknown = [column for column in header if column not in COLUMNS]
    if unknown:
        raise ImportFileError(
            _("Unknown columns: %(unknown)s. Expected columns: %(expected)s.")
            % {"unknown": ", ".join(unknown), "expected": ", ".join(COLUMNS)}
        )
    for row in rows:
        if None in row:
            # More cells than columns: csv puts the extra cells under the key None.
            row.pop(None)
            row["__extra_cells__"] = "yes"
    return rows


# Checking ---------------------------------------------------------------------------------------


class RowChecker:
    """Checks rows against the reference data, loaded once for the whole file."""

    def __init__(self, directory: ActorDirectoryPage):
        locale = directory.locale
        self.communes_by_code = {commune.insee_code: commune for commune in Commune.objects.all()}
        # Every commune under its folded name: a list, since some names belong to two communes.
        self.communes_by_name = defaultdict(list)
        for commune in sorted(self.communes_by_code.values(), key=lambda commune: commune.insee_code):
            self.communes_by_name[fold(commune.name)].append(commune)
        departments = list(Department.objects.filter(locale=locale))
        self.departments = {d.code: d for d in departments} | {fold(d.name): d for d in departments}
        self.departments |= {d.slug: d for d in departments}
        self.slug_maps = {
            "domains": dict(Domain.objects.filter(locale=locale).values_list("slug", "pk")),
            "trades_taught": self._page_slugs(TradeProfilePage, locale),
            "trades_practised": self._page_slugs(TradeProfilePage, locale),
            "labels": self._page_slugs(LabelPage, locale),
            "know_how": self._page_slugs(KnowHowPage, locale),
            "working_groups": dict(WorkingGroup.objects.filter(locale=locale).values_list("slug", "pk")),
        }
        self.url_validator = URLValidator(schemes=["http", "https"])
        self.email_validator = EmailValidator()

    @staticmethod
    def _page_slugs(model, locale):
        return dict(model.objects.filter(locale=locale).values_list("slug", "pk"))

    def check(self, line: int, row: dict[str, str]) -> tuple[ActorRow | None, list[RowError]]:
        errors: list[RowError] = []

        def error(column, message):
            errors.append(RowError(line, column, message))

        def cell(column):
            return (row.get(column) or "").strip()

        if row.get("__extra_cells__"):
            error("", _("this line has more cells than the header has columns."))

        name = cell("nom")
        if not name:
            error("nom", _("the name is required."))
        elif len(name) > 255:
            error("nom", _("the name is longer than 255 characters."))

        kind = KIND_BY_CODE.get(slugify(cell("type")))
        if kind is None:
            error(
                "type",
                _("« %(value)s » is not a known kind. Use one of: %(choices)s.")
                % {"value": cell("type"), "choices": ", ".join(KIND_CODES.values())},
            )

        siret = cell("siret").replace(" ", "")
        if siret and not (siret.isdigit() and len(siret) == 14):
            error("siret", _("a SIRET number has 14 digits."))

        booleans = {}
        for column in ("membre", "position_approximative", "contact_publiable"):
            value = slugify(cell(column))
            if value in TRUE_WORDS:
                booleans[column] = True
            elif value in FALSE_WORDS:
                booleans[column] = False
            else:
                error(column, _("write « oui » or « non » (or leave empty for « non »)."))

        postcode = cell("code_postal")
        if postcode and not (postcode.isdigit() and len(postcode) == 5):
            error("code_postal", _("a postcode has five digits."))

        department_cell = cell("departement")
        department = (
            self.departments.get(department_cell) or self.departments.get(fold(department_cell))
            if department_cell
            else None
        )
        # The department chooses between communes of the same name given without their code.
        commune = self._check_commune(cell("commune"), cell("code_insee"), department, error)

        if not department_cell:
            error("departement", _("the department is required (its number, e.g. 44)."))
        else:
            if department is None:
                error(
                    "departement",
                    _("« %(value)s » is not a department of the region (44, 49, 53, 72 or 85).")
                    % {"value": department_cell},
                )
            elif commune is not None and commune.department_code != department.code:
                error(
                    "departement",
                    _("%(commune)s is in department %(code)s, not %(value)s.")
                    % {"commune": commune.name, "code": commune.department_code, "value": department_cell},
                )

        latitude, longitude = self._check_position(cell("latitude"), cell("longitude"), error)
        approximate = booleans.get("position_approximative", False)
        if latitude is None and commune is not None:
            latitude, longitude, approximate = commune.latitude, commune.longitude, True

        website = cell("site_web")
        if website:
            try:
                self.url_validator(website)
            except ValidationError:
                error("site_web", _("« %(value)s » is not a web address (https://...).") % {"value": website})
        email = cell("email_contact")
        if email:
            try:
                self.email_validator(email)
            except ValidationError:
                error("email_contact", _("« %(value)s » is not an e-mail address.") % {"value": email})
        phone = cell("telephone_contact")
        if phone:
            try:
                phone_validator(phone)
            except ValidationError:
                error("telephone_contact", _("« %(value)s » is not a phone number.") % {"value": phone})
        if (email or phone) and not booleans.get("contact_publiable", False):
            error(
                "contact_publiable",
                _("a contact is given: write « oui » if the actor agreed to publish it, or remove it."),
            )
        summary = cell("resume")
        if len(summary) > 300:
            error("resume", _("the summary is longer than 300 characters."))

        relations = {}
        for column, field_name in RELATION_COLUMNS:
            known = self.slug_maps[field_name]
            slugs = [part.strip() for part in cell(column).split(LIST_SEPARATOR) if part.strip()]
            unknown = [slug for slug in slugs if slug not in known]
            if unknown:
                error(column, _("unknown: %(slugs)s.") % {"slugs": ", ".join(unknown)})
            relations[field_name] = sorted({known[slug] for slug in slugs if slug in known})

        if errors:
            return None, errors
        values = {
            "siret": siret,
            "title": name,
            "kind": kind.value,
            "is_member": booleans["membre"],
            "address": cell("adresse"),
            "postcode": postcode,
            "commune_id": commune.pk,
            "department_id": department.pk,
            "latitude": latitude,
            "longitude": longitude,
            "approximate_location": approximate,
            "website": website,
            "contact_may_be_published": booleans["contact_publiable"],
            "contact_email": email,
            "contact_phone": phone,
            "summary": summary,
            "description": cell("description").replace("\r\n", "\n"),
        }
        actor_row = ActorRow(
            line=line,
            name_key=name_key(name, commune.pk),
            values=values,
            relations=relations,
        )
        return actor_row, []

    def _check_commune(self, name, code, department, error):
        if not name and not code:
            error("commune", _("the commune is required (its name or, in « code_insee », its INSEE code)."))
            return None
        by_name = self.communes_by_name.get(fold(name), []) if name else []
        if code:
            by_code = self.communes_by_code.get(code)
            if by_code is None:
                error(
                    "code_insee",
                    _("no commune of the region has the INSEE code « %(code)s ».") % {"code": code},
                )
                return None
            # The code decides; the name beside it must not name another commune (a name that is
            # no commune's, e.g. a spelling variant, is left to the code).
            if by_name and by_code not in by_name:
                error(
                    "code_insee",
                    _("the INSEE code %(code)s is that of %(other)s, not of %(name)s.")
                    % {"code": code, "other": by_code.name, "name": name},
                )
                return None
            return by_code
        if not by_name:
            error(
                "commune",
                _("« %(name)s » is not a known commune: check its spelling or give its INSEE code.")
                % {"name": name},
            )
            return None
        if len(by_name) > 1 and department is not None:
            in_department = [commune for commune in by_name if commune.department_code == department.code]
            by_name = in_department or by_name
        if len(by_name) > 1:
            codes = [commune.insee_code for commune in by_name]
            if len(codes) == 2:
                message = _(
                    "two communes are named %(name)s (codes %(first)s and %(second)s): give its INSEE "
                    "code in the code_insee column."
                ) % {"name": by_name[0].name, "first": codes[0], "second": codes[1]}
            else:
                message = _(
                    "%(count)s communes are named %(name)s (codes %(codes)s): give its INSEE code in "
                    "the code_insee column."
                ) % {"count": len(codes), "name": by_name[0].name, "codes": ", ".join(codes)}
            error("commune", message)
            return None
        return by_name[0]

    def _check_position(self, latitude_cell, longitude_cell, error):
        if not latitude_cell and not longitude_cell:
            return None, None
        coordinates = []
        for column, value in (("latitude", latitude_cell), ("longitude", longitude_cell)):
            if not value:
                error(column, _("give both the latitude and the longitude, or neither."))
                return None, None
            try:
                coordinates.append(Decimal(value.replace(",", ".")).quantize(FIVE_DECIMALS))
            except InvalidOperation:
                error(column, _("« %(value)s » is not a number such as 47.21806.") % {"value": value})
                return None, None
        latitude, longitude = coordinates
        if not in_region(float(latitude), float(longitude)):
            south, west, north, east = region_bounds()
            error(
                "latitude",
                _(
                    "the position %(lat)s, %(lon)s is outside Pays de la Loire (latitude %(south)s to "
                    "%(north)s, longitude %(west)s to %(east)s): are latitude and longitude swapped?"
                )
                % {
                    "lat": latitude,
                    "lon": longitude,
                    "south": south,
                    "north": north,
                    "west": west,
                    "east": east,
                },
            )
            return None, None
        return latitude, longitude


class AmbiguousMatchError(Exception):
    """Several stored actors fit the row: (column, message)."""


class StoredActors:
    """The directory's actors, found the way a row names them."""

    def __init__(self, directory: ActorDirectoryPage):
        actors = (
            ActorPage.objects.child_of(directory)
            .select_related("commune")
            .prefetch_related(*(field_name for _column, field_name in RELATION_COLUMNS))
            .order_by("pk")
        )
        self.by_siret, self.by_name = {}, defaultdict(list)
        for actor in actors:
            if actor.siret:
                self.by_siret[actor.siret] = actor
            self.by_name[name_key(actor.title, actor.commune_id)].append(actor)

    def match(self, row: ActorRow) -> ActorPage | None:
        """The stored actor the row updates, None for a new actor; AmbiguousMatchError when several fit."""
        siret = row.values["siret"]
        if siret:
            if siret in self.by_siret:
                return self.by_siret[siret]
            # An actor first imported without its SIRET gains it, rather than getting a second
            # record; an actor stored with another SIRET is another establishment.
            candidates = [actor for actor in self.by_name.get(row.name_key, []) if not actor.siret]
        else:
            # An empty SIRET cell is "unknown": the actor of that name and commune, SIRET or not.
            candidates = self.by_name.get(row.name_key, [])
        if len(candidates) > 1:
            actor = candidates[0]
            place = f"{actor.commune.name} ({actor.commune.insee_code})"
            if siret:
                raise AmbiguousMatchError(
                    "nom",
                    _(
                        "%(count)s actors without SIRET are stored as « %(name)s » in %(commune)s: "
                        "remove the duplicate in the admin before giving one of them a SIRET."
                    )
                    % {"count": len(candidates), "name": actor.title, "commune": place},
                )
            sirets = ", ".join(candidate.siret or _("no SIRET") for candidate in candidates)
            raise AmbiguousMatchError(
                "siret",
                _(
                    "%(count)s actors are stored as « %(name)s » in %(commune)s (SIRET: %(sirets)s): "
                    "give the SIRET of the one this line describes."
                )
                % {"count": len(candidates), "name": actor.title, "commune": place, "sirets": sirets},
            )
        return candidates[0] if candidates else None


def check_rows(rows: list[dict[str, str]], directory: ActorDirectoryPage):
    """Every row checked and matched: (valid rows, errors). Line numbers count the header as line 1."""
    checker = RowChecker(directory)
    stored_actors = StoredActors(directory)
    valid, errors = [], []
    # Lines already read: by SIRET, by name and commune (with whether they give a SIRET), and by
    # the stored actor they update.
    lines_by_siret, lines_by_name, lines_by_actor = {}, defaultdict(list), {}
    for index, row in enumerate(rows):
        line = index + 2
        actor_row, row_errors = checker.check(line, row)
        errors.extend(row_errors)
        if actor_row is None:
            continue
        try:
            actor_row.actor = stored_actors.match(actor_row)
        except AmbiguousMatchError as ambiguous:
            errors.append(RowError(line, *ambiguous.args))
            continue
        siret = actor_row.values["siret"]
        column = "siret" if siret else "nom"
        # Rows that differ can match the same stored actor: its SIRET in one, its name and commune
        # in another.
        if actor_row.actor is not None and actor_row.actor.pk in lines_by_actor:
            errors.append(
                RowError(
                    line,
                    column,
                    _(
                        "same actor as line %(other)s: both match « %(title)s » (by SIRET, or by name "
                        "and commune)."
                    )
                    % {"other": lines_by_actor[actor_row.actor.pk], "title": actor_row.actor.title},
                )
            )
            continue
        # Between the rows themselves, as the next import would match them (it would find the
        # actors this one creates): a row without SIRET is the same actor as any other row of the
        # same name and commune; two rows with two SIRETs are two actors.
        other = lines_by_siret.get(siret) if siret else None
        if other is None:
            other = next(
                (
                    other_line
                    for other_line, other_has_siret in lines_by_name.get(actor_row.name_key, [])
                    if not (siret and other_has_siret)
                ),
                None,
            )
        if other is not None:
            errors.append(
                RowError(
                    line,
                    column,
                    _("same actor as line %(other)s (same SIRET, or same name and commune).")
                    % {"other": other},
                )
            )
            continue
        if siret:
            lines_by_siret[siret] = line
        lines_by_name[actor_row.name_key].append((line, bool(siret)))
        if actor_row.actor is not None:
            lines_by_actor[actor_row.actor.pk] = line
            if not siret:
                # An empty SIRET cell keeps the stored SIRET (and so changes nothing by itself).
                actor_row.values["siret"] = actor_row.actor.siret
        valid.append(actor_row)
    return valid, errors


# Writing ----------------------------------------------------------------------------------------


def actor_relations(actor: ActorPage) -> dict[str, list[int]]:
    return {
        field_name: sorted(item.pk for item in getattr(actor, field_name).all())
        for _column, field_name in RELATION_COLUMNS
    }


def is_unchanged(actor: ActorPage, row: ActorRow) -> bool:
    return (
        all(getattr(actor, name) == row.values[name] for name in SCALAR_FIELDS)
        and actor_relations(actor) == row.relations
    )


RELATED_MODELS = {
    "domains": Domain,
    "trades_taught": TradeProfilePage,
    "trades_practised": TradeProfilePage,
    "labels": LabelPage,
    "know_how": KnowHowPage,
    "working_groups": WorkingGroup,
}


def apply_row(actor: ActorPage, row: ActorRow) -> None:
    for name in SCALAR_FIELDS:
        setattr(actor, name, row.values[name])
    for field_name, ids in row.relations.items():
        getattr(actor, field_name).set(list(RELATED_MODELS[field_name].objects.filter(pk__in=ids)))


def unique_slug(directory: ActorDirectoryPage, row: ActorRow, taken: set[str]) -> str:
    base = fold(row.values["title"])[:200] or "acteur"
    candidates = [base, f"{base}-{fold(Commune.objects.get(pk=row.values['commune_id']).name)}"]
    for candidate in candidates:
        if candidate not in taken:
            return candidate
    number = 2
    while f"{candidates[-1]}-{number}" in taken:
        number += 1
    return f"{candidates[-1]}-{number}"


def write_rows(
    valid_rows: list[ActorRow],
    directory: ActorDirectoryPage,
    user=None,
    progress: Callable[[Iterable], Iterable] = iter,
) -> ImportResult:
    """Writes rows from check_rows (each matched there to its stored actor, or to none)."""
    result = ImportResult()
    taken_slugs = set(directory.get_children().values_list("slug", flat=True))
    with transaction.atomic():
        for row in progress(valid_rows):
            actor = row.actor
            if actor is not None and is_unchanged(actor, row):
                result.unchanged += 1
                continue
            if actor is None:
                actor = ActorPage(locale=directory.locale, slug=unique_slug(directory, row, taken_slugs))
                apply_row(actor, row)
                directory.add_child(instance=actor)
                taken_slugs.add(actor.slug)
                result.created += 1
            else:
                apply_row(actor, row)
                result.updated += 1
            # The import permission is a right to publish actors (give it to moderators only): the
            # revisions are logged under the importing user, without a page-by-page check.
            actor.save_revision(user=user, log_action=True).publish(user=user, skip_permission_checks=True)
    return result


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


# Export -----------------------------------------------------------------------------------------


def yes_no(value: bool) -> str:
    return "oui" if value else "non"


def actor_to_row(actor: ActorPage) -> dict[str, str]:
    """One actor as a row of the import file (relations must be prefetched)."""

    def slugs(field_name):
        return f" {LIST_SEPARATOR} ".join(sorted(item.slug for item in getattr(actor, field_name).all()))

    return {
        "siret": actor.siret,
        "nom": actor.title,
        "type": KIND_CODES[actor.kind],
        "membre": yes_no(actor.is_member),
        "adresse": actor.address,
        "code_postal": actor.postcode,
        "commune": actor.commune.name,
        "code_insee": actor.commune.insee_code,
        "departement": actor.department.code,
        "latitude": "" if actor.latitude is None else str(actor.latitude),
        "longitude": "" if actor.longitude is None else str(actor.longitude),
        "position_approximative": yes_no(actor.approximate_location),
        "site_web": actor.website,
        "contact_publiable": yes_no(actor.contact_may_be_published),
        # The export is public: a contact goes out only with the actor's consent.
        "email_contact": actor.contact_email if actor.contact_may_be_published else "",
        "telephone_contact": actor.contact_phone if actor.contact_may_be_published else "",
        "resume": actor.summary,
        "description": actor.description,
        **{column: slugs(field_name) for column, field_name in RELATION_COLUMNS},
    }


def write_csv(actors: Iterable[ActorPage], output) -> None:
    writer = csv.DictWriter(output, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for actor in actors:
        writer.writerow(actor_to_row(actor))
