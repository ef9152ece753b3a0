from django.urls import path

from registrations import views

app_name = "registrations"

# Under /de/ and /fr/ (twinsite/urls.py): a mail's link is in the registrant's language.
urlpatterns = [
    path("<int:page_id>/", views.register, name="register"),
    path("cancel/<str:token>/", views.cancel, name="cancel"),
]
