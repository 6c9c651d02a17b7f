"""The figures of a day, week or month: what came in, which clocks were met, and who waited too long.

A clock counts in the period its due time falls in, whatever day the case came in: a complaint
received on 31 October whose resolve clock falls due on 2 November is November's. So besides the
period's own cases the report reads the few earlier ones whose clocks can fall due in it: those
received within the policy's longest limit before the period, those still open, and those whose
callback fell due in it. Never the whole history.

Known gap: a case received before that window and closed by now is not read when only one of these
clocks fell due in the period: an arrive clock from a late work order, a resolve clock from a
customer-requested time, an explain or analyse clock from a late validity decision, or an answer
clock from a promise made far ahead. Reading them would mean scanning every case, as none of those
times is indexed. The clocks are recomputed from the case's current facts, so a reopened case shows
only its latest resolve and callback clocks; the callback table (callback_figures) still counts
every round's callback.
"""

from __future__ import annotations

import gc
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import NamedTuple

from sqlmodel import col, select

from deskapp.config.categories import category_list
from deskapp.config.phone import load_phone_policy
from deskapp.domain.calendar import WorkCalendar
from deskapp.domain.clocks import SET_BY_HAND, CaseFacts, Clock, compute_clocks
from deskapp.domain.enums import ClockName, ClockState, Counting, Kind, Satisfaction, Severity, Status, Validity
from deskapp.domain.policy import Policy
from deskapp.models import Case
from deskapp.reads.action_figures import CoordinationFigures, coordination_figures
from deskapp.reads.call_figures import PhoneFigures, phone_figures
from deskapp.reads.callback_figures import CallbackFigures, CallbackReport, callback_report
from deskapp.reads.clock_rows import stored_of
from deskapp.reads.courtesy_figures import CourtesyFigures, courtesy_figures
from deskapp.reads.departments import departments_in
from deskapp.reads.incidents import IncidentFigures, incident_figures
from deskapp.reads.statistics_rows import (
    CATEGORY,
    CHANNEL,
    DEPARTMENT,
    FACTS,
    GROUND,
    ID,
    KIND,
    RECEIVED,
    SEVERITY,
    STATUS,
    VALIDITY,
    read_rows,
)
from deskapp.reads.survey_figures import SurveyFigures, survey_report
from deskapp.reads.target_figures import (
    SEVERITIES,
    ClockFigures,
    Rate,
    callbacks_by_kind,
    of_kinds,
    target_rates,
)
from deskapp.reads.views import Names
from deskapp.store.context import Desk

# Every clock the policy defines is judged against the on-time target: the manuals' forward, escalate,
# resolve, callback and arrive, and the explanation, analysis, promised answer and (an outside party
# involved) the contact a customer is owed.
JUDGED = (ClockName.forward, ClockName.escalate, ClockName.resolve, ClockName.callback, ClockName.arrive,
          ClockName.explain, ClockName.analyse, ClockName.answer, ClockName.contact)
DIMENSIONS = ("kind", "severity", "category", "department", "validity", "ground", "channel")
# What the counts are keyed by when a case has no value: stored identifiers, like the enums' values,
# which the reports put into the desk's language (deskapp.output.reports) and the JSON keeps as they are.
NO_DEPARTMENT = "no department"
UNCATEGORISED = "uncategorised"
NOT_SET = "not set"


@dataclass(frozen=True)
class Period:
    name: str  # "day", "week", "month" or "year"
    label: str  # "2026-11", "week of 2026-11-23", "2026-11-23", "2026"
    start: datetime  # local midnight, in the desk's zone
    end: datetime  # exclusive


def day(d: date, tz: tzinfo) -> Period:
    return Period("day", d.isoformat(), _midnight(d, tz), _midnight(d + timedelta(days=1), tz))


def week(d: date, tz: tzinfo) -> Period:
    """Monday to Sunday, the week holding d."""
    monday = d - timedelta(days=d.weekday())
    return Period("week", f"week of {monday.isoformat()}", _midnight(monday, tz), _midnight(monday + timedelta(days=7), tz))


def month(year: int, number: int, tz: tzinfo) -> Period:
    first = date(year, number, 1)
    following = date(year + (number == 12), number % 12 + 1, 1)
    return Period("month", f"{year:04d}-{number:02d}", _midnight(first, tz), _midnight(following, tz))


def year(number: int, tz: tzinfo) -> Period:
    return Period("year", f"{number:04d}", _midnight(date(number, 1, 1), tz), _midnight(date(number + 1, 1, 1), tz))


def _midnight(d: date, tz: tzinfo) -> datetime:
    return datetime(d.year, d.month, d.day, tzinfo=tz)


def week_starts(start: datetime, end: datetime, tz: tzinfo) -> list[datetime]:
    """Where each week of [start, end) begins: `start` itself, then every Monday midnight after it, so
    a month's first and last weeks are cut at its edges and each clock counts in one week only."""
    local = start.astimezone(tz).date()
    monday = local - timedelta(days=local.weekday())
    starts = [start]
    while True:
        monday += timedelta(weeks=1)
        following = _midnight(monday, tz)
        if following >= end:
            return starts
        starts.append(following)


class Late(NamedTuple):
    """One clock that was late. A named tuple: a month can have thousands."""

    case_id: int
    kind: Kind
    severity: str
    department: str
    clock: ClockName
    due: datetime
    met_at: datetime | None  # None: still not met at the time of the report
    late_by: timedelta  # past the due time, to meeting it or to now, in the clock's own counting
    counting: Counting = Counting.wall  # how late_by counts: every minute, or working time only


@dataclass
class Statistics:
    period: Period
    now: datetime
    cases: int = 0  # received in the period, voided ones left out
    voided: int = 0
    counts: dict[str, Counter] = field(default_factory=lambda: {d: Counter() for d in DIMENSIONS})
    clocks: dict[ClockName, ClockFigures] = field(default_factory=lambda: {n: ClockFigures() for n in JUDGED})
    callbacks: CallbackReport = field(default_factory=CallbackReport)
    rates: list[Rate] = field(default_factory=list)
    late: list[Late] = field(default_factory=list)
    # Every judged clock again, by the week its due time falls in (week_starts): the weekly chart.
    by_week: list[tuple[datetime, ClockFigures]] = field(default_factory=list)
    received: list[datetime] = field(default_factory=list)  # when each counted case came in: the daily chart
    # The categories counted that the category list (data/categories.toml) does not hold: for the supervisor.
    unlisted: set[str] = field(default_factory=set)
    phone: PhoneFigures = field(default_factory=PhoneFigures)  # the telephone's figures (the call log)
    survey: SurveyFigures = field(default_factory=SurveyFigures)  # the survey rounds closed in the period
    # Every clock of the valid complaints, by severity: the manuals' "complaints handled on time".
    valid: dict[Severity, ClockFigures] = field(default_factory=lambda: {s: ClockFigures() for s in SEVERITIES})
    # The callbacks of repairs and of complaints, each judged apart.
    callbacks_of: dict[Kind, CallbackFigures] = field(default_factory=dict)
    partly_counts_as: Satisfaction = Satisfaction.unsatisfied  # how the satisfaction rate counted "partly"
    # The coordination work orders' actions, the follow-ups and the chases (reads/action_figures.py).
    coordination: CoordinationFigures = field(default_factory=CoordinationFigures)
    # The apology first and the thanks last, as ticked at the read-back (reads/courtesy_figures.py).
    courtesy: CourtesyFigures = field(default_factory=CourtesyFigures)
    incidents: IncidentFigures = field(default_factory=IncidentFigures)  # batch incidents, each counted once


def statistics(desk: Desk, period: Period) -> Statistics:
    with _no_cycle_collection():
        return _statistics(desk, period)


def _statistics(desk: Desk, period: Period) -> Statistics:
    stats = Statistics(period, desk.now())
    now = stats.now.astimezone(UTC)
    with desk.reading() as session:
        rows, pauses = read_rows(session, desk.policy, desk.calendar, period.start, period.end)
        stored = stored_of(session, [row[ID] for row in rows])  # the due times as recorded
        departments = kept_department_names(session)
        stats.callbacks = callback_report(session, period.start, period.end, departments, now=stats.now)
        stats.survey = survey_report(session, period.start, period.end)
        stats.callbacks_of = of_kinds(callbacks_by_kind(session, [period.start, period.end], stats.now), 0)
        stats.coordination = coordination_figures(session, desk, period.start, period.end, stats.now)
        stats.courtesy = courtesy_figures(session, period.start, period.end)
        stats.incidents = incident_figures(session, period.start, period.end)
    start, end = period.start.astimezone(UTC), period.end.astimezone(UTC)
    _count(stats, [r for r in rows if start <= r[RECEIVED] < end], departments)
    due = clocks_due(rows, pauses, stored, desk.policy, desk.calendar, now, start, end)
    tally = Counter((clock.name, clock.state) for _, clock in due)
    stats.clocks = {name: ClockFigures.of({state: tally[name, state] for state in ClockState}) for name in JUDGED}
    stats.valid = valid_by_severity(due)
    stats.by_week = _by_week(due, week_starts(period.start, period.end, desk.calendar.tz))
    stats.late = [_late(row, clock, now, departments, desk.calendar) for row, clock in due if clock.state in _LATE]
    stats.late.sort(key=lambda x: (x.due, x.case_id, JUDGED.index(x.clock)))
    stats.rates = _rates(stats, desk.policy)
    stats.partly_counts_as = desk.policy.targets.partly_counts_as
    stats.phone = phone_figures(desk, period.start, period.end, load_phone_policy())
    return stats


def on_time_by_week(desk: Desk, start: datetime, end: datetime) -> list[tuple[datetime, ClockFigures]]:
    """The clocks that fell due in each week of [start, end), all names together: the trend chart
    beside a day's or a week's figures, in one pass over the weeks rather than one per week."""
    with _no_cycle_collection(), desk.reading() as session:
        rows, pauses = read_rows(session, desk.policy, desk.calendar, start, end)
        stored = stored_of(session, [row[ID] for row in rows])
        now = desk.now().astimezone(UTC)
        due = clocks_due(rows, pauses, stored, desk.policy, desk.calendar, now, start.astimezone(UTC), end.astimezone(UTC))
        return _by_week(due, week_starts(start, end, desk.calendar.tz))


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """A month's figures make some 400,000 tuples and times, none of them in a reference cycle. The
    cycle collector, woken by every few hundred new objects, would walk them (and the rest of the
    heap) over and over: a third of the time the figures take. Left off for these half seconds;
    reference counting still frees everything as usual."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


_LATE = (ClockState.missed, ClockState.overdue)


def clocks_due(rows: list[tuple], pauses: dict[int, tuple], stored: dict[int, tuple], policy: Policy,
         calendar: WorkCalendar, now: datetime, start: datetime, end: datetime) -> list[tuple[tuple, Clock]]:
    """Every clock of these cases that falls due in [start, end), with its case's row."""
    due = []
    void = Status.void
    for row in rows:
        facts = CaseFacts(*row[:FACTS], pauses=pauses.get(row[ID], ()), voided=row[STATUS] is void,
                          stored=stored.get(row[ID]))
        for clock in compute_clocks(facts, policy, calendar, now):
            if start <= clock.due < end and clock.name not in SET_BY_HAND:  # actions: reads/action_figures.py
                due.append((row, clock))
    return due


def _by_week(due: list[tuple[tuple, Clock]], starts: list[datetime]) -> list[tuple[datetime, ClockFigures]]:
    edges = [s.astimezone(UTC) for s in starts]
    tally = Counter((bisect_right(edges, clock.due) - 1, clock.state) for _, clock in due)
    return [(s, ClockFigures.of({state: tally[n, state] for state in ClockState})) for n, s in enumerate(starts)]


def _count(stats: Statistics, received: list[tuple], departments: dict[int, str]) -> None:
    """The period's own cases by each dimension, voided ones left out."""
    void = Status.void
    rows = [r for r in received if r[STATUS] is not void]
    stats.cases, stats.voided = len(rows), len(received) - len(rows)
    stats.received = [r[RECEIVED] for r in rows]
    counts = stats.counts
    counts["kind"] = _values(Counter(r[KIND] for r in rows))
    counts["channel"] = Counter(r[CHANNEL] for r in rows)
    # By the category list's kept name, so "air-conditioning", "air conditioning" and 空调 are one line
    # (and the JSON's keys the same in either language); the reports show it in the desk's language.
    categories = category_list()
    counts["category"] = Counter(categories.key(r[CATEGORY]) or UNCATEGORISED for r in rows)
    stats.unlisted = {c for c in counts["category"] if c != UNCATEGORISED and not categories.listed(c)}
    for department_id, n in Counter(r[DEPARTMENT] for r in rows).items():
        counts["department"][departments.get(department_id) or NO_DEPARTMENT] += n
    # Severity and validity are judged for complaints only.
    complaints = [r for r in rows if r[KIND] is Kind.complaint]
    counts["severity"] = _values(Counter(r[SEVERITY] for r in complaints), NOT_SET)
    counts["validity"] = _values(Counter(r[VALIDITY] for r in complaints))
    # The ground each decision was taken on (data/permissions.toml); decisions taken without one are not counted.
    counts["ground"] = Counter(r[GROUND] for r in complaints if r[GROUND])


def _values(counted: Counter, missing: str = "") -> Counter:
    """Counts by an enum's stored value, as the reports print them."""
    return Counter({(key.value if key is not None else missing): n for key, n in counted.items()})


def _late(row: tuple, clock: Clock, now: datetime, departments: dict[int, str], calendar: WorkCalendar) -> Late:
    severity = row[SEVERITY]
    end = clock.met_at or now
    # Late in the clock's own counting, as the queue says it: "10 working h 7 min", "2 days 3 h".
    late_by = calendar.working_between(clock.due, end) if clock.counting is Counting.working else end - clock.due
    return Late(
        case_id=row[ID], kind=row[KIND], severity=severity.value if severity else "",
        department=departments.get(row[DEPARTMENT]) or NO_DEPARTMENT, clock=clock.name, due=clock.due,
        met_at=clock.met_at, late_by=late_by or _LATE_AT_ALL, counting=clock.counting,
    )


_LATE_AT_ALL = timedelta(microseconds=1)  # past the due after hours, before any working time ran


def valid_by_severity(due: list[tuple[tuple, Clock]]) -> dict[Severity, ClockFigures]:
    """The clocks of valid complaints by the complaint's severity, each as met, late or overdue."""
    tally = Counter((row[SEVERITY], clock.state) for row, clock in due
                    if row[KIND] is Kind.complaint and row[VALIDITY] is Validity.valid)
    return {s: ClockFigures.of({state: tally[s, state] for state in ClockState}) for s in SEVERITIES}


def _rates(stats: Statistics, policy: Policy) -> list[Rate]:
    rates = target_rates(stats.clocks, stats.valid, stats.callbacks.overall, stats.callbacks_of, policy.targets)
    # Beside the callbacks' satisfaction (the last of them), the survey's figures when a round closed in the period.
    return rates + [Rate(name, value, target) for name, value, target in stats.survey.rates()]


@dataclass(frozen=True)
class Named:
    """A case with the names its ids point at, for the spreadsheet export."""

    case: Case
    owner: str  # who took the call and owns the case (the export's received_by column)
    department: str  # as the staff file keeps it ("Engineering"); the export shows it by department_label
    assignee: str


def cases_received(desk: Desk, start: datetime, end: datetime) -> list[Named]:
    """Every case received in [start, end), voided ones too, oldest first."""
    with desk.reading() as session:
        names = Names.load(session)
        departments = kept_department_names(session)
        cases = session.exec(select(Case).where(Case.received_at >= start, Case.received_at < end)
                             .order_by(col(Case.received_at), col(Case.id))).all()
    return [Named(c, names.staff.get(c.received_by_id, ""), departments.get(c.department_id, ""),
                  names.staff.get(c.assignee_id, "")) for c in cases]


def kept_department_names(session) -> dict[int, str]:
    """The departments by the names the staff file keeps ("Engineering"), not as the desk's language
    shows them: the figures are counted, and the JSON written, by these; the reports show each
    one by department_label."""
    return {d.id: d.name for d in departments_in(session, active_only=False)}
