"""The sector action plan to and from one spreadsheet (CSV or XLSX), round trip without loss.

One row per action track, the issue's columns repeated on each of its rows (an issue without a
track has one row with the track's columns empty). The files are read and written with
django-import-export's formats (tablib). The import follows the actor import's rules: every row
is checked first, each error named by its line and column; nothing is written unless the whole
file is valid; the plan's own block validation has the last word. Cells a spreadsheet would run
as formulas are written behind a quote and read back without it (core.spreadsheet).

Indicators sit in one cell, one per line: ``name | target | value reached | date``.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import tablib
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from import_export.formats.base_formats import CSV, XLSX

from core.spreadsheet import safe_cell, stored_text

from .models import ActionPlanPage, ProjectPage
from .models.plan import TrackStatus

MAX_FILE_SIZE = 5 * 1024 * 1024
COLUMNS = [
    "enjeu",
    "mots_cles",
    "commentaires_enjeu",
    "personnes_ressources",
    "piste",
    "statut",
    "pilote",
    "debut",
    "fin",
    "commentaires_piste",
    "projets",
    "indicateurs",
]
REQUIRED_COLUMNS = ["enjeu", "piste", "statut"]
ISSUE_COLUMNS = {
    "mots_cles": "keywords",
    "commentaires_enjeu": "comments",
    "personnes_ressources": "resource_people",
}
FORMATS = {"csv": CSV, "xlsx": XLSX}


class ImportFileError(Exception):
    """The file cannot be read at all (size, format, columns)."""


@dataclass
class ImportResult:
    errors: list = field(default_factory=list)  # [(line, column, message)]
    issues: int = 0
    tracks: int = 0
    published: bool = False


# Writing -------------------------------------------------------------------------------------


def _number(value) -> str:
    if value is None or value == "":
        return ""
    text = format(Decimal(value).normalize(), "f")
    return text


def _indicators_cell(indicators) -> str:
    lines = []
    for indicator in indicators:
        day = indicator["measured_on"].isoformat() if indicator["measured_on"] else ""
        lines.append(
            " | ".join([indicator["label"], _number(indicator["target"]), _number(indicator["value"]), day])
        )
    return "\n".join(lines)


def plan_rows(plan: ActionPlanPage) -> list[list[str]]:
    rows = []
    for block in plan.issues:
        issue = block.value
        head = [
            issue["title"],
            issue["keywords"] or "",
            issue["comments"] or "",
            issue["resource_people"] or "",
        ]
        tracks = issue["tracks"] or [None]
        for track in tracks:
            if track is None:
                rows.append(head + [""] * 8)
                continue
            projects = ", ".join(project.slug for project in track["projects"] if project is not None)
            rows.append(
                head
                + [
                    track["title"],
                    track["status"],
                    track["pilot"] or "",
                    track["starts_on"].isoformat() if track["starts_on"] else "",
                    track["ends_on"].isoformat() if track["ends_on"] else "",
                    track["comments"] or "",
                    projects,
                    _indicators_cell(track["indicators"]),
                ]
            )
    return [[safe_cell(cell) for cell in row] for row in rows]


def export_plan(plan: ActionPlanPage, file_format: str = "csv") -> bytes:
    dataset = tablib.Dataset(*plan_rows(plan), headers=COLUMNS)
    exported = FORMATS[file_format]().export_data(dataset)
    return exported.encode("utf-8-sig") if isinstance(exported, str) else exported


# Reading -------------------------------------------------------------------------------------


def read_dataset(content: bytes, file_format: str) -> tablib.Dataset:
    if len(content) > MAX_FILE_SIZE:
        raise ImportFileError(_("The file is larger than 5 MB."))
    if file_format not in FORMATS:
        raise ImportFileError(_("Send a CSV or an XLSX file."))
    try:
        if file_format == "xlsx":
            dataset = XLSX().create_dataset(content)
        else:
            text = content.decode("utf-8-sig")
            first_line = text.split("\n", 1)[0]
            delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
            dataset = tablib.Dataset().load(text, format="csv", delimiter=delimiter)
    except UnicodeDecodeError as error:
        raise ImportFileError(_("The file is not in UTF-8: save it as « CSV UTF-8 ».")) from error
    except Exception as error:  # tablib and openpyxl raise many kinds on a damaged file
        raise ImportFileError(
            _("The file cannot be read as a %(format)s spreadsheet.") % {"format": file_format.upper()}
        ) from error
    headers = [str(header or "").strip().lower() for header in (dataset.headers or [])]
    missing = [column for column in REQUIRED_COLUMNS if column not in headers]
    if missing:
        raise ImportFileError(
            _("Columns missing on the first line: %(columns)s.") % {"columns": ", ".join(missing)}
        )
    dataset.headers = headers
    return dataset


def _cell(row: dict, column: str) -> str:
    value = row.get(column)
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return stored_text(str(value)).strip()


def _date(text: str):
    if not text:
        return None
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(_("« %(value)s » is not a date (write 2025-06-30 or 30/06/2025).") % {"value": text})


def _decimal(text: str):
    if not text:
        return None
    try:
        return Decimal(text.replace(",", ".").replace(" ", ""))
    except InvalidOperation as error:
        raise ValueError(_("« %(value)s » is not a number.") % {"value": text}) from error


STATUS_WORDS = {
    **{code: code for code, _label in TrackStatus.CHOICES},
    "a venir": TrackStatus.PLANNED,
    "à venir": TrackStatus.PLANNED,
    "en cours": TrackStatus.UNDER_WAY,
    "fait": TrackStatus.DONE,
    "réalisé": TrackStatus.DONE,
    "en pause": TrackStatus.PAUSED,
    "abandonné": TrackStatus.ABANDONED,
    "abandonne": TrackStatus.ABANDONED,
}


def _status(text: str) -> str:
    code = STATUS_WORDS.get(text.lower())
    if code is None:
        raise ValueError(
            _("« %(value)s » is not a status: write one of %(codes)s.")
            % {"value": text, "codes": ", ".join(code for code, _label in TrackStatus.CHOICES)}
        )
    return code


def _indicators(text: str) -> list[dict]:
    indicators = []
    for line in filter(None, (line.strip() for line in text.splitlines())):
        parts = [part.strip() for part in line.split("|")]
        if len(parts) != 4 or not parts[0]:
            raise ValueError(
                _("« %(value)s »: write each indicator as « name | target | value | date ».")
                % {"value": line}
            )
        indicators.append(
            {
                "label": parts[0],
                "target": _decimal(parts[1]),
                "value": _decimal(parts[2]),
                "measured_on": _date(parts[3]),
            }
        )
    return indicators


def parse_rows(dataset: tablib.Dataset, plan: ActionPlanPage):
    """The plan's issues as block data, and every error as (line, column, message)."""
    errors, issues = [], {}
    slugs_wanted = set()
    rows = [dict(zip(dataset.headers, values, strict=False)) for values in dataset]
    for row in rows:
        slugs_wanted.update(slug.strip() for slug in _cell(row, "projets").split(",") if slug.strip())
    projects = {
        page.slug: page
        for page in ProjectPage.objects.filter(locale_id=plan.locale_id, slug__in=slugs_wanted)
    }
    for line, row in enumerate(rows, start=2):
        title = _cell(row, "enjeu")
        if not any(_cell(row, column) for column in COLUMNS):
            continue  # an empty line of the spreadsheet
        if not title:
            errors.append((line, "enjeu", _("Each line names its issue.")))
            continue
        head = {field_name: _cell(row, column) for column, field_name in ISSUE_COLUMNS.items()}
        issue = issues.get(title)
        if issue is None:
            issue = issues[title] = {"title": title, **head, "tracks": [], "line": line}
        else:
            for column, field_name in ISSUE_COLUMNS.items():
                if head[field_name] != issue[field_name]:
                    errors.append(
                        (
                            line,
                            column,
                            _("Differs from line %(line)s of the same issue.") % {"line": issue["line"]},
                        )
                    )
        track_title = _cell(row, "piste")
        if not track_title:
            if any(_cell(row, column) for column in COLUMNS[5:]):
                errors.append(
                    (line, "piste", _("A line with a status, dates or indicators names its action track."))
                )
            continue
        track = {
            "title": track_title,
            "pilot": _cell(row, "pilote"),
            "comments": _cell(row, "commentaires_piste"),
        }
        for column, key, reader in (
            ("statut", "status", _status),
            ("debut", "starts_on", _date),
            ("fin", "ends_on", _date),
            ("indicateurs", "indicators", _indicators),
        ):
            try:
                track[key] = reader(_cell(row, column))
            except ValueError as error:
                errors.append((line, column, str(error)))
        slugs = [slug.strip() for slug in _cell(row, "projets").split(",") if slug.strip()]
        unknown = [slug for slug in slugs if slug not in projects]
        if unknown:
            errors.append(
                (
                    line,
                    "projets",
                    _("No workshop or project has the address %(slugs)s.") % {"slugs": ", ".join(unknown)},
                )
            )
        track["projects"] = [projects[slug].pk for slug in slugs if slug in projects]
        track["line"] = line
        issue["tracks"].append(track)
    return list(issues.values()), errors


def _block_errors(error, line_of) -> list:
    """The plan's own validation errors, named by the line of the track they come from."""
    return [(line_of, "", "; ".join(error.messages))]


def import_plan(
    plan: ActionPlanPage, content: bytes, file_format: str, user=None, check_only=False
) -> ImportResult:
    """Replace the plan's issues with the file's, all or nothing."""
    dataset = read_dataset(content, file_format)
    issues, errors = parse_rows(dataset, plan)
    result = ImportResult(
        errors=errors, issues=len(issues), tracks=sum(len(issue["tracks"]) for issue in issues)
    )
    if errors:
        return result
    stream_block = ActionPlanPage._meta.get_field("issues").stream_block
    raw = []
    for issue in issues:
        tracks = [{key: value for key, value in track.items() if key != "line"} for track in issue["tracks"]]
        raw.append(
            ("issue", {**{key: value for key, value in issue.items() if key != "line"}, "tracks": tracks})
        )
    issue_block = stream_block.child_blocks["issue"]
    values = []
    for (_name, data), issue in zip(raw, issues, strict=True):
        value = issue_block.to_python(
            {
                **data,
                "tracks": [
                    {
                        **track,
                        "starts_on": _iso(track.get("starts_on")),
                        "ends_on": _iso(track.get("ends_on")),
                        "indicators": [
                            {
                                **indicator,
                                "target": _str(indicator["target"]),
                                "value": _str(indicator["value"]),
                                "measured_on": _iso(indicator["measured_on"]),
                            }
                            for indicator in track.get("indicators", [])
                        ],
                    }
                    for track in data["tracks"]
                ],
            }
        )
        try:
            values.append(("issue", issue_block.clean(value)))
        except ValidationError as error:
            result.errors.extend(_block_errors(error, issue["line"]))
    if result.errors or check_only:
        return result
    with transaction.atomic():
        draft = plan.get_latest_revision_as_object()
        draft.issues = values
        revision = draft.save_revision(user=user)
        if user is not None and plan.permissions_for_user(user).can_publish():
            revision.publish(user=user)
            result.published = True
    return result


def _iso(value):
    return value.isoformat() if value else None


def _str(value):
    return None if value is None else str(value)
