"""The page listing's bulk action buttons, without those the user may not use.

Wagtail lists every registered bulk action to every user. An action class
with an ``is_shown(request)`` classmethod is left out when it returns False.
"""

from django import template
from django.urls import reverse
from wagtail.admin.templatetags.wagtailadmin_tags import bulk_action_choices
from wagtail.admin.views.bulk_action.registry import bulk_action_registry

register = template.Library()


@register.inclusion_tag("wagtailadmin/shared/buttons.html", takes_context=True)
def translation_bulk_action_choices(context, app_label, model_name):
    request = context["request"]
    hidden = {
        reverse("wagtail_bulk_action", args=[app_label, model_name, action.action_type])
        for action in bulk_action_registry.get_bulk_actions_for_model(app_label, model_name)
        if not getattr(action, "is_shown", lambda request: True)(request)
    }
    buttons = []
    for button in bulk_action_choices(context, app_label, model_name)["buttons"]:
        if hasattr(button, "dropdown_buttons"):  # "More": the actions after the fourth
            button.dropdown_buttons = [b for b in button.dropdown_buttons if b.url not in hidden]
            if button.dropdown_buttons:
                buttons.append(button)
        elif button.url not in hidden:
            buttons.append(button)
    return {"buttons": buttons}
