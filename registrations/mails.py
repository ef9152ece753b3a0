"""The mails a registrant gets, in the language they chose, each with its cancel link.

The mail with a seat (and the one when someone moves up, and the reminder)
carries the event as an ``.ics`` attachment, so that it lands in the calendar.
"""

import datetime
from urllib.parse import urljoin

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event
from wagtail.models import Page

from emails.rendering import render_email
from emails.text import html_to_text
from registrations import tokens
from registrations.models import Registration
from safetext.single_line import single_line

TEMPLATE = "registrations/email/registration.mjml"

CONFIRMED, WAITING, MOVED_UP, CANCELLED, CANCELLED_BY_ORGANISER, AGAIN, REMINDER = (
    "confirmed",
    "waiting",
    "moved_up",
    "cancelled",
    "cancelled_by_organiser",
    "again",
    "reminder",
)
WITH_CALENDAR = {CONFIRMED, MOVED_UP, REMINDER}


def event_page(registration):
    """The event in the registrant's language, if live and public; else its source."""
    registration_list = registration.registration_list
    family = Page.objects.live().public().filter(translation_key=registration_list.translation_key)
    page = family.filter(locale__language_code=registration.language).first()
    if page is None:
        page = family.filter(pk=registration_list.source_page_id).first() or family.first()
    return page.specific if page is not None else None


def cancel_url(registration, base_url):
    with translation.override(registration.language):
        path = reverse("registrations:cancel", args=[tokens.make_token(registration)])
    return urljoin(base_url, path)


def calendar_file(registration, page, url, base_url):
    """One VEVENT, the same UID in both languages, so a second mail updates the entry."""
    registration_list = registration.registration_list
    calendar = Calendar()
    calendar.add("prodid", "-//twinsite//registrations//")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    host = urljoin(base_url, "/").split("//", 1)[-1].strip("/").split(":")[0] or "localhost"
    event.add("uid", f"{registration_list.translation_key}-registration@{host}")
    event.add("dtstamp", timezone.now().astimezone(datetime.UTC))
    event.add("summary", single_line(page.title if page else registration_list.title))
    event.add("dtstart", registration_list.starts_at.astimezone(datetime.UTC))
    event.add("dtend", registration_list.ends_at.astimezone(datetime.UTC))
    location = page.registration_location() if page is not None else ""
    if location:
        event.add("location", single_line(location))
    if url:
        event.add("url", url)
        event.add("description", url)
    calendar.add_component(event)
    return calendar.to_ical()


def subject_for(kind, title):
    subjects = {
        CONFIRMED: _("Your registration: %(title)s"),
        AGAIN: _("Your registration: %(title)s"),
        WAITING: _("On the waiting list: %(title)s"),
        MOVED_UP: _("You have a seat: %(title)s"),
        CANCELLED: _("Registration cancelled: %(title)s"),
        CANCELLED_BY_ORGANISER: _("Your registration was cancelled: %(title)s"),
        REMINDER: _("Reminder: %(title)s"),
    }
    return single_line(subjects[kind] % {"title": title})


def registration_message(registration, kind, base_url):
    """The mail of ``kind`` for ``registration``; AGAIN says what holds now."""
    registration_list = registration.registration_list
    if kind == AGAIN:
        kind = {
            Registration.Status.CONFIRMED: CONFIRMED,
            Registration.Status.WAITING: WAITING,
        }.get(registration.status, CANCELLED)
        again = True
    else:
        again = False
    page = event_page(registration)
    with translation.override(registration.language):
        title = page.title if page is not None else registration_list.title
        url = urljoin(base_url, page.get_url()) if page is not None else ""
        subject = subject_for(kind, title)
        context = {
            "subject": subject,
            "preheader": subject,
            "kind": kind,
            "again": again,
            "registration": registration,
            "title": title,
            "page": page,
            "page_url": url,
            "starts_at": timezone.localtime(registration_list.starts_at),
            "ends_at": timezone.localtime(registration_list.ends_at),
            "location": page.registration_location() if page is not None else "",
            "place": registration.waiting_place(),
            "cancel_url": cancel_url(registration, base_url)
            if registration.status != Registration.Status.CANCELLED
            else "",
            "language": registration.language,
        }
        html = render_email(TEMPLATE, context, base_url=base_url)
        message = EmailMultiAlternatives(
            subject=subject,
            body=html_to_text(html),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[registration.email],
            headers={"Content-Language": registration.language},
        )
        message.attach_alternative(html, "text/html")
        if kind in WITH_CALENDAR and registration.status == Registration.Status.CONFIRMED:
            message.attach(
                "event.ics",
                calendar_file(registration, page, url, base_url),
                "text/calendar; charset=utf-8; method=PUBLISH",
            )
    return message
