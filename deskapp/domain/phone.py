"""The telephone's rules: what a phone system's call event says, and what a finished call counts as.

The phone system (Zammad's "generic CTI": one form POST per event) tells the desk that a call rings
(newCall), is answered (answer) and ends (hangup, with its cause). These rules read one event's
fields, and say what a call's outcome is; no database, no wall clock, no wording beyond the reasons
a phone system is told when its request is refused.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum


class CallEventName(StrEnum):
    new_call = "newCall"
    answer = "answer"
    hangup = "hangup"


class Direction(StrEnum):
    inbound = "in"
    outbound = "out"


class HangupCause(StrEnum):
    normal_clearing = "normalClearing"
    busy = "busy"
    cancel = "cancel"
    no_answer = "noAnswer"
    congestion = "congestion"
    not_found = "notFound"
    forwarded = "forwarded"


class CallOutcome(StrEnum):
    ringing = "ringing"
    talking = "talking"  # answered, not yet hung up
    answered = "answered"
    missed = "missed"  # hung up unanswered by the caller's side: cancel, noAnswer, busy
    failed = "failed"  # never reached anyone: congestion, notFound
    forwarded = "forwarded"


# The unanswered hang-ups the desk must call back: the caller gave up, nobody picked up, or every line was busy.
MISSED_CAUSES = frozenset({HangupCause.cancel, HangupCause.no_answer, HangupCause.busy})

# A phone number as phone systems send it: digits with an optional +, and the separators people write.
_NUMBER = re.compile(r"^\+?[0-9][0-9 ()\-.]{0,38}$")
_CALL_ID = re.compile(r"^[\x21-\x7e]{1,250}$")  # printable, no spaces: a PBX's unique id (Zammad: up to 250)
_TEXT_MAX = 100
# A withheld number, as phone systems write it: the call is logged, but there is no one to call back.
_WITHHELD = frozenset({"anonymous", "unknown", "restricted", "private"})


class BadEvent(ValueError):
    """A request the desk refuses; the reason is told to the phone system as it is (plain, in English:
    the PBX's log is read by whoever set it up)."""


@dataclass(frozen=True)
class CallEvent:
    name: CallEventName
    call_id: str
    direction: Direction
    from_number: str
    to_number: str
    users: tuple[str, ...] = ()
    queue: str = ""
    answering_number: str = ""  # an extension, or the answering user's login or name (Zammad takes either)
    cause: HangupCause | None = None


def read_event(fields: Mapping[str, str], users: Sequence[str]) -> CallEvent:
    """One POST's form fields (users: every `user[]` value) as a call event, or BadEvent saying why not."""
    name = _choice(CallEventName, fields.get("event"), "event")
    call_id = fields.get("callId", "").strip()
    if not _CALL_ID.match(call_id):
        raise BadEvent("callId is missing or not a plain id of up to 250 characters")
    direction = _choice(Direction, fields.get("direction") or "in", "direction")
    numbers = {key: _number(fields.get(key, ""), key) for key in ("from", "to")}
    if name is CallEventName.new_call and not numbers["from" if direction is Direction.inbound else "to"] \
            and (fields.get("from" if direction is Direction.inbound else "to") or "").strip().lower() not in _WITHHELD:
        raise BadEvent("newCall needs the caller's number (from) and, for an outbound call, to")
    cause = None
    if name is CallEventName.hangup:
        cause = _choice(HangupCause, fields.get("cause") or "normalClearing", "cause")
    return CallEvent(name, call_id, direction, numbers["from"], numbers["to"],
                     tuple(_text(u, "user[]") for u in users if u.strip()), _text(fields.get("queue", ""), "queue"),
                     _text(fields.get("answeringNumber", ""), "answeringNumber"), cause)


def _choice(enum, value: str | None, key: str):
    try:
        return enum((value or "").strip())
    except ValueError:
        allowed = "|".join(e.value for e in enum)
        raise BadEvent(f"{key} must be one of {allowed}") from None


def _number(value: str, key: str) -> str:
    value = value.strip()
    if value.lower() in _WITHHELD:
        return ""
    if value and not _NUMBER.match(value):
        raise BadEvent(f"{key} is not a phone number")
    return value


def _text(value: str, key: str) -> str:
    value = value.strip()
    if len(value) > _TEXT_MAX or any(ord(c) < 32 for c in value):
        raise BadEvent(f"{key} is longer than {_TEXT_MAX} characters or holds control characters")
    return value


def digits(number: str) -> str:
    """A number as compared: its digits only ("021-5550 1000" and "02155501000" are one number)."""
    return "".join(c for c in number if c.isdigit())


def outcome(answered_at: datetime | None, hung_up_at: datetime | None, cause: HangupCause | None) -> CallOutcome:
    """What a call counts as, from what is known of it so far (events may come late or out of order)."""
    if answered_at is not None:
        return CallOutcome.answered if hung_up_at is not None else CallOutcome.talking
    if hung_up_at is None:
        return CallOutcome.ringing
    if cause in MISSED_CAUSES:
        return CallOutcome.missed
    if cause is HangupCause.forwarded:
        return CallOutcome.forwarded
    return CallOutcome.failed


@dataclass(frozen=True)
class PhonePolicy:
    """The manuals' telephone numbers (data/phone.toml)."""

    callback_within: timedelta = timedelta(hours=2)  # working time to call a missed caller back
    ring_limit: timedelta = timedelta(seconds=10)  # answered "before the second ring"
    talk_limit: timedelta = timedelta(minutes=3)  # calls kept short


def median(values: Sequence[float]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def share(values: Sequence[float], test) -> float | None:
    """The share of values passing the test; None for no values (no calls is not 0 %)."""
    return sum(1 for v in values if test(v)) / len(values) if values else None
