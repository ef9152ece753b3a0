from django.urls import path

from subscribers import views

app_name = "subscribers"

# Under /de/ and /fr/ (twinsite/urls.py): the language of a link is its list's.
urlpatterns = [
    path("", views.subscribe, name="subscribe"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("one-click/<str:token>/", views.one_click, name="one_click"),
    path("preferences/<str:token>/", views.preferences, name="preferences"),
]
