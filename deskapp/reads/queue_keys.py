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
from datetime import UTC, datetime, timedelta
from typing import NamedTuple

import sqlalchemy as sa
from sqlmodel import Session

from deskapp.domain.calendar import WorkCalendar
from deskapp.domain.enums import OPEN_STATUSES, Counting, Kind, Severity
from deskapp.models import Case, CaseClock
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
    received_at: datetime | None  # read only for a case with no clock running: what it is ordered by
    kind: Kind
    severity: Severity | None
    after_hours: bool
    department_id: int | None
    received_by_id: int
    due: datetime | None  # the next running clock's due; None: no clock running (shown last)
    counting: Counting | None
    span_us: int  # its allowance and the waits already in its due: what the due-soon share is of
    started_at: datetime | None  # read only where the ☾ morning state needs it (after hours, working time)
    waiting: bool  # its next clock is stopped by a wait on the customer

    @property
    def order(self) -> tuple:
        """Nearest deadline first, cases with no running clock last by when they came in: `queue.order_key`."""
        if self.due is None:
            return (1, self.received_at, self.case_id)
        return (0, self.due, self.case_id)


def _raw(column):
    """A column as the driver gives it, without its type's processing (ten thousand rows a load): a
    time as SQLite's text or PostgreSQL's naive UTC datetime (read by `_when`), an enum as its value."""
    return sa.type_coerce(column, sa.String).label(column.name)


def _when(value) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, str):
        return datetime.fromisoformat(value + "+00:00")  # stored naive UTC, always to the microsecond
    return value.replace(tzinfo=UTC)


_KINDS = {k.value: k for k in Kind}
_SEVERITIES = {s.value: s for s in Severity} | {None: None}
_COUNTINGS = {c.value: c for c in Counting} | {None: None}


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
        sa.select(c.id, _raw(c.received_at), _raw(c.kind), _raw(c.severity), c.after_hours, c.department_id,
                  c.received_by_id, _raw(nxt.c.due_at), _raw(nxt.c.counting), nxt.c.allowance_us, nxt.c.waited_us,
                  _raw(nxt.c.started_at), _raw(c.paused_since))
        .select_from(_CASES.outerjoin(nxt, nxt.c.id == _next_clock_id()))
        .where(c.status.in_(OPEN_STATUSES))
    )
    if ids is not None:
        return query.where(c.id.in_(ids))
    # The order the queue shows: nearest due first, then the cases with no running clock.
    return query.order_by(nxt.c.due_at.is_(None), sa.func.coalesce(nxt.c.due_at, c.received_at), c.id)


def _waiting_clocks_query(ids: list[int] | None):
    """The running clocks of the open cases waiting on the customer, in the order they were stored.

    "Not met" is written so that no index can take it: SQLite (no statistics) would otherwise walk
    every running clock through ix_case_clocks_open_due and look up each one's case (20 ms at 10,000
    open), rather than the waiting cases' few clocks each by the case's own index (6 ms)."""
    k, c = _CLOCKS.c, _CASES.c
    query = (sa.select(k.case_id, _raw(k.due_at), _raw(k.counting), k.pausable, _raw(k.started_at), k.allowance_us,
                       k.waited_us)
             .join(_CASES, c.id == k.case_id)
             .where(c.status.in_(OPEN_STATUSES), c.paused_since.is_not(None),
                    sa.func.coalesce(k.met_at, None).is_(None))
             .order_by(k.case_id, k.id))
    return query.where(c.id.in_(ids)) if ids is not None else query


Progress = Callable[[int, int | None], bool]  # (read, of how many): False to give up


def load_open_keys(desk: Desk, now: datetime, progress: Progress | None = None,
                   ids: list[int] | None = None) -> tuple[list[QueueKey], Marker, Names] | None:
    """Every open case's key (or these cases', those still open) in the queue's order, the marker to
    probe from and the names the filters compare; None if `progress` gave up."""
    with desk.reading() as session:
        marker, names = marker_of(session), Names.load(session)
        keys = load_keys(session, desk.calendar, now, ids, progress)
    return None if keys is None else (keys, marker, names)


def load_keys(session: Session, calendar: WorkCalendar, now: datetime, ids: list[int] | None = None,
              progress: Progress | None = None) -> list[QueueKey] | None:
    total = None
    if progress is not None:
        total = session.connection().execute(
            sa.select(sa.func.count()).select_from(_CASES).where(_CASES.c.status.in_(OPEN_STATUSES))).scalar_one()
        if not progress(0, total):
            return None
    plain, waiting, done = [], [], 0
    chunks = [ids[i:i + 900] for i in range(0, len(ids), 900)] if ids is not None else [None]
    for chunk in chunks:
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
    if not waiting:
        return plain
    running: dict[int, list] = {}
    for chunk in chunks:
        for clock in session.connection().execute(_waiting_clocks_query(chunk)):
            running.setdefault(clock.case_id, []).append(clock)
    paused = sorted((_waiting_key(row, running.get(row.id, ()), calendar, now) for row in waiting), key=_order)
    return list(heapq.merge(plain, paused, key=_order))


def _order(key: QueueKey) -> tuple:
    return key.order


def key_of(row) -> QueueKey:
    """A case not waiting on the customer: its next clock is its stored one."""
    case_id, received, kind, severity, after_hours, department, owner, due, counting, allowance, waited, started, _ = row
    due, counting = _when(due), _COUNTINGS[counting]
    morning = after_hours and counting is Counting.working  # only these can await the morning
    return QueueKey(case_id, _when(received) if due is None else None, _KINDS[kind], _SEVERITIES[severity],
                    bool(after_hours), department, owner, due, counting, (allowance or 0) + (waited or 0),
                    _when(started) if morning else None, False)


def _waiting_key(row, clocks, calendar: WorkCalendar, now: datetime) -> QueueKey:
    """A case waiting on the customer: each running pausable clock's due moved on by the wait so far,
    in its own counting, as `domain.clocks` judges a stored clock (`_kept`); the next clock is the
    one then due first (the first stored of equal dues). Pausable, it is waiting; if not, it runs."""
    now = now.astimezone(UTC)
    began = _when(row.paused_since)
    best = None
    for clock in clocks:
        due, start = _when(clock.due_at), _when(clock.started_at)
        counting = _COUNTINGS[clock.counting]
        waited = clock.waited_us
        if clock.pausable:
            lo = max(began, start)
            if now > lo:
                extra = now - lo if counting is Counting.wall else calendar.working_between(lo, now)
                due = due + extra if counting is Counting.wall else calendar.add_working(due, extra).astimezone(UTC)
                waited += extra // _US
        if best is None or due < best[0]:
            best = (due, counting, clock.allowance_us + waited, start, bool(clock.pausable))
    received = _when(row.received_at)
    if best is None:
        return QueueKey(row.id, received, _KINDS[row.kind], _SEVERITIES[row.severity], bool(row.after_hours),
                        row.department_id, row.received_by_id, None, None, 0, None, False)
    due, counting, span_us, start, pausable = best
    return QueueKey(row.id, received, _KINDS[row.kind], _SEVERITIES[row.severity], bool(row.after_hours),
                    row.department_id, row.received_by_id, due, counting, span_us, start, pausable)


def insert_keys(keys: list[QueueKey], fresh: list[QueueKey], ids: list[int]) -> list[QueueKey]:
    """The keys with those of the cases `ids` replaced by `fresh` (a case closed since has none), in order."""
    gone = set(ids)
    kept = [key for key in keys if key.case_id not in gone]
    for key in fresh:
        insort(kept, key, key=_order)
    return kept
