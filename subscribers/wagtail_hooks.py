from wagtail import hooks
from wagtail.permissions import register_permission_policy

from subscribers.admin_views import EraseFormatter, SubscriberViewSet
from subscribers.erasure import ERASE_ACTION
from subscribers.models import Subscriber
from subscribers.permissions import OwnListPermissionPolicy

# Each town's team sees and changes its own list only (subscribers/permissions.py).
register_permission_policy(Subscriber, OwnListPermissionPolicy(Subscriber))


@hooks.register("register_admin_viewset")
def register_subscriber_viewset():
    return SubscriberViewSet("subscribers")


@hooks.register("register_log_actions")
def register_erase_log_action(actions):
    actions.register_action(ERASE_ACTION)(EraseFormatter)
