from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from core.blocks import language_choices


class WorkBlock(blocks.StructBlock):
    """One work in an exhibition; its title stays translatable, its year and artist do not."""

    image = ImageBlock(label=_("Image"))
    title = blocks.CharBlock(label=_("Title of the work"), max_length=200)
    title_language = blocks.ChoiceBlock(
        label=_("Language of the title"),
        choices=language_choices,
        required=False,
    )
    artist = SnippetChooserBlock("exhibitions.Artist", label=_("Artist"), required=False)
    year = blocks.IntegerBlock(label=_("Year"), required=False, min_value=1000, max_value=2100)
    technique = blocks.CharBlock(label=_("Technique"), required=False, max_length=120)

    class Meta:
        icon = "image"
        label = _("Work")
        template = "exhibitions/blocks/work_block.html"
        email_template = "exhibitions/email/blocks/work.mjml"


class WorksStreamBlock(blocks.StreamBlock):
    work = WorkBlock()


class PhaseBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Phase"), max_length=160)
    start_date = blocks.DateBlock(label=_("From"), required=False)
    end_date = blocks.DateBlock(label=_("Until"), required=False)
    description = blocks.TextBlock(label=_("Description"), required=False)

    class Meta:
        icon = "date"
        label = _("Phase")
        template = "exhibitions/blocks/phase_block.html"
        email_template = "exhibitions/email/blocks/phase.mjml"


class PhaseStreamBlock(blocks.StreamBlock):
    phase = PhaseBlock()
