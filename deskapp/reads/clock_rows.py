"""The recorded clocks of cases, read as the domain's StoredClock: a few queries whatever their number."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from sqlmodel import Session, col, select

from deskapp.domain.clocks import Basis, StoredClock
from deskapp.domain.enums import Counting
from deskapp.models import CaseAction, CaseClock

_CLOCKS = CaseClock.__table__
_SET = CaseAction.__table__


def as_stored(row) -> StoredClock:
    """A case_clocks row (ORM object or plain row) as the domain reads it."""
    return StoredClock(row.name, row.started_at, row.due_at, row.counting, timedelta(microseconds=row.allowance_us),
                       timedelta(microseconds=row.waited_us), Basis(row.basis), row.pausable)


def set_by_hand(row) -> StoredClock:
    """A case_actions row (an action, a follow-up) as the clock it runs: wall-clock time to the due
    its owner set, met when it was done."""
    return StoredClock(row.clock, row.started_at, row.due_at, Counting.wall, row.due_at - row.started_at,
                       timedelta(0), Basis.set, False, row.done_at)


def stored_of(session: Session, case_ids: list[int]) -> dict[int, tuple[StoredClock, ...]]:
    """Each case's recorded clocks in the order they started, those set by hand (actions, follow-ups)
    last; a case with none recorded is left out (its clocks are worked out from the rules)."""
    found: dict[int, list] = defaultdict(list)
    for start in range(0, len(case_ids), 900):  # keep under SQLite's bound-parameter limit
        chunk = case_ids[start : start + 900]
        query = select(_CLOCKS).where(_CLOCKS.c.case_id.in_(chunk)).order_by(_CLOCKS.c.case_id, _CLOCKS.c.id)
        for row in session.connection().execute(query):
            found[row.case_id].append(as_stored(row))
        by_hand = select(_SET).where(_SET.c.case_id.in_(chunk)).order_by(_SET.c.case_id, _SET.c.id)
        for row in session.connection().execute(by_hand):
            found[row.case_id].append(set_by_hand(row))
    return {case_id: tuple(rows) for case_id, rows in found.items()}


def rows_of(session: Session, case_id: int) -> dict:
    """One case's clock rows by clock name, for a writer to change (under the case's lock)."""
    return {row.name: row for row in session.exec(select(CaseClock).where(CaseClock.case_id == case_id)
                                                 .order_by(col(CaseClock.id)))}
