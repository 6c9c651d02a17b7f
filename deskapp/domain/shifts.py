"""The desk's two shifts: the day shift works the calendar's opening hours; night duty covers the rest."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from deskapp.domain.calendar import WorkCalendar


class Shift(StrEnum):
    day = "day"
    night = "night"


def shift_at(calendar: WorkCalendar, t: datetime) -> Shift:
    return Shift.day if calendar.is_working_time(t) else Shift.night


def night_began(calendar: WorkCalendar, t: datetime) -> datetime:
    """When the desk last closed before `t` (the start of tonight's night duty, weekends included)."""
    day = t.astimezone(calendar.tz).date()
    for back in range(0, 400):
        hours = calendar.opening_hours(day - timedelta(days=back))
        if hours is not None and hours[1] <= t:
            return hours[1]
    return t - timedelta(days=1)  # a calendar with no working day in a year: the last day, then


@dataclass(frozen=True)
class ShiftSpan:
    """One shift as it happened: the working day from opening to closing, or the night (weekends and
    holidays included) from closing to the next opening. Named in words by words.shifts.span_label."""

    name: Shift
    start: datetime
    end: datetime


def span_at(calendar: WorkCalendar, t: datetime) -> ShiftSpan:
    """The shift an instant falls in."""
    hours = calendar.opening_hours(t.astimezone(calendar.tz).date())
    if hours and hours[0] <= t < hours[1]:
        return ShiftSpan(Shift.day, hours[0], hours[1])
    return ShiftSpan(Shift.night, night_began(calendar, t), calendar.next_opening(t))


def previous_span(calendar: WorkCalendar, span: ShiftSpan) -> ShiftSpan:
    return span_at(calendar, span.start - timedelta(microseconds=1))


def next_span(calendar: WorkCalendar, span: ShiftSpan) -> ShiftSpan:
    return span_at(calendar, span.end)
