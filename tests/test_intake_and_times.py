"""Reading what the operator typed: places, phone numbers and times."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from deskapp.domain.enums import ClockState, Counting
from deskapp.domain.intake import normalise_phone, phone_problem, split_which
from deskapp.domain.timeparse import TimeError, parse_time
from deskapp.i18n import CHINESE, use_language
from deskapp.words import deadline, display
from tests.conftest import SHANGHAI, at

NOW = at("2026-11-23 09:00")


@pytest.mark.parametrize(
    ("said", "parts"),
    [
        ("Tower B 12F unit 1203", ("Tower B", "12", "1203")),
        ("Tower A 3F", ("Tower A", "3", "")),
        ("Podium B1F 002", ("Podium", "B1", "002")),
        ("Tower C floor 7 room 702", ("Tower C", "7", "702")),
        ("main lobby", ("main lobby", "", "")),
    ],
)
def test_which_is_split_into_building_floor_and_unit(said, parts):
    assert split_which(said) == parts


@pytest.mark.parametrize("number", ["13800138000", "021-5550 1234", "+86 138 0013 8000", "(021) 55501234"])
def test_phone_numbers_people_say_are_accepted(number):
    assert phone_problem(number) is None
    assert normalise_phone(number).lstrip("+").isdigit()


@pytest.mark.parametrize("number", ["12ab", "123", "138001380001234567", "call me"])
def test_malformed_phone_numbers_are_refused_in_plain_words(number):
    assert "does not look like a phone number" in phone_problem(number)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("now", at("2026-11-23 09:00")),
        ("18:30", at("2026-11-23 18:30")),
        ("tomorrow 9", at("2026-11-24 09:00")),
        ("yesterday 19:30", at("2026-11-22 19:30")),
        ("2026-11-20 14:00", at("2026-11-20 14:00")),
        ("2026-11-20T19:30+08:00", at("2026-11-20 19:30")),
        ("2026-11-20T11:30Z", at("2026-11-20 19:30")),
    ],
)
def test_times_people_type(typed, expected):
    assert parse_time(typed, SHANGHAI, NOW) == expected


@pytest.mark.parametrize(
    ("typed", "message"),
    [("", "a time is needed"), ("2026-02-30T10:00", "not a real date"), ("25:00", "not a time of day"),
     ("tomorrow", "needs a time of day"), ("half past", "not a time I can read")],
)
def test_times_that_cannot_be_read(typed, message):
    with pytest.raises(TimeError, match=message):
        parse_time(typed, SHANGHAI, NOW)


def test_a_time_skipped_by_daylight_saving_is_refused():
    with pytest.raises(TimeError, match="does not exist"):
        parse_time("2026-03-08T02:30", ZoneInfo("America/New_York"), NOW)


@pytest.mark.parametrize(
    ("minutes", "counting", "shown"),
    [(-12, Counting.working, "12 working min late"), (0, Counting.wall, "0 min left"),
     (7, Counting.wall, "7 min left"), (200, Counting.wall, "3 h 20 min left"),
     (607, Counting.working, "10 working h 7 min left"), (-607, Counting.working, "10 working h 7 min late"),
     (3060, Counting.wall, "2 days 3 h left"), (-3000, Counting.wall, "2 days 2 h late"),
     (-1440, Counting.wall, "1 day late"), (-120, Counting.working, "2 working h late")],
)
def test_time_left_and_lateness_as_every_screen_shows_them(minutes, counting, shown):
    assert deadline.left_or_late(timedelta(minutes=minutes), counting) == shown


@pytest.mark.parametrize(
    ("minutes", "counting", "shown", "chinese"),
    [(-12, Counting.working, "12m work", "12工作分钟"), (0, Counting.wall, "0m", "0分钟"),
     (200, Counting.wall, "3h 20m", "3小时20分"), (607, Counting.working, "10h 7m work", "10工时7分"),
     (-120, Counting.working, "2h work", "2工时"), (3060, Counting.wall, "2d 3h", "2天3小时"),
     (-1440, Counting.wall, "1d", "1天"), (-180, Counting.wall, "3h", "3小时")],
)
def test_a_table_cell_says_the_same_in_short_with_its_counting_named(minutes, counting, shown, chinese):
    # Left or late is said by the state's badge beside the cell ('✖ resolve OVERDUE'), not again here.
    assert deadline.short_left_or_late(timedelta(minutes=minutes), counting) == shown
    with use_language(CHINESE):
        assert deadline.short_left_or_late(timedelta(minutes=minutes), counting) == chinese


def test_a_clock_waiting_on_the_customer_past_its_due_says_overdue_not_a_negative_time():
    assert deadline.left_or_late(timedelta(minutes=-30), Counting.working, ClockState.waiting) == "OVERDUE"
    assert deadline.short_left_or_late(timedelta(minutes=-30), Counting.working, ClockState.waiting) == "OVERDUE"
    assert deadline.left_or_late(timedelta(microseconds=-1), Counting.working) == "under 1 working min late"
    assert deadline.short_left_or_late(timedelta(microseconds=-1), Counting.working) == "<1m work"


def test_times_are_written_in_the_desk_zone():
    utc = datetime(2026, 11, 24, 4, 0, tzinfo=ZoneInfo("UTC"))
    assert display.when(utc, SHANGHAI, NOW) == "Tue 24 Nov 12:00"
    assert display.iso(utc, SHANGHAI) == "2026-11-24T12:00:00+08:00"
    assert display.span(timedelta(hours=24), working=True) == "24 working hours"
    assert display.span(timedelta(minutes=90)) == "1 hour 30 minutes"
