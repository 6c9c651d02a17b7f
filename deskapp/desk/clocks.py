"""Recording a case's clocks as they start, and moving them only by operations on the case.

Every operation's history event goes through `stamp` (called by Operation.log and the intake) in
the same transaction: a clock that has just started is stored with its due time and the versions of
the rules it was computed under; a clock the operation moves (a new round, a new severity or urgency,
the customer's or the desk's time, a supervisor's re-timing) is planned again and its before → after
goes into that event. Editing data/policy.toml or calendar.toml moves nothing already stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import insert
from sqlmodel import Session, col, select

from deskapp.domain.clocks import CaseFacts, StoredClock, _met
from deskapp.domain.clocks_stored import plan_clocks, rules_versions, waited_on
from deskapp.domain.enums import OPEN_STATUSES, ClockName, Status
from deskapp.models import Case, CaseClock, Pause
from deskapp.reads.clock_rows import as_stored, rows_of
from deskapp.reads.views import facts_of
from deskapp.store.context import Desk

# Operations that change what a clock is measured against, and the clocks they move (None: all): those
# still running are planned afresh under today's rules; met ones keep the due they were met or missed by.
REPLANS: dict[str, frozenset[ClockName] | None] = {
    "severity": None,
    "retime": None,
    "urgent": frozenset({ClockName.forward, ClockName.arrive}),
    "requested": frozenset({ClockName.resolve}),
    "promised": frozenset({ClockName.answer}),
    "appointment": frozenset({ClockName.arrive}),
}


def _moves(action: str, name: ClockName) -> bool:
    """`action` may name several operations joined by '+': a correction of several fields at once."""
    for one in action.split("+"):
        if one in REPLANS and (REPLANS[one] is None or name in REPLANS[one]):
            return True
    return False


# A correction moves the clocks of what it corrects, as the operation that sets each field would.
_CORRECTED = {"urgent": "urgent", "requested_by": "requested", "promised_by": "promised",
              "appointment_at": "appointment"}


def corrected_as(changes: dict) -> str | None:
    """The operations whose effect on the clocks a correction of these fields has ('requested+urgent')."""
    moved = sorted(_CORRECTED[field] for field in changes if field in _CORRECTED)
    return "+".join(moved) or None


def due_field(name: ClockName | str) -> str:
    """The history's name for a clock's due time: 'due_resolve'."""
    return f"due_{ClockName(name).value}"


@dataclass(frozen=True)
class Stamped:
    moved: dict[str, tuple[datetime | None, datetime | None]]  # due_<clock>: (before, after)
    started: dict[str, datetime]  # clock name -> its due, for the clocks this event started


def stamp(session: Session, case: Case, desk: Desk, now: datetime, action: str) -> Stamped:
    """Store the clocks that have started, plan again those this action moves; what changed."""
    if case.status is Status.void:
        return Stamped({}, {})
    new_case = action == "intake"  # nothing recorded yet: no rows and no waits to read
    session.flush()
    rows = {} if new_case else rows_of(session, case.id)
    facts = facts_of(case, []) if new_case else _facts(session, case)
    planned = plan_clocks(facts, desk.policy, desk.calendar, now)
    versions = rules_versions(desk.policy, desk.calendar)
    moved: dict = {}
    started: dict = {}
    fresh = []
    for name, plan in planned.items():
        row = rows.get(name)
        if row is None:
            fresh.append(_values(case.id, plan, versions, _met_at(name, facts, plan.start)))
            started[name.value] = plan.due
        elif row.started_at != plan.start or (_moves(action, name) and _met_at(name, facts, row.started_at) is None):
            if (row.started_at, row.due_at) != (plan.start, plan.due):
                moved[due_field(name)] = (row.due_at, plan.due)
            _fill(row, plan, versions)
    for name, row in rows.items():
        if name not in planned and _ended(name, action, case, desk):
            moved[due_field(name)] = (row.due_at, None)
            session.delete(row)
        else:
            row.met_at = _met_at(name, facts, row.started_at)  # mirrored for the SQL that finds the late
            session.add(row)
    if fresh:
        # A plain INSERT: building ORM objects for a few rows costs more than the rest of the stamp.
        session.execute(insert(CaseClock), fresh)
    return Stamped(moved, started)


def wait_ended(session: Session, case: Case, desk: Desk, pause: Pause) -> dict:
    """A wait on the customer is over: each pausable clock that ran through it is due that much later."""
    facts = _facts(session, case)
    moved = {}
    for name, row in rows_of(session, case.id).items():
        before = as_stored(row)
        after = waited_on(before, facts, pause.started_at, pause.ended_at, desk.calendar)
        if after != before:
            moved[due_field(name)] = (before.due, after.due)
            row.due_at, row.waited_us = after.due, _us(after.waited)
            session.add(row)
    return moved


def retime_plan(session: Session, desk: Desk, now: datetime) -> list[tuple[int, ClockName, datetime, datetime]]:
    """The open clocks today's rules would move: (case, clock, stored due, due under today's rules)."""
    cases = list(session.exec(select(Case).where(col(Case.status).in_(OPEN_STATUSES)).order_by(col(Case.id))))
    changes = []
    for case in cases:
        facts = _facts(session, case)
        planned = plan_clocks(facts, desk.policy, desk.calendar, now)
        for name, row in rows_of(session, case.id).items():
            plan = planned.get(name)
            if row.met_at is None and plan is not None and plan.due != row.due_at:
                changes.append((case.id, name, row.due_at, plan.due))
    return changes


def _facts(session: Session, case: Case) -> CaseFacts:
    pauses = list(session.exec(select(Pause).where(Pause.case_id == case.id)))
    return facts_of(case, pauses)


def _ended(name: ClockName, action: str, case: Case, desk: Desk) -> bool:
    """A stored clock no longer started: gone when this action changes the clocks' basis, or when
    today's rules still have that clock but its start has been undone (a reopening undoes the
    resolution its callback ran from). A clock whose rule was taken out of the policy stays."""
    if _moves(action, name):
        return True
    return desk.policy.rule(name, case.kind, case.severity) is not None


def _met_at(name: ClockName, facts: CaseFacts, start: datetime) -> datetime | None:
    """When the case's facts met this round of the clock (the clocks' own meaning of "met")."""
    met = _met(name, facts)
    return met if met is not None and met >= start else None


def _values(case_id: int, plan: StoredClock, versions: tuple[str, str], met_at: datetime | None) -> dict:
    return {"case_id": case_id, "name": plan.name, "started_at": plan.start, "due_at": plan.due,
            "counting": plan.counting, "allowance_us": _us(plan.allowance), "waited_us": _us(plan.waited),
            "basis": plan.basis.value, "pausable": plan.pausable, "met_at": met_at,
            "policy_version": versions[0], "calendar_version": versions[1]}


def _fill(row: CaseClock, plan: StoredClock, versions: tuple[str, str]) -> None:
    row.started_at, row.due_at, row.counting = plan.start, plan.due, plan.counting
    row.allowance_us, row.waited_us = _us(plan.allowance), _us(plan.waited)
    row.basis, row.pausable = plan.basis.value, plan.pausable
    row.policy_version, row.calendar_version = versions


def _us(span) -> int:
    return span // timedelta(microseconds=1) if span else 0
