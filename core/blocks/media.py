from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    decorative = blocks.BooleanBlock(
        label=_("Decorative image"),
        required=False,
        help_text=_("Tick only if the image adds no information; it will be hidden from screen readers."),
    )
    alt_text = blocks.CharBlock(
        label=_("Text alternative"),
        required=False,
        max_length=250,
        help_text=_("What the image shows, for people who cannot see it. Required unless decorative."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, help_text=_("Credit and licence too"))

    def clean(self, value):
        cleaned = super().clean(value)
        if not cleaned.get("decorative") and not cleaned.get("alt_text", "").strip():
            raise blocks.StructBlockValidationError(
                block_errors={"alt_text": ValidationError(_("Describe the image, or mark it decorative."))}
            )
        return cleaned

    class Meta:
        label = _("Image")
        icon = "image"
        group = _("Media")
        template = "blocks/image_block.html"
        description = _("An image with its text alternative and caption")


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Link text"), required=False, help_text=_("Defaults to the document title")
    )

    class Meta:
        label = _("Document")
        icon = "doc-full"
        group = _("Media")
        template = "blocks/document_block.html"
        description = _("A downloadable document, with its format and size shown")
