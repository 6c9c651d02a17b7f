"""The internal coordination work order, follow-ups of corrective actions, and chasing.

For a serious case the desk writes an internal coordination work order (内部协调工作单, QP7.3
4.2.3 e): one or more actions, each with what is to be done, who is responsible and by when; each
runs its own clock (`action`) until it is recorded done. A corrective action may carry the date by
which the correction is in place (SOP 3.7.3): the desk checks it then (`followup`) and records what
it found. A case is chased (催办) when the caller calls again about it or a supervisor presses the
department it is with: each chase is an event, and the case counts them.

One transaction each, through `on_case`, with its history event; the clocks are the records' own
(reads/clock_rows.py reads them beside the policy's).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import col, func, select

from deskapp.desk.history import plain
from deskapp.desk.operation import Operation, on_case, plain_text, required
from deskapp.domain.enums import ClockName
from deskapp.domain.errors import DeskError, NotAllowed
from deskapp.i18n import N_, _
from deskapp.models import CaseAction, Department, Note
from deskapp.reads.views import CaseView
from deskapp.store.context import Desk


def add_action(desk: Desk, case_id: int, owner: str, what: str, due: datetime | None, by: str | None = None,
               at: datetime | None = None, expected_version: int | None = None) -> CaseView:
    """One action of the case's internal coordination work order: what, who is responsible, by when."""
    with on_case(desk, "action", case_id, by, at, expected_version) as op:
        what = required(what, N_("what is to be done"))
        owner = required(owner, N_("owner responsible for the action"))
        _check_due(op, due, "due")
        number = _next_number(op, ClockName.action)
        op.session.add(CaseAction(case_id=case_id, clock=ClockName.action, number=number, what=what, owner=owner,
                                  started_at=op.at, due_at=due, added_by_id=op.actor.id))
        op.log("action", {}, what, {"action": number, "owner": owner, "due": plain(due)})
        return op.view()


def complete_action(desk: Desk, case_id: int, number: int, note: str = "", by: str | None = None,
                    at: datetime | None = None, expected_version: int | None = None) -> CaseView:
    """The action is done: its clock is met (on time or late, as the due says)."""
    with on_case(desk, "action_done", case_id, by, at, expected_version) as op:
        note = plain_text(note, N_("note"))
        action = _numbered(op, ClockName.action, number)
        if action is None:
            raise DeskError(_("case {case} has no action {number}").format(case=case_id, number=number), "action")
        if action.done_at is not None:
            raise NotAllowed(_("action {number} of case {case} was already recorded done at {time}").format(
                number=number, case=case_id, time=_shown(desk, action.done_at)))
        if op.at < action.started_at:
            raise DeskError(_("the time done is before the action was given ({time})").format(
                time=_shown(desk, action.started_at)), "at")
        _done(op, action, note)
        op.log("action_done", {}, note, {"action": number, "late": op.at > action.due_at})
        return op.view()


def open_followup(op: Operation, note: Note, due: datetime | None) -> int:
    """A corrective note's follow-up date: the desk checks the correction then (the `followup` clock).
    Called by add_note inside its operation, before its event is logged; the follow-up's number."""
    _check_due(op, due, "followup")
    number = _next_number(op, ClockName.followup)
    op.session.add(CaseAction(case_id=op.case.id, clock=ClockName.followup, number=number, what=note.text,
                              started_at=op.at, due_at=due, added_by_id=op.actor.id))
    return number


def check_followup(desk: Desk, case_id: int, result: str, by: str | None = None, at: datetime | None = None,
                   expected_version: int | None = None) -> CaseView:
    """The desk checked the correction: what it found meets the earliest follow-up still open."""
    with on_case(desk, "followup", case_id, by, at, expected_version) as op:
        result = required(result, N_("result of the follow-up check"))
        followup = op.session.exec(
            select(CaseAction).where(CaseAction.case_id == case_id, CaseAction.clock == ClockName.followup,
                                     col(CaseAction.done_at).is_(None)).order_by(col(CaseAction.due_at))).first()
        if followup is None:
            raise NotAllowed(_("case {number} has no follow-up to check: give a corrective note a follow-up date "
                               "first").format(number=case_id))
        if op.at < followup.started_at:
            raise DeskError(_("the check is before the follow-up was set ({time})").format(
                time=_shown(desk, followup.started_at)), "at")
        _done(op, followup, result)
        op.log("followup", {}, result, {"followup": followup.number, "late": op.at > followup.due_at})
        return op.view()


def chase(desk: Desk, case_id: int, note: str = "", by: str | None = None, at: datetime | None = None,
          expected_version: int | None = None) -> CaseView:
    """The caller called again about the case, or a supervisor pressed for it: the department it is
    with is chased, and the case counts one more chase."""
    with on_case(desk, "chase", case_id, by, at, expected_version) as op:
        note = plain_text(note, N_("note"))
        dept = op.session.get(Department, op.case.department_id) if op.case.department_id else None
        changes = op.change(chase_count=op.case.chase_count + 1)
        op.log("chase", changes, note, {"department": dept.name if dept else None, "chase": op.case.chase_count})
        return op.view()


def deadline_from(desk: Desk, text: str, field: str = "due") -> datetime | None:
    """A deadline as typed at the desk: a time ('tomorrow 17:00', '2026-12-03 17:00'), or a bare day
    (2026-12-10), meaning by the desk's closing that day; None when nothing was typed."""
    from deskapp.domain.timeparse import TimeError, parse_time

    if not text.strip():
        return None
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        try:
            return parse_time(text, desk.calendar.tz, desk.now())
        except TimeError as e:
            raise DeskError(str(e), field) from None
    return datetime.combine(day, desk.calendar.spec.closes, tzinfo=desk.calendar.tz)


def _check_due(op: Operation, due: datetime | None, field: str) -> None:
    if due is None:
        raise DeskError(_("a deadline is needed: by when it is to be done"), field)
    if due <= op.at:
        raise DeskError(_("the deadline {due} is not after {time}, when it is set").format(
            due=_shown(op.desk, due), time=_shown(op.desk, op.at)), field)


def _next_number(op: Operation, clock: ClockName) -> int:
    top = op.session.exec(select(func.max(CaseAction.number)).where(CaseAction.case_id == op.case.id,
                                                                    CaseAction.clock == clock)).one()
    return (top or 0) + 1


def _numbered(op: Operation, clock: ClockName, number: int) -> CaseAction | None:
    return op.session.exec(select(CaseAction).where(CaseAction.case_id == op.case.id, CaseAction.clock == clock,
                                                    CaseAction.number == number)).first()


def _done(op: Operation, record: CaseAction, result: str) -> None:
    record.done_at, record.result, record.done_by_id = op.at, result, op.actor.id
    op.session.add(record)


def _shown(desk: Desk, when: datetime) -> str:
    return f"{when.astimezone(desk.calendar.tz):%Y-%m-%d %H:%M}"
