"""Every page type and section index renders in both languages with its key facts."""

import re
from html import unescape

import pytest
from django.utils import timezone
from django.utils.html import escape

from exhibitions.models import (
    ArtistExchangeIndexPage,
    ArtistExchangePage,
    ExhibitionIndexPage,
    ExhibitionPage,
)
from partnership.models import (
    DelegationReportIndexPage,
    DelegationReportPage,
    WorkshopIndexPage,
    WorkshopPage,
)

pytestmark = pytest.mark.django_db


def get(client, page):
    response = client.get(page.url)
    assert response.status_code == 200, page.url
    return response.text


def shown(html):
    """The text of inline markup as a visitor reads it: tags dropped, entities decoded."""
    return " ".join(unescape(re.sub(r"<[^>]+>", "", html)).split())


def both(model, demo, **filters):
    german = model.objects.live().get(locale=demo.de, **filters)
    return german, german.get_translation(demo.fr)


def test_delegation_report_in_both_languages(client, demo):
    german, french = both(DelegationReportPage, demo, start_date__year=2025)
    de, fr = get(client, german), get(client, french)
    assert german.url.startswith("/de/") and french.url.startswith("/fr/")
    assert german.slug != french.slug
    assert "6.–9. Oktober 2025" in de
    assert "6–9 octobre 2025" in fr
    assert "10 Personen" in de and "10 personnes" in fr
    assert f"{german.from_city.name} → {german.to_city.name}" in de
    assert f"{french.from_city.name} → {french.to_city.name}" in fr
    assert "Deutsch-Französischer Bürgerfonds" in de
    assert "Fonds citoyen franco-allemand" in fr
    assert "Frankophile Bürger" in de
    for text, page in [(de, german), (fr, french)]:
        assert f"<h1>{escape(page.title)}</h1>" in text
        assert escape(page.summary) in text
    assert "Programm" in de and "Programme" in fr
    assert 'class="gallery"' in de and 'class="gallery"' in fr


def test_workshop_in_both_languages(client, demo):
    german, french = both(WorkshopPage, demo, start__year=2025, start__month=5)
    de, fr = get(client, german), get(client, french)
    assert "20. Mai 2025, 10:00–16:30 Uhr" in de
    assert "20 mai 2025, 10:00–16:30" in fr
    assert "Hildesheim" in de and "Hildesheim" in fr
    follow_up = german.follow_up
    assert follow_up.title in de
    assert follow_up.get_translation(demo.fr).title in fr
    assert "Folge-Workshop" in de and "Atelier de suivi" in fr


def test_exhibitions_in_both_languages(client, demo):
    for german in ExhibitionPage.objects.live().filter(locale=demo.de):
        french = german.get_translation(demo.fr)
        de, fr = get(client, german), get(client, french)
        assert german.city.name in de and french.city.name in fr
        assert "Vernissage" in fr and "Eröffnung" in de
        assert 'class="work"' in de


def test_artist_exchange_in_both_languages(client, demo):
    german, french = both(ArtistExchangePage, demo)
    de, fr = get(client, german), get(client, french)
    assert "Vorgeschlagen" in de and "Proposé" in fr
    assert "Aufruf an Künstlerinnen und Künstler" in de and "Appel à artistes" in fr
    # The planned joint exhibition names this exchange and is listed on it.
    assert "Ausstellungen aus diesem Austausch" in de
    assert "Expositions issues de cet échange" in fr


@pytest.mark.parametrize(
    ("model", "de_heading", "fr_heading"),
    [
        (DelegationReportIndexPage, None, None),
        (WorkshopIndexPage, "Vergangene Workshops", "Ateliers passés"),
        (ExhibitionIndexPage, "Vergangene Ausstellungen", "Expositions passées"),
        (ArtistExchangeIndexPage, "Vorgeschlagen", "Proposé"),
    ],
)
def test_section_indexes_list_their_pages_in_each_language(
    client, demo, model, de_heading, fr_heading
):
    german = model.objects.get(locale=demo.de)
    french = german.get_translation(demo.fr)
    de, fr = get(client, german), get(client, french)
    for child in german.get_children().live():
        assert escape(child.title) in de
    for child in french.get_children().live():
        assert escape(child.title) in fr
    assert 'name="year"' in de and 'name="town"' in fr
    if de_heading:
        assert f"<h2>{de_heading}</h2>" in de
        assert f"<h2>{fr_heading}</h2>" in fr


def test_workshops_list_upcoming_before_past(client, demo):
    html = get(client, WorkshopIndexPage.objects.get(locale=demo.fr))
    assert html.index("Ateliers à venir") < html.index("Ateliers passés")


def test_index_filters_by_year_and_town(client, demo):
    index = DelegationReportIndexPage.objects.get(locale=demo.de)
    reports = DelegationReportPage.objects.live().filter(locale=demo.de)
    older = reports.order_by("start_date").first()
    newer = reports.order_by("start_date").last()
    html = client.get(index.url, {"year": older.start_date.year}).text
    assert older.title in html and newer.title not in html
    html = client.get(index.url, {"town": newer.to_city_id}).text
    assert newer.title in html


@pytest.mark.parametrize(
    ("lang", "params", "message"),
    [
        ("de", {"year": "abc"}, "Bitte prüfen Sie den Filter"),
        ("fr", {"year": "1850"}, "Veuillez vérifier le filtre"),
        ("fr", {"town": "<script>"}, "Veuillez vérifier le filtre"),
    ],
)
def test_bad_filters_get_a_400_in_the_visitors_language(client, demo, lang, params, message):
    index = DelegationReportIndexPage.objects.get(locale__language_code=lang)
    response = client.get(index.url, params)
    assert response.status_code == 400
    assert message in response.text
    assert "<script>" not in response.text.split("<main", 1)[1].split("</main>")[0].replace(
        "&lt;script&gt;", ""
    )


def test_home_page_shows_latest_items_and_partner_cities(client, demo):
    de = client.get("/de/").text
    fr = client.get("/fr/").text
    report = DelegationReportPage.objects.live().filter(locale=demo.de).order_by("-start_date")[0]
    assert escape(report.title) in de
    assert escape(report.get_translation(demo.fr).title) in fr
    upcoming = WorkshopPage.objects.live().get(locale=demo.fr, start__gt=timezone.now())
    assert escape(upcoming.title) in fr
    assert escape(upcoming.get_translation(demo.de).title) in de
    assert "Die Partnerstädte" in de and "Les villes jumelées" in fr
    assert "Partnerstadt seit 2019" in de and "jumelée depuis 2019" in fr


@pytest.mark.parametrize("language", ["de", "fr"])
def test_a_town_named_with_parentheses_is_not_wrapped_in_more(client, demo, language):
    """A list reads "Verein, Naumburg (Saale)", never "Verein (Naumburg (Saale))"."""
    locale = getattr(demo, language)
    report = DelegationReportPage.objects.live().get(locale=locale, start_date__year=2025)
    exchange = ArtistExchangePage.objects.live().filter(locale=locale).first()
    listed = {
        report: [
            (link.association.name, link.association.town_name)
            for link in report.participants.all()
        ],
        exchange: [(link.artist.name, link.artist.city.name) for link in exchange.artists.all()],
    }
    assert "Naumburg (Saale)" in {town for rows in listed.values() for _name, town in rows}
    for page, rows in listed.items():
        text = shown(get(client, page))
        assert "(Naumburg (Saale))" not in text
        for name, town in rows:
            assert f"{name}, {town}" in text
