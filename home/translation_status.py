"""Where each French page stands in English, from wagtail-localize's own records.

- **translated**: its English translation has every string of its source translated, and the
  source has not changed since it was submitted (or the English page was written directly);
- **behind**: the French page changed since (its live content differs from the source that
  wagtail-localize holds: the segments that changed are named), or some strings are still
  waiting for their English;
- **never translated**: no English page, or one whose strings are all still French.

Read in a fixed number of queries, whatever the number of pages; only the pages published since
their source was last updated are compared segment by segment (in memory).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Count, Exists, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

TRANSLATED = "translated"
BEHIND = "behind"
NEVER = "never"
STATUSES = {
    TRANSLATED: _("Translated"),
    BEHIND: _("Behind its source"),
    NEVER: _("Never translated"),
}
# How much of a changed segment's new text the report shows.
EXCERPT_LENGTH = 120


@dataclass
class ChangedSegment:
    field: str  # the field's name as editors read it
    text: str  # the source's new text, shortened ("" when the segment was removed)


@dataclass
class PageStatus:
    page: Page
    status: str
    translation_page_id: int | None = None
    source_id: int | None = None  # wagtail-localize's TranslationSource
    total_strings: int = 0
    translated_strings: int = 0
    changed: list[ChangedSegment] = field(default_factory=list)

    @property
    def status_label(self):
        return STATUSES[self.status]

    @property
    def type_name(self) -> str:
        return str(self.page.content_type.model_class()._meta.verbose_name)

    @property
    def missing_strings(self) -> int:
        return self.total_strings - self.translated_strings


def _count(queryset):
    return Coalesce(
        Subquery(queryset.values("source_id").annotate(n=Count("pk")).values("n")[:1]),
        Value(0),
        output_field=IntegerField(),
    )


def translation_progress(source_locale: Locale, target_locale: Locale) -> dict:
    """translation key -> (source id, total strings, translated strings, source updated at) of
    the enabled translations from ``source_locale`` into ``target_locale``. One query."""
    segments = StringSegment.objects.filter(source_id=OuterRef("source_id"))
    translated = StringTranslation.objects.filter(
        translation_of_id=OuterRef("string_id"),
        context_id=OuterRef("context_id"),
        locale_id=target_locale.pk,
        has_error=False,
    )
    rows = (
        Translation.objects.filter(enabled=True, target_locale=target_locale, source__locale=source_locale)
        .annotate(total=_count(segments), done=_count(segments.filter(Exists(translated))))
        .values_list("source__object_id", "source_id", "total", "done", "source__last_updated_at")
    )
    return {key: (source_id, total, done, updated) for key, source_id, total, done, updated in rows}


def page_statuses(source_code: str = "fr", target_code: str = "en", content_type=None) -> list[PageStatus]:
    """The status of every page in ``source_code`` (the home page and below) in ``target_code``,
    in tree order. ``content_type``: only the pages of that type."""
    source_locale = Locale.objects.filter(language_code=source_code).first()
    target_locale = Locale.objects.filter(language_code=target_code).first()
    if source_locale is None or target_locale is None:
        return []  # a site with one language has nothing to translate (yet)
    pages = Page.objects.filter(locale=source_locale, depth__gt=1).order_by("path")
    if content_type is not None:
        pages = pages.filter(content_type=content_type)
    pages = list(pages.select_related("content_type").defer_streamfields())
    targets = dict(
        Page.objects.filter(
            locale=target_locale, translation_key__in=[page.translation_key for page in pages]
        ).values_list("translation_key", "pk")
    )
    progress = translation_progress(source_locale, target_locale)
    statuses, to_compare = [], []
    for page in pages:
        target_id = targets.get(page.translation_key)
        known = progress.get(page.translation_key)
        if known is None:
            # Written directly in English (no wagtail-localize translation), or not at all.
            statuses.append(PageStatus(page, TRANSLATED if target_id else NEVER, target_id))
            continue
        source_id, total, done, updated_at = known
        status = PageStatus(page, TRANSLATED, target_id, source_id, total, done)
        if target_id is None or (done == 0 and total > 0):
            status.status = NEVER
        elif done < total:
            status.status = BEHIND
        if target_id is not None and page.last_published_at and page.last_published_at > updated_at:
            to_compare.append((status, source_id))
        statuses.append(status)
    _compare_with_sources(to_compare)
    return statuses


def _compare_with_sources(to_compare: list[tuple[PageStatus, int]]) -> None:
    """Names the segments of each page's live content that differ from its translation source,
    and marks a translated page with such segments behind. Two queries, plus the pages read."""
    if not to_compare:
        return
    stored: dict[int, dict[str, str]] = {}
    segments = StringSegment.objects.filter(source_id__in=[source_id for _status, source_id in to_compare])
    for source_id, path, data in segments.values_list("source_id", "context__path", "string__data"):
        stored.setdefault(source_id, {})[path] = data
    live = {
        page.pk: page for page in Page.objects.filter(pk__in=[s.page.pk for s, _id in to_compare]).specific()
    }
    for status, source_id in to_compare:
        before = stored.get(source_id, {})
        now = {
            segment.path: segment.string.data
            for segment in extract_segments(live[status.page.pk])
            if isinstance(segment, StringSegmentValue)
        }
        changed = [path for path in now if before.get(path) != now[path]]
        removed = [path for path in before if path not in now]
        model = type(live[status.page.pk])
        status.changed = [
            ChangedSegment(_field_label(model, path), _excerpt(now.get(path, "")))
            for path in changed + removed
        ]
        if status.changed and status.status == TRANSLATED:
            status.status = BEHIND


def _field_label(model, path: str) -> str:
    name = path.split(".")[0]
    try:
        return str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


def _excerpt(text: str) -> str:
    return Truncator(strip_tags(text)).chars(EXCERPT_LENGTH)


@dataclass
class TypeCounts:
    content_type: object
    counts: Counter

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def counts_by_type(statuses: list[PageStatus]) -> list[TypeCounts]:
    """Per page type, how many pages are translated, behind and never translated; by name."""
    by_type: dict[int, TypeCounts] = {}
    for status in statuses:
        content_type = status.page.content_type
        by_type.setdefault(content_type.pk, TypeCounts(content_type, Counter())).counts[status.status] += 1
    return sorted(by_type.values(), key=lambda row: str(row.content_type.model_class()._meta.verbose_name))
