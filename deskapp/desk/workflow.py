"""The desk's operations on a case, from forwarding to voiding. One transaction each."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import col, select

from deskapp.desk import history
from deskapp.desk.callbacks import schedule_callback
from deskapp.desk.clocks import wait_ended
from deskapp.desk.coordination import open_followup
from deskapp.desk.grounds import validity_ground
from deskapp.desk.operation import Operation, on_case, plain_text, required
from deskapp.domain.enums import ClockName, Kind, NoteKind, Severity, Status, Validity
from deskapp.domain.errors import DeskError, NotAllowed
from deskapp.domain.rules import status_while_working
from deskapp.i18n import N_, _
from deskapp.models import (
    Department,
    Forwarding,
    Note,
    Notification,
    Pause,
    Resolution,
    Staff,
)
from deskapp.reads.lookup import department_named, staff_named
from deskapp.reads.views import CaseView
from deskapp.store.context import Desk
from deskapp.words.labels import label


def forward(desk: Desk, case_id: int, department: str, person: str | None = None, note: str = "",
            by: str | None = None, at: datetime | None = None, expected_version: int | None = None,
            via: str | None = None) -> CaseView:
    """Pass the case to the department (and person) responsible; for a repair, its work order.
    `via="intake"`: the work order the intake form itself sent."""
    with on_case(desk, "forward", case_id, by, at, expected_version) as op:
        note = plain_text(note, N_("note"))
        dept = department_named(op.session, department)
        assignee = staff_named(op.session, person) if person else None
        op.session.add(Forwarding(case_id=op.case.id, department_id=dept.id, person_id=assignee.id if assignee else None,
                                  at=op.at, by_id=op.actor.id, note=note))
        before = _responsible(op)
        changes = op.change(department_id=dept.id, assignee_id=assignee.id if assignee else None,
                            status=Status.forwarded, acknowledged_at=None)
        # The history names the department (by its kept name) and the person, not their row numbers.
        changes.pop("department_id", None)
        changes.pop("assignee_id", None)
        after = (dept.name, assignee.name if assignee else None)
        for name, was, will_be in zip(("department", "assignee"), before, after, strict=True):
            if was != will_be:
                changes[name] = (was, will_be)
        if op.case.forwarded_at is None:
            changes |= op.change(forwarded_at=op.at)
        details = {"department": dept.name} | ({"person": assignee.name} if assignee else {})
        op.log("forward", changes, note, details | ({"via": via} if via else {}))
        return op.view()


def acknowledge(desk: Desk, case_id: int, by: str | None = None, at: datetime | None = None,
                expected_version: int | None = None) -> CaseView:
    """The responsible department confirms it has the case."""
    with on_case(desk, "acknowledge", case_id, by, at, expected_version) as op:
        forwarding = op.session.exec(
            select(Forwarding).where(Forwarding.case_id == case_id).order_by(col(Forwarding.id).desc())
        ).first()
        forwarding.acknowledged_at = op.at
        forwarding.acknowledged_by_id = op.actor.id
        op.session.add(forwarding)
        op.log("acknowledge", op.change(acknowledged_at=op.at, status=Status.in_progress))
        return op.view()


def escalate(desk: Desk, case_id: int, note: str = "", by: str | None = None, at: datetime | None = None,
             expected_version: int | None = None) -> CaseView:
    """Report the case to operations management and the company's leadership."""
    with on_case(desk, "escalate", case_id, by, at, expected_version) as op:
        note = plain_text(note, N_("note"))
        if op.case.escalated_at is not None:
            raise NotAllowed(_("case {number} was already escalated at {time}").format(
                number=case_id, time=_shown(desk, op.case.escalated_at)))
        op.log("escalate", op.change(escalated_at=op.at), note)
        return op.view()


def notify(desk: Desk, case_id: int, manager: str, note: str = "", by: str | None = None,
           at: datetime | None = None) -> CaseView:
    """Record that a manager was called about the case (the major-complaint panel's tick)."""
    with on_case(desk, "notify", case_id, by, at) as op:
        note = plain_text(note, N_("note"))
        called = staff_named(op.session, manager)
        op.session.add(Notification(case_id=case_id, staff_id=called.id, at=op.at, by_id=op.actor.id, note=note))
        op.log("notify", {}, note, {"manager": called.name, "role": called.role, "phone": called.phone})
        return op.view()


def set_severity(desk: Desk, case_id: int, severity: Severity, reason: str, by: str | None = None,
                 at: datetime | None = None, expected_version: int | None = None) -> CaseView:
    """Revise the receptionist's first judgement of a complaint; the reason is kept."""
    with on_case(desk, "severity", case_id, by, at, expected_version) as op:
        if op.case.kind is not Kind.complaint:
            raise DeskError(_("case {number} is a {kind}; only complaints get a severity").format(
                number=case_id, kind=label(op.case.kind)))
        reason = required(reason, N_("reason for the new severity"))
        if op.case.severity is severity:
            raise DeskError(_("case {number} is already {severity}").format(number=case_id, severity=label(severity)))
        op.log("severity", op.change(severity=severity), reason)
        return op.view()


def set_validity(desk: Desk, case_id: int, validity: Validity, reason: str, by: str | None = None,
                 at: datetime | None = None, expected_version: int | None = None, ground: str | None = None) -> CaseView:
    """The responsible department's finding: the service's failure (valid) or not (invalid), on a
    ground from the manuals' list (`ground`) and in the department's own words (`reason`)."""
    with on_case(desk, "validity", case_id, by, at, expected_version) as op:
        if op.case.kind is not Kind.complaint:
            raise DeskError(_("case {number} is a {kind}; only complaints get a validity decision").format(
                number=case_id, kind=label(op.case.kind)))
        if validity is Validity.undecided:
            raise DeskError(_("the decision must be valid or invalid"), "validity")
        reason = required(reason, N_("reason for the decision"))
        changes = op.change(validity=validity, validity_ground=validity_ground(op.session, validity, ground),
                            validity_reason=reason, validity_at=op.at,
                            explained_at=None, analysed_at=None)
        if op.case.status in (Status.received, Status.forwarded):
            changes |= op.change(status=Status.in_progress)
        op.log("validity", changes, reason)
        return op.view()


def add_note(desk: Desk, case_id: int, text: str, kind: NoteKind = NoteKind.progress, by: str | None = None,
             at: datetime | None = None, expected_version: int | None = None,
             followup: datetime | None = None) -> CaseView:
    """A progress note, an explanation given to the customer, a corrective action, a further call.
    `followup`: a corrective action's date by which the correction is in place (the followup clock)."""
    with on_case(desk, "note", case_id, by, at, expected_version) as op:
        text = required(text, N_("text of the note"))
        note = Note(case_id=case_id, kind=kind, text=text, at=op.at, by_id=op.actor.id)
        op.session.add(note)
        followed = {}
        if followup is not None:
            if kind is not NoteKind.corrective:
                raise DeskError(_("only a corrective note has a follow-up date"), "followup")
            followed = {"followup": open_followup(op, note, followup), "due": history.plain(followup)}
        changes = {}
        decided = op.case.validity_at
        if kind is NoteKind.explanation and op.case.explained_at is None and decided and op.at >= decided:
            changes = op.change(explained_at=op.at)
        if kind is NoteKind.corrective and op.case.analysed_at is None and decided and op.at >= decided:
            changes = op.change(analysed_at=op.at)
        named = op.case.outside_party_at
        if kind is NoteKind.contact and op.case.contacted_at is None and named and op.at >= named:
            changes = op.change(contacted_at=op.at)  # meets the contact clock
        op.log("note", changes, text, {"kind": kind} | followed)
        return op.view()


def set_outside_party(desk: Desk, case_id: int, party: str, by: str | None = None, at: datetime | None = None,
                      expected_version: int | None = None) -> CaseView:
    """Another unit or outside party is involved (the water utility, a neighbour): the customer must be
    contacted within the policy's time (the contact clock, from the first time one is named)."""
    with on_case(desk, "outside_party", case_id, by, at, expected_version) as op:
        party = required(party, N_("outside party involved"))
        if op.case.kind is not Kind.complaint:
            raise DeskError(_("case {number} is a {kind}; only a complaint involves an outside party").format(
                number=case_id, kind=label(op.case.kind)), "outside_party")
        changes = op.change(outside_party=party)
        if op.case.outside_party_at is None:
            changes |= op.change(outside_party_at=op.at)
        op.log("outside_party", changes)
        return op.view()


def pause(desk: Desk, case_id: int, reason: str, by: str | None = None, at: datetime | None = None,
          expected_version: int | None = None) -> CaseView:
    """Waiting on the customer: pausable clocks stop until the case is resumed."""
    with on_case(desk, "pause", case_id, by, at, expected_version) as op:
        reason = required(reason, N_("reason for waiting"))
        op.session.add(Pause(case_id=case_id, started_at=op.at, reason=reason, by_id=op.actor.id))
        op.log("pause", op.change(status=Status.waiting, paused_since=op.at), reason)
        return op.view()


def resume(desk: Desk, case_id: int, note: str = "", by: str | None = None, at: datetime | None = None,
           expected_version: int | None = None) -> CaseView:
    with on_case(desk, "resume", case_id, by, at, expected_version) as op:
        note = plain_text(note, N_("note"))
        if op.at < op.case.paused_since:
            raise DeskError(_("the resume time is before the wait began ({time})").format(
                time=_shown(desk, op.case.paused_since)))
        op.log("resume", _end_pause(op) | op.change(status=_working_status(op)), note)
        return op.view()


def record_arrival(desk: Desk, case_id: int, by: str | None = None, at: datetime | None = None,
                   expected_version: int | None = None) -> CaseView:
    """The trade reached the site of a repair."""
    with on_case(desk, "arrive", case_id, by, at, expected_version) as op:
        if op.case.kind is not Kind.repair:
            raise DeskError(_("case {number} is a {kind}, not a repair").format(number=case_id, kind=label(op.case.kind)))
        if op.case.arrived_at is not None:
            raise NotAllowed(_("arrival at case {number} was already recorded at {time}").format(
                number=case_id, time=_shown(desk, op.case.arrived_at)))
        op.log("arrive", op.change(arrived_at=op.at))
        return op.view()


def resolve(desk: Desk, case_id: int, outcome: str, by: str | None = None, at: datetime | None = None,
            expected_version: int | None = None, incident: int | None = None) -> CaseView:
    """Record the outcome. A case that needs a callback waits for it; any other is closed.
    `incident`: the batch incident whose one resolution this is (desk/incidents.py)."""
    with on_case(desk, "resolve", case_id, by, at, expected_version) as op:
        outcome = required(outcome, N_("outcome"))
        changes = _end_pause(op) if op.case.status is Status.waiting else {}
        round_ = op.case.reopen_count + 1
        op.session.add(Resolution(case_id=case_id, round=round_, at=op.at, by_id=op.actor.id, outcome=outcome))
        changes |= op.change(resolved_at=op.at, outcome=outcome, callback_at=None)
        rule = desk.policy.rule(ClockName.callback, op.case.kind, op.case.severity)
        changes |= op.change(status=Status.resolved if rule else Status.closed)
        op.log("resolve", changes, outcome, {"incident": incident} if incident is not None else None)
        if rule:
            schedule_callback(op, rule, round_)
        return op.view()


def void(desk: Desk, case_id: int, reason: str, by: str | None = None, at: datetime | None = None,
         expected_version: int | None = None) -> CaseView:
    """A mistaken case is never deleted: it is voided, with the reason, and keeps its history."""
    with on_case(desk, "void", case_id, by, at, expected_version) as op:
        reason = required(reason, N_("reason for voiding"))
        changes = _end_pause(op) if op.case.status is Status.waiting else {}
        changes |= op.change(status=Status.void, voided_at=op.at, void_reason=reason)
        op.log("void", changes, reason)
        return op.view()


def _end_pause(op: Operation) -> dict:
    open_pause = op.session.exec(
        select(Pause).where(Pause.case_id == op.case.id, col(Pause.ended_at).is_(None))
    ).first()
    moved = {}
    if open_pause is not None:
        open_pause.ended_at = max(op.at, open_pause.started_at)
        op.session.add(open_pause)
        moved = wait_ended(op.session, op.case, op.desk, open_pause)  # the wait moves the pausable clocks
    return op.change(paused_since=None) | moved


def _responsible(op: Operation) -> tuple[str | None, str | None]:
    """The department's kept name and the person the case is with now, before it moves."""
    c = op.case
    dept = op.session.get(Department, c.department_id) if c.department_id else None
    person = op.session.get(Staff, c.assignee_id) if c.assignee_id else None
    return (dept.name if dept else None, person.name if person else None)


def _working_status(op: Operation) -> Status:
    c = op.case
    return status_while_working(
        forwarded=c.forwarded_at is not None,
        acknowledged=c.acknowledged_at is not None,
        investigated=c.validity is not Validity.undecided or c.reopen_count > 0,
    )


def _shown(desk: Desk, when: datetime) -> str:
    return f"{when.astimezone(desk.calendar.tz):%Y-%m-%d %H:%M}"
