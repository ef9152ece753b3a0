from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def retention_days():
    """``{% retention_days as days %}``: the days registrations are kept after an event."""
    return settings.REGISTRATIONS_RETENTION_DAYS
