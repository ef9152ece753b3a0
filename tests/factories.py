import factory
import wagtail_factories
from django.contrib.auth import get_user_model

from home.models import HomePage, SiteIdentity


class UserFactory(factory.django.DjangoModelFactory):
    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password("secret-password")

    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Startseite"
    hero_text = "Zwei Städte, ein Austausch."

    class Meta:
        model = HomePage


class SiteIdentityFactory(factory.django.DjangoModelFactory):
    site_name = "Städtepartnerschaft Testhausen – Villetest"
    contact_heading = "Kontakt"
    organisation = "Freiwilligenagentur Testhausen"
    email = "kontakt@example.org"

    class Meta:
        model = SiteIdentity
