"""The subscription form as a body block (core's BodyStreamBlock offers it)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from subscribers.forms import form_context


class SubscribeBlock(blocks.StructBlock):
    """The newsletter form in a page's body. It keeps the page cacheable: no CSRF token."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=120, required=False)
    text = blocks.TextBlock(label=_("Text"), required=False)
    privacy_page = blocks.PageChooserBlock(
        label=_("Privacy page"),
        required=False,
        help_text=_("Linked from the consent box under the form."),
    )

    class Meta:
        icon = "mail"
        label = _("Newsletter subscription")
        template = "subscribers/blocks/subscribe_block.html"
        email_template = "subscribers/email/blocks/subscribe.mjml"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context.update(form_context((parent_context or {}).get("page"), value.get("privacy_page")))
        return context
