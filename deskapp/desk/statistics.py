"""The figures of a day, week or month: what came in, which clocks were met, and who waited too long.

A clock counts in the period its due time falls in, whatever day the case came in: a complaint
received on 31 October whose resolve clock falls due on 2 November is November's. So besides the
period's own cases the report reads the few earlier ones whose clocks can fall due in it: those
received within the policy's longest limit before the period, those still open, and those whose
callback fell due in it. Never the whole history.

Known gap: a case received before that window and closed by now, whose arrive clock (from a late
work order) or customer-requested resolve time fell due in the period, is not read. The clocks are
recomputed from the case's current facts, so a reopened case shows only its latest resolve and
callback clocks; the callback table (callback_figures) still counts every round's callback.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo

from sqlmodel import col, select

from deskapp.desk.callback_figures import CallbackReport, callback_figures
from deskapp.desk.context import Desk
from deskapp.desk.views import CaseView, Names, build_views
from deskapp.domain.calendar import WorkCalendar
from deskapp.domain.clocks import Clock
from deskapp.domain.enums import OPEN_STATUSES, ClockName, ClockState, Counting, Kind, Status
from deskapp.domain.policy import Policy
from deskapp.models import Callback, Case

# The clocks the supervisor is judged on (the manuals' targets); the others are working reminders.
JUDGED = (ClockName.forward, ClockName.escalate, ClockName.resolve, ClockName.callback, ClockName.arrive)
DIMENSIONS = ("kind", "severity", "category", "department", "validity", "channel")
NO_DEPARTMENT = "no department"


@dataclass(frozen=True)
class Period:
    name: str  # "day", "week" or "month"
    label: str  # "2026-11", "week of 2026-11-23", "2026-11-23"
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


def _midnight(d: date, tz: tzinfo) -> datetime:
    return datetime(d.year, d.month, d.day, tzinfo=tz)


@dataclass
class ClockFigures:
    met: int = 0  # met by the due time
    missed: int = 0  # met, but late
    overdue: int = 0  # due in the period, still not met
    pending: int = 0  # due in the period but not yet (a report of the current month): not counted

    @property
    def counted(self) -> int:
        return self.met + self.missed + self.overdue

    @property
    def rate(self) -> float | None:
        return self.met / self.counted if self.counted else None


@dataclass(frozen=True)
class Rate:
    name: str
    value: float | None  # None: nothing fell due, so nothing to judge
    target: float

    @property
    def below(self) -> bool:
        return self.value is not None and self.value < self.target


@dataclass(frozen=True)
class Late:
    case_id: int
    kind: Kind
    severity: str
    department: str
    clock: ClockName
    due: datetime
    met_at: datetime | None  # None: still not met at the time of the report
    late_by: timedelta  # wall-clock time past the due time, to meeting it or to now


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


def statistics(desk: Desk, period: Period) -> Statistics:
    now = desk.now()
    stats = Statistics(period, now)
    with desk.reading() as session:
        cases = _cases_to_read(session, desk.policy, desk.calendar, period)
        views = build_views(session, cases, desk.policy, desk.calendar, now)
    for view in views:
        if period.start <= view.case.received_at < period.end:
            _count(stats, view)
        for clock in view.clocks:
            if clock.name in stats.clocks and period.start <= clock.due < period.end:
                _judge(stats, view, clock, now)
    stats.late.sort(key=lambda x: (x.due, x.case_id, JUDGED.index(x.clock)))
    stats.callbacks = callback_figures(desk, period.start, period.end)
    stats.rates = _rates(stats, desk.policy)
    return stats


def _count(stats: Statistics, view: CaseView) -> None:
    c = view.case
    if c.status is Status.void:
        stats.voided += 1
        return
    stats.cases += 1
    counts = stats.counts
    counts["kind"][c.kind.value] += 1
    counts["channel"][c.channel.value] += 1
    counts["category"][c.category or "uncategorised"] += 1
    counts["department"][view.department or NO_DEPARTMENT] += 1
    if c.kind is Kind.complaint:  # severity and validity are judged for complaints only
        counts["severity"][c.severity.value if c.severity else "not set"] += 1
        counts["validity"][c.validity.value] += 1


def _judge(stats: Statistics, view: CaseView, clock: Clock, now: datetime) -> None:
    figures = stats.clocks[clock.name]
    if clock.state is ClockState.met:
        figures.met += 1
        return
    if clock.state is ClockState.missed:
        figures.missed += 1
    elif clock.state is ClockState.overdue:
        figures.overdue += 1
    else:
        figures.pending += 1
        return
    c = view.case
    stats.late.append(Late(
        case_id=c.id, kind=c.kind, severity=c.severity.value if c.severity else "",
        department=view.department or NO_DEPARTMENT, clock=clock.name, due=clock.due, met_at=clock.met_at,
        late_by=(clock.met_at or now) - clock.due,
    ))


def _rates(stats: Statistics, policy: Policy) -> list[Rate]:
    t = policy.targets
    rates = [Rate(f"on time: {name.value}", stats.clocks[name].rate, t.on_time) for name in JUDGED]
    overall = stats.callbacks.overall
    rates.append(Rate("callback rate", overall.callback_rate, t.callback_rate))
    rates.append(Rate("satisfaction", overall.satisfaction_rate, t.satisfaction))
    return rates


def _cases_to_read(session, policy: Policy, calendar: WorkCalendar, period: Period) -> list:
    """The period's cases and the earlier ones whose clocks can fall due in it, each once.

    Three indexed look-ups (received_at, status, callbacks.due_at) instead of one OR that would
    make the database scan every case.
    """
    since = _earliest_start(policy, calendar, period.start)
    found = {c.id: c for c in session.exec(
        select(*_COLUMNS).where(Case.received_at >= since, Case.received_at < period.end))}
    still_open = select(*_COLUMNS).where(col(Case.status).in_(OPEN_STATUSES), Case.received_at < since)
    called = select(Callback.case_id).where(Callback.due_at >= period.start, Callback.due_at < period.end)
    called_back = select(*_COLUMNS).where(col(Case.id).in_(called), Case.received_at < since)
    for query in (still_open, called_back):
        for c in session.exec(query):
            found.setdefault(c.id, c)
    return list(found.values())


# Only what the counts and the clocks read: rows of these (which answer to the same attribute names as
# a Case) load several times faster than whole Case objects, and a month can hold 30,000 cases.
_COLUMNS = tuple(getattr(Case, name) for name in (
    "id", "kind", "severity", "category", "channel", "validity", "status", "department_id", "received_by_id",
    "assignee_id", "received_at", "requested_by", "promised_by", "forwarded_at", "escalated_at", "arrived_at",
    "validity_at", "resolved_at", "reopened_at", "callback_at", "explained_at", "analysed_at",
))


def _earliest_start(policy: Policy, calendar: WorkCalendar, start: datetime) -> datetime:
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


@dataclass(frozen=True)
class Named:
    """A case with the names its ids point at, for the spreadsheet export."""

    case: Case
    received_by: str
    department: str
    assignee: str


def cases_received(desk: Desk, start: datetime, end: datetime) -> list[Named]:
    """Every case received in [start, end), voided ones too, oldest first."""
    with desk.reading() as session:
        names = Names.load(session)
        cases = session.exec(select(Case).where(Case.received_at >= start, Case.received_at < end)
                             .order_by(col(Case.received_at), col(Case.id))).all()
    return [Named(c, names.staff.get(c.received_by_id, ""), names.departments.get(c.department_id, ""),
                  names.staff.get(c.assignee_id, "")) for c in cases]


def received_times(desk: Desk, period: Period) -> list[datetime]:
    """When each of the period's cases came in, voided ones left out (as in the counts): the
    cases-per-day chart. One column of the period's rows is cheap next to the figures themselves."""
    with desk.reading() as session:
        return list(session.exec(select(Case.received_at).where(
            Case.received_at >= period.start, Case.received_at < period.end, Case.status != Status.void)))
