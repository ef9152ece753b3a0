"""The organiser's own questions on an event's registration form.

They are a StreamField of the event page, so wagtail-localize offers their
labels and choices for translation like the rest of the page, and a block
keeps its id in every language: an answer is stored under the block's id
(and a choice as its position), so the answers of both language versions
land in the same column of the list.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class TextQuestionBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Question"), max_length=200)
    help_text = blocks.CharBlock(label=_("Hint"), required=False, max_length=300)
    required = blocks.BooleanBlock(label=_("Answer required"), required=False)

    class Meta:
        icon = "pilcrow"
        label = _("Question with a written answer")


class ChoiceQuestionBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Question"), max_length=200)
    help_text = blocks.CharBlock(label=_("Hint"), required=False, max_length=300)
    choices = blocks.ListBlock(
        blocks.CharBlock(label=_("Choice"), max_length=200), label=_("Choices"), min_num=2
    )
    required = blocks.BooleanBlock(label=_("Answer required"), required=False)

    class Meta:
        icon = "list-ul"
        label = _("Question with choices")


class QuestionStreamBlock(blocks.StreamBlock):
    text = TextQuestionBlock()
    choice = ChoiceQuestionBlock()

    class Meta:
        block_counts = {}


class RetentionPeriodBlock(blocks.StaticBlock):
    """The privacy page's paragraph on event registrations, with the period the site applies.

    The period is the setting ``REGISTRATIONS_RETENTION_DAYS`` itself, read
    when the page is shown (``{% retention_days %}``), so the text never
    disagrees with what the retention command does.
    """

    class Meta:
        icon = "time"
        label = _("How long event registrations are kept")
        admin_text = _(
            "Shows how long registrations for events are kept, with the period this site applies."
        )
        template = "registrations/blocks/retention_period.html"
        email_template = "registrations/email/blocks/retention_period.mjml"
