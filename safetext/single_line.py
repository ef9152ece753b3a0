"""Text that must stay on one line: titles, names, subjects.

A browser never sends a line break from a one-line input, but a hand-made
POST, the translation editor (whose fields are text areas, and where ``<br>``
is a line break in a plain-text field), a PO file or a machine translation
can. A title is then copied to places that must be one line: mail headers
(Django raises ``BadHeaderError``), iCalendar's ``X-WR-CALNAME`` (icalendar
refuses it), and XML, which refuses most other control characters.

So the one-line fields of our models refuse line breaks where they are
validated (``SingleLineFieldsMixin``), and the code that writes a header or a
calendar puts what is already stored on one line (``single_line``).
"""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

# Line breaks as str.splitlines() knows them (LF, CR, VT, FF, the file, group
# and record separators, NEL, and the Unicode line and paragraph separators),
# and every other control character but the tab, which nobody types on purpose.
NOT_ON_ONE_LINE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")
# For output, the tab too, with the spaces around: one space in their place.
BREAK_RUN = re.compile(r"[ \t]*[\x00-\x1f\x7f-\x9f\u2028\u2029][\x00-\x20\x7f-\x9f\u2028\u2029]*")

MESSAGE = _(
    "Write this on a single line: line breaks and other control characters are not allowed."
)


def is_single_line(text):
    return not NOT_ON_ONE_LINE.search(text)


def single_line(text):
    """``text`` on one line: each line break (and control character) becomes one space.

    Only those: no-break spaces, which French puts before ":" or "?", stay.
    """
    text = "" if text is None else str(text)
    if not BREAK_RUN.search(text):
        return text
    return BREAK_RUN.sub(" ", text).strip(" ")


def validate_single_line(value):
    if isinstance(value, str) and not is_single_line(value):
        raise ValidationError(MESSAGE, code="line_break")


def single_line_fields(model):
    """The model's one-line text fields that editors write: every editable ``CharField``.

    Slugs, e-mail addresses and URLs are ``CharField`` too; their own
    validators refuse a line break already, with their own message first.
    """
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField) and field.editable
    ]


class SingleLineFieldsMixin:
    """Refuse line breaks in the model's one-line fields, wherever the model is validated.

    This is model validation (``clean_fields``), not a form's, so every route
    that validates the model runs it: the page and snippet editors (the
    message appears at the field, in the editor's admin language), and
    wagtail-localize when it publishes a translation (``save_revision`` runs
    ``full_clean``), which puts the message on the translated segment.
    Wagtail's own fields of a page, ``title`` and ``seo_title``, are included.
    """

    def clean_fields(self, exclude=None):
        errors = {}
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for field in single_line_fields(type(self)):
            if (exclude and field.name in exclude) or field.name in errors:
                continue
            try:
                validate_single_line(getattr(self, field.attname))
            except ValidationError as error:
                errors[field.name] = error.error_list
        if errors:
            raise ValidationError(errors)
