from django.urls import include, path
from wagtail import hooks

from newsletter import admin_urls as issue_admin_urls
from newsletter.admin_views import issue_buttons
from newsletter.campaigns import PUSH_ACTION
from newsletter.log_actions import PushCampaignFormatter, SendTestFormatter
from newsletter.send_limits import SEND_TEST_ACTION

# Newsletter issues: the "Send test" view, and its button in the page header and listing.
hooks.register("register_page_header_buttons", issue_buttons)
hooks.register("register_page_listing_more_buttons", issue_buttons)


@hooks.register("register_admin_urls")
def register_issue_admin_urls():
    return [path("", include(issue_admin_urls))]


@hooks.register("register_log_actions")
def register_send_test_log_action(actions):
    actions.register_action(SEND_TEST_ACTION)(SendTestFormatter)
    actions.register_action(PUSH_ACTION)(PushCampaignFormatter)
