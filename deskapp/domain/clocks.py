"""Each clock of a case: when it started, when it is due, and its state at a given instant.

The engine is a pure function of a case's facts, the policy, the calendar and "now". A due time,
once computed, is a recorded fact (`StoredClock`, planned by `deskapp.domain.clocks_stored` when the
clock starts): a case that carries its stored clocks is judged against them, so an edited policy or
calendar never moves last month's deadlines. Only a case recorded without them (bulk data, or a
database from before schema 0009) has its clocks worked out from today's rules.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import NamedTuple, overload

from deskapp.domain.calendar import WorkCalendar
from deskapp.domain.enums import (
    ClockName,
    ClockState,
    Counting,
    Kind,
    Severity,
    Validity,
)
from deskapp.domain.policy import ClockRule, Policy, Requested, StartEvent

ZERO = timedelta(0)
_LATE = timedelta(microseconds=1)


class Basis(StrEnum):
    """Where a clock's limit came from, for the "how was this computed" line."""

    policy = "policy"
    requested = "requested"  # the time the customer asked for
    promised = "promised"  # the time the desk promised an answer
    reopened = "reopened"  # a fresh allowance from the reopening
    urgent = "urgent"  # an urgent case's wall-clock minutes, at any hour
    appointment = "appointment"  # the time booked with the customer, later than the limit
    set = "set"  # a clock set by hand: the deadline an action's owner took on, a follow-up date


@dataclass(slots=True)
class CaseFacts:
    """What the clocks need to know about a case; every time is timezone-aware."""

    kind: Kind
    severity: Severity | None
    received_at: datetime
    requested_by: datetime | None = None
    promised_by: datetime | None = None
    forwarded_at: datetime | None = None  # first forwarding (a repair's work order)
    escalated_at: datetime | None = None
    arrived_at: datetime | None = None
    validity: Validity = Validity.undecided
    validity_at: datetime | None = None
    resolved_at: datetime | None = None  # the latest resolution; None once reopened
    reopened_at: datetime | None = None  # the latest reopening
    callback_at: datetime | None = None  # the callback that reached the customer after resolved_at
    explained_at: datetime | None = None
    analysed_at: datetime | None = None
    # Named as the case's columns, in this order before `pauses` (reads/statistics_rows.py reads a row
    # positionally into the fields up to here).
    urgent: bool = False
    appointment_at: datetime | None = None
    outside_party_at: datetime | None = None  # when the desk recorded an outside party's part
    contacted_at: datetime | None = None  # the first contact note after that
    pauses: tuple[tuple[datetime, datetime | None], ...] = ()
    voided: bool = False
    stored: tuple[StoredClock, ...] | None = None  # the clocks as recorded; None: work them out from the rules


class StoredClock(NamedTuple):
    """A clock as recorded when it started: its due time is a fact, moved only by operations on the case.

    `due` already holds every finished wait on the customer (`waited`); a wait still going on moves
    it as it goes, in the clock's own counting."""

    name: ClockName
    start: datetime
    due: datetime
    counting: Counting
    allowance: timedelta
    waited: timedelta
    basis: Basis
    pausable: bool
    # A clock set by hand (SET_BY_HAND) is met by its own record (an action done, a follow-up
    # checked), not by a fact of the case; for the others this stays None.
    met_at: datetime | None = None


class Clock(NamedTuple):
    """One clock of a case. A named tuple: a history of a million cases makes millions of them."""

    name: ClockName
    state: ClockState
    start: datetime
    due: datetime
    counting: Counting
    allowance: timedelta  # the limit itself, before pauses
    waited: timedelta  # time spent waiting on the customer, added to the limit
    left: timedelta | None  # at "now": negative when late; working time for working clocks; None once met
    met_at: datetime | None
    basis: Basis

    @property
    def running(self) -> bool:
        return self.state not in (ClockState.met, ClockState.missed)


# Which fact meets each clock. This is the meaning of the clock, not a number, so it lives in code.
_MET_BY = {
    ClockName.forward: "forwarded_at",  # or the resolution, when the case was settled without forwarding
    ClockName.escalate: "escalated_at",
    ClockName.resolve: "resolved_at",
    ClockName.arrive: "arrived_at",
    ClockName.callback: "callback_at",
    ClockName.explain: "explained_at",
    ClockName.analyse: "analysed_at",
    ClockName.answer: "resolved_at",
    ClockName.contact: "contacted_at",
}


# Clocks no policy rule runs: each is set by hand on its own record and met by it.
SET_BY_HAND = frozenset({ClockName.action, ClockName.followup})


def compute_clocks(facts: CaseFacts, policy: Policy, calendar: WorkCalendar, now: datetime) -> list[Clock]:
    """The clocks that have started for this case, in the policy's order, then those set by hand."""
    if facts.voided:
        return []
    # Two aware times sharing one tzinfo compare and subtract by their clock faces (Python's rule),
    # which is wrong across a daylight-saving change; in UTC they compare as instants.
    now = now.astimezone(UTC)
    stored = facts.stored
    # Those set by hand come after the policy's (reads/clock_rows.py): most cases have none.
    if stored is not None and not (stored and stored[-1].name in SET_BY_HAND):
        return [_kept(s, facts, policy, calendar, now) for s in stored]
    ruled = [s for s in stored if s.name not in SET_BY_HAND] if stored is not None else []
    if ruled:
        clocks = [_kept(s, facts, policy, calendar, now) for s in ruled]
    else:  # nothing of the policy's recorded (bulk data, before 0009): worked out from the rules
        clocks = []
        for rule in policy.rules_for(facts.kind, facts.severity):
            clock = _clock(rule, facts, policy, calendar, now)
            if clock is not None:
                clocks.append(clock)
    return clocks + [_kept(s, facts, policy, calendar, now) for s in stored or () if s.name in SET_BY_HAND]


def set_clock(s: StoredClock, policy: Policy, calendar: WorkCalendar, now: datetime) -> Clock:
    """A clock set by hand at `now`, on its own: an action's line on its work order, the month's figures."""
    return _judged(s.name, s.start, _utc(s.due), s.counting, s.allowance, s.waited, s.basis, _utc(s.met_at), False,
                   policy, calendar, now.astimezone(UTC))


def next_clock(clocks: list[Clock]) -> Clock | None:
    """The running clock that falls due first: what the queue sorts and colours by."""
    running = [c for c in clocks if c.running]
    return min(running, key=lambda c: c.due) if running else None


def _clock(rule: ClockRule, f: CaseFacts, policy: Policy, cal: WorkCalendar, now: datetime) -> Clock | None:
    if rule.span is None and rule.urgent_span is not None and not f.urgent and not rule.promised:
        return None  # a clock only urgent cases run
    if f.urgent and rule.urgent_span is not None:
        # People trapped, a flood, a fire alarm: wall-clock minutes at any hour, never the morning.
        rule = replace(rule, span=rule.urgent_span, counting=Counting.wall, requested=Requested.ignore)
    start = _utc(_start(rule, f))
    if start is None:
        return None
    reopened = rule.restarts_on_reopen and f.reopened_at is not None and start == f.reopened_at
    limit = _limit(rule, f, start, reopened, cal)
    if limit is None:
        return None
    base_due, allowance, basis = limit
    if f.urgent and rule.urgent_span is not None:
        basis = Basis.urgent
    booked = _utc(f.appointment_at) if rule.appointment else None
    if booked is not None and booked > base_due:
        base_due, allowance, basis = booked, _between(start, booked, rule.counting, cal), Basis.appointment
    met_at = _utc(_met(rule.name, f))
    if met_at is not None and met_at < start:
        met_at = None  # met before this round of the clock began: it does not count for it
    end = met_at or now
    paused, paused_now = _paused(rule, f, start, end, cal) if rule.pausable and f.pauses else (ZERO, False)
    due = _extend(base_due, paused, rule.counting, cal) if paused else _utc(base_due)
    return _judged(rule.name, start, due, rule.counting, allowance, paused, basis, met_at, paused_now, policy, cal, now)


def _kept(s: StoredClock, f: CaseFacts, policy: Policy, cal: WorkCalendar, now: datetime) -> Clock:
    """A recorded clock at `now`: its stored due, moved on by a wait on the customer still going on."""
    met_at = _utc(s.met_at if s.name in SET_BY_HAND else _met(s.name, f))
    if met_at is not None and met_at < s.start:
        met_at = None
    due, waited, paused_now = _utc(s.due), s.waited, False
    if s.pausable and f.pauses and f.pauses[-1][1] is None:
        lo, hi = max(_utc(f.pauses[-1][0]), s.start), met_at or now
        if hi > lo:
            extra = _between(lo, hi, s.counting, cal)
            due, waited = _extend(due, extra, s.counting, cal), waited + extra
        paused_now = True
    return _judged(s.name, s.start, due, s.counting, s.allowance, waited, s.basis, met_at, paused_now, policy, cal, now)


def _judged(name, start, due, counting, allowance, paused, basis, met_at, paused_now, policy, cal, now) -> Clock:
    if met_at is not None:
        # Most clocks in a long history are met: their state needs no time-left arithmetic.
        state = ClockState.met if met_at <= due else ClockState.missed
        return Clock(name, state, start, due, counting, allowance, paused, None, met_at, basis)
    left = _between(now, due, counting, cal)
    if now > due and left >= ZERO:
        # Past its due instant while no working time has passed since (after hours): it is late all
        # the same, by less than a working minute. The smallest lateness keeps the sign that says so.
        left = -_LATE
    state = _state(now, due, paused_now, left, allowance + paused, policy)
    return Clock(name, state, start, due, counting, allowance, paused, left, None, basis)


def _met(name: ClockName, f: CaseFacts) -> datetime | None:
    if name in SET_BY_HAND:
        return None  # met by its own record (StoredClock.met_at), not by a fact of the case
    met = getattr(f, _MET_BY[name])
    if name is ClockName.forward and f.resolved_at is not None and (met is None or f.resolved_at < met):
        # A complaint settled on the spot needs no forwarding: its resolution meets the forward clock.
        return f.resolved_at
    return met


def _start(rule: ClockRule, f: CaseFacts) -> datetime | None:
    if rule.starts is StartEvent.received:
        if rule.restarts_on_reopen and f.reopened_at is not None:
            return f.reopened_at
        return f.received_at
    if rule.starts is StartEvent.forwarded:
        return f.forwarded_at
    if rule.starts is StartEvent.resolved:
        return f.resolved_at
    if rule.starts is StartEvent.validity:
        return f.validity_at if f.validity is rule.validity else None
    if rule.starts is StartEvent.outside_party:
        return f.outside_party_at
    raise AssertionError(rule.starts)


def _limit(rule, f, start, reopened, cal) -> tuple[datetime, timedelta, Basis] | None:
    """The due time before pauses, the allowance it represents, and where it came from."""
    if rule.promised:
        if f.promised_by is None:
            return None
        return f.promised_by, _between(start, _utc(f.promised_by), rule.counting, cal), Basis.promised
    asked = f.requested_by if rule.requested is not Requested.ignore else None
    if rule.requested is Requested.only and asked is None:
        return None
    asked = _utc(asked)
    if asked is not None and not reopened and rule.requested is not Requested.sooner:
        return asked, _between(start, asked, rule.counting, cal), Basis.requested
    span = rule.span
    if span is None:
        # A clock that runs only on the customer's request gets, after a reopening, the same
        # allowance the customer first asked for.
        assert asked is not None  # a rule without a limit runs only on request (the policy checks it)
        span = _between(f.received_at, asked, rule.counting, cal)
    basis = Basis.reopened if reopened else Basis.policy
    due = _extend(start, span, rule.counting, cal)
    if asked is not None and not reopened and asked < due:
        # A hard limit: the customer's time can bring it sooner, never later.
        return asked, _between(start, asked, rule.counting, cal), Basis.requested
    return due, span, basis


def _paused(rule, f, start, end, cal) -> tuple[timedelta, bool]:
    if not rule.pausable or not f.pauses:
        return ZERO, False
    total = ZERO
    paused_now = False
    for p_start, p_end in f.pauses:
        if p_end is None:
            paused_now = True
            p_end = end
        lo, hi = max(_utc(p_start), start), min(_utc(p_end), end)
        if hi > lo:
            total += _between(lo, hi, rule.counting, cal)
    return total, paused_now


def _state(now, due, paused_now, left, span, policy: Policy) -> ClockState:
    if paused_now:
        return ClockState.waiting
    if now > due:
        # Overdue is the due instant passed, at any hour; working time only measures the share left.
        return ClockState.overdue
    if span <= ZERO or left < span * policy.due_soon_share:
        return ClockState.due_soon
    if left < timedelta(minutes=policy.due_soon_minutes):
        return ClockState.due_soon
    return ClockState.on_time


def _extend(t: datetime, span: timedelta, counting: Counting, cal: WorkCalendar) -> datetime:
    if counting is Counting.wall:
        return t.astimezone(UTC) + span
    return cal.add_working(t, span).astimezone(UTC)


# Typed in two cases so that a known time stays a datetime for the checker (mypy), not an Optional.
@overload
def _utc(t: datetime) -> datetime: ...


@overload
def _utc(t: None) -> None: ...


def _utc(t: datetime | None) -> datetime | None:
    if t is None or t.tzinfo is UTC:  # times read from the database already are
        return t
    return t.astimezone(UTC)


def _between(a: datetime, b: datetime, counting: Counting, cal: WorkCalendar) -> timedelta:
    if counting is Counting.wall:
        return b - a
    return cal.working_between(a, b)
