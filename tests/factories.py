import datetime

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.utils import timezone

from exhibitions.models import ArtistExchangePage, ExhibitionPage
from home.models import HomePage, SiteIdentity
from partnership.models import (
    Association,
    DelegationReportPage,
    PartnerCity,
    WorkshopPage,
)


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


class PartnerCityFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Teststadt {n}")
    country = "DE"

    class Meta:
        model = PartnerCity


class AssociationFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Verein {n}")

    class Meta:
        model = Association


class ImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Bild {n}")


class ContentPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Seite {n}")
    summary = "Eine kurze Zusammenfassung."

    class Meta:
        abstract = True


class DelegationReportPageFactory(ContentPageFactory):
    start_date = datetime.date(2025, 10, 6)
    end_date = datetime.date(2025, 10, 9)
    from_city = factory.SubFactory(PartnerCityFactory)
    to_city = factory.SubFactory(PartnerCityFactory, country="FR")
    aim = "<p>Voneinander lernen.</p>"

    class Meta:
        model = DelegationReportPage


class WorkshopPageFactory(ContentPageFactory):
    start = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30))
    end = factory.LazyAttribute(lambda page: page.start + datetime.timedelta(hours=6))
    venue_town = "Hildesheim"

    class Meta:
        model = WorkshopPage


class ExhibitionPageFactory(ContentPageFactory):
    opening = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=3))
    closing_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
    venue_name = "Rathaus"
    city = factory.SubFactory(PartnerCityFactory)

    class Meta:
        model = ExhibitionPage


class ArtistExchangePageFactory(ContentPageFactory):
    status = "planned"
    start_date = datetime.date(2026, 5, 1)

    class Meta:
        model = ArtistExchangePage
