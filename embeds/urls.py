"""The oEmbed endpoint, outside the language prefixes (included by twinsite.urls)."""

from django.urls import path

from embeds import views

urlpatterns = [
    path("oembed/", views.oembed, name="oembed"),
]
