from django import template

from safeguards.edit_conflicts import new_tab_token

register = template.Library()


@register.simple_tag
def edit_tab_token():
    """A new token each time an editor form is rendered, so that each tab has its own."""
    return new_tab_token()
