"""django-import-export widgets for the site's files: each reads a cell (text, already through
``core.spreadsheet.stored_text``) into a model value, or raises ValueError with a French message
naming what to write, and renders the value back as the same text, so that export then import
gives the same value.

A widget with ``many = True`` gives a list the importer sets on a many-to-many field (or tags).
"""

import datetime
import json
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext as _
from import_export import widgets

from core.text import fold

LIST_SEPARATOR = "|"
TRUE_WORDS = {"oui", "o", "vrai", "x", "1", "yes", "y", "true"}
FALSE_WORDS = {"non", "n", "faux", "0", "no", "false", ""}
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y"]
TIME_FORMATS = ["%H:%M", "%H:%M:%S", "%Hh%M", "%Hh"]


def key_of(text: str) -> str:
    """How a code typed in a cell is compared: folded, as a slug (« Stage » → « stage »)."""
    return slugify(fold(str(text)))


class TextWidget(widgets.Widget):
    """Text as is (lines in Windows form turned into plain ones)."""

    def clean(self, value, row=None, **kwargs):
        return (value or "").replace("\r\n", "\n")

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class YesNoWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        word = key_of(value)
        if word not in TRUE_WORDS | FALSE_WORDS:
            raise ValueError(_("write « oui » or « non » (or leave empty for « non »)."))
        return word in TRUE_WORDS

    def render(self, value, obj=None, **kwargs):
        return "oui" if value else "non"


class ChoiceWidget(widgets.Widget):
    """One of a model field's choices, by the code the file writes (French), by its value, or by
    its label; ``codes`` maps each value to its code."""

    def __init__(self, codes: dict, required: bool = True, default=None, **kwargs):
        super().__init__(**kwargs)
        self.codes, self.required, self.default = dict(codes), required, default
        self.by_key = {}
        for value, code in self.codes.items():
            label = getattr(value, "label", "")
            self.by_key.update({key_of(code): value, key_of(value): value})
            if label:
                self.by_key.setdefault(key_of(label), value)

    def clean(self, value, row=None, **kwargs):
        if not value and self.default is not None:
            return str(self.default)
        if not value and not self.required:
            return ""
        found = self.by_key.get(key_of(value))
        if found is None:
            raise ValueError(
                _("« %(value)s » is not a known value. Use one of: %(choices)s.")
                % {"value": value, "choices": ", ".join(self.codes.values())}
            )
        return str(found)

    def render(self, value, obj=None, **kwargs):
        return self.codes.get(value, value or "")


class IntegerWidget(widgets.Widget):
    def __init__(self, required: bool = False, default=None, **kwargs):
        super().__init__(**kwargs)
        self.required, self.default = required, default

    def clean(self, value, row=None, **kwargs):
        text = (value or "").replace(" ", "").replace("\u00a0", "")
        if not text:
            if self.default is not None:
                return self.default
            if self.required:
                raise ValueError(_("a whole number is required."))
            return None
        if not text.isdigit():
            raise ValueError(_("« %(value)s » is not a whole number such as 12.") % {"value": value})
        return int(text)

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


def parse_date(text: str) -> datetime.date | None:
    for date_format in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, date_format).date()
        except ValueError:
            continue
    return None


class DateWidget(widgets.Widget):
    """A day: 2026-03-14 (as exported) or 14/03/2026 (as a French spreadsheet writes it)."""

    def __init__(self, required: bool = False, **kwargs):
        super().__init__(**kwargs)
        self.required = required

    def clean(self, value, row=None, **kwargs):
        text = (value or "").strip()
        if not text:
            if self.required:
                raise ValueError(_("the date is required, e.g. 2026-03-14 or 14/03/2026."))
            return None
        date = parse_date(text)
        if date is None:
            raise ValueError(
                _("« %(value)s » is not a date such as 2026-03-14 or 14/03/2026.") % {"value": value}
            )
        return date

    def render(self, value, obj=None, **kwargs):
        return value.isoformat() if value else ""


class DateTimeWidget(widgets.Widget):
    """A moment in French time: « 2026-03-14 09:30 » (as exported) or « 14/03/2026 9h30 »; a day
    alone is its midnight. Stored aware (UTC), shown in settings.TIME_ZONE."""

    def __init__(self, required: bool = False, **kwargs):
        super().__init__(**kwargs)
        self.required = required
        self.zone = ZoneInfo(settings.TIME_ZONE)

    def clean(self, value, row=None, **kwargs):
        text = " ".join((value or "").replace("T", " ").split())
        if not text:
            if self.required:
                raise ValueError(_("the date and time are required, e.g. 2026-03-14 09:30."))
            return None
        day_text, _space, time_text = text.partition(" ")
        day = parse_date(day_text)
        moment = None
        if day is not None:
            if not time_text:
                moment = datetime.time(0, 0)
            for time_format in TIME_FORMATS:
                try:
                    moment = datetime.datetime.strptime(time_text, time_format).time()
                    break
                except ValueError:
                    continue
        if day is None or moment is None:
            raise ValueError(
                _("« %(value)s » is not a date and time such as 2026-03-14 09:30 (French time).")
                % {"value": value}
            )
        return datetime.datetime.combine(day, moment, tzinfo=self.zone)

    def render(self, value, obj=None, **kwargs):
        return timezone.localtime(value, self.zone).strftime("%Y-%m-%d %H:%M") if value else ""


class ReferenceWidget(widgets.Widget):
    """A foreign key by a stable code (a slug, a department's number), looked up in the locale of
    the pages imported (``locale`` set by the exchange before reading a file)."""

    def __init__(self, model, field: str = "slug", other_fields=(), required: bool = False, **kwargs):
        super().__init__(**kwargs)
        self.model, self.field, self.other_fields, self.required = model, field, tuple(other_fields), required
        self.locale = None
        self._known = None

    def start(self, locale) -> None:
        """Called once per file: the references of the locale, loaded once."""
        self.locale = locale
        self._known = None

    def known(self) -> dict:
        if self._known is None:
            queryset = self.model._default_manager.all()
            if self.locale is not None and hasattr(self.model, "locale"):
                queryset = queryset.filter(locale=self.locale)
            self._known = {}
            for item in queryset.order_by("pk"):
                for name in (self.field, *self.other_fields):
                    self._known.setdefault(key_of(getattr(item, name)), []).append(item)
        return self._known

    def find(self, code: str):
        found = list(dict.fromkeys(self.known().get(key_of(code), [])))
        if not found:
            raise ValueError(
                _("« %(value)s » is unknown: check its spelling in the admin.") % {"value": code}
            )
        if len(found) > 1:
            raise ValueError(
                _("« %(value)s » names several items: write its slug as the export does.") % {"value": code}
            )
        return found[0]

    def clean(self, value, row=None, **kwargs):
        text = (value or "").strip()
        if not text:
            if self.required:
                raise ValueError(_("this column is required."))
            return None
        return self.find(text)

    def render(self, value, obj=None, **kwargs):
        return getattr(value, self.field) if value is not None else ""


class ReferenceListWidget(ReferenceWidget):
    """Many-to-many links: codes separated by « | »; every unknown one named at once."""

    many = True

    def clean(self, value, row=None, **kwargs):
        codes = [part.strip() for part in (value or "").split(LIST_SEPARATOR) if part.strip()]
        found, unknown = [], []
        for code in codes:
            try:
                found.append(self.find(code))
            except ValueError:
                unknown.append(code)
        if unknown:
            raise ValueError(_("unknown: %(codes)s.") % {"codes": ", ".join(unknown)})
        return list(dict.fromkeys(found))

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return f" {LIST_SEPARATOR} ".join(sorted(getattr(item, self.field) for item in value.all()))


class TagsWidget(widgets.Widget):
    """Free tags (django-taggit), separated by « | »."""

    many = True

    def clean(self, value, row=None, **kwargs):
        names = [part.strip() for part in (value or "").split(LIST_SEPARATOR) if part.strip()]
        too_long = [name for name in names if len(name) > 100]
        if too_long:
            raise ValueError(_("a keyword is longer than 100 characters: %(tag)s.") % {"tag": too_long[0]})
        return list(dict.fromkeys(names))

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return f" {LIST_SEPARATOR} ".join(sorted(tag.name for tag in value.all()))


class StreamWidget(widgets.Widget):
    """A StreamField: the JSON Wagtail stores (what the export writes: lossless), or plain text,
    whose paragraphs (separated by an empty line) become paragraph blocks."""

    def __init__(self, paragraph_block: str | None = "paragraph", **kwargs):
        super().__init__(**kwargs)
        self.paragraph_block = paragraph_block

    def clean(self, value, row=None, **kwargs):
        text = (value or "").strip()
        if not text:
            return []
        if text.startswith("["):
            try:
                data = json.loads(text)
            except json.JSONDecodeError as error:
                raise ValueError(
                    _(
                        "the cell starts with « [ » but is not the JSON the export writes (%(error)s): "
                        "copy it from an export, or write plain text."
                    )
                    % {"error": error.msg}
                ) from error
            if not isinstance(data, list) or not all(
                isinstance(item, dict) and "type" in item and "value" in item for item in data
            ):
                raise ValueError(
                    _("the JSON must be a list of blocks, each with a « type » and a « value ».")
                )
            return data
        if not self.paragraph_block:
            raise ValueError(_("write this column as the JSON the export writes (a list of blocks)."))
        paragraphs = [part.strip() for part in text.replace("\r\n", "\n").split("\n\n") if part.strip()]
        return [
            {"type": self.paragraph_block, "value": "<p>" + escape(part).replace("\n", "<br>") + "</p>"}
            for part in paragraphs
        ]

    def comparable(self, text: str):
        """What a change is judged on: the blocks without their ids (a plain text cell read
        twice gives new ids, not new content)."""
        if not text:
            return []
        return [{key: item for key, item in block.items() if key != "id"} for block in json.loads(text)]

    def render(self, value, obj=None, **kwargs):
        if not value:
            return ""
        # Through each block (not the raw data), so that a stored value and the same value read
        # back from a file are written the same way.
        return json.dumps(
            [child.get_prep_value() for child in value],
            ensure_ascii=False,
            sort_keys=True,
            cls=DjangoJSONEncoder,
        )
