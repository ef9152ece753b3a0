from django.urls import path

from accessibility import views

app_name = "accessibility"

# Under /de/ and /fr/ (twinsite/urls.py): the receipt is in the language of the form.
urlpatterns = [
    path("<int:page_id>/", views.feedback, name="feedback"),
]
