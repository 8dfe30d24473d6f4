from django.utils.translation import gettext_lazy as _
from wagtail import blocks

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    """A heading whose level the editor chooses, so pages keep a correct outline (RGAA 9.1)."""

    text = blocks.CharBlock(label=_("Text"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Level 2")), ("h3", _("Level 3")), ("h4", _("Level 4"))],
        default="h2",
        help_text=_("Level 2 for a section, 3 for a sub-section. Never skip a level."),
    )

    class Meta:
        label = _("Heading")
        icon = "title"
        group = _("Text")
        template = "blocks/heading_block.html"
        description = _("A section heading, with its level in the page outline")
        preview_value = {"text": "Se former en Pays de la Loire", "level": "h2"}


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        label = _("Paragraph")
        icon = "pilcrow"
        group = _("Text")
        template = "blocks/paragraph_block.html"
        description = _("Text with bold, italic, lists and links")
        preview_value = "<p>La taille de pierre demande précision, patience et sens du volume.</p>"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"), help_text=_("The words quoted, without quotation marks."))
    source = blocks.CharBlock(label=_("Source"), required=False, help_text=_("Who said or wrote it"))

    class Meta:
        label = _("Quote")
        icon = "openquote"
        group = _("Text")
        template = "blocks/quote_block.html"
        description = _("A quotation with its source")
        preview_value = {"quote": "Le geste s'apprend par la main et par l'œil.", "source": "Un compagnon"}


class StepBlock(blocks.StructBlock):
    """One step of a technique: a short title and what to do."""

    title = blocks.CharBlock(
        label=_("Step"), max_length=200, help_text=_("What the step is, in a few words.")
    )
    text = ParagraphBlock(label=_("What to do"), required=False, help_text=_("How to do it, and why."))

    class Meta:
        label = _("Step")
        icon = "list-ol"
        group = _("Text")
        template = "blocks/step_block.html"
        description = _("One step of a technique")
        preview_value = {"title": "Tracer l'épure", "text": "<p>Dessiner la pièce à taille réelle.</p>"}


class SourceBlock(blocks.StructBlock):
    """A bibliographic or archival source. The network holds to scientific rigour."""

    title = blocks.CharBlock(
        label=_("Title"), max_length=300, help_text=_("The title of the work or archive.")
    )
    author = blocks.CharBlock(
        label=_("Author or body"), required=False, max_length=200, help_text=_("Who wrote or published it.")
    )
    year = blocks.IntegerBlock(
        label=_("Year"), required=False, min_value=1000, max_value=2100, help_text=_("Year of publication.")
    )
    url = blocks.URLBlock(
        label=_("Address"), required=False, help_text=_("Where to read it online, if it can be.")
    )

    class Meta:
        label = _("Source")
        icon = "doc-full"
        template = "blocks/source_block.html"
        description = _("A source: title, author, year and address")
        preview_value = {
            "title": "Inventaire national du patrimoine culturel immatériel",
            "author": "Ministère de la Culture",
            "year": 2024,
        }


class ListItemsBlock(blocks.StreamBlock):
    """A list of short statements, one per item (requirements, recommendations, tools)."""

    item = blocks.CharBlock(label=_("Item"), max_length=300, help_text=_("One statement per item."))

    class Meta:
        template = "blocks/list_items_block.html"
