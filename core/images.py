"""The site's pictures: Wagtail's image with the credit and licence it is shown with, and an
alternative text that is required unless the editor marks the picture decorative.

``WAGTAILIMAGES_IMAGE_MODEL`` names ``core.Picture``; every image of the site (card and header
images, images in the body's blocks) is one. The focal point is Wagtail's own (set in the image's
editing page), so a cropped card keeps what matters in the frame.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Image

# The licence the project's own drawings are published under (the demo's pictures).
PROJECT_LICENCE = "CC BY-SA 4.0"
PROJECT_LICENCE_URL = "https://creativecommons.org/licenses/by-sa/4.0/deed.fr"


class Picture(AbstractImage):
    is_decorative = models.BooleanField(
        _("decorative"),
        default=False,
        help_text=_(
            "Tick only when the picture shows nothing a visitor needs (an ornament, a texture): "
            "it is then hidden from screen readers and needs no alternative text."
        ),
    )
    credit = models.CharField(
        _("credit"),
        max_length=200,
        blank=True,
        help_text=_("Who made the picture, as it must be shown: « Photo : Jeanne Martin »."),
    )
    licence = models.CharField(
        _("licence"),
        max_length=100,
        blank=True,
        help_text=_("For example « CC BY-SA 4.0 », or « All rights reserved » with the author's permission."),
    )
    licence_url = models.URLField(
        _("licence address"), blank=True, help_text=_("Optional: the page of the licence.")
    )

    admin_form_fields = (*Image.admin_form_fields, "is_decorative", "credit", "licence", "licence_url")

    class Meta(AbstractImage.Meta):
        verbose_name = _("picture")
        verbose_name_plural = _("pictures")

    @property
    def alt(self) -> str:
        """The alternative text: empty for a decorative picture, so screen readers skip it."""
        return "" if self.is_decorative else self.description

    @property
    def default_alt_text(self):
        return self.alt

    @property
    def credit_line(self) -> str:
        """« Dessin : Centre de ressources — CC BY-SA 4.0 », or "" when nothing is known."""
        return " — ".join(part for part in (self.credit, self.licence) if part)


class PictureRendition(AbstractRendition):
    image = models.ForeignKey(Picture, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
