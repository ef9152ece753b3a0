"""Dates and times the way each language writes them.

The formats come from Django's locale data (``DATE_FORMAT``), and the few
pieces Django has no name for (the first day of a range) go through the
message catalogues, so that a new language needs no code.
"""

from datetime import datetime

from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext, pgettext


def _as_date(value):
    if isinstance(value, datetime):
        return timezone.localtime(value).date()
    return value


def format_date_range(start, end=None):
    """ "6.–9. Oktober 2025" in German, "6–9 octobre 2025" in French."""
    start, end = _as_date(start), _as_date(end)
    if start is None:
        return ""
    if end is None or end == start:
        return date_format(start, "DATE_FORMAT")
    if (start.year, start.month) == (end.year, end.month):
        first = date_format(start, pgettext("first day of a range within one month", "j"))
        return f"{first}–{date_format(end, 'DATE_FORMAT')}"
    if start.year == end.year:
        first = date_format(start, pgettext("first day of a range within one year", "j F"))
        return f"{first} – {date_format(end, 'DATE_FORMAT')}"
    return f"{date_format(start, 'DATE_FORMAT')} – {date_format(end, 'DATE_FORMAT')}"


def format_event_time(start, end=None):
    """A day and its hours: "20. Mai 2025, 10:00–16:00 Uhr"; several days as a range."""
    start = timezone.localtime(start)
    end = timezone.localtime(end) if end else None
    if end and end.date() != start.date():
        return format_date_range(start, end)
    day = date_format(start, "DATE_FORMAT")
    if end is None:
        hours = time_format(start, "TIME_FORMAT")
    else:
        hours = gettext("%(start)s–%(end)s") % {
            "start": time_format(start, "TIME_FORMAT"),
            "end": time_format(end, "TIME_FORMAT"),
        }
    return f"{day}, {hours}"


def format_day(value):
    """A date with its weekday: "Montag, 6. Oktober 2025", "lundi 6 octobre 2025"."""
    return date_format(_as_date(value), pgettext("date with weekday", "l, j F Y"))
