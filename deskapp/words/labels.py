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
    Confirmation,
    Counting,
    Kind,
    NoteKind,
    Role,
    Satisfaction,
    Severity,
    Status,
    Validity,
)
from deskapp.domain.shifts import Shift
from deskapp.i18n import NP_, pgettext
from deskapp.words.deadline import LOOKS

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
    (Confirmation.signed, NP_("confirmation", "signed on site")),
    (Confirmation.phone, NP_("confirmation", "confirmed by phone")),
    (Confirmation.refused, NP_("confirmation", "would not confirm")),
    (ClockName.forward, NP_("clock", "forward")),
    (ClockName.escalate, NP_("clock", "escalate")),
    (ClockName.resolve, NP_("clock", "resolve")),
    (ClockName.arrive, NP_("clock", "arrive")),
    (ClockName.callback, NP_("clock", "callback")),
    (ClockName.explain, NP_("clock", "explain")),
    (ClockName.analyse, NP_("clock", "analyse")),
    (ClockName.answer, NP_("clock", "answer")),
    (ClockName.contact, NP_("clock", "contact")),
    (ClockName.action, NP_("clock", "action")),
    (ClockName.followup, NP_("clock", "follow-up")),
    (Counting.wall, NP_("counting", "wall-clock")),
    (Counting.working, NP_("counting", "working time")),
]}
# The clock states' words are the deadline table's (words/deadline.py), the one place they are kept.
_NAMES |= {(ClockState, state): shown.marked for state, shown in LOOKS.items() if isinstance(state, ClockState)}

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


# What each history event did, as the case's timeline names it.
_ACTIONS: dict[str, tuple[str, str]] = {
    "intake": NP_("action", "recorded"),
    "forward": NP_("action", "forwarded"),
    "acknowledge": NP_("action", "acknowledged"),
    "escalate": NP_("action", "escalated"),
    "notify": NP_("action", "manager called"),
    "retract_call": NP_("action", "manager call retracted"),
    "severity": NP_("action", "severity changed"),
    "validity": NP_("action", "validity decided"),
    "note": NP_("action", "note"),
    "pause": NP_("action", "waiting on the customer"),
    "resume": NP_("action", "resumed"),
    "arrive": NP_("action", "arrived on site"),
    "resolve": NP_("action", "resolved"),
    "void": NP_("action", "voided"),
    "retime": NP_("action", "re-timed"),
    "outside_party": NP_("action", "outside party named"),
    "callback": NP_("action", "callback"),
    "confirm": NP_("action", "result confirmed"),
    "reopen": NP_("action", "reopened"),
    "amend": NP_("action", "corrected"),
    "convert": NP_("action", "made a complaint"),
    "reassign": NP_("action", "owner changed"),
    "review_flag": NP_("action", "put to the management review"),
    "review": NP_("action", "management review concluded"),
    "action": NP_("action", "action set"),
    "action_done": NP_("action", "action done"),
    "followup": NP_("action", "follow-up checked"),
    "chase": NP_("action", "chased"),
    "incident": NP_("action", "linked to incident"), "incident_unlink": NP_("action", "out of incident"),
}

# The case's fields as a history line names them ("status: received → forwarded").
_FIELDS: dict[str, tuple[str, str]] = {
    "channel": NP_("field", "channel"), "kind": NP_("field", "kind"), "severity": NP_("field", "severity"),
    "category": NP_("field", "category"), "who": NP_("field", "who"), "company": NP_("field", "company"),
    "which": NP_("field", "which"), "building": NP_("field", "building"), "floor": NP_("field", "floor"),
    "unit": NP_("field", "unit"), "what": NP_("field", "what"), "why": NP_("field", "why"),
    "how": NP_("field", "how"), "phone": NP_("field", "phone"),
    "special_requests": NP_("field", "special requests"), "appointment_at": NP_("field", "appointment"),
    "requested_by": NP_("field", "requested by"), "promised_by": NP_("field", "promised by"),
    "received_at": NP_("field", "received"), "after_hours": NP_("field", "after hours"),
    "status": NP_("field", "status"), "validity": NP_("field", "validity"),
    "validity_reason": NP_("field", "validity reason"), "validity_ground": NP_("field", "validity ground"), "validity_at": NP_("field", "validity decided"),
    "department_id": NP_("field", "department"), "assignee_id": NP_("field", "assignee"),
    "responsible": NP_("field", "responsible"), "forwarded_at": NP_("field", "forwarded"),
    "acknowledged_at": NP_("field", "acknowledged"), "escalated_at": NP_("field", "escalated"),
    "arrived_at": NP_("field", "arrived"), "resolved_at": NP_("field", "resolved"),
    "outcome": NP_("field", "outcome"), "reopened_at": NP_("field", "reopened"),
    "reopen_count": NP_("field", "times reopened"), "callback_at": NP_("field", "called back"),
    "explained_at": NP_("field", "explained"), "analysed_at": NP_("field", "analysed"),
    "paused_since": NP_("field", "waiting since"), "flagged": NP_("field", "flagged for the supervisor"),
    "voided_at": NP_("field", "voided"), "void_reason": NP_("field", "void reason"),
    "owner": NP_("field", "owner"), "converted_at": NP_("field", "made a complaint"),
    # A clock's stored due time, moved by an operation (desk/clocks.py names them due_<clock>).
    "due_forward": NP_("field", "forward due"), "due_escalate": NP_("field", "escalate due"),
    "due_resolve": NP_("field", "resolve due"), "due_arrive": NP_("field", "arrival due"),
    "due_callback": NP_("field", "callback due"), "due_explain": NP_("field", "explanation due"),
    "due_analyse": NP_("field", "analysis due"), "due_answer": NP_("field", "answer due"),
    "due_contact": NP_("field", "contact due"),
    "urgent": NP_("field", "urgent"), "outside_party": NP_("field", "outside party"),
    "outside_party_at": NP_("field", "outside party named"), "contacted_at": NP_("field", "customer contacted"),
    "chase_count": NP_("field", "chases"), "paid": NP_("field", "paid work"),
    "price_cents": NP_("field", "quoted price"),
    "apologised": NP_("field", "apologised"), "thanked": NP_("field", "thanked the caller"),
    "incident_id": NP_("field", "incident"),
}

# Fields whose stored values are category identifiers, shown by their labels.
FIELD_ENUMS: dict[str, type[StrEnum]] = {
    "channel": Channel, "kind": Kind, "severity": Severity, "validity": Validity, "status": Status,
}


def action_label(action: str) -> str:
    """A history event's action as the timeline shows it: 'forwarded' / '转派'."""
    marked = _ACTIONS.get(action)
    return pgettext(*marked) if marked else action.replace("_", " ")


def field_label(name: str) -> str:
    """A case field's name: 'special requests' / '特殊要求'."""
    marked = _FIELDS.get(name)
    return pgettext(*marked) if marked else name.replace("_", " ")


def value_label(field: str, value: str) -> str:
    """A stored value of a field, by its label when the field holds a category ('in_progress' → 处理中)."""
    enum = FIELD_ENUMS.get(field)
    if enum is not None:
        try:
            return label(enum(value))
        except ValueError:
            pass
    return value


# The shift as the status line and the handover name it: 'day shift' / '白班' ...
_SHIFTS = {Shift.day: NP_("shift", "day shift"), Shift.night: NP_("shift", "night shift")}
# ... and where room is short (the sign-in's choice, the handover's list): 'day' / '白班'.
_SHIFTS_SHORT = {Shift.day: NP_("shift, short", "day"), Shift.night: NP_("shift, short", "night")}


def shift_label(shift: Shift | str, short: bool = False) -> str:
    return pgettext(*(_SHIFTS_SHORT if short else _SHIFTS)[Shift(shift)])
