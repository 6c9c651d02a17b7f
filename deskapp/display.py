"""How times, time left and clocks are written for people (CLI and screens alike)."""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo

from deskapp.domain.clocks import Basis, Clock
from deskapp.domain.enums import ClockState, Counting

STATE_WORDS = {
    ClockState.on_time: "on time",
    ClockState.due_soon: "due soon",
    ClockState.overdue: "OVERDUE",
    ClockState.paused: "paused",
    ClockState.met: "met",
    ClockState.missed: "met late",
}
# A symbol beside every colour, for monochrome terminals and colour-blind staff.
STATE_SYMBOLS = {
    ClockState.on_time: "●",
    ClockState.due_soon: "▲",
    ClockState.overdue: "✖",
    ClockState.paused: "‖",
    ClockState.met: "✔",
    ClockState.missed: "✔!",
}
STATE_STYLES = {
    ClockState.on_time: "green",
    ClockState.due_soon: "yellow",
    ClockState.overdue: "bold red",
    ClockState.paused: "dim",
    ClockState.met: "dim green",
    ClockState.missed: "dim red",
}


def when(t: datetime | None, tz: tzinfo, now: datetime | None = None) -> str:
    """'Tue 24 Nov 12:00'; within the same year the year is left out."""
    if t is None:
        return ""
    local = t.astimezone(tz)
    if now is not None and local.year != now.astimezone(tz).year:
        return f"{local:%a %d %b %Y %H:%M}"
    return f"{local:%a %d %b %H:%M}"


def iso(t: datetime | None, tz: tzinfo) -> str | None:
    """ISO 8601 in the desk's zone, with its UTC offset."""
    return None if t is None else t.astimezone(tz).isoformat()


def left(delta: timedelta) -> str:
    """'-0:12' when late, '0:07' under an hour, '3h 20m' under a day, '2d 4h' beyond."""
    minutes = int(delta.total_seconds() // 60) if delta >= timedelta(0) else -int((-delta).total_seconds() // 60)
    if minutes < 0:
        late = -minutes
        return f"-{late // 60}:{late % 60:02d}" if late < 24 * 60 else f"-{late // 1440}d {late % 1440 // 60}h"
    if minutes < 60:
        return f"0:{minutes:02d}"
    if minutes < 24 * 60:
        return f"{minutes // 60}h {minutes % 60:02d}m"
    return f"{minutes // 1440}d {minutes % 1440 // 60}h"


def span(delta: timedelta, working: bool = False) -> str:
    """'20 minutes', '24 working hours', '1 hour 30 minutes', '3 days'."""
    minutes = round(delta.total_seconds() / 60)
    adjective = "working " if working else ""

    def count(n: int, unit: str) -> str:
        return f"{n} {adjective}{unit}{'' if n == 1 else 's'}"

    if minutes >= 2 * 1440 and minutes % 1440 == 0:
        return count(minutes // 1440, "day")
    if minutes < 60:
        return count(minutes, "minute")
    hours, rest = divmod(minutes, 60)
    return count(hours, "hour") + (f" {rest} minute{'' if rest == 1 else 's'}" if rest else "")


def explain(clock: Clock, tz: tzinfo) -> str:
    """How the due time was reached: '24 working h from Fri 19:30 → Wed 10:00, 2 h paused'."""
    start = f"{clock.start.astimezone(tz):%a %H:%M}"
    due = f"{clock.due.astimezone(tz):%a %d %b %H:%M}"
    if clock.basis is Basis.requested:
        text = f"the customer asked for it by {due}"
    elif clock.basis is Basis.promised:
        text = f"the desk promised an answer by {due}"
    else:
        since = "reopened " if clock.basis is Basis.reopened else ""
        working = clock.counting is Counting.working
        text = f"{span(clock.allowance, working)} from {since}{start} → {due}"
    if clock.paused > timedelta(0):
        text += f", {span(clock.paused)} paused"
    return text


def changes(changed: dict, action: str, tz: tzinfo) -> str:
    """'status: received → forwarded; responsible: – → Engineering'. The intake's fields are the case itself."""
    if action == "intake":
        return "case opened"

    def shown(value) -> str:
        if isinstance(value, str) and len(value) > 18 and value[10] == "T":
            try:
                return f"{datetime.fromisoformat(value).astimezone(tz):%a %d %b %H:%M}"
            except ValueError:
                pass
        if value in (None, ""):
            return "–"
        return str(value).replace("_", " ") if isinstance(value, str) and value.isidentifier() else str(value)

    return "; ".join(f"{name.replace('_', ' ')}: {shown(before)} → {shown(after)}" for name, (before, after) in changed.items())
