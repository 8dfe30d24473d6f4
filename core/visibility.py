"""The one rule for every place that names a page (listings, facets, chips, links, exports,
feeds, the sitemap, suggestions): live, public (no password or group restriction on it or an
ancestor), and in the locale asked for. A page this rule leaves out is named nowhere: not by its
title, not by its slug."""

from django.db.models import CharField, Exists, ExpressionWrapper, F, OuterRef
from django.db.models.lookups import StartsWith
from wagtail.models import Page, PageViewRestriction


def restricted(path_field="path"):
    """True for a page that a view restriction (password, login, groups) covers: on it or an
    ancestor. One SQL condition; Wagtail's ``public()`` reads every restriction first, a query
    each time a queryset is built."""
    outer_path = ExpressionWrapper(OuterRef(path_field), output_field=CharField())
    return Exists(PageViewRestriction.objects.filter(StartsWith(outer_path, F("page__path"))))


def visible(queryset, locale=None):
    """``queryset`` (pages of any type) narrowed to what an anonymous visitor may be shown.
    ``locale``: a Locale or its id."""
    queryset = queryset.live().exclude(restricted())
    if locale is not None:
        queryset = queryset.filter(locale=locale)
    return queryset


def visible_ids(pages) -> set[int]:
    """The ids of ``pages`` (page objects, None skipped) that ``visible`` keeps: one query, none
    for no page. For links read from foreign keys and in-memory relations (a preview)."""
    ids = {page.pk for page in pages if page is not None and page.pk is not None}
    if not ids:
        return set()
    return set(visible(Page.objects.filter(pk__in=ids)).values_list("pk", flat=True))


def visible_in_language(queryset, locale):
    """The pages of ``queryset``, or their translations, as visitors of ``locale`` may see them: a
    translated page keeps its source's links (to pages in the source's language), so the linked
    pages are matched by translation key. One query, as ``visible``."""
    translations = queryset.model.objects.filter(translation_key__in=queryset.values("translation_key"))
    return visible(translations, locale)
