"""Card and header pictures of the page types a visitor browses.

A page type mixes in ``PictureMixin`` (before its page base) and adds ``PictureMixin.picture_panel``
to its content panels; its template shows ``{% header_picture page %}`` and its card
``{% card_picture item %}`` (core/templatetags/picture_tags.py, one include:
templates/components/picture.html). The picture's alternative text, credit and licence are the
picture's own (core/images.py): written once, right wherever it is shown.

Lists of cards load their pictures and renditions for the whole list at once
(``attach_pictures``): two queries, whatever the number of cards.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.images import get_image_model

# What a card and a page header are cut to (a focal point keeps its subject in the frame), in
# the widths a browser picks from (srcset), each in WebP with JPEG for the browsers without it.
CARD_SIZES = ("fill-400x250", "fill-800x500")
HEADER_SIZES = ("fill-640x320", "fill-960x480", "fill-1440x720")
PICTURE_FORMATS = ("webp", "jpeg")


def rendition_specs(sizes) -> list[str]:
    # As {% picture %} writes them: the format first (format-webp|fill-400x250).
    return [f"format-{fmt}|{size}" for size in sizes for fmt in PICTURE_FORMATS]


class PictureMixin(models.Model):
    image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("picture"),
        help_text=_(
            "Optional: shown at the top of the page, on its card in lists and in link previews. "
            "Its alternative text, credit and licence are written on the picture itself."
        ),
    )

    picture_panel = FieldPanel("image")

    class Meta:
        abstract = True

    def social_image(self):
        return self.image

    @property
    def social_image_alt(self) -> str:
        return self.image.alt if self.image_id and self.image else ""


def has_picture_field(model) -> bool:
    return isinstance(model, type) and issubclass(model, PictureMixin)


def with_pictures(pages):
    """``pages`` (a queryset) with their card pictures read in the same query, for the page
    types that have one: a list of linked pages shown as cards then costs no query a card (their
    renditions come from Wagtail's rendition cache)."""
    return pages.select_related("image") if has_picture_field(pages.model) else pages


def attach_pictures(pages, sizes=CARD_SIZES):
    """Loads the pictures of ``pages`` (and their renditions in ``sizes``) in two queries, and
    sets them on the pages, so that their cards cost nothing more. Returns ``pages``."""
    pages = list(pages)
    ids = {page.image_id for page in pages if getattr(page, "image_id", None)}
    if ids:
        pictures = {
            picture.pk: picture
            for picture in get_image_model()
            .objects.filter(pk__in=ids)
            .prefetch_renditions(*rendition_specs(sizes))
        }
        for page in pages:
            if getattr(page, "image_id", None) in pictures:
                page.image = pictures[page.image_id]
    return pages
