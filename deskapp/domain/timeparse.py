"""Reading the times people type: ISO 8601 with or without an offset, `now`, `18:30`, `tomorrow 9`."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, tzinfo

_DAY_WORDS = {"today": 0, "tomorrow": 1, "yesterday": -1}
_RELATIVE = re.compile(r"(?:(?P<day>today|tomorrow|yesterday)\s*)?(?P<hour>\d{1,2})(?::(?P<minute>\d{2}))?", re.I)

EXAMPLES = "2026-11-20T19:30, 2026-11-20 19:30+08:00, now, 18:30 or tomorrow 9"


class TimeError(ValueError):
    """A time the desk cannot read, said so that the operator knows what to type instead."""


def parse_time(text: str, tz: tzinfo, now: datetime) -> datetime:
    """An aware datetime for what was typed; a time without an offset is in the desk's zone."""
    typed = (text or "").strip()
    if not typed:
        raise TimeError(f"a time is needed, for example {EXAMPLES}")
    lowered = typed.lower()
    if lowered == "now":
        return now.astimezone(tz)
    if lowered in _DAY_WORDS:
        raise TimeError(f"{typed!r} needs a time of day, for example {lowered} 9 or {lowered} 14:30")
    relative = _RELATIVE.fullmatch(lowered)
    if relative:
        return _relative(relative, tz, now, typed)
    try:
        parsed = datetime.fromisoformat(typed)
    except ValueError as e:
        if "range" in str(e):  # a well-formed date that is not in the calendar, such as 30 February
            raise TimeError(f"{typed!r} is not a real date or time ({e})") from None
        raise TimeError(f"{typed!r} is not a time I can read; use for example {EXAMPLES}") from None
    if parsed.tzinfo is not None:
        return parsed
    return localise(parsed, tz, typed)


def localise(naive: datetime, tz: tzinfo, typed: str = "") -> datetime:
    """A local wall-clock time in the desk's zone; one skipped by a daylight-saving change is refused."""
    aware = naive.replace(tzinfo=tz)
    if aware.astimezone(UTC).astimezone(tz).replace(tzinfo=None) != naive:
        raise TimeError(f"{typed or naive} does not exist in {tz}: the clocks skipped it (daylight saving)")
    return aware


def _relative(match: re.Match, tz: tzinfo, now: datetime, typed: str) -> datetime:
    hour, minute = int(match.group("hour")), int(match.group("minute") or 0)
    if hour > 23 or minute > 59:
        raise TimeError(f"{typed!r} is not a time of day (hours 0-23, minutes 0-59)")
    if match.group("day") is None and match.group("minute") is None:
        raise TimeError(f"{typed!r} is not a time I can read; use for example {EXAMPLES}")
    day: date = now.astimezone(tz).date() + timedelta(days=_DAY_WORDS[(match.group("day") or "today").lower()])
    return localise(datetime.combine(day, time(hour, minute)), tz, typed)
