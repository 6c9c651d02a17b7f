"""The desk's vocabulary. Each enum is a `str` enum whose value is what is stored and printed."""

from __future__ import annotations

from enum import StrEnum


class Channel(StrEnum):
    phone = "phone"
    visit = "visit"
    email = "email"
    letter = "letter"
    staff = "staff"  # reported by a member of staff
    other = "other"


class Kind(StrEnum):
    inquiry = "inquiry"
    repair = "repair"
    complaint = "complaint"
    assistance = "assistance"
    suggestion = "suggestion"  # suggestion or praise


class Severity(StrEnum):
    major = "major"
    general = "general"
    minor = "minor"


class Validity(StrEnum):
    undecided = "undecided"
    valid = "valid"
    invalid = "invalid"


class Status(StrEnum):
    received = "received"
    forwarded = "forwarded"
    in_progress = "in_progress"
    waiting = "waiting"  # waiting on the customer: pausable clocks stop
    resolved = "resolved"  # awaiting its callback
    closed = "closed"
    void = "void"

    @property
    def is_open(self) -> bool:
        return self not in (Status.closed, Status.void)


OPEN_STATUSES = tuple(s for s in Status if s.is_open)


class Role(StrEnum):
    receptionist = "receptionist"
    night_duty = "night_duty"
    supervisor = "supervisor"
    department_manager = "department_manager"
    project_manager = "project_manager"
    staff = "staff"  # anyone else in a department (engineers, cleaners, guards)


class NoteKind(StrEnum):
    progress = "progress"
    explanation = "explanation"  # an invalid complaint explained to the customer
    corrective = "corrective"  # cause analysed and corrective action recorded
    contact = "contact"  # customer contacted
    call = "call"  # a further call from the customer attached to the case


class CallbackMethod(StrEnum):
    phone = "phone"
    on_site = "on_site"


class AttemptResult(StrEnum):
    reached = "reached"
    no_answer = "no_answer"
    busy = "busy"
    wrong_number = "wrong_number"
    call_later = "call_later"


class Satisfaction(StrEnum):
    satisfied = "satisfied"
    partly = "partly"
    unsatisfied = "unsatisfied"


class Confirmation(StrEnum):
    """How the customer confirmed a complaint's callback: signed the record on site, or said so on the phone."""

    signed = "signed"
    phone = "phone"
    refused = "refused"  # reached, but would not confirm


class ClockName(StrEnum):
    forward = "forward"
    escalate = "escalate"
    resolve = "resolve"
    arrive = "arrive"
    callback = "callback"
    explain = "explain"
    analyse = "analyse"
    answer = "answer"
    contact = "contact"  # a complaint involving an outside party: the customer contacted
    # Clocks set by hand, one per record, not by the policy: each action of an internal coordination
    # work order (due when its owner promised), and a corrective action's follow-up date.
    action = "action"
    followup = "followup"


class Counting(StrEnum):
    wall = "wall"  # every minute counts
    working = "working"  # only the calendar's working time counts


class ClockState(StrEnum):
    on_time = "on_time"
    due_soon = "due_soon"
    overdue = "overdue"
    waiting = "paused"  # waiting on the customer; "paused" is how --json has always printed it
    met = "met"
    missed = "missed"  # met, but late
