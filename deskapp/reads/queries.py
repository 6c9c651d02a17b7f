"""Reading cases: one case with everything about it, and filtered lists."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlmodel import col, func, select

from deskapp.domain.enums import OPEN_STATUSES, ClockState, Kind, Severity, Status
from deskapp.domain.shifts import night_began
from deskapp.models import Call, Callback, Case, HistoryEvent, Staff
from deskapp.reads.calls import on_the_callback_list
from deskapp.reads.lookup import case_by_id
from deskapp.reads.overdue import overdue_query, unstamped_query
from deskapp.reads.queue import waits_for_morning
from deskapp.reads.search import matching
from deskapp.reads.views import CaseView, build_views
from deskapp.store.context import Desk


@dataclass(frozen=True)
class HistoryLine:
    """One event as stored; `deskapp.words.history.event_words` words it for the reader."""

    at: datetime
    recorded_at: datetime
    actor: str
    action: str
    changes: dict
    note: str  # as typed (before schema 0007: the sentence the desk composed)
    details: dict | None = None  # the facts that are not fields; None on events worded when written
    seq: int = 0


@dataclass(frozen=True)
class CaseDetail:
    view: CaseView
    history: tuple[HistoryLine, ...]
    callbacks: tuple[Callback, ...]


def case_detail(desk: Desk, case_id: int) -> CaseDetail:
    now = desk.now()
    with desk.reading() as session:
        case = case_by_id(session, case_id)
        view = build_views(session, [case], desk.policy, desk.calendar, now)[0]
        rows = session.exec(
            select(HistoryEvent, Staff.name)
            .join(Staff, col(Staff.id) == HistoryEvent.actor_id)
            .where(HistoryEvent.case_id == case_id)
            .order_by(col(HistoryEvent.seq))
        ).all()
        callbacks = session.exec(select(Callback).where(Callback.case_id == case_id).order_by(col(Callback.id))).all()
    lines = tuple(_line(e, name) for e, name in rows)
    return CaseDetail(view, lines, tuple(callbacks))


def _line(event: HistoryEvent, actor: str) -> HistoryLine:
    details = json.loads(event.details) if event.details is not None else None
    return HistoryLine(event.at, event.recorded_at, actor, event.action, json.loads(event.changes), event.note,
                       details, event.seq)


def list_cases(
    desk: Desk,
    *,
    open_only: bool = False,
    overdue: bool = False,
    kind: Kind | None = None,
    severity: Severity | None = None,
    day: date | None = None,
    search: str | None = None,
    limit: int | None = 200,
) -> list[CaseView]:
    """Cases newest first; with `overdue`, only open cases with a clock past due, most late first."""
    now = desk.now()
    query = select(Case)
    if open_only or overdue:
        query = query.where(col(Case.status).in_(OPEN_STATUSES))
    if kind is not None:
        query = query.where(Case.kind == kind)
    if severity is not None:
        query = query.where(Case.severity == severity)
    if day is not None:
        start = datetime.combine(day, time(0), desk.calendar.tz)
        query = query.where(Case.received_at >= start, Case.received_at < start + timedelta(days=1))
    if search and search.strip():
        query = matching(query, search, desk.engine.dialect.name)
    if overdue:
        return _overdue(desk, query, now, limit)
    query = query.order_by(col(Case.received_at).desc(), col(Case.id).desc())
    if limit is not None:
        query = query.limit(limit)
    with desk.reading() as session:
        return build_views(session, list(session.exec(query).all()), desk.policy, desk.calendar, now)


def _overdue(desk: Desk, query, now: datetime, limit: int | None) -> list[CaseView]:
    """Open cases with a clock, an action or a follow-up past its due, most late first. The recorded
    due times answer in SQL (reads/overdue.py); only cases recorded without them that the rules could
    start a clock for have their clocks worked out here."""
    stamped = overdue_query(query, now)
    with desk.reading() as session:
        cases = list(session.exec(stamped.limit(limit) if limit is not None else stamped).all())
        seen = {c.id for c in cases}
        cases += [c for c in session.exec(unstamped_query(query, desk.policy)).all() if c.id not in seen]
        views = build_views(session, cases, desk.policy, desk.calendar, now)
    views = [v for v in views if any(c.state is ClockState.overdue for c in v.clocks)]
    views.sort(key=lambda v: v.next_clock.due if v.next_clock else now)
    return views[:limit] if limit is not None else views


@dataclass(frozen=True)
class Summary:
    """The desk at a glance: what is open and how its nearest clocks stand."""

    open: int
    overdue: int
    due_soon: int
    waiting: int
    callbacks_due: int  # resolved cases waiting for their callback, and missed calls to ring back, whenever due
    received_today: int
    overnight: int  # still open, recorded after the desk last closed (what the morning shift picks up)
    next_due: tuple[CaseView, ...]  # open cases by their nearest deadline, most urgent first
    morning: frozenset[int] = frozenset()  # of those, the cases waiting for the desk to open (☾ morning)


def desk_summary(desk: Desk, show: int = 20) -> Summary:
    now = desk.now()
    start_of_day = datetime.combine(now.astimezone(desk.calendar.tz).date(), time(0), desk.calendar.tz)
    with desk.reading() as session:
        cases = list(session.exec(select(Case).where(col(Case.status).in_(OPEN_STATUSES))).all())
        views = build_views(session, cases, desk.policy, desk.calendar, now)
        # Every case received today, closed ones too (as the statistics and the handover count them).
        today = session.exec(select(func.count()).select_from(Case).where(
            Case.received_at >= start_of_day, Case.status != Status.void)).one()
        missed = session.exec(select(func.count()).select_from(Call).where(on_the_callback_list())).one()
    states = [v.next_clock.state if v.next_clock else None for v in views]
    timed = sorted((v for v in views if v.next_clock), key=lambda v: v.next_clock.due)
    return Summary(
        open=len(views),
        overdue=sum(1 for v in views if any(c.state is ClockState.overdue for c in v.clocks)),
        due_soon=states.count(ClockState.due_soon),
        waiting=sum(1 for v in views if v.case.status.value == "waiting"),
        callbacks_due=sum(1 for v in views if v.case.status.value == "resolved") + missed,
        received_today=today,
        overnight=sum(1 for v in views if v.case.after_hours and v.case.received_at >= night_began(desk.calendar, now)),
        next_due=tuple(timed[:show]),
        morning=frozenset(v.case.id for v in timed[:show] if waits_for_morning(v.case, v.next_clock, desk.calendar, now)),
    )
