"""The English times a caller says, read as the receptionist types them (a Thursday morning in Shanghai)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from deskapp.domain.timeparse import TimeError, parse_time
from deskapp.words import display

SHANGHAI = ZoneInfo("Asia/Shanghai")
THURSDAY = datetime(2026, 11, 26, 10, 17, tzinfo=SHANGHAI)


def read(text: str) -> str:
    return f"{parse_time(text, SHANGHAI, THURSDAY):%a %d %b %H:%M}"


@pytest.mark.parametrize("typed, meant", [
    ("3pm", "Thu 26 Nov 15:00"),
    ("3:30 pm", "Thu 26 Nov 15:30"),
    ("11am", "Thu 26 Nov 11:00"),
    ("12am", "Thu 26 Nov 00:00"),
    ("noon", "Thu 26 Nov 12:00"),
    ("tomorrow noon", "Fri 27 Nov 12:00"),
    ("tomorrow 9pm", "Fri 27 Nov 21:00"),
    ("14.30", "Thu 26 Nov 14:30"),
    ("today 14.30", "Thu 26 Nov 14:30"),
    ("monday 10", "Mon 30 Nov 10:00"),
    ("Mon 10:30", "Mon 30 Nov 10:30"),
    ("thursday 9:00", "Thu 26 Nov 09:00"),  # today is Thursday: today's
    ("next monday 10", "Mon 30 Nov 10:00"),  # next week's Monday
    ("next thursday 9am", "Thu 03 Dec 09:00"),
    ("last fri 17:00", "Fri 20 Nov 17:00"),
    ("sat 12:00", "Sat 28 Nov 12:00"),
    ("in 2 hours", "Thu 26 Nov 12:17"),
    ("in half an hour", "Thu 26 Nov 10:47"),
    ("in 45 min", "Thu 26 Nov 11:02"),
    ("in a day", "Fri 27 Nov 10:17"),
    ("30 minutes ago", "Thu 26 Nov 09:47"),
    ("Tue 24 Nov 12:00", "Tue 24 Nov 12:00"),
    ("24 Nov 9:30", "Tue 24 Nov 09:30"),
    ("Nov 24 9:30", "Tue 24 Nov 09:30"),
    ("Tue, 24 Nov 2026, 9:30", "Tue 24 Nov 09:30"),
    ("  TOMORROW   9PM ", "Fri 27 Nov 21:00"),
])
def test_the_phrases_callers_use_are_read(typed, meant):
    assert read(typed) == meant


def test_the_apps_own_way_of_writing_a_time_reads_back_as_the_same_time():
    for shown in (datetime(2026, 11, 24, 12, 0, tzinfo=SHANGHAI), datetime(2027, 1, 4, 8, 20, tzinfo=SHANGHAI)):
        text = display.when(shown, SHANGHAI, THURSDAY)
        assert parse_time(text, SHANGHAI, THURSDAY) == shown, text


@pytest.mark.parametrize("typed, said", [
    ("tomorrow", "needs a time of day"),
    ("monday", "needs a time of day"),
    ("Mon 24 Nov 12:00", "the date and the day of the week do not match"),
    ("31 Nov 9:00", "is not a real date"),
    ("13pm", "is not a time of day"),
    ("25:00", "is not a time of day"),
    ("9", "is not a time I can read"),  # a bare number could be a floor or a duration
    ("monday soonish", "is not a time I can read"),
    ("in 900 days", "is not a time I can read"),
])
def test_what_cannot_be_read_is_said_plainly(typed, said):
    with pytest.raises(TimeError, match=said):
        parse_time(typed, SHANGHAI, THURSDAY)

