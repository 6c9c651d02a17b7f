"""Day shift and night duty, from the calendar."""

from __future__ import annotations

from deskapp.domain.shifts import Shift, night_began, shift_at
from tests.conftest import at


def test_the_shift_follows_the_opening_hours(calendar):
    assert shift_at(calendar, at("2026-11-23 08:00")) is Shift.day
    assert shift_at(calendar, at("2026-11-23 19:00")) is Shift.night
    assert shift_at(calendar, at("2026-11-21 11:00")) is Shift.night  # Saturday


def test_tonight_began_when_the_desk_last_closed(calendar):
    assert night_began(calendar, at("2026-11-23 23:30")) == at("2026-11-23 19:00")
    assert night_began(calendar, at("2026-11-24 06:00")) == at("2026-11-23 19:00")
    assert night_began(calendar, at("2026-11-22 12:00")) == at("2026-11-20 19:00")  # the whole weekend
