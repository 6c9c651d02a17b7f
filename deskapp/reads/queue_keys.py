"""The queue's order, filters and counts from the stored due times, without working out every clock.

One row per open case, ordered in SQL on its next stored due: the running (unmet) clock that falls
due first, found through the index of running clocks (ix_case_clocks_running). A row carries what
the case's state at any instant needs (that due, the clock's counting and span, when it started)
and what the filters need (kind, severity, after hours, department, owner), never the case's words.

A case waiting on the customer is the exception: its pausable clocks' dues move on with the wait, so
its next clock is worked out here from its stored running clocks (a few per case, and few cases).
The screen works out whole lines, with their words, only for the rows it draws (`queue_rows`).
Nothing here writes.
"""

from __future__ import annotations

import heapq
from bisect import insort
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import NamedTuple

import sqlalchemy as sa
from sqlmodel import Session

from deskapp.domain.calendar import WorkCalendar
from deskapp.domain.clocks import CaseFacts, StoredClock, compute_clocks, next_clock
from deskapp.domain.enums import OPEN_STATUSES, ClockState, Counting, Kind, Severity
from deskapp.domain.policy import Policy
from deskapp.models import Case, CaseClock
from deskapp.reads.clock_rows import as_stored
from deskapp.reads.queue import Marker, marker_of
from deskapp.reads.views import Names
from deskapp.store.context import Desk

_CASES = Case.__table__
_CLOCKS = CaseClock.__table__
_US = timedelta(microseconds=1)
_BATCH = 1000  # rows read between two progress reports


class QueueKey(NamedTuple):
    """An open case as the queue orders, filters and counts it."""

    case_id: int
    received_at: datetime
    kind: Kind
    severity: Severity | None
    after_hours: bool
    department_id: int | None
    received_by_id: int
    due: datetime | None  # the next running clock's due; None: no clock running (shown last)
    counting: Counting | None
    span_us: int  # its allowance and the waits already in its due: what the due-soon share is of
    started_at: datetime | None
    waiting: bool  # its next clock is stopped by a wait on the customer

    @property
    def order(self) -> tuple:
        """Nearest deadline first, cases with no running clock last by when they came in: `queue.order_key`."""
        if self.due is None:
            return (1, self.received_at, self.case_id)
        return (0, self.due, self.case_id)


def _next_clock_id():
    """The id of a case's running clock that falls due first (ties: the one stored first, as
    `next_clock` takes the first of equal dues in stored order)."""
    return (sa.select(_CLOCKS.c.id)
            .where(_CLOCKS.c.case_id == _CASES.c.id, _CLOCKS.c.met_at.is_(None))
            .order_by(_CLOCKS.c.due_at, _CLOCKS.c.id).limit(1)
            .correlate(_CASES).scalar_subquery())


def _keys_query(ids: list[int] | None):
    nxt = _CLOCKS.alias("nxt")
    c = _CASES.c
    query = (
        sa.select(c.id, c.received_at, c.kind, c.severity, c.after_hours, c.department_id, c.received_by_id,
                  nxt.c.due_at, nxt.c.counting, nxt.c.allowance_us, nxt.c.waited_us, nxt.c.started_at,
                  c.paused_since)
        .select_from(_CASES.outerjoin(nxt, nxt.c.id == _next_clock_id()))
        .where(c.status.in_(OPEN_STATUSES))
    )
    if ids is not None:
        return query.where(c.id.in_(ids))
    # The order the queue shows: nearest due first, then the cases with no running clock.
    return query.order_by(nxt.c.due_at.is_(None), sa.func.coalesce(nxt.c.due_at, c.received_at), c.id)


Progress = Callable[[int, int | None], bool]  # (read, of how many): False to give up


def load_open_keys(desk: Desk, now: datetime, progress: Progress | None = None,
                   ids: list[int] | None = None) -> tuple[list[QueueKey], Marker, Names] | None:
    """Every open case's key (or these cases', those still open) in the queue's order, the marker to
    probe from and the names the filters compare; None if `progress` gave up."""
    with desk.reading() as session:
        marker, names = marker_of(session), Names.load(session)
        keys = load_keys(session, desk.policy, desk.calendar, now, ids, progress)
    return None if keys is None else (keys, marker, names)


def load_keys(session: Session, policy: Policy, calendar: WorkCalendar, now: datetime,
              ids: list[int] | None = None, progress: Progress | None = None) -> list[QueueKey] | None:
    total = None
    if progress is not None:
        total = session.connection().execute(
            sa.select(sa.func.count()).select_from(_CASES).where(_CASES.c.status.in_(OPEN_STATUSES))).scalar_one()
        if not progress(0, total):
            return None
    plain, waiting, done = [], [], 0
    for start in range(0, len(ids), 900) if ids is not None else (0,):
        chunk = ids[start:start + 900] if ids is not None else None
        for rows in session.connection().execute(_keys_query(chunk)).partitions(_BATCH):
            for row in rows:
                if row.paused_since is None:
                    plain.append(key_of(row))
                else:
                    waiting.append(row)
            done += len(rows)
            if progress is not None and not progress(done, total):
                return None
    if ids is not None:
        plain.sort(key=_order)
    paused = sorted(_waiting_keys(session, waiting, policy, calendar, now), key=_order)
    return list(heapq.merge(plain, paused, key=_order))


def key_of(row) -> QueueKey:
    """A case not waiting on the customer: its next clock is its stored one."""
    return QueueKey(row.id, row.received_at, Kind(row.kind), Severity(row.severity) if row.severity else None,
                    bool(row.after_hours), row.department_id, row.received_by_id, row.due_at,
                    Counting(row.counting) if row.counting else None, (row.allowance_us or 0) + (row.waited_us or 0),
                    row.started_at, False)


def _order(key: QueueKey) -> tuple:
    return key.order


def _waiting_keys(session: Session, rows: list, policy: Policy, calendar: WorkCalendar, now: datetime):
    """Cases waiting on the customer: the next clock from their running clocks, each pausable one's due
    moved on by the wait so far (the domain's own reckoning, `compute_clocks` on the stored clocks)."""
    if not rows:
        return
    running: dict[int, list[StoredClock]] = {}
    for start in range(0, len(rows), 900):
        chunk = [r.id for r in rows[start:start + 900]]
        query = (sa.select(_CLOCKS).where(_CLOCKS.c.case_id.in_(chunk), _CLOCKS.c.met_at.is_(None))
                 .order_by(_CLOCKS.c.case_id, _CLOCKS.c.id))
        for clock in session.connection().execute(query):
            running.setdefault(clock.case_id, []).append(as_stored(clock))
    for row in rows:
        kind = Kind(row.kind)
        severity = Severity(row.severity) if row.severity else None
        # Only running clocks are given, with no fact that meets one: each is judged as it stands.
        facts = CaseFacts(kind, severity, row.received_at, pauses=((row.paused_since, None),),
                          stored=tuple(running.get(row.id, ())))
        clock = next_clock(compute_clocks(facts, policy, calendar, now))
        yield QueueKey(row.id, row.received_at, kind, severity, bool(row.after_hours), row.department_id,
                       row.received_by_id, clock.due if clock else None, clock.counting if clock else None,
                       (clock.allowance + clock.waited) // _US if clock else 0, clock.start if clock else None,
                       clock is not None and clock.state is ClockState.waiting)



def insert_keys(keys: list[QueueKey], fresh: list[QueueKey], ids: list[int]) -> list[QueueKey]:
    """The keys with those of the cases `ids` replaced by `fresh` (a case closed since has none), in order."""
    gone = set(ids)
    kept = [key for key in keys if key.case_id not in gone]
    for key in fresh:
        insort(kept, key, key=_order)
    return kept
