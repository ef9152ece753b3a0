"""iCalendar files for workshops and exhibitions; their sections' calendar feeds and listings.

Times are written in UTC, so every calendar shows them in its own time zone.
Names, summaries and places are written on one line: icalendar refuses a line
break in ``X-WR-CALNAME``, and a calendar shows the others as one line anyway.
"""

import datetime
from typing import NamedTuple

from django.db.models import Case, F, IntegerField, Q, Value, When
from django.http import HttpResponse
from django.utils import timezone
from icalendar import Calendar, Event, vText
from wagtail.contrib.routable_page.models import path

from safetext.single_line import single_line

PRODUCT_ID = "-//twinsite//Städtepartnerschaft//DE"
# The event properties that hold one line of text (a title, a venue).
ONE_LINE_PROPERTIES = ("SUMMARY", "LOCATION")


def calendar_response(name, events, filename):
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", single_line(name))
    for event in events:
        for prop in ONE_LINE_PROPERTIES:
            if prop in event:
                event[prop] = vText(single_line(event[prop]))
        calendar.add_component(event)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def base_event(page, request, uid_suffix="event"):
    event = Event()
    host = request.get_host().split(":")[0]
    event.add("uid", f"{page.translation_key}-{page.locale.language_code}-{uid_suffix}@{host}")
    event.add("dtstamp", (page.last_published_at or timezone.now()).astimezone(datetime.UTC))
    event.add("summary", page.title)
    url = request.build_absolute_uri(page.get_url(request))
    event.add("description", f"{page.summary}\n\n{url}")
    event.add("url", url)
    if getattr(page, "latitude", None) is not None and getattr(page, "longitude", None) is not None:
        event.add("geo", (float(page.latitude), float(page.longitude)))
    return event


def event_location(name, street, town):
    """A schema.org Place from a venue's parts."""
    return {
        "@type": "Place",
        "name": name or town,
        "address": {"@type": "PostalAddress", "streetAddress": street, "addressLocality": town},
    }


class CalendarEventMixin:
    """``event.ics`` on a page that defines ``calendar_events(request)``."""

    def get_cached_paths(self):
        return [*super().get_cached_paths(), "event.ics"]

    @path("event.ics/", name="event_ics")
    def event_ics(self, request):
        return calendar_response(self.title, self.calendar_events(request), f"{self.slug}.ics")


class Phase(NamedTuple):
    """One group of a section's listing: the events ``when`` selects, in the order of ``by``."""

    when: Q
    by: str
    descending: bool = False


class CalendarIndexMixin:
    """A section of events: its listing phase by phase, and ``calendar.ics`` of what is to come.

    ``phases()`` gives the listing's groups in the order it shows them; each
    event belongs to exactly one, and the last one is the past, which the
    calendar leaves out. Events start at ``year_field``.
    """

    def phases(self):
        raise NotImplementedError

    def order(self, items):
        """Phase by phase; within each, by its own field (a key that is empty outside it)."""
        phases = self.phases()
        keys = {
            f"phase_{rank}_key": Case(When(phase.when, then=F(phase.by)))
            for rank, phase in enumerate(phases)
        }
        ordering = [
            F(key).desc(nulls_last=True) if phase.descending else F(key).asc(nulls_last=True)
            for key, phase in zip(keys, phases, strict=True)
        ]
        rank = Case(
            *(When(phase.when, then=Value(rank)) for rank, phase in enumerate(phases)),
            output_field=IntegerField(),
        )
        return items.annotate(phase_rank=rank, **keys).order_by("phase_rank", *ordering)

    def upcoming_events(self):
        """Every event that is not past, soonest first."""
        return self.children().exclude(self.phases()[-1].when).order_by(self.year_field)

    def get_cached_paths(self):
        return [*super().get_cached_paths(), "calendar.ics"]

    @path("calendar.ics/", name="calendar_ics")
    def calendar_ics(self, request):
        events = []
        for page in self.upcoming_events():
            events.extend(page.calendar_events(request))
        return calendar_response(self.title, events, f"{self.slug}.ics")
