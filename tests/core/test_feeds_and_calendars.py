"""Feeds parse as RSS, calendars as iCalendar, and pages describe themselves in JSON-LD."""

import datetime
import json
import re

import feedparser
import icalendar
import pytest
from django.utils import timezone

from exhibitions.models import ExhibitionIndexPage, ExhibitionPage
from partnership.models import (
    DelegationReportIndexPage,
    DelegationReportPage,
    WorkshopIndexPage,
    WorkshopPage,
)

pytestmark = pytest.mark.django_db


def head_links(html, kind):
    return re.findall(
        rf'<link rel="alternate" type="{re.escape(kind)}" title="[^"]*" href="([^"]+)">', html
    )


@pytest.mark.parametrize("language", ["de", "fr"])
def test_each_section_has_a_discoverable_rss_feed_in_its_language(client, demo, language):
    index = DelegationReportIndexPage.objects.get(locale__language_code=language)
    feeds = head_links(client.get(index.url).text, "application/rss+xml")
    assert feeds[0] == f"{index.url}feed/"
    response = client.get(feeds[0])
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.language == language
    titles = {entry.title for entry in feed.entries}
    reports = DelegationReportPage.objects.live().filter(locale__language_code=language)
    assert titles == {report.title for report in reports}
    entry = feed.entries[0]
    assert entry.link.startswith(f"http://testserver/{language}/")
    enclosure = entry.enclosures[0]
    assert enclosure.type == "image/jpeg" and enclosure.href.startswith("http://testserver/media/")
    assert int(enclosure.length) > 0


@pytest.mark.parametrize("language", ["de", "fr"])
def test_the_site_wide_feed_covers_every_section_of_one_language(client, demo, language):
    response = client.get(f"/{language}/feed/")
    feed = feedparser.parse(response.content)
    assert not feed.bozo
    links = [entry.link for entry in feed.entries]
    assert all(link.startswith(f"http://testserver/{language}/") for link in links)
    sections = {link.split("/")[4] for link in links}
    assert len(sections) == 4  # reports, workshops, exhibitions, exchanges
    # Every page advertises it.
    page = WorkshopPage.objects.live().filter(locale__language_code=language).first()
    assert f"/{language}/feed/" in head_links(client.get(page.url).text, "application/rss+xml")


@pytest.mark.parametrize("language", ["de", "fr"])
def test_a_feed_is_sent_in_one_piece(client, demo, language):
    """The server writes each piece a response yields as its own packet; a feed has one."""
    response = client.get(f"/{language}/feed/")
    assert response.status_code == 200
    pieces = list(response)
    assert len(pieces) == 1
    assert pieces[0].startswith(b"<?xml")


def test_workshop_event_ics_has_the_right_times(client, demo):
    workshop = WorkshopPage.objects.live().get(locale=demo.fr, start__year=2025, start__month=5)
    html = client.get(workshop.url).text
    assert f'href="{workshop.url}event.ics"' in html
    response = client.get(f"{workshop.url}event.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("dtstart") == workshop.start
    assert event.decoded("dtstart").tzinfo is not None
    assert event.decoded("dtstart").astimezone(datetime.UTC).hour == 8  # 10:00 in Hildesheim
    assert str(event["summary"]) == workshop.title
    assert "Hildesheim" in str(event["location"])
    assert str(event["url"]) == f"http://testserver{workshop.url}"


def test_exhibition_event_ics_holds_the_run_and_the_opening(client, demo):
    exhibition = ExhibitionPage.objects.live().filter(locale=demo.de).first()
    response = client.get(f"{exhibition.url}event.ics")
    events = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    run, opening = events
    assert run.decoded("dtstart") == timezone.localdate(exhibition.opening)
    assert run.decoded("dtend") == exhibition.closing_date + datetime.timedelta(days=1)
    assert opening.decoded("dtstart") == exhibition.opening
    assert str(opening["summary"]).startswith("Eröffnung: ")
    french = exhibition.get_translation(demo.fr)
    response = client.get(f"{french.url}event.ics")
    opening = icalendar.Calendar.from_ical(response.content).walk("VEVENT")[1]
    assert str(opening["summary"]).startswith("Vernissage : ")


@pytest.mark.parametrize("model", [WorkshopIndexPage, ExhibitionIndexPage])
def test_section_calendars_list_upcoming_events_only(client, demo, model):
    index = model.objects.get(locale=demo.fr)
    assert f"{index.url}calendar.ics" in head_links(client.get(index.url).text, "text/calendar")
    response = client.get(f"{index.url}calendar.ics")
    events = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    upcoming = list(index.upcoming_events())
    assert upcoming, "the demo has something coming up in every section"
    summaries = {str(event["summary"]) for event in events}
    assert {page.title for page in upcoming} <= summaries
    past = index.children().exclude(pk__in=[page.pk for page in upcoming])
    assert not {page.title for page in past} & summaries


def test_unknown_files_under_a_page_are_404(client, demo):
    index = WorkshopIndexPage.objects.get(locale=demo.de)
    assert client.get(f"{index.url}nothing.ics").status_code == 404
    report = DelegationReportPage.objects.live().filter(locale=demo.de).first()
    assert client.get(f"{report.url}event.ics").status_code == 404


def json_ld(html):
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html)[1])


def test_pages_describe_themselves_in_json_ld(client, demo):
    workshop = WorkshopPage.objects.live().get(locale=demo.fr, start__year=2025, start__month=5)
    data = json_ld(client.get(workshop.url).text)
    assert data["@type"] == "Event"
    assert data["inLanguage"] == "fr"
    assert datetime.datetime.fromisoformat(data["startDate"]) == workshop.start
    assert data["location"]["address"]["addressLocality"] == "Hildesheim"
    assert data["image"].startswith("http://testserver/media/")

    exhibition = ExhibitionPage.objects.live().filter(locale=demo.de).first()
    data = json_ld(client.get(exhibition.url).text)
    assert data["@type"] == "ExhibitionEvent"
    assert data["endDate"] == exhibition.closing_date.isoformat()
    assert data["performer"]

    report = DelegationReportPage.objects.live().filter(locale=demo.de).first()
    html = client.get(report.url).text
    assert json_ld(html)["@type"] == "Article"
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:locale" content="de_DE">' in html
    assert re.search(
        r'<meta property="og:image" content="http://testserver/media/[^"]+\.jpg">', html
    )
    assert f'<link rel="canonical" href="http://testserver{report.url}">' in html


def test_json_ld_cannot_break_out_of_its_script(client, demo):
    report = DelegationReportPage.objects.live().filter(locale=demo.de).first()
    report.summary = "</script><script>alert(1)</script>"
    report.save_revision().publish()
    html = client.get(report.url).text
    assert "<script>alert(1)</script>" not in html
    assert json_ld(html)["description"] == "</script><script>alert(1)</script>"
