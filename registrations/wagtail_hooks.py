from wagtail import hooks

from registrations.admin_views import (
    CANCEL_ACTION,
    MOVE_UP_ACTION,
    CancelFormatter,
    MoveUpFormatter,
    RegistrationViewSet,
)


@hooks.register("register_admin_viewset")
def register_registration_viewset():
    return RegistrationViewSet()


@hooks.register("register_log_actions")
def register_organiser_log_actions(actions):
    actions.register_action(MOVE_UP_ACTION)(MoveUpFormatter)
    actions.register_action(CANCEL_ACTION)(CancelFormatter)
