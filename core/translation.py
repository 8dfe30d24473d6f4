"""The translation fallback: what a page in one language shows of what it links to.

wagtail-localize copies links (foreign keys, many-to-many, chapters) unchanged, so a translated
page may still point to source-language pages and terms. Pages and terms are matched across
languages by their translation key.

A page in another language than its source is a real translation when wagtail-localize has all
its strings translated (``waiting_translations`` lists the others: their text is still the
source's) and it sits in its own language's tree; only real translations are named by the
hreflang links and the language switcher, and listed in the sitemap.
"""

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, Subquery
from django.db.models.functions import Substr
from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from .pictures import with_pictures
from .visibility import visible

HOME_DEPTH = 2


def waiting_for_strings(translation_key, locale_id):
    """A condition: wagtail-localize translates this object into that locale and some string of
    its source is not translated yet (its progress is below 100 %, the text still the source's).
    ``translation_key`` and ``locale_id`` may be ``OuterRef``s."""
    translated = StringTranslation.objects.filter(
        translation_of_id=OuterRef("string_id"),
        context_id=OuterRef("context_id"),
        locale_id=OuterRef(OuterRef("target_locale_id")),
        has_error=False,
    )
    untranslated = StringSegment.objects.filter(source_id=OuterRef("source_id")).filter(~Exists(translated))
    return Exists(
        Translation.objects.filter(
            enabled=True, source__object_id=translation_key, target_locale_id=locale_id
        ).filter(Exists(untranslated))
    )


def with_real_translation(pages):
    """``pages`` annotated with ``is_real_translation``: not waiting for strings, and in its own
    language's tree (below a home page of its locale). In the same query."""
    home_locale = Page.objects.filter(
        depth=HOME_DEPTH, path=Substr(OuterRef("path"), 1, HOME_DEPTH * Page.steplen)
    ).values("locale_id")[:1]
    in_own_tree = Q(depth__lt=HOME_DEPTH) | Q(locale_id=Subquery(home_locale))
    waiting = waiting_for_strings(OuterRef("translation_key"), OuterRef("locale_id"))
    return pages.annotate(
        is_real_translation=ExpressionWrapper(in_own_tree & ~waiting, output_field=BooleanField())
    )


def real_translations(pages):
    """``pages`` without the translations still waiting for strings or outside their tree."""
    return with_real_translation(pages).filter(is_real_translation=True)


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
    return with_pictures(
        visible(related_pages.model.objects, locale_id)
        .filter(translation_key__in=related_pages.values_list("translation_key", flat=True))
        .order_by("title")
    )


def pages_linking_to(queryset, relation: str, page):
    """The visible pages of ``queryset`` in ``page``'s locale whose ``relation`` names ``page`` or
    one of its translations (the reverse of a link that a translation may not have updated)."""
    return with_pictures(
        visible(queryset, page.locale_id)
        .filter(**{f"{relation}__translation_key": page.translation_key})
        .distinct()
    )


def source_page_for_path(root, segments: list[str], language_code: str):
    """The visible page in the first language (``root``'s) that an address of another language
    names when that language has no page there: the slugs are followed through the pages of
    ``language_code`` as far as they exist, then through their sources. None when the address
    names nothing, or names a page that exists in ``language_code``. One query per slug."""
    current = visible(
        root.get_translations(inclusive=True).filter(locale__language_code=language_code)
    ).first()
    if current is None or not segments:
        return None
    switched = False
    for slug in segments:
        child = visible(current.get_children()).filter(slug=slug).first()
        if child is None and not switched:
            current = visible(
                Page.objects.filter(translation_key=current.translation_key, locale=root.locale_id)
            ).first()
            switched = True
            child = current and visible(current.get_children()).filter(slug=slug).first()
        if child is None:
            return None
        current = child
    return current.specific if switched else None
