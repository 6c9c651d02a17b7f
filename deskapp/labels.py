"""The names of the desk's categories as people read them, in the desk's language.

The stored values stay English identifiers (`on_site`, `in_progress`); these are the words shown
for them. The Chinese follows the manuals' own terms (重大投诉, 有效投诉, 报修, 回访 ...). Each
value carries its enum's name as gettext context: "phone" the channel (电话) is not "phone" the
callback method (电话回访).
"""

from __future__ import annotations

from enum import StrEnum

from deskapp.domain.enums import (
    AttemptResult,
    CallbackMethod,
    Channel,
    ClockName,
    ClockState,
    Counting,
    Kind,
    NoteKind,
    Role,
    Satisfaction,
    Severity,
    Status,
    Validity,
)
from deskapp.i18n import NP_, pgettext

# Keyed by (enum, value): members of different enums with the same value ("phone") are equal.
_NAMES: dict[tuple[type, str], tuple[str, str]] = {(type(v), v): marked for v, marked in [
    (Channel.phone, NP_("channel", "phone")),
    (Channel.visit, NP_("channel", "visit")),
    (Channel.email, NP_("channel", "email")),
    (Channel.letter, NP_("channel", "letter")),
    (Channel.staff, NP_("channel", "staff report")),
    (Channel.other, NP_("channel", "other")),
    (Kind.inquiry, NP_("kind", "inquiry")),
    (Kind.repair, NP_("kind", "repair")),
    (Kind.complaint, NP_("kind", "complaint")),
    (Kind.assistance, NP_("kind", "assistance")),
    (Kind.suggestion, NP_("kind", "suggestion/praise")),
    (Severity.major, NP_("severity", "major")),
    (Severity.general, NP_("severity", "general")),
    (Severity.minor, NP_("severity", "minor")),
    (Validity.undecided, NP_("validity", "undecided")),
    (Validity.valid, NP_("validity", "valid")),
    (Validity.invalid, NP_("validity", "invalid")),
    (Status.received, NP_("status", "received")),
    (Status.forwarded, NP_("status", "forwarded")),
    (Status.in_progress, NP_("status", "in progress")),
    (Status.waiting, NP_("status", "waiting")),
    (Status.resolved, NP_("status", "resolved")),
    (Status.closed, NP_("status", "closed")),
    (Status.void, NP_("status", "void")),
    (Role.receptionist, NP_("role", "receptionist")),
    (Role.night_duty, NP_("role", "night duty")),
    (Role.supervisor, NP_("role", "supervisor")),
    (Role.department_manager, NP_("role", "department manager")),
    (Role.project_manager, NP_("role", "project manager")),
    (Role.staff, NP_("role", "staff")),
    (NoteKind.progress, NP_("note", "progress")),
    (NoteKind.explanation, NP_("note", "explanation")),
    (NoteKind.corrective, NP_("note", "corrective action")),
    (NoteKind.contact, NP_("note", "customer contacted")),
    (NoteKind.call, NP_("note", "further call")),
    (CallbackMethod.phone, NP_("callback method", "phone")),
    (CallbackMethod.on_site, NP_("callback method", "on-site visit")),
    (AttemptResult.reached, NP_("attempt", "reached")),
    (AttemptResult.no_answer, NP_("attempt", "no answer")),
    (AttemptResult.busy, NP_("attempt", "busy")),
    (AttemptResult.wrong_number, NP_("attempt", "wrong number")),
    (AttemptResult.call_later, NP_("attempt", "call later")),
    (Satisfaction.satisfied, NP_("satisfaction", "satisfied")),
    (Satisfaction.partly, NP_("satisfaction", "partly satisfied")),
    (Satisfaction.unsatisfied, NP_("satisfaction", "not satisfied")),
    (ClockName.forward, NP_("clock", "forward")),
    (ClockName.escalate, NP_("clock", "escalate")),
    (ClockName.resolve, NP_("clock", "resolve")),
    (ClockName.arrive, NP_("clock", "arrive")),
    (ClockName.callback, NP_("clock", "callback")),
    (ClockName.explain, NP_("clock", "explain")),
    (ClockName.analyse, NP_("clock", "analyse")),
    (ClockName.answer, NP_("clock", "answer")),
    (Counting.wall, NP_("counting", "wall-clock")),
    (Counting.working, NP_("counting", "working time")),
    (ClockState.on_time, NP_("clock state", "on time")),
    (ClockState.due_soon, NP_("clock state", "due soon")),
    (ClockState.overdue, NP_("clock state", "OVERDUE")),
    (ClockState.paused, NP_("clock state", "paused")),
    (ClockState.met, NP_("clock state", "met")),
    (ClockState.missed, NP_("clock state", "met late")),
]}

# The manuals name a complaint by its grade and its finding: 重大投诉, 有效投诉.
_COMPLAINT_NAMES: dict[StrEnum, tuple[str, str]] = {
    Severity.major: NP_("severity", "major complaint"),
    Severity.general: NP_("severity", "general complaint"),
    Severity.minor: NP_("severity", "minor complaint"),
    Validity.valid: NP_("validity", "valid complaint"),
    Validity.invalid: NP_("validity", "invalid complaint"),
    Validity.undecided: NP_("validity", "validity undecided"),
}


def label(value: StrEnum | None) -> str:
    """The short name of a category value: 'major' / '重大'; '' for None."""
    if value is None:
        return ""
    marked = _NAMES.get((type(value), value))
    return pgettext(*marked) if marked else str(value).replace("_", " ")


def complaint_label(value: Severity | Validity) -> str:
    """The manuals' full name: 'major complaint' / '重大投诉', 'valid complaint' / '有效投诉'."""
    return pgettext(*_COMPLAINT_NAMES[value])


def labelled(enum: type[StrEnum]) -> list[tuple[str, StrEnum]]:
    """(label, value) for every value of an enum, for choices and filters."""
    return [(label(v), v) for v in enum]
