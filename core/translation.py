"""The translation fallback: what a page in one language shows of what it links to.

wagtail-localize copies links (foreign keys, many-to-many, chapters) unchanged, so a translated
page may still point to source-language pages and terms. Pages and terms are matched across
languages by their translation key.
"""

from wagtail.models import Page

from .visibility import visible


def localized(objects, locale_id) -> list:
    """Translatable objects (taxonomy terms, snippets, pages) in ``locale_id`` where a translation
    exists, else as they are; same order. One query, none when all are in that locale already."""
    objects = list(objects)
    foreign = [obj for obj in objects if obj is not None and obj.locale_id != locale_id]
    if not foreign:
        return objects
    model = Page if isinstance(foreign[0], Page) else type(foreign[0])
    translations = model.objects.filter(
        locale_id=locale_id, translation_key__in={obj.translation_key for obj in foreign}
    )
    if model is Page:
        translations = visible(translations)
    by_key = {obj.translation_key: obj for obj in translations}
    return [
        obj if obj is None or obj.locale_id == locale_id else by_key.get(obj.translation_key, obj)
        for obj in objects
    ]


def linked_pages(related_pages, locale_id):
    """The visible pages of a many-to-many link, in ``locale_id``, by title. One query.

    In a preview the links are unsaved objects in memory, which values_list also reads.
    """
    return (
        visible(related_pages.model.objects, locale_id)
        .filter(translation_key__in=related_pages.values_list("translation_key", flat=True))
        .order_by("title")
    )


def pages_linking_to(queryset, relation: str, page):
    """The visible pages of ``queryset`` in ``page``'s locale whose ``relation`` names ``page`` or
    one of its translations (the reverse of a link that a translation may not have updated)."""
    return (
        visible(queryset, page.locale_id)
        .filter(**{f"{relation}__translation_key": page.translation_key})
        .distinct()
    )
