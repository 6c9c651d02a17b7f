"""The figures the supervisor is judged on, shared by the month's and the year's figures: how many
clocks were met, the rates against the targets of data/policy.toml, and the callbacks by kind of case.

Besides each clock's own on-time rate the manuals judge three things apart:
- every clock together (the 100% on-time target);
- the clocks of **valid** complaints, per severity ("complaints handled on time: 100% (valid
  complaints, per severity's limits)"): every clock such a complaint ran, judged by its severity's
  limits, the handling the service is answerable for;
- repair callbacks and complaint callbacks, each against the callback target; and satisfaction,
  with a "partly satisfied" customer counted as the policy's [targets] partly_counts_as says.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, case, func, or_
from sqlmodel import Session, col, select

from deskapp.domain.enums import ClockName, ClockState, Kind, Satisfaction, Severity
from deskapp.domain.policy import Targets
from deskapp.models import Callback, Case
from deskapp.reads.callback_figures import CallbackFigures

# The kinds of case whose callbacks are judged apart (the manuals: every repair is called back; a
# complaint is called back after its resolution).
CALLBACK_KINDS = (Kind.repair, Kind.complaint)
SEVERITIES = (Severity.major, Severity.general, Severity.minor)


@dataclass
class ClockFigures:
    met: int = 0  # met by the due time
    missed: int = 0  # met, but late
    overdue: int = 0  # due in the period, still not met
    pending: int = 0  # due in the period but not yet (a report of the current month): not counted

    @classmethod
    def of(cls, states: dict[ClockState, int]) -> ClockFigures:
        """From how many clocks ended in each state; the running ones are not yet judged."""
        judged = (ClockState.met, ClockState.missed, ClockState.overdue)
        return cls(states.get(ClockState.met, 0), states.get(ClockState.missed, 0), states.get(ClockState.overdue, 0),
                   sum(n for state, n in states.items() if state not in judged))

    def add(self, other: ClockFigures) -> ClockFigures:
        self.met += other.met
        self.missed += other.missed
        self.overdue += other.overdue
        self.pending += other.pending
        return self

    @property
    def counted(self) -> int:
        return self.met + self.missed + self.overdue

    @property
    def rate(self) -> float | None:
        return self.met / self.counted if self.counted else None


def summed(figures: Iterable[ClockFigures]) -> ClockFigures:
    total = ClockFigures()
    for f in figures:
        total.add(f)
    return total


def clock_json(f: ClockFigures) -> dict:
    """A ClockFigures as the report's JSON has always named them."""
    return {"on_time": f.met, "late": f.missed, "overdue": f.overdue, "not_yet_due": f.pending, "rate": f.rate}


@dataclass(frozen=True)
class Rate:
    name: str  # an identifier ("on time: forward", "callback rate"): the JSON's; reports.rate_name words it
    value: float | None  # None: nothing fell due, so nothing to judge
    target: float
    clock: ClockName | None = None  # the clock an on-time rate is of

    @property
    def below(self) -> bool:
        return self.value is not None and self.value < self.target


# The rates' identifiers beyond each clock's own, in the order the reports list them.
ALL_CLOCKS = "on time: all clocks"
VALID = {severity: f"on time: valid {severity.value}" for severity in SEVERITIES}  # valid complaints
CALLBACK_RATE = "callback rate"
CALLBACKS_OF = {Kind.repair: "callback rate: repairs", Kind.complaint: "callback rate: complaints"}
SATISFACTION = "satisfaction"


def satisfaction_rate(cb: CallbackFigures, targets: Targets) -> float | None:
    """Customers satisfied, of those reached; a partly satisfied one as the policy counts them."""
    if not cb.made:
        return None
    partly = cb.partly if targets.partly_counts_as is Satisfaction.satisfied else 0
    return (cb.satisfied + partly) / cb.made


def target_rates(clocks: dict[ClockName, ClockFigures], valid: dict[Severity, ClockFigures],
                 callbacks: CallbackFigures, by_kind: dict[Kind, CallbackFigures], targets: Targets) -> list[Rate]:
    """Every rate against its target: each clock's, all clocks', the valid complaints' per severity,
    the callbacks' (all, repairs, complaints) and the customers' satisfaction."""
    rates = [Rate(f"on time: {name.value}", f.rate, targets.on_time, name) for name, f in clocks.items()]
    rates.append(Rate(ALL_CLOCKS, summed(clocks.values()).rate, targets.on_time))
    rates += [Rate(VALID[s], valid[s].rate, targets.on_time) for s in SEVERITIES]
    rates.append(Rate(CALLBACK_RATE, callbacks.callback_rate, targets.callback_rate))
    rates += [Rate(CALLBACKS_OF[k], by_kind[k].callback_rate, targets.callback_rate) for k in CALLBACK_KINDS]
    rates.append(Rate(SATISFACTION, satisfaction_rate(callbacks, targets), targets.satisfaction))
    return rates


def bucket(column, edges: list[datetime]):
    """The period (0, 1, ...) a time falls in, edges[i] <= t < edges[i + 1], as a SQL expression: the
    database sorts a year's rows into its months itself."""
    return case(*((column < edge, n) for n, edge in enumerate(edges[1:])), else_=len(edges) - 1)


def callbacks_by_kind(session: Session, edges: list[datetime], now: datetime | None
                      ) -> dict[tuple[int, Kind], CallbackFigures]:
    """The callbacks that fell due in each period between `edges`, by the kind of case: counted in
    the database, as callback_figures counts them (once due, or once made)."""
    made = col(Callback.done_at).is_not(None)

    def counted(condition):
        return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

    def said(satisfaction: Satisfaction):
        return counted(and_(made, Callback.satisfaction == satisfaction))

    period = bucket(col(Callback.due_at), edges).label("period")
    fallen = () if now is None else (or_(col(Callback.due_at) <= now, made),)
    query = (
        select(period, Case.kind, func.count(), func.count(Callback.done_at),
               counted(and_(made, Callback.done_at <= Callback.due_at)),
               said(Satisfaction.satisfied), said(Satisfaction.partly), said(Satisfaction.unsatisfied))
        .join(Case, col(Case.id) == Callback.case_id)
        .where(Callback.due_at >= edges[0], Callback.due_at < edges[-1], *fallen)
        .group_by(period, Case.kind)
    )
    found: dict[tuple[int, Kind], CallbackFigures] = {}
    for n, kind, *numbers in session.exec(query):
        found[int(n), Kind(kind)] = CallbackFigures(*(int(x) for x in numbers))
    return found


def of_kinds(found: dict[tuple[int, Kind], CallbackFigures], n: int) -> dict[Kind, CallbackFigures]:
    """One period's callbacks for each kind judged apart (none due: empty figures)."""
    return {kind: found.get((n, kind), CallbackFigures()) for kind in CALLBACK_KINDS}
