from django.urls import path

import home.url_converters  # noqa: F401  (registers "id")
from newsletter.admin_views import SendTestView

urlpatterns = [
    path(
        "newsletter/issues/<id:page_id>/send-test/",
        SendTestView.as_view(),
        name="newsletter_send_test",
    ),
]
