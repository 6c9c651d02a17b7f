"""A year's figures, month by month: the month report's figures for each month, counted by the database.

A year is some 200,000 cases; working out each one's clocks in Python, as the month's figures do,
would take a minute. The recorded due times (case_clocks, with when each clock was met) let the
database judge a clock by itself: met by its due, met late, still overdue, or not yet due. So each
figure is one GROUP BY over the year's rows, sorted into months by the database (bucket).

Two kinds of case the database cannot judge alone are read as the month's figures read them and
their clocks worked out in Python: a case waiting on the customer now (its pausable clocks' due
moves on while it waits), and a case with no recorded clock that the policy could give one to
(bulk data, a database from before schema 0009). They are few at a working desk.

Each month's column is the month report's own figures (tests/test_year_report.py holds them side
by side), except for the month report's known gap (reads.statistics): reading the whole year, the
year finds the older cases of that gap that a month's report leaves out.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import and_, case, func, or_
from sqlmodel import col, select

from deskapp.config.categories import category_list
from deskapp.config.phone import load_phone_policy
from deskapp.domain.enums import OPEN_STATUSES, ClockName, ClockState, Kind, Satisfaction, Severity, Status, Validity
from deskapp.domain.policy import ClockRule, Policy, Requested, StartEvent
from deskapp.models import Case, CaseClock
from deskapp.reads.call_figures import PhoneFigures, phone_figures
from deskapp.reads.callback_figures import CallbackFigures
from deskapp.reads.clock_rows import stored_of
from deskapp.reads.statistics import (
    DIMENSIONS,
    JUDGED,
    NO_DEPARTMENT,
    NOT_SET,
    UNCATEGORISED,
    Period,
    clocks_due,
    kept_department_names,
    month,
    year,
)
from deskapp.reads.statistics_rows import ID, KIND, SEVERITY, VALIDITY, earliest_start, rows_by_id
from deskapp.reads.survey_figures import SurveyFigures, survey_report
from deskapp.reads.target_figures import (
    SEVERITIES,
    ClockFigures,
    Rate,
    bucket,
    callbacks_by_kind,
    of_kinds,
    target_rates,
)
from deskapp.store.context import Desk

_CLOCKS = CaseClock.__table__.c


@dataclass
class MonthFigures:
    """One month's figures (or the year's total), named as the month report names them."""

    label: str  # "2026-01"; the total: "2026"
    cases: int = 0
    voided: int = 0
    counts: dict[str, Counter] = field(default_factory=lambda: {d: Counter() for d in DIMENSIONS})
    clocks: dict[ClockName, ClockFigures] = field(default_factory=lambda: {n: ClockFigures() for n in JUDGED})
    valid: dict[Severity, ClockFigures] = field(default_factory=lambda: {s: ClockFigures() for s in SEVERITIES})
    callbacks: CallbackFigures = field(default_factory=CallbackFigures)
    callbacks_of: dict[Kind, CallbackFigures] = field(default_factory=dict)
    rates: list[Rate] = field(default_factory=list)
    phone: PhoneFigures = field(default_factory=PhoneFigures)  # the call log's month (the total: the year's)

    def add(self, other: MonthFigures) -> None:
        self.cases += other.cases
        self.voided += other.voided
        for d in DIMENSIONS:
            self.counts[d].update(other.counts[d])
        for name, f in other.clocks.items():
            self.clocks[name].add(f)
        for severity, f in other.valid.items():
            self.valid[severity].add(f)
        self.callbacks.merge(other.callbacks)
        for kind, called in other.callbacks_of.items():
            self.callbacks_of.setdefault(kind, CallbackFigures()).merge(called)


@dataclass
class YearFigures:
    period: Period
    now: datetime
    months: list[MonthFigures]
    total: MonthFigures
    partly_counts_as: Satisfaction  # how the satisfaction rates counted a partly satisfied customer
    survey: SurveyFigures | None = None  # the satisfaction survey rounds closed in the year

    @property
    def year(self) -> int:
        return int(self.period.label)


def year_figures(desk: Desk, number: int) -> YearFigures:
    tz = desk.calendar.tz
    period = year(number, tz)
    months = [MonthFigures(f"{number:04d}-{m:02d}") for m in range(1, 13)]
    # Each month's first instant and the next year's: month n holds edges[n] <= t < edges[n + 1].
    edges = [month(number, m, tz).start.astimezone(UTC) for m in range(1, 13)] + [period.end.astimezone(UTC)]
    now = desk.now()
    with desk.reading() as session:
        departments = kept_department_names(session)
        _count_received(session, edges, months, departments)
        _judge_in_sql(session, edges, now, months)
        _judge_the_rest(session, desk, period, edges, now, months)
        found = callbacks_by_kind(session, edges, now)
        survey = survey_report(session, period.start, period.end)
    for n, figures in enumerate(months):
        figures.callbacks_of = of_kinds(found, n)
        for (m, _kind), f in found.items():
            if m == n:
                figures.callbacks.merge(f)
    total = MonthFigures(period.label)
    phone_policy = load_phone_policy()
    for n, figures in enumerate(months):
        figures.rates = _rates(figures, desk.policy)
        figures.phone = phone_figures(desk, edges[n], edges[n + 1], phone_policy)
        total.add(figures)
    total.rates = _rates(total, desk.policy)
    # Medians and shares do not add up month by month: the year's telephone is read as one period.
    total.phone = phone_figures(desk, edges[0], edges[-1], phone_policy)
    return YearFigures(period, now, months, total, desk.policy.targets.partly_counts_as, survey)


def _rates(f: MonthFigures, policy: Policy) -> list[Rate]:
    return target_rates(f.clocks, f.valid, f.callbacks, f.callbacks_of, policy.targets)


def _count_received(session, edges: list[datetime], months: list[MonthFigures], departments: dict[int, str]) -> None:
    """The cases received in each month by every dimension, as reads.statistics counts a month's:
    voided ones apart, severity, validity and ground for complaints only, categories by the list's
    kept name. One GROUP BY: a few thousand rows of counts come back, never the cases."""
    period = bucket(col(Case.received_at), edges).label("period")
    void = (col(Case.status) == Status.void).label("void")
    received = (Case.received_at >= edges[0], Case.received_at < edges[-1])

    def grouped(*columns):
        query = select(period, void, *columns, func.count()).where(*received).group_by(period, void, *columns)
        return session.exec(query)

    columns = (Case.kind, Case.severity, Case.validity, Case.validity_ground, Case.channel, Case.department_id,
               Case.category)
    keys: dict[str, str] = {}  # each category typed put to the list's name once: the look-up is a search
    categories = category_list()
    # One pass over the year's cases: each dimension a scan of its own would read them all again.
    for n, voided, kind, severity, validity, ground, channel, department_id, category, count in grouped(*columns):
        f = months[int(n)]
        if voided:
            f.voided += count
            continue
        f.cases += count
        counts = f.counts
        counts["kind"][Kind(kind).value] += count
        counts["channel"][getattr(channel, "value", channel)] += count
        counts["department"][departments.get(department_id) or NO_DEPARTMENT] += count
        if category not in keys:
            keys[category] = categories.key(category) or UNCATEGORISED
        counts["category"][keys[category]] += count
        if Kind(kind) is Kind.complaint:
            counts["severity"][Severity(severity).value if severity else NOT_SET] += count
            counts["validity"][Validity(validity).value] += count
            if ground:
                counts["ground"][ground] += count


def _in_python(session, desk: Desk, start: datetime, end: datetime) -> list[int]:
    """The cases whose clocks the database cannot judge alone (see the module's note): those waiting on
    the customer now, and those with no clock recorded that the policy can have given one to, received
    late enough for a clock to fall due in [start, end). Each an indexed look-up."""
    could_run = or_(*(_could_start(rule) for rule in desk.policy.rules))
    unstamped = (~select(_CLOCKS.case_id).where(_CLOCKS.case_id == Case.id).exists(),
                 # In a CASE, so that SQLite keeps to the index instead of one search per rule.
                 case((could_run, 1), else_=0) == 1)
    received = select(Case.id).where(Case.received_at >= earliest_start(desk.policy, desk.calendar, start),
                                     Case.received_at < end, *unstamped)
    still_open = select(Case.id).where(col(Case.status).in_(OPEN_STATUSES), Case.received_at < end, *unstamped)
    waiting = select(Case.id).where(Case.status == Status.waiting)
    return sorted({case_id for query in (received, still_open, waiting) for case_id in session.exec(query)})


def _judge_in_sql(session, edges: list[datetime], now: datetime, months: list[MonthFigures]) -> None:
    """Every recorded clock due in the year, of a case neither voided nor waiting on the customer now,
    judged by the database: the state it is in, by month and clock, and the valid complaints' by severity.

    Three queries rather than one join of every clock to its case: all the year's clocks counted on
    their own (the floor's GROUP BY), less those of the few voided and waiting cases; then the
    valid complaints' clocks, found from the cases' (kind, received_at) index."""
    period = bucket(_CLOCKS.due_at, edges).label("period")
    state = case(
        (_CLOCKS.met_at.is_(None), case((_CLOCKS.due_at < now, ClockState.overdue.value),
                                        else_=ClockState.on_time.value)),
        (_CLOCKS.met_at <= _CLOCKS.due_at, ClockState.met.value),
        else_=ClockState.missed.value).label("state")
    in_year = (_CLOCKS.due_at >= edges[0], _CLOCKS.due_at < edges[-1])
    left_out = select(Case.id).where(col(Case.status).in_(_NOT_IN_SQL))
    for where, sign in ((in_year, 1), ((*in_year, _CLOCKS.case_id.in_(left_out)), -1)):
        query = select(period, _CLOCKS.name, state, func.count()).where(*where).group_by(period, _CLOCKS.name, state)
        for n, name, judged, count in session.connection().execute(query):
            _tally(months[int(n)], ClockName(name), ClockState(judged), None, sign * count)
    valid = (select(period, state, Case.severity, func.count())
             .select_from(Case).join(CaseClock.__table__, _CLOCKS.case_id == Case.id)
             .where(Case.kind == Kind.complaint, Case.validity == Validity.valid,
                    col(Case.status).not_in(_NOT_IN_SQL), *in_year)
             .group_by(period, state, Case.severity))
    for n, judged, severity, count in session.connection().execute(valid):
        if severity is not None:
            months[int(n)].valid[Severity(severity)].add(ClockFigures.of({ClockState(judged): count}))


# The cases whose clocks _judge_in_sql leaves out: no clocks (void), or a due moving on (waiting).
_NOT_IN_SQL = (Status.void, Status.waiting)


def _judge_the_rest(session, desk: Desk, period: Period, edges: list[datetime], now: datetime,
                    months: list[MonthFigures]) -> None:
    """The few cases _in_python names, their clocks worked out as the month's figures do."""
    policy = desk.policy
    rows, pauses = rows_by_id(session, _in_python(session, desk, period.start, period.end))
    stored = stored_of(session, [row[ID] for row in rows])
    utc_now = now.astimezone(UTC)
    for row, clock in clocks_due(rows, pauses, stored, policy, desk.calendar, utc_now, edges[0], edges[-1]):
        valid = row[SEVERITY] if row[KIND] is Kind.complaint and row[VALIDITY] is Validity.valid else None
        _tally(months[bisect_right(edges, clock.due) - 1], clock.name, clock.state, valid, 1)


_STARTED_BY = {StartEvent.forwarded: Case.forwarded_at, StartEvent.resolved: Case.resolved_at,
               StartEvent.validity: Case.validity_at, StartEvent.outside_party: Case.outside_party_at}


def _could_start(rule: ClockRule):
    """A case this rule can have started a clock for: of its kinds, with the fact its clock starts
    from, and the promise, the customer's time or the urgency it runs on. Only a case with no
    clock recorded and one of these is worth working out (an inquiry with no promise has none)."""
    conditions = [col(Case.kind).in_(rule.kinds)]
    if rule.starts in _STARTED_BY:
        conditions.append(col(_STARTED_BY[rule.starts]).is_not(None))
    if rule.promised:
        conditions.append(col(Case.promised_by).is_not(None))
    elif rule.requested is Requested.only:
        conditions.append(col(Case.requested_by).is_not(None))
    elif rule.span is None and rule.urgent_span is not None:
        conditions.append(col(Case.urgent).is_(True))
    return and_(*conditions)


def _tally(f: MonthFigures, name: ClockName, state: ClockState, valid: Severity | None, count: int) -> None:
    """Add `count` clocks in this state; running ones (on time, due soon, waiting) are not yet due."""
    judged = ClockFigures.of({state: count})
    if name in f.clocks:
        f.clocks[name].add(judged)
    if valid is not None and valid in f.valid:
        f.valid[valid].add(judged)
