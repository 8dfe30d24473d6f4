"""Index upkeep: the facet values of every searchable page, the full-text entry after publish,
after rewriting which the content generation (``core.generation``) gets a new token.

Wagtail indexes a page on ``post_save``, before modelcluster has saved its tags, chapters and
many-to-many relations: the full-text entry of a freshly published page would then miss them.
``page_published`` fires after the revision's whole cluster is saved, so the page is indexed
again there, and its facet values are rebuilt from the saved relations.
"""

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import transaction
from wagtail.models import Locale, Page
from wagtail.search import index

from core.generation import content_changed
from core.indexing import indexing_muted

from .models import PageFacetValue

# The page types search lists, and their value in the "kind" facet (same in every language).
KINDS = {
    "trades.TradeProfilePage": "trade",
    "knowledge.KnowHowPage": "know-how",
    "knowledge.LabelPage": "label",
    "trades.OpportunityPage": "opportunity",
    "knowledge.ReplayPage": "replay",
    "home.StandardPage": "page",
}

# Where each facet's values come from: lookups to a taxonomy term's slug, tried on every model
# (a model without the first field of a lookup is skipped).
FACET_LOOKUPS = {
    "domain": ["domains__slug"],
    "material": ["materials__slug"],
    "department": ["departments__slug", "department__slug"],
    "audience": ["audiences__slug"],
    "level": ["level__slug", "training_paths__level__slug"],
    "contract": ["contract_kind__slug"],
}
# The "label" facet: a label page is its own value, other pages through ``related_labels``.
# Its values are the slugs of the labels' pages in the default locale (the slug of a translated
# page may differ; the same URL must filter the same in both languages).
LABEL_MODEL = "knowledge.LabelPage"
LABEL_RELATION = "related_labels"


def searchable_models():
    return [apps.get_model(label) for label in KINDS]


def kind_of(model) -> str | None:
    return KINDS.get(model._meta.label)


def _has_field(model, lookup):
    try:
        model._meta.get_field(lookup.split("__", 1)[0])
    except FieldDoesNotExist:
        return False
    return True


def _label_slugs_by_key(keys):
    """{translation_key: slug of the label page in the default locale} for these keys.

    Hidden labels keep their rows: a row names nothing by itself (the label facet's choices,
    ``service.facet_choices``, hold only visible labels, and a value outside them is neither
    applied nor shown), and a label made public again needs no reindexing of its pages."""
    keys = set(keys)
    if not keys:
        return {}
    default_locale = Locale.get_default()
    found = {}
    for key, locale_id, slug in Page.objects.filter(translation_key__in=keys).values_list(
        "translation_key", "locale_id", "slug"
    ):
        if key not in found or locale_id == default_locale.pk:
            found[key] = slug
    return found


def facet_rows(model, page_ids=None) -> list[PageFacetValue]:
    """The facet rows of the pages of ``model`` (all of them, or those of ``page_ids``).

    A fixed number of queries per model, whatever the number of pages.
    """
    kind = kind_of(model)
    if kind is None:
        return []
    pages = model._default_manager.all()
    if page_ids is not None:
        pages = pages.filter(pk__in=page_ids)
    locale_of = dict(pages.values_list("pk", "locale_id"))
    rows = {(pk, "kind", kind) for pk in locale_of}
    for facet, lookups in FACET_LOOKUPS.items():
        for lookup in lookups:
            if _has_field(model, lookup):
                values = pages.filter(**{f"{lookup}__isnull": False}).values_list("pk", lookup)
                rows.update((pk, facet, value) for pk, value in values if value)
    label_keys = []
    if model._meta.label == LABEL_MODEL:
        label_keys = list(pages.values_list("pk", "translation_key"))
    elif _has_field(model, LABEL_RELATION):
        label_keys = list(
            pages.filter(**{f"{LABEL_RELATION}__isnull": False}).values_list(
                "pk", f"{LABEL_RELATION}__translation_key"
            )
        )
    slugs = _label_slugs_by_key(key for _pk, key in label_keys)
    rows.update((pk, "label", slugs[key]) for pk, key in label_keys if key in slugs)
    return [
        PageFacetValue(page_id=pk, locale_id=locale_of[pk], facet=facet, value=value[:255])
        for pk, facet, value in sorted(rows)
    ]


@transaction.atomic
def update_page_facets(page):
    """Rebuild the facet rows of one page (its specific type decides what they are)."""
    page = page.specific_deferred if type(page) is Page else page
    PageFacetValue.objects.filter(page_id=page.pk).delete()
    PageFacetValue.objects.bulk_create(facet_rows(type(page), [page.pk]))
    # The page's save already set a new token, but before these rows: set one after them too,
    # so that no snapshot built in between keeps the old values under the current token.
    content_changed()


@transaction.atomic
def rebuild_facets(stdout=None) -> int:
    """Rebuild the whole table (``update_index`` calls this). Returns the number of rows."""
    PageFacetValue.objects.all().delete()
    content_changed()
    total = 0
    for model in searchable_models():
        rows = facet_rows(model)
        PageFacetValue.objects.bulk_create(rows, batch_size=2000)
        total += len(rows)
        if stdout is not None:
            stdout.write(f"facets: {model._meta.label}: {len(rows)} values")
    return total


def on_page_published(sender, instance, **kwargs):
    if indexing_muted() or kind_of(type(instance)) is None:
        return
    update_page_facets(instance)
    # The cluster (tags, chapters, relations) is saved now: index the page again with it.
    index.insert_or_update_object(instance)


def on_page_unpublished(sender, instance, **kwargs):
    if indexing_muted():
        return
    # Keeps the table small (searches start from live pages anyway).
    PageFacetValue.objects.filter(page_id=instance.pk).delete()
    content_changed()
