"""The translation editor's bar: the review of its machine translation, the translation memory."""

from django import template

from translation.memory import match_count
from translation.review import unreviewed_machine_strings

register = template.Library()


@register.simple_tag
def unreviewed_machine_count(translation):
    return unreviewed_machine_strings(translation).count()


@register.simple_tag
def memory_match_count(translation):
    """How many untranslated texts the memory can fill (one query)."""
    return match_count(translation)
