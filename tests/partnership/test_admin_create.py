"""Editors create every page type in the admin; each type lives only where it belongs."""

from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from accessibility.models import AccessibilityStatementPage
from easyread.models import EasyReadPage
from exhibitions.models import (
    ArtistExchangeIndexPage,
    ArtistExchangePage,
    ExhibitionIndexPage,
    ExhibitionPage,
)
from home.models import FormPage, HomePage, SectionPage, StandardPage
from newsletter.models import NewsletterIndexPage
from partnership.models import (
    Association,
    DelegationReportIndexPage,
    DelegationReportPage,
    PartnerCity,
    WorkshopIndexPage,
    WorkshopPage,
)
from subscribers.models import SubscribePage

NEXT_YEAR = timezone.localdate().year + 1

INDEX_MODELS = {
    DelegationReportIndexPage,
    WorkshopIndexPage,
    ExhibitionIndexPage,
    ArtistExchangeIndexPage,
}


def page_form(**fields):
    """Form data with the inline formsets every page form carries."""
    return nested_form_data({"comments": inline_formset([]), **fields})


def report_form(**fields):
    """A delegation report's form data: a trip in October 2025 and empty extras."""
    return page_form(
        **{
            "summary": "Zehn Menschen reisten nach Les Ulis.",
            "start_date": "2025-10-06",
            "end_date": "2025-10-09",
            "aim": rich_text("<p>Voneinander lernen.</p>"),
            "programme": streamfield([]),
            "findings": rich_text(""),
            "outcomes": rich_text(""),
            "body": streamfield([]),
            "participants": inline_formset([]),
            "funding": inline_formset([]),
            "related_pages": inline_formset([]),
            **fields,
        }
    )


class TestParentAndChildRules(WagtailPageTestCase):
    def test_home_page_takes_the_four_sections(self):
        self.assertAllowedSubpageTypes(
            HomePage,
            INDEX_MODELS
            | {
                StandardPage,
                FormPage,
                NewsletterIndexPage,
                SubscribePage,
                SectionPage,
                AccessibilityStatementPage,
                EasyReadPage,
            },
        )
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_each_type_lives_only_under_its_own_index(self):
        for child, index in [
            (DelegationReportPage, DelegationReportIndexPage),
            (WorkshopPage, WorkshopIndexPage),
            (ExhibitionPage, ExhibitionIndexPage),
            (ArtistExchangePage, ArtistExchangeIndexPage),
        ]:
            self.assertAllowedParentPageTypes(child, {index})
            self.assertAllowedSubpageTypes(index, {child})
            self.assertAllowedSubpageTypes(child, set())
        for index in INDEX_MODELS:
            self.assertAllowedParentPageTypes(index, {HomePage})


class TestEditorsCanCreateEveryType(WagtailPageTestCase):
    """The Naumburg editor builds a German section of each kind from scratch."""

    def setUp(self):
        home = HomePage.objects.get(locale__language_code="de")
        self.home = home
        self.client.force_login(get_user_model().objects.get(username="naumburg"))
        self.cities = list(PartnerCity.objects.filter(locale=home.locale)[:2])
        self.association = Association.objects.filter(locale=home.locale).first()
        # Start from an empty German tree, as a new partnership would.
        for index in home.get_children():
            index.delete()
        Site.clear_site_root_paths_cache()

    def create_index(self, model, title, slug):
        self.assertCanCreate(
            self.home, model, page_form(title=title, slug=slug, intro=rich_text(""))
        )
        return model.objects.child_of(self.home).get(slug=slug)

    def test_delegation_report(self):
        index = self.create_index(DelegationReportIndexPage, "Reisen", "reisen")
        self.assertCanCreate(
            index,
            DelegationReportPage,
            report_form(
                title="Besuch in Les Ulis",
                slug="besuch",
                from_city=self.cities[0].pk,
                to_city=self.cities[1].pk,
                participant_count="10",
                programme=streamfield(
                    [
                        (
                            "day",
                            {
                                "date": "2025-10-06",
                                "title": "Ankunft",
                                "items": rich_text("<p>Empfang im Rathaus</p>"),
                            },
                        )
                    ]
                ),
                findings=rich_text("<p>Ähnliche Strukturen.</p>"),
                body=streamfield([("heading", {"text": "Eindrücke", "level": "h2"})]),
                participants=inline_formset([{"association": self.association.pk}]),
            ),
        )
        page = DelegationReportPage.objects.get(slug="besuch")
        self.assertEqual(page.participants.get().association, self.association)
        self.assertEqual(page.programme[0].value["title"], "Ankunft")

    def test_workshop(self):
        index = self.create_index(WorkshopIndexPage, "Workshops", "workshops")
        self.assertCanCreate(
            index,
            WorkshopPage,
            page_form(
                title="Gemeinsam wachsen",
                slug="gemeinsam-wachsen",
                summary="Ein Austausch über Partnerschaften.",
                start=f"{NEXT_YEAR}-05-20 10:00",
                end=f"{NEXT_YEAR}-05-20 16:30",
                format="in_person",
                venue_name="Rathaus",
                venue_town="Hildesheim",
                agenda=streamfield([("item", {"time": "10:00", "title": "Begrüßung"})]),
                topics=rich_text(""),
                questions=rich_text(""),
                results=rich_text(""),
                body=streamfield([]),
                documents=streamfield([]),
                registration_questions=streamfield([]),
                organisers=inline_formset([{"association": self.association.pk}]),
            ),
        )
        self.assertTrue(WorkshopPage.objects.get(slug="gemeinsam-wachsen").is_upcoming)

    def test_exhibition(self):
        index = self.create_index(ExhibitionIndexPage, "Ausstellungen", "ausstellungen")
        self.assertCanCreate(
            index,
            ExhibitionPage,
            page_form(
                title="Glücksmomente",
                slug="gluecksmomente",
                summary="Fotografien aus Naumburg.",
                opening=f"{NEXT_YEAR}-06-13 18:00",
                closing_date=f"{NEXT_YEAR}-07-25",
                venue_name="Rathaus",
                city=self.cities[0].pk,
                works=streamfield([]),
                body=streamfield([]),
                registration_questions=streamfield([]),
                organisers=inline_formset([]),
                artists=inline_formset([]),
            ),
        )

    def test_artist_exchange(self):
        index = self.create_index(ArtistExchangeIndexPage, "Künstleraustausch", "austausch")
        self.assertCanCreate(
            index,
            ArtistExchangePage,
            page_form(
                title="Kunst verbindet",
                slug="kunst-verbindet",
                summary="Ein Austausch von Künstlerinnen und Künstlern.",
                status="proposed",
                phases=streamfield(
                    [("phase", {"title": "Kennenlernen", "start_date": "2026-05-01"})]
                ),
                call_how_to_apply=rich_text(""),
                body=streamfield([]),
                towns=inline_formset([{"city": c.pk} for c in self.cities]),
                artists=inline_formset([]),
                funding=inline_formset([]),
            ),
        )
        page = ArtistExchangePage.objects.get(slug="kunst-verbindet")
        self.assertEqual({link.city for link in page.towns.all()}, set(self.cities))

    def test_a_trip_cannot_end_before_it_starts(self):
        index = self.create_index(DelegationReportIndexPage, "Reisen", "reisen")
        response = self.client.post(
            f"/admin/pages/add/partnership/delegationreportpage/{index.pk}/",
            report_form(
                title="Falsch",
                slug="falsch",
                start_date="2025-10-09",
                end_date="2025-10-06",
                from_city=self.cities[0].pk,
                to_city=self.cities[1].pk,
            ),
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Die Reise kann nicht enden, bevor sie beginnt.")
        self.assertFalse(DelegationReportPage.objects.filter(slug="falsch").exists())

    def test_a_city_not_yet_chosen_is_asked_for(self):
        """Wagtail autosaves the form before every chooser is filled in."""
        index = self.create_index(DelegationReportIndexPage, "Reisen", "reisen")
        response = self.client.post(
            f"/admin/pages/add/partnership/delegationreportpage/{index.pk}/",
            report_form(title="Halb fertig", slug="halb-fertig", from_city=self.cities[0].pk),
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Dieses Feld muss ausgefüllt werden.")
        self.assertFalse(DelegationReportPage.objects.filter(slug="halb-fertig").exists())


class TestChosenRecordsMatchThePageLanguage(WagtailPageTestCase):
    """A French page that points at a German record would show German to French readers."""

    def setUp(self):
        self.client.force_login(get_user_model().objects.get(username="lesulis"))
        self.index = DelegationReportIndexPage.objects.get(locale__language_code="fr")
        self.german_city = PartnerCity.objects.filter(locale__language_code="de").first()
        self.french_city = PartnerCity.objects.filter(locale__language_code="fr").exclude(
            translation_key=self.german_city.translation_key
        )[0]

    def test_a_german_record_on_a_french_page_is_refused_in_french(self):
        response = self.client.post(
            f"/admin/pages/add/partnership/delegationreportpage/{self.index.pk}/",
            report_form(
                title="Visite",
                slug="visite",
                from_city=self.german_city.pk,
                to_city=self.french_city.pk,
            ),
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "est dans une autre langue")
        self.assertFalse(DelegationReportPage.objects.filter(slug="visite").exists())
