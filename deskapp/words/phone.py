"""How calls read in the desk's language: their outcome, direction and durations."""

from __future__ import annotations

from deskapp.domain.phone import CallOutcome, Direction
from deskapp.i18n import NP_, _, pgettext

_OUTCOMES = {
    CallOutcome.ringing: NP_("call", "ringing"),
    CallOutcome.talking: NP_("call", "talking"),
    CallOutcome.answered: NP_("call", "answered"),
    CallOutcome.missed: NP_("call", "missed"),
    CallOutcome.failed: NP_("call", "not connected"),
    CallOutcome.forwarded: NP_("call", "forwarded"),
}
_DIRECTIONS = {Direction.inbound: NP_("call", "in"), Direction.outbound: NP_("call", "out")}


def outcome_label(outcome: CallOutcome) -> str:
    return pgettext(*_OUTCOMES[outcome])


def direction_label(direction: Direction) -> str:
    return pgettext(*_DIRECTIONS[direction])


def seconds(value: float | None) -> str:
    """12 s, 3:05: how long a ring or a talk took ("" when it did not happen)."""
    if value is None:
        return ""
    whole = round(value)
    if whole < 60:
        return _("{n} s").format(n=whole)
    return f"{whole // 60}:{whole % 60:02d}"


def missed_call_words() -> str:
    """The callback list's entry for a missed call."""
    return _("missed call, call back")
