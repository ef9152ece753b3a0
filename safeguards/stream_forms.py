"""A StreamField's form data that is not what the editor sends: a validation error, not a 500.

Wagtail's blocks read their form data by key and number
(``int(data["body-count"])``, ``data["body-0-type"]``, ...), so a POST without
a StreamField's ``-count`` field, or with ``-count=abc``, raised
``MultiValueDictKeyError`` or ``ValueError`` in the page and snippet editors,
their preview and autosave. No upstream issue was found for crafted data (the
``body-count`` reports there, such as wagtail/wagtail#11920, come from broken
JavaScript). Every StreamField in a Wagtail admin form gets this form field
(``register_form_field_override``): the field is refused with a message in
the admin language, and the form shows the stored content again, so nothing
stored is lost and nothing is saved.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.models import register_form_field_override
from wagtail.blocks.base import BlockField, BlockWidget
from wagtail.fields import StreamField

# What reading malformed block data raises: a missing key, a number that is not one.
MALFORMED_DATA_ERRORS = (KeyError, ValueError, TypeError, IndexError)


class IncompleteData:
    """Stands for form data the blocks could not read."""

    def __repr__(self):
        return "<incomplete block data>"


INCOMPLETE = IncompleteData()


class CheckedBlockWidget(BlockWidget):
    def value_from_datadict(self, data, files, name):
        try:
            return super().value_from_datadict(data, files, name)
        except MALFORMED_DATA_ERRORS:
            return INCOMPLETE


class CheckedBlockField(BlockField):
    default_error_messages = {
        "incomplete": _(
            "This content arrived incomplete and was not saved; the stored version is shown "
            "again. Reload the page and make your changes once more."
        ),
    }

    def __init__(self, block=None, **kwargs):
        kwargs.setdefault("widget", CheckedBlockWidget(block))
        super().__init__(block=block, **kwargs)

    def clean(self, value):
        if value is INCOMPLETE:
            raise ValidationError(self.error_messages["incomplete"], code="incomplete")
        return super().clean(value)

    def bound_data(self, data, initial):
        return initial if data is INCOMPLETE else super().bound_data(data, initial)

    def has_changed(self, initial_value, data_value):
        return data_value is INCOMPLETE or super().has_changed(initial_value, data_value)


def register():
    register_form_field_override(StreamField, override={"form_class": CheckedBlockField})
