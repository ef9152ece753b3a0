"""StreamField blocks shared by every page type of the site.

Text inside these blocks becomes translation segments in wagtail-localize;
images, numbers and links stay synchronised between the languages.
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from registrations.blocks import RetentionPeriodBlock
from subscribers.blocks import SubscribeBlock


def language_choices():
    """The site's languages, for text that keeps its own language inside a page."""
    return [("", _("Same as the page")), *settings.WAGTAIL_CONTENT_LANGUAGES]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Section heading")), ("h3", _("Sub-heading"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "core/blocks/heading_block.html"


class FigureBlock(blocks.StructBlock):
    """An image with caption and credit; ImageBlock keeps the alt text per language."""

    image = ImageBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)
    credit = blocks.CharBlock(label=_("Photo credit"), required=False, max_length=120)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "core/blocks/figure_block.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Who said it"), required=False, max_length=120)
    language = blocks.ChoiceBlock(
        label=_("Language of the quote"),
        choices=language_choices,
        required=False,
        help_text=_("Set this when the quote is in the other language, so it is read out right."),
    )

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "core/blocks/quote_block.html"


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), required=False)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("or external link"), required=False)
    button_label = blocks.CharBlock(label=_("Button label"), max_length=60)

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "core/blocks/call_to_action_block.html"


class KeyFigureBlock(blocks.StructBlock):
    figure = blocks.CharBlock(label=_("Figure"), max_length=20)
    label = blocks.CharBlock(label=_("What it counts"), max_length=80)


class KeyFiguresBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=120)
    figures = blocks.ListBlock(KeyFigureBlock(), label=_("Figures"), min_num=1, max_num=6)

    class Meta:
        icon = "order"
        label = _("Key figures")
        template = "core/blocks/key_figures_block.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Link text"), required=False, help_text=_("Defaults to the document title.")
    )

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "core/blocks/document_link_block.html"


class GalleryBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=120)
    images = blocks.ListBlock(FigureBlock(), label=_("Images"), min_num=1)

    class Meta:
        icon = "image"
        label = _("Photo gallery")
        template = "core/blocks/gallery_block.html"


class ContactPersonBlock(blocks.StructBlock):
    """A contact box; a translated page shows the person's translated record."""

    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=120)
    person = SnippetChooserBlock("partnership.ContactPerson", label=_("Contact person"))

    class Meta:
        icon = "user"
        label = _("Contact person")
        template = "core/blocks/contact_person_block.html"


class BodyStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Text"),
        icon="pilcrow",
        features=["bold", "italic", "link", "document-link", "ol", "ul"],
        template="core/blocks/paragraph_block.html",
    )
    image = FigureBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    key_figures = KeyFiguresBlock()
    document = DocumentLinkBlock()
    gallery = GalleryBlock()
    contact_person = ContactPersonBlock()
    embed = EmbedBlock(
        label=_("Video or embed"),
        icon="media",
        template="core/blocks/embed_block.html",
    )
    subscribe = SubscribeBlock()
    retention_period = RetentionPeriodBlock()


class ProgrammeDayBlock(blocks.StructBlock):
    date = blocks.DateBlock(label=_("Date"))
    title = blocks.CharBlock(label=_("Title of the day"), max_length=160)
    items = blocks.RichTextBlock(
        label=_("What happened"), features=["bold", "italic", "link", "ul", "ol"]
    )

    class Meta:
        icon = "date"
        label = _("Day")
        template = "core/blocks/programme_day_block.html"
        email_template = "core/email/blocks/day.mjml"


class ProgrammeStreamBlock(blocks.StreamBlock):
    day = ProgrammeDayBlock()


class AgendaItemBlock(blocks.StructBlock):
    time = blocks.TimeBlock(label=_("Time"), required=False)
    title = blocks.CharBlock(label=_("Item"), max_length=200)
    description = blocks.TextBlock(label=_("Description"), required=False)

    class Meta:
        icon = "time"
        label = _("Agenda item")
        template = "core/blocks/agenda_item_block.html"


class AgendaStreamBlock(blocks.StreamBlock):
    item = AgendaItemBlock()


class DocumentStreamBlock(blocks.StreamBlock):
    document = DocumentLinkBlock()
