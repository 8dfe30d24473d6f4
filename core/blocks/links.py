from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class LinkBlock(blocks.StructBlock):
    """A link to a page of the site or to another site (exactly one of the two)."""

    text = blocks.CharBlock(label=_("Link text"), max_length=120, help_text=_("Say where it leads"))
    page = blocks.PageChooserBlock(
        label=_("Page of the site"), required=False, help_text=_("Either a page of the site...")
    )
    url = blocks.URLBlock(
        label=_("Other site"), required=False, help_text=_("...or the full address of another site.")
    )

    def clean(self, value):
        cleaned = super().clean(value)
        if bool(cleaned.get("page")) == bool(cleaned.get("url")):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "url": ValidationError(_("Choose a page of the site or give an address, not both."))
                }
            )
        return cleaned

    class Meta:
        label = _("Link")
        icon = "link"
        group = _("Links")
        template = "blocks/link_block.html"
        description = _("A call to action towards a page or another site")
        preview_value = {"text": "Voir les offres ouvertes", "url": "https://example.org/"}
