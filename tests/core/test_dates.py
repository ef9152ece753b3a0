import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from core.dates import format_date_range, format_event_time

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.mark.parametrize(
    ("language", "start", "end", "expected"),
    [
        ("de", datetime.date(2025, 10, 6), datetime.date(2025, 10, 9), "6.–9. Oktober 2025"),
        ("fr", datetime.date(2025, 10, 6), datetime.date(2025, 10, 9), "6–9 octobre 2025"),
        ("de", datetime.date(2025, 5, 20), None, "20. Mai 2025"),
        ("fr", datetime.date(2025, 5, 20), None, "20 mai 2025"),
        (
            "de",
            datetime.date(2025, 6, 13),
            datetime.date(2025, 7, 25),
            "13. Juni – 25. Juli 2025",
        ),
        ("fr", datetime.date(2025, 6, 13), datetime.date(2025, 7, 25), "13 juin – 25 juillet 2025"),
        (
            "de",
            datetime.date(2026, 5, 1),
            datetime.date(2027, 6, 30),
            "1. Mai 2026 – 30. Juni 2027",
        ),
    ],
)
def test_date_ranges_read_naturally_in_each_language(language, start, end, expected):
    with translation.override(language):
        assert format_date_range(start, end) == expected


def test_event_times_are_shown_in_local_time():
    # 08:00 UTC is 10:00 in Hildesheim in May (CEST).
    start = datetime.datetime(2025, 5, 20, 8, 0, tzinfo=datetime.UTC)
    end = datetime.datetime(2025, 5, 20, 14, 30, tzinfo=datetime.UTC)
    with translation.override("de"):
        assert format_event_time(start, end) == "20. Mai 2025, 10:00–16:30 Uhr"
    with translation.override("fr"):
        assert format_event_time(start, end) == "20 mai 2025, 10:00–16:30"


@pytest.mark.parametrize(
    ("language", "expected"),
    [("de", "Montag, 6. Oktober 2025"), ("fr", "lundi 6 octobre 2025")],
)
def test_days_carry_their_weekday(language, expected):
    from core.dates import format_day

    with translation.override(language):
        assert format_day(datetime.date(2025, 10, 6)) == expected
