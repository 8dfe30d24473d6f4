"""``{% header_picture page %}`` and ``{% card_picture item %}``: a page's picture in responsive
renditions (srcset, WebP with a JPEG fallback, width and height set), with its credit and licence.

The header is above the fold (loaded at once, with priority); cards are lazy. A decorative
picture has alt="". A page without a picture shows nothing (its layout needs none).
"""

from django import template

register = template.Library()


def _picture_of(page):
    return getattr(page, "image", None) if getattr(page, "image_id", None) else None


# The sizes and formats are written in the include (Wagtail's {% picture %} takes them as
# words); core.pictures.CARD_SIZES / HEADER_SIZES say the same, for the renditions loaded ahead.
@register.inclusion_tag("components/picture.html")
def header_picture(page):
    return {"image": _picture_of(page), "variant": "header"}


@register.inclusion_tag("components/picture.html")
def card_picture(page):
    return {"image": _picture_of(page), "variant": "card"}
