from django.urls import path

from newsletter.admin_views import SendTestView

urlpatterns = [
    path(
        "newsletter/issues/<int:page_id>/send-test/",
        SendTestView.as_view(),
        name="newsletter_send_test",
    ),
]
