"""Translated texts checked by their own field's rules as soon as they are stored.

wagtail-localize stores whatever reaches a segment: what a translator types
or pastes into the editor's text areas (where ``<br>`` is a line break even in
a plain-text field), a PO file, a machine translation. It runs the model's
validation only when it publishes, so a title with a line break was found out
only then, or, in a sync, left out without a word.

Here the translation of a field's whole value (a ``CharField``: a title, a
name, a subject) is checked as the model checks that field, and a text that
fails is flagged the way wagtail-localize flags a broken segment: ``has_error``
and the model's own message, in the translator's admin language. The editor
shows the message under the segment at once, keeps the text to be corrected,
and publishing leaves the flagged text out.
"""

import copy

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from wagtail_localize.models import StringTranslation
from wagtail_localize.strings import StringValue


def field_error(instance, path, text):
    """What ``instance``'s model says about ``text`` as its field ``path``; None if it is fine.

    Only fields a single segment holds whole are checked: rich text and
    StreamField blocks come in several segments, and their paths name no field.
    Slugs are left alone: wagtail-localize makes a slug of whatever is typed
    when it publishes.
    """
    try:
        field = instance._meta.get_field(path)
    except FieldDoesNotExist:
        return None
    if not isinstance(field, models.CharField) or isinstance(field, models.SlugField):
        return None
    candidate = copy.copy(instance)
    setattr(candidate, field.attname, text)
    try:
        candidate.clean_fields(
            exclude=[other.name for other in instance._meta.fields if other.name != field.name]
        )
    except ValidationError as error:
        messages = error.message_dict.get(field.name)
        return messages[0] if messages else None
    return None


def string_translations(translation):
    """Every stored text of ``translation``: its source object's strings, in its language."""
    return StringTranslation.objects.filter(
        context__object_id=translation.source.object_id,
        locale_id=translation.target_locale_id,
    ).select_related("context")


def flag_invalid(translation, texts=None):
    """Flag each of ``texts`` (by default all of the translation's) its field refuses.

    Returns the flagged ones. A text flagged already for its markup keeps
    wagtail-localize's own message.
    """
    if texts is None:
        texts = string_translations(translation)
    instance = None
    flagged = []
    for text in texts:
        if text.has_error or text.context is None:
            continue
        if instance is None:
            instance = translation.get_target_instance()
        message = field_error(instance, text.context.path, StringValue(text.data).render_text())
        if message:
            text.set_field_error([ValidationError(message)])
            flagged.append(text)
    return flagged
