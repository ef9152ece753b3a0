"""The blocks of an easy-read page, shaped by the rules of Leichte Sprache and FALC.

Both rule sets (Netzwerk Leichte Sprache, BITV 2.0 Anlage 2; Inclusion Europe's
"Information for all") ask for the same few things, and the blocks hold an
editor to them: one sentence per line, short paragraphs that may each have a
picture beside them, hard words explained where they appear, and links that
stand on a line of their own. There is no rich text on purpose: no small
print, no italics, no link in the middle of a sentence.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageBlock

#: Long enough for a sentence of Leichte Sprache, short enough to keep it one.
SENTENCE_LENGTH = 200


def sentence(label=None):
    return blocks.CharBlock(
        label=label or _("Sentence"),
        max_length=SENTENCE_LENGTH,
        help_text=_("One short sentence. It is shown on a line of its own."),
    )


class HeadingBlock(blocks.CharBlock):
    def __init__(self, **kwargs):
        super().__init__(max_length=80, **kwargs)

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "easyread/blocks/heading_block.html"


class ParagraphBlock(blocks.StructBlock):
    """A few sentences, each on its own line, with an optional picture beside them."""

    sentences = blocks.ListBlock(sentence(), label=_("Sentences"), min_num=1, max_num=8)
    image = ImageBlock(
        required=False,
        label=_("Picture"),
        help_text=_("A picture that shows what the sentences say. It is shown beside them."),
    )

    class Meta:
        icon = "pilcrow"
        label = _("Paragraph")
        template = "easyread/blocks/paragraph_block.html"


class WordExplanationBlock(blocks.StructBlock):
    """A hard word and what it means, right where the word is used."""

    word = blocks.CharBlock(label=_("Hard word"), max_length=60)
    explanation = blocks.ListBlock(sentence(), label=_("Explanation"), min_num=1, max_num=5)

    class Meta:
        icon = "help"
        label = _("Word explanation")
        template = "easyread/blocks/word_explanation_block.html"


class ListItemsBlock(blocks.StructBlock):
    """A list with one short point per line."""

    items = blocks.ListBlock(sentence(_("Point")), label=_("Points"), min_num=1, max_num=10)

    class Meta:
        icon = "list-ul"
        label = _("List")
        template = "easyread/blocks/list_block.html"


class LinkBlock(blocks.StructBlock):
    """A link on a line of its own, to a page of the site or to another site."""

    text = blocks.CharBlock(label=_("Link text"), max_length=80)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("or external link"), required=False)

    class Meta:
        icon = "link"
        label = _("Link")
        template = "easyread/blocks/link_block.html"

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise StructBlockValidationError(
                block_errors={
                    "page": ValidationError(_("Choose a page or enter a link, not both."))
                }
            )
        return value


class EasyReadStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    word = WordExplanationBlock()
    list = ListItemsBlock()
    link = LinkBlock()
