"""The StreamField blocks every page type shares, split by kind."""

from wagtail import blocks

from .links import LinkBlock
from .media import DocumentBlock, ImageBlock
from .text import HeadingBlock, ListItemsBlock, ParagraphBlock, QuoteBlock, SourceBlock, StepBlock


class BodyStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = ImageBlock()
    quote = QuoteBlock()
    document = DocumentBlock()
    link = LinkBlock()

    class Meta:
        block_counts = {}


class StepsStreamBlock(blocks.StreamBlock):
    step = StepBlock()

    class Meta:
        min_num = 0


__all__ = [
    "BodyStreamBlock",
    "DocumentBlock",
    "HeadingBlock",
    "ImageBlock",
    "LinkBlock",
    "ListItemsBlock",
    "ParagraphBlock",
    "QuoteBlock",
    "SourceBlock",
    "StepBlock",
    "StepsStreamBlock",
]
