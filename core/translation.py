"""The translation fallback: what a page in one language shows of what it links to.

wagtail-localize copies links (foreign keys, many-to-many, chapters) unchanged, so a translated
page may still point to source-language pages and terms. Pages and terms are matched across
languages by their translation key.
"""

from wagtail.models import Page

from .visibility import visible


def localized(objects, locale_id) -> list:
    """Translatable objects (taxonomy terms, snippets) in ``locale_id`` where a translation exists,
    else as they are; same order. One query, none when all are in that locale already."""
    objects = list(objects)
    foreign = [obj for obj in objects if obj.locale_id != locale_id]
    if not foreign:
        return objects
    translations = type(foreign[0]).objects.filter(
        locale_id=locale_id, translation_key__in={obj.translation_key for obj in foreign}
    )
    by_key = {obj.translation_key: obj for obj in translations}
    return [obj if obj.locale_id == locale_id else by_key.get(obj.translation_key, obj) for obj in objects]


def shown_pages(pages, locale_id) -> list:
    """Linked pages as a page in ``locale_id`` shows them: each one's visible translation in that
    locale, else itself when visible, else None (no visitor may see it); same order. One query."""
    pages = list(pages)
    keys = {page.translation_key for page in pages if page is not None}
    if not keys:
        return [None] * len(pages)
    shown, in_locale = set(), {}
    for page in visible(Page.objects.filter(translation_key__in=keys)):
        shown.add(page.pk)
        if page.locale_id == locale_id:
            in_locale[page.translation_key] = page
    return [
        None if page is None else in_locale.get(page.translation_key) or (page if page.pk in shown else None)
        for page in pages
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
