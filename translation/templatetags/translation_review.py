"""The translation editor's link to the review of its machine translation."""

from django import template

from translation.review import unreviewed_machine_strings

register = template.Library()


@register.simple_tag
def unreviewed_machine_count(translation):
    return unreviewed_machine_strings(translation).count()
