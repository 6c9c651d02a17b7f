"""Correcting a case without voiding it: a field typed wrong, a kind that turned out to be a
complaint, an owner who left. Each keeps the case's number and history and writes before → after.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Any

from sqlmodel import func, select

from deskapp.config.places import place_key
from deskapp.desk.clocks import corrected_as
from deskapp.desk.operation import Operation, on_case, required
from deskapp.domain.enums import Kind, Role, Severity, Status
from deskapp.domain.errors import BadInput, DeskError, NotAllowed
from deskapp.domain.intake import Intake, normalise_phone, split_which
from deskapp.domain.rules import status_while_working
from deskapp.i18n import N_, _
from deskapp.models import Case, HistoryEvent, Staff
from deskapp.reads.lookup import staff_named
from deskapp.reads.views import CaseView
from deskapp.store.context import Desk
from deskapp.words.intake_problems import check_intake
from deskapp.words.labels import label

# The intake's fields a correction may change, in the intake form's order. The kind and the
# severity have their own steps (convert, severity), with their own rules.
AMENDABLE = (
    "channel", "category", "who", "company", "which", "building", "floor", "unit", "what", "why", "how", "phone",
    "special_requests", "appointment_at", "requested_by", "promised_by", "received_at",
)
_TIMES = {"appointment_at", "requested_by", "promised_by", "received_at"}
# A repair's work order (paid or free, the price quoted): corrected from the command line (`amend --paid
# --price`), given as they are stored and checked as the intake checks them.
_AS_GIVEN = {"paid", "price_cents"}
# Urgency is corrected too (`amend --urgent`, `--not-urgent`), and moves the forward and arrival
# clocks as urgency does (wall-clock minutes at any hour, or the usual limits again).
URGENCY = "urgent"
_CONVERTIBLE = (Kind.inquiry, Kind.repair, Kind.assistance)


def amend(desk: Desk, case_id: int, fields: dict[str, Any], reason: str, by: str | None = None,
          expected_version: int | None = None) -> CaseView:
    """Correct intake fields; after forwarding only the owner or a supervisor may."""
    unknown = sorted(set(fields) - set(AMENDABLE) - _AS_GIVEN - {URGENCY})
    if unknown:
        raise DeskError(_("{fields} cannot be corrected this way").format(fields=", ".join(unknown)))
    with on_case(desk, "amend", case_id, by, None, expected_version) as op:
        reason = required(reason, N_("reason for the correction"))
        _owner_or_supervisor(op)
        if URGENCY in fields:
            _check_urgency(op)
        wanted = _cleaned(op, fields)
        _check_as_intake(op, wanted)
        if "received_at" in wanted:
            _check_received(op, wanted["received_at"])
            wanted["after_hours"] = not desk.calendar.is_working_time(wanted["received_at"])
        changes = op.change(**wanted)
        if not changes:
            raise DeskError(_("case {number} already says that; nothing was changed").format(number=case_id))
        c = op.case
        c.place_key = place_key(c.building, c.floor, c.unit)  # derived, as intake derives it; not an event's own
        op.log("amend", changes, reason, clocks_as=corrected_as(changes))
        return op.view()


def _check_urgency(op: Operation) -> None:
    """A closed case's clocks are over: its urgency would move nothing and say something untrue."""
    if not op.case.status.is_open:
        raise DeskError(_("case {number} is {status}: its urgency cannot change").format(
            number=op.case.id, status=label(op.case.status)), URGENCY)


def _owner_or_supervisor(op: Operation) -> None:
    case, actor = op.case, op.actor
    if case.forwarded_at is None or actor.id == case.received_by_id or actor.role is Role.supervisor:
        return
    owner = op.session.get(Staff, case.received_by_id)
    raise NotAllowed(_("case {number} is forwarded: only its owner ({owner}) or a supervisor can correct it; "
                       "{name} is {role}").format(number=case.id, owner=owner.name if owner else "?",
                                                  name=actor.name, role=label(actor.role)))


def _cleaned(op: Operation, fields: dict[str, Any]) -> dict[str, Any]:
    """The values as intake stores them: text trimmed, the phone as digits, the place split from Which."""
    wanted: dict[str, Any] = {}
    for name, value in fields.items():
        if name in _AS_GIVEN:
            wanted[name] = value
        elif name == URGENCY:
            wanted[name] = bool(value)
        elif name in _TIMES:
            if name == "received_at" and value is None:
                raise DeskError(_("the time received cannot be removed"), name)
            wanted[name] = value
        else:
            wanted[name] = normalise_phone(value) if name == "phone" else (value or "").strip()
    if "which" in wanted and not {"building", "floor", "unit"} & set(fields):
        wanted["building"], wanted["floor"], wanted["unit"] = split_which(wanted["which"])
    return wanted


def _check_as_intake(op: Operation, wanted: dict[str, Any]) -> None:
    """The corrected case must still be one the intake form would accept."""
    c = op.case
    current = {f.name: getattr(c, f.name) for f in dataclasses.fields(Intake) if f.name in Case.model_fields}
    problems = check_intake(Intake(**(current | wanted)))
    if problems:
        raise BadInput(problems)


def _check_received(op: Operation, received: datetime) -> None:
    """The call cannot move after a step taken on the case, nor into the future."""
    if received > op.now:
        raise DeskError(_("the time received is in the future"), "received_at")
    first = op.session.exec(select(func.min(HistoryEvent.at))
                            .where(HistoryEvent.case_id == op.case.id, HistoryEvent.action != "intake")).one()
    if first is not None and received > first:
        shown = f"{first.astimezone(op.desk.calendar.tz):%Y-%m-%d %H:%M}"
        raise DeskError(_("the time received cannot be after the case's first step ({time})").format(time=shown),
                        "received_at")


def convert(desk: Desk, case_id: int, severity: Severity, reason: str, by: str | None = None,
            expected_version: int | None = None) -> CaseView:
    """An inquiry, repair or assistance the customer is still unhappy with becomes a complaint
    (形成投诉工单): same number, same history; the complaint's clocks start now."""
    with on_case(desk, "convert", case_id, by, None, expected_version) as op:
        reason = required(reason, N_("reason for making it a complaint"))
        if op.case.kind not in _CONVERTIBLE:
            raise DeskError(_("case {number} is a {kind}; only an inquiry, a repair or an assistance can be made a "
                              "complaint").format(number=case_id, kind=label(op.case.kind)))
        _check_as_intake(op, {"kind": Kind.complaint, "severity": severity})
        changes = op.change(kind=Kind.complaint, severity=severity, converted_at=op.at)
        changes |= _clocks_from_now(op)
        op.log("convert", changes, reason)
        return op.view()


def _clocks_from_now(op: Operation) -> dict:
    """What was done before the conversion does not meet the complaint's clocks, with two
    exceptions: a case already with its department is forwarded as a complaint at the conversion,
    and one already escalated is escalated at it. A settled case is open again."""
    c = op.case
    after: dict[str, Any] = {}
    if c.forwarded_at is not None:
        after["forwarded_at"] = op.at
    if c.escalated_at is not None:
        after["escalated_at"] = op.at
    if c.status in (Status.resolved, Status.closed):
        after |= {"resolved_at": None, "callback_at": None, "outcome": "",
                  "status": status_while_working(forwarded=c.forwarded_at is not None,
                                                 acknowledged=c.acknowledged_at is not None, investigated=False)}
    return op.change(**after)


def reassign(desk: Desk, case_id: int, owner: str, reason: str, by: str | None = None,
             expected_version: int | None = None) -> CaseView:
    """The first-responder owner moves to someone else (the owner left); both names stay in the history."""
    with on_case(desk, "reassign", case_id, by, None, expected_version) as op:
        reason = required(reason, N_("reason for the new owner"))
        new = staff_named(op.session, owner)
        old = op.session.get(Staff, op.case.received_by_id)
        if new.id == op.case.received_by_id:
            raise DeskError(_("{name} already owns case {number}").format(name=new.name, number=case_id), "owner")
        op.case.received_by_id = new.id
        op.session.add(op.case)
        op.log("reassign", {"owner": (old.name if old else None, new.name)}, reason)
        return op.view()

