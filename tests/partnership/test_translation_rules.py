"""Text is translated; dates, images, towns and organisations are synchronised."""

import pytest
from django.utils import timezone
from wagtail_localize.fields import SynchronizedField, TranslatableField, get_translatable_fields

from exhibitions.models import ArtistExchangePage, ExhibitionPage
from partnership.models import (
    ContactPerson,
    DelegationReportPage,
    WorkshopPage,
)

pytestmark = pytest.mark.django_db


def kinds(model):
    return {field.field_name: type(field) for field in get_translatable_fields(model)}


@pytest.mark.parametrize(
    ("model", "translated", "synchronised"),
    [
        (
            DelegationReportPage,
            {"title", "slug", "summary", "aim", "programme", "findings", "body", "participants"},
            {"start_date", "end_date", "participant_count", "teaser_image"},
        ),
        (
            WorkshopPage,
            {"title", "slug", "summary", "agenda", "topics", "results", "venue_name"},
            {"start", "end", "format", "latitude", "longitude", "registration_email", "follow_up"},
        ),
        (
            ExhibitionPage,
            {"title", "slug", "works", "opening_hours", "admission"},
            {"opening", "closing_date", "related_exchange", "related_report", "teaser_image"},
        ),
        (
            ArtistExchangePage,
            {"title", "slug", "phases", "call_how_to_apply", "towns", "artists"},
            {"status", "start_date", "end_date", "call_deadline"},
        ),
        (ContactPerson, {"role"}, {"name", "email", "phone", "photo"}),
    ],
)
def test_translation_rules(model, translated, synchronised):
    fields = kinds(model)
    for name in translated:
        assert fields[name] is TranslatableField, name
    for name in synchronised:
        assert fields[name] is SynchronizedField, name


def test_translated_page_links_to_translated_snippets(demo):
    german = DelegationReportPage.objects.live().get(locale=demo.de, start_date__year=2025)
    french = german.get_translation(demo.fr)
    assert french.from_city.locale == demo.fr
    assert french.from_city.translation_key == german.from_city.translation_key
    assert french.contact_person.locale == demo.fr
    for link in french.participants.all():
        assert link.association.locale == demo.fr
    for link in french.funding.all():
        assert link.programme.locale == demo.fr
        assert link.programme.name == "Fonds citoyen franco-allemand"
    # Synchronised facts are identical.
    assert (french.start_date, french.end_date) == (german.start_date, german.end_date)
    assert french.teaser_image_id == german.teaser_image_id


def test_snippet_choosers_in_stream_blocks_are_repointed(demo):
    german = ExhibitionPage.objects.live().filter(locale=demo.de).exclude(works=[]).first()
    french = german.get_translation(demo.fr)
    artists = [block.value["artist"] for block in french.works if block.value["artist"]]
    assert artists and all(artist.locale == demo.fr for artist in artists)


def test_a_page_written_in_french_first_is_translated_into_german(demo):
    from wagtail_localize.models import TranslationSource

    french_first = WorkshopPage.objects.live().get(locale=demo.fr, start__gt=timezone.now())
    source = TranslationSource.objects.get_for_instance_or_none(french_first)
    assert source is not None and source.locale == demo.fr
    assert french_first.get_translation(demo.de).live


def test_the_german_only_page_has_no_french_version(client, demo):
    german_only = [
        page
        for page in DelegationReportPage.objects.live().filter(locale=demo.de)
        if not page.has_translation(demo.fr)
    ]
    assert len(german_only) == 1
    html = client.get(german_only[0].url).text
    assert 'hreflang="fr" href=' not in html
