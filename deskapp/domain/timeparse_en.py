"""The English times people say on the phone, and the app's own way of writing a time.

`3pm`, `3:30 pm`, `noon`, `midnight`, `14.30`, `tomorrow 9pm`, `monday 10`, `next monday 10`,
`fri 17:00`, `in 2 hours`, `in half an hour`, `30 minutes ago`, and what the screens show:
`Tue 24 Nov 12:00`, `24 Nov 2026 9:30`. A bare hour (`9`) is still refused: said alone it is
as likely a duration or a floor as a time.

Read in one pass of a few anchored regular expressions, so a keystroke never waits on it.
Pure: no clock, no I/O.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

WEEKDAYS = {"mon": 0, "monday": 0, "tue": 1, "tues": 1, "tuesday": 1, "wed": 2, "wednesday": 2,
            "thu": 3, "thur": 3, "thurs": 3, "thursday": 3, "fri": 4, "friday": 4,
            "sat": 5, "saturday": 5, "sun": 6, "sunday": 6}
MONTHS = {name: number for number, names in enumerate(
    (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
     ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"),
     ("nov", "november"), ("dec", "december")), start=1) for name in names}
DAY_WORDS = {"today": 0, "tomorrow": 1, "tmr": 1, "tmrw": 1, "yesterday": -1}

_WEEKDAY = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_UNITS = {"m": 1, "min": 1, "mins": 1, "minute": 1, "minutes": 1,
          "h": 60, "hr": 60, "hrs": 60, "hour": 60, "hours": 60,
          "d": 1440, "day": 1440, "days": 1440, "week": 10080, "weeks": 10080}
_UNIT = "|".join(sorted(_UNITS, key=len, reverse=True))

_SHIFT = re.compile(rf"in (?P<amount>\d+(?:\.\d+)?|an?|half an?) ?(?P<unit>{_UNIT})"
                    rf"|(?P<ago>\d+(?:\.\d+)?|an?) ?(?P<ago_unit>{_UNIT}) ago")
_DAY = re.compile(
    rf"(?:(?P<word>today|tomorrow|tmrw?|yesterday)"
    rf"|(?P<which>next |this |last )?(?P<weekday>{_WEEKDAY})\.?"
    rf"(?:,? (?:(?P<mday>\d{{1,2}}) (?P<month>{_MONTH})\.?|(?P<month2>{_MONTH})\.? (?P<mday2>\d{{1,2}}))"
    rf"(?:,? (?P<year>\d{{4}}))?)?"
    rf"|(?:(?P<mday3>\d{{1,2}}) (?P<month3>{_MONTH})\.?|(?P<month4>{_MONTH})\.? (?P<mday4>\d{{1,2}}))"
    rf"(?:,? (?P<year2>\d{{4}}))?)"
    r"(?: at| ,|,)? ?"
)
_CLOCK = re.compile(r"(?P<noon>noon|midday|midnight)"
                    r"|(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))? ?(?P<half>a\.?m\.?|p\.?m\.?)?")


class Unreadable(ValueError):
    """Not a phrase this module reads; the caller says so in the desk's words."""


class NotADay(ValueError):
    """A day was named but no time of day (`tomorrow`, `monday`)."""


class Mismatch(ValueError):
    """A date whose weekday is not the one typed with it (`Mon 24 Nov 2026`)."""


class OutOfRange(ValueError):
    """Hours past 23 (or 12 with am/pm), minutes past 59."""


class NotADate(ValueError):
    """A day of the month that is not in the calendar (`31 Nov`)."""


def read_english(text: str, today: date, now_local: datetime) -> datetime | None:
    """A naive local datetime for `text`, or None when it is not an English phrase (ISO, say)."""
    typed = re.sub(r"\s+", " ", text.strip().lower())
    shift = _SHIFT.fullmatch(typed)
    if shift:
        return _shifted(shift, now_local)
    day_match = _DAY.match(typed)
    day = None
    rest = typed
    if day_match and day_match.group(0).strip():
        day = _day(day_match, today)
        rest = typed[day_match.end():].strip()
        if not rest:
            raise NotADay(typed)
    clock = _CLOCK.fullmatch(rest)
    if clock is None:
        if day is not None:
            raise Unreadable(typed)
        return None
    if day is None and clock.group("minute") is None and not clock.group("half") and not clock.group("noon"):
        return None  # a bare '9': let the caller refuse it in its own words
    return datetime.combine(day if day is not None else today, _time(clock))


def _time(clock: re.Match) -> time:
    noon = clock.group("noon")
    if noon:
        return time(0) if noon == "midnight" else time(12)
    hour, minute = int(clock.group("hour")), int(clock.group("minute") or 0)
    half = (clock.group("half") or "").replace(".", "")
    if minute > 59 or hour > 23 or (half and not 1 <= hour <= 12):
        raise OutOfRange(clock.group(0))
    if half == "pm" and hour != 12:
        hour += 12
    elif half == "am" and hour == 12:
        hour = 0
    return time(hour, minute)


def _day(match: re.Match, today: date) -> date:
    if match.group("word"):
        return today + timedelta(days=DAY_WORDS[match.group("word")])
    mday = match.group("mday") or match.group("mday2") or match.group("mday3") or match.group("mday4")
    if mday:
        month = MONTHS[match.group("month") or match.group("month2") or match.group("month3") or match.group("month4")]
        year = int(match.group("year") or match.group("year2") or today.year)
        try:
            day = date(year, month, int(mday))
        except ValueError:
            raise NotADate(match.group(0)) from None
        weekday = match.group("weekday")
        if weekday and WEEKDAYS[weekday] != day.weekday():
            raise Mismatch(match.group(0))
        return day
    return _weekday(WEEKDAYS[match.group("weekday")], (match.group("which") or "").strip(), today)


def _weekday(wanted: int, which: str, today: date) -> date:
    """`monday`: the coming one (today if it is Monday); `next monday`: next week's; `last`: last week's."""
    monday = today - timedelta(days=today.weekday())
    if which == "next":
        return monday + timedelta(days=7 + wanted)
    if which == "last":
        return monday - timedelta(days=7 - wanted)
    if which == "this":
        return monday + timedelta(days=wanted)
    return today + timedelta(days=(wanted - today.weekday()) % 7)


def _shifted(match: re.Match, now_local: datetime) -> datetime:
    later = match.group("amount") is not None
    amount_text = match.group("amount") if later else match.group("ago")
    unit = _UNITS[match.group("unit") if later else match.group("ago_unit")]
    amount = 0.5 if amount_text.startswith("half") else 1.0 if amount_text in ("a", "an") else float(amount_text)
    delta = timedelta(minutes=amount * unit)
    if delta > timedelta(days=366):
        raise Unreadable(match.group(0))  # more than a year: a slip of the keyboard, not a time
    moved = now_local + delta if later else now_local - delta
    return moved.replace(tzinfo=None, second=0, microsecond=0)
