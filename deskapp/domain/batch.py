"""A possible batch incident: several callers reporting the same problem in the same place at once.

One burst pipe makes many calls. Spotting it lets the desk handle one incident instead of ten cases
and tell later callers that it is already in hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class BatchRule:
    window: timedelta  # how close together the reports must be
    callers: int  # how many different callers make a batch


@dataclass(frozen=True)
class Report:
    case_id: int | None  # None for the call being typed now
    caller: str  # who reported it: normalised phone, else name
    received_at: datetime


def possible_batch(reports: list[Report], rule: BatchRule, now: datetime) -> list[Report]:
    """The reports that together make a batch incident within the window before `now`; else empty.

    Callers are told apart by phone (or name); an anonymous report counts as its own caller.
    """
    since = now - rule.window
    recent = [r for r in reports if since <= r.received_at <= now]
    callers = {caller_key(r.caller, r.case_id) for r in recent}
    if len(callers) < rule.callers:
        return []
    return sorted(recent, key=lambda r: r.received_at)


def caller_key(caller: str, case_id: int | None) -> str:
    """Who a report is from, as callers are told apart: the phone (or name) in any letter case; an
    anonymous report is its own caller. An incident counts its callers by this too."""
    return caller.strip().lower() or f"#{case_id}"
