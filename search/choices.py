"""The search page's facets and the labels of their values in the visitor's language, from what
the page types declare (``search.registry``)."""

import functools

from django.db.models import CharField, F, Value
from django.db.models.functions import Cast
from django.utils.translation import get_language
from wagtail.models import Locale

from core.facets import Facet
from core.visibility import visible

from .registry import KIND_FACET, facets, kind_of_model, page_model_of


def page_facets() -> list[Facet]:
    """The search page's facets (their values come from ``PageFacetValue``, see ``snapshot``)."""
    return [Facet(name=facet.name, label=facet.label) for facet in facets()]


def facet_label(name: str):
    return next((facet.label for facet in facets() if facet.name == name), name)


def kind_choices() -> dict[str, str]:
    """{kind: its name in the active language}, by name (shared: not to be changed)."""
    return _kind_choices_in(get_language())


@functools.cache
def _kind_choices_in(language: str | None) -> dict[str, str]:
    # The names depend only on the language: translated once per language and process, not on
    # every search (each result shows its kind's name).
    names = {kind: str(model.kind_label) for model, kind in kind_of_model().items()}
    return dict(sorted(names.items(), key=lambda item: item[1].lower()))


def facet_choices(locale: Locale) -> dict[str, dict[str, str]]:
    """{facet: {value slug: label}} for every facet, in display order: one query.

    Pages of other languages point at the French terms (wagtail-localize synchronises the
    relations); the label shown is the term's translation (same slug) in the visitor's language,
    or the French one when there is none yet. Facets whose values are pages (labels) offer only
    visible pages (any other value is ignored, and so never shown nor suggested).
    """
    default_locale = Locale.get_default()
    locale_ids = {locale.pk, default_locale.pk}
    parts = []
    for facet in facets():
        if facet is KIND_FACET or facet.choices is not None:
            continue
        page_model = page_model_of(facet)
        if page_model is None:
            values = facet.terms.objects.annotate(key=F("slug"), label=F("name"))
        else:
            values = visible(page_model.objects).annotate(
                key=Cast("translation_key", CharField()), label=F("title")
            )
        parts.append(
            values.filter(locale_id__in=locale_ids)
            .annotate(
                facet=Value(facet.name, output_field=CharField()), sort=Cast(facet.sort_field, CharField())
            )
            .values_list("facet", "key", "slug", "label", "locale_id", "sort")
            .order_by()
        )
    rows = list(parts[0].union(*parts[1:], all=True)) if parts else []
    # For each (facet, key): the slug in the default locale, the name in the visitor's locale.
    found: dict[tuple[str, str], dict] = {}
    for facet, key, slug, name, locale_id, sort in rows:
        entry = found.setdefault((facet, key), {"slug": slug, "name": name, "sort": sort})
        if locale_id == default_locale.pk:
            entry["slug"] = slug
        if locale_id == locale.pk:
            entry["name"], entry["sort"] = name, sort
    choices: dict[str, dict[str, str]] = {KIND_FACET.name: kind_choices()}
    for facet in facets():
        if facet is KIND_FACET:
            continue
        if facet.choices is not None:  # a field's choices: its labels, in their own order
            choices[facet.name] = {value: str(label) for value, label in facet.choices}
            continue
        entries = [entry for (name, _key), entry in found.items() if name == facet.name]
        entries.sort(key=lambda entry: str(entry["sort"]).lower())
        choices[facet.name] = {entry["slug"]: str(entry["name"]) for entry in entries}
    return choices
