"""The demo's plans stay in the future, whenever the demo is loaded."""

import datetime

from demo.sections import shift_years, years_to_stay_upcoming
from demo.text import Paragraphs, T


def test_no_shift_while_the_plans_are_ahead():
    assert years_to_stay_upcoming(datetime.date(2027, 1, 31), datetime.date(2026, 11, 21)) == 0


def test_plans_move_on_by_whole_years():
    assert years_to_stay_upcoming(datetime.date(2027, 1, 31), datetime.date(2027, 1, 15)) == 1
    assert years_to_stay_upcoming(datetime.date(2027, 1, 31), datetime.date(2029, 6, 1)) == 3


def test_shift_moves_dates_and_the_years_named_in_text_together():
    spec = {
        "slug": T("treffen-2027", "rencontre-2027"),
        "start": datetime.datetime(2027, 4, 10, 9, 30),
        "text": Paragraphs(T("Anmeldung bis 1. März 2027.", "Inscription avant le 1er mars 2027.")),
        "count": 2027,
    }
    shifted = shift_years(spec, 2)
    assert shifted["slug"] == T("treffen-2029", "rencontre-2029")
    assert shifted["start"] == datetime.datetime(2029, 4, 10, 9, 30)
    assert shifted["text"].texts[0].fr == "Inscription avant le 1er mars 2029."
    assert shifted["count"] == 2027  # numbers that are not text or dates stay
