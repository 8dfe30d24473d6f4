"""Index upkeep: the facet values of every searchable page, the full-text entry after publish,
after rewriting which the content generation (``core.generation``) gets a new token.

Wagtail indexes a page on ``post_save``, before modelcluster has saved its tags, chapters and
many-to-many relations: the full-text entry of a freshly published page would then miss them.
``page_published`` fires after the revision's whole cluster is saved, so the page is indexed
again there, and its facet values are rebuilt from the saved relations.
"""

from django.db import transaction
from wagtail.models import Locale, Page
from wagtail.search import index

from core.generation import content_changed
from core.indexing import indexing_muted

from .models import PageFacetValue
from .registry import KIND_FACET, SELF, declaration_by_model, kind_of, page_model_of, searchable_models


def _page_slugs_by_key(keys):
    """{translation_key: slug of the page in the default locale} for these keys: the value of a
    facet whose values are pages (the slug of a translated page may differ; the same URL must
    filter the same in both languages).

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
    rows = {(pk, KIND_FACET.name, kind) for pk in locale_of}
    declared = declaration_by_model()[model]
    for field in declared.facet_fields:
        facet = field.facet.name
        if page_model_of(field.facet) is None:  # terms or choices: the lookup reaches the value
            values = pages.filter(**{f"{field.lookup}__isnull": False}).values_list("pk", field.lookup)
            rows.update((pk, facet, value) for pk, value in values if value)
            continue
        if field.lookup == SELF:
            keys = list(pages.values_list("pk", "translation_key"))
        else:
            keys = list(
                pages.filter(**{f"{field.lookup}__isnull": False}).values_list(
                    "pk", f"{field.lookup}__translation_key"
                )
            )
        slugs = _page_slugs_by_key(key for _pk, key in keys)
        rows.update((pk, facet, slugs[key]) for pk, key in keys if key in slugs)
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


def on_picks_changed(sender, **kwargs):
    """An editors' pick (Wagtail's search promotions) saved or deleted: searches show it at once."""
    if kwargs.get("raw"):
        return
    content_changed()
