from django.urls import path

from newsletter.admin_push import PushCampaignView
from newsletter.admin_send import SendProgressView, SendToReadersView
from newsletter.admin_views import SendTestView

urlpatterns = [
    path(
        "newsletter/issues/<int:page_id>/send-test/",
        SendTestView.as_view(),
        name="newsletter_send_test",
    ),
    path(
        "newsletter/issues/<int:page_id>/send/",
        SendToReadersView.as_view(),
        name="newsletter_send_to_readers",
    ),
    path(
        "newsletter/issues/<int:page_id>/send/progress/",
        SendProgressView.as_view(),
        name="newsletter_send_progress",
    ),
    path(
        "newsletter/issues/<int:page_id>/push/",
        PushCampaignView.as_view(),
        name="newsletter_push_campaign",
    ),
]
