from django import template

from core.dates import format_date_range, format_day, format_event_time

register = template.Library()


@register.simple_tag
def date_range(start, end=None):
    return format_date_range(start, end)


@register.simple_tag
def event_time(start, end=None):
    return format_event_time(start, end)


@register.simple_tag
def day(value):
    return format_day(value)
