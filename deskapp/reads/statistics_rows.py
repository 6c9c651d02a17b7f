"""The case rows the figures are made from, read fast: a month is 30,000 of them.

A row is a plain tuple: first the facts the clocks need, in CaseFacts' own order (so a row's head is
the facts, positionally), then what the counts need; the constants below say where each one is.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import fields
from datetime import UTC, datetime

from sqlmodel import Session, col, select

from deskapp.domain.calendar import WorkCalendar
from deskapp.domain.clocks import CaseFacts
from deskapp.domain.enums import (
    OPEN_STATUSES,
    Counting,
    Kind,
    Severity,
    Status,
    Validity,
)
from deskapp.domain.policy import Policy
from deskapp.models import Callback, Case, CaseClock, Pause

_FACT_NAMES = tuple(f.name for f in fields(CaseFacts) if f.name not in ("pauses", "voided", "stored"))
_MORE_NAMES = ("id", "status", "category", "channel", "department_id", "validity_ground")
_COLUMNS = tuple(getattr(Case, name) for name in _FACT_NAMES + _MORE_NAMES)
FACTS = len(_FACT_NAMES)
ID, STATUS, CATEGORY, CHANNEL, DEPARTMENT, GROUND = range(FACTS, FACTS + len(_MORE_NAMES))
KIND, SEVERITY, RECEIVED, VALIDITY = (_FACT_NAMES.index(n) for n in ("kind", "severity", "received_at", "validity"))


def read_rows(session: Session, policy: Policy, calendar: WorkCalendar, start: datetime, end: datetime
              ) -> tuple[list[tuple], dict[int, tuple]]:
    """The cases received in [start, end) and the earlier ones whose clocks can fall due in it, each
    once, with their waits on the customer.

    Three indexed look-ups (received_at, status, callbacks.due_at) instead of one OR that would
    make the database scan every case.
    """
    since = earliest_start(policy, calendar, start)
    in_window = (Case.received_at >= since, Case.received_at < end)
    called = select(Callback.case_id).where(Callback.due_at >= start, Callback.due_at < end)
    # A clock's recorded due decides, not today's limits: an older case whose stored due falls in the
    # window is read too (the policy may have been shortened since it was recorded).
    stored_due = select(CaseClock.case_id).where(CaseClock.due_at >= start, CaseClock.due_at < end)
    earlier = (
        (col(Case.status).in_(OPEN_STATUSES), Case.received_at < since),
        (col(Case.id).in_(called), Case.received_at < since),
        (col(Case.id).in_(stored_due), Case.received_at < since),
    )
    rows = {raw[ID]: raw for raw in _driver_rows(session, select(*_COLUMNS).where(*in_window))}
    waits = [select(Case.id).where(*in_window)]
    others: set[int] = set()  # the earlier ones: a few, so their waits are asked for by id
    for where in earlier:
        for raw in _driver_rows(session, select(*_COLUMNS).where(*where)):
            rows[raw[ID]] = raw
            others.add(raw[ID])
    listed = sorted(others)
    waits += [listed[i : i + 900] for i in range(0, len(listed), 900)]  # within SQLite's parameter limit
    by_case = defaultdict(list)
    for ids in waits:
        query = select(Pause.case_id, Pause.started_at, Pause.ended_at).where(col(Pause.case_id).in_(ids))
        for case_id, started, ended in _driver_rows(session, query):
            by_case[case_id].append((_utc(started), _utc(ended)))
    pauses = {case_id: tuple(sorted(found, key=lambda w: w[0])) for case_id, found in by_case.items()}
    return _case_rows(list(rows.values())), pauses


def rows_by_id(session: Session, ids: list[int]) -> tuple[list[tuple], dict[int, tuple]]:
    """These cases' rows and their waits on the customer, as read_rows gives them: a few at a time
    within SQLite's parameter limit."""
    raw, by_case = [], defaultdict(list)
    for i in range(0, len(ids), 900):
        chunk = ids[i : i + 900]
        raw += _driver_rows(session, select(*_COLUMNS).where(col(Case.id).in_(chunk)))
        query = select(Pause.case_id, Pause.started_at, Pause.ended_at).where(col(Pause.case_id).in_(chunk))
        for case_id, started, ended in _driver_rows(session, query):
            by_case[case_id].append((_utc(started), _utc(ended)))
    pauses = {case_id: tuple(sorted(found, key=lambda w: w[0])) for case_id, found in by_case.items()}
    return _case_rows(raw), pauses


def _driver_rows(session: Session, query) -> list[tuple]:
    """The rows as the database driver hands them over. A month is 30,000 rows of 20 columns, and
    SQLAlchemy's per-value processing of them takes longer than working out every clock: _case_rows
    does that processing itself, a column at a time."""
    result = session.connection().execute(query)
    try:
        return result.cursor.fetchall()
    finally:
        result.close()


_ENUMS = {name: {m.value: m for m in enum} for name, enum in
          (("kind", Kind), ("severity", Severity), ("validity", Validity), ("status", Status))}


def _utc(value) -> datetime | None:
    """A time as models.types.UTCDateTime returns it (aware, in UTC) from what the driver gave: text
    on SQLite, a naive datetime on PostgreSQL."""
    if value is None:
        return None
    if type(value) is str:
        return _from_text(value)
    return value.replace(tzinfo=UTC)


def _from_text(value: str) -> datetime:
    # One parse with the offset written in: three times faster than parsing and then replace().
    return datetime.fromisoformat(value + "+00:00")


def _case_rows(raw: list[tuple]) -> list[tuple]:
    """Driver rows made into what the clocks take: enums, and times as UTCDateTime returns them. Column
    by column, each in one comprehension or map, which is several times faster than row by row."""
    if not raw:
        return []
    columns = list(zip(*raw))
    for i, name in enumerate(_FACT_NAMES + _MORE_NAMES):
        if name in _ENUMS:
            columns[i] = list(map(_ENUMS[name].get, columns[i]))
        elif name.endswith(("_at", "_by")):
            columns[i] = _times(columns[i])
    return list(zip(*columns))


def _times(column: tuple) -> list:
    sample = next((v for v in column if v is not None), None)
    if type(sample) is str:  # SQLite: the common case, kept to one parse a value
        parse = datetime.fromisoformat
        return [v and parse(v + "+00:00") for v in column]
    return [_utc(v) for v in column]


def earliest_start(policy: Policy, calendar: WorkCalendar, start: datetime) -> datetime:
    """How far back a case can have come in and still have a clock fall due after `start`: the
    policy's longest limit, counted back in wall-clock or working time as each rule counts."""
    earliest = start
    for rule in policy.rules:
        if rule.span is None:
            continue
        if rule.counting is Counting.wall:
            back = start - rule.span
        else:
            back = calendar.add_working(start, -rule.span)
        earliest = min(earliest, back)
    return earliest
