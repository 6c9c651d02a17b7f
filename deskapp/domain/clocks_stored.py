"""Due times as recorded facts: what to store when a clock starts, and which rules it was computed under.

A clock is planned once, when it starts, under the policy and calendar of that moment; the plan is
stored with the case, with a short fingerprint of those rules (`rules_versions`). Later the plan moves
only by an operation on the case: a finished wait on the customer lengthens it (`waited_on`), a new
round (reopening, a new resolution, a new validity decision) or a changed basis (severity, urgency,
the customer's time) plans that clock afresh, and a supervisor's re-timing plans every open clock
under today's rules. Pure: the caller stores the results and writes the history.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import datetime, timedelta

from deskapp.domain.calendar import WorkCalendar, package_version
from deskapp.domain.clocks import CaseFacts, StoredClock, _between, _clock, _extend, _met, _utc
from deskapp.domain.enums import ClockName
from deskapp.domain.policy import Policy

ZERO = timedelta(0)


def plan_clocks(facts: CaseFacts, policy: Policy, calendar: WorkCalendar, now: datetime) -> dict[ClockName, StoredClock]:
    """The clocks that have started for these facts under today's rules, as they would be stored.

    Finished waits on the customer are in the due; a wait still going on is not (it moves the due
    as it goes, and is added when it ends)."""
    if facts.voided:
        return {}
    closed = tuple(p for p in facts.pauses if p[1] is not None)
    rules_only = replace(facts, stored=None, pauses=closed)
    planned = {}
    for rule in policy.rules_for(facts.kind, facts.severity):
        clock = _clock(rule, rules_only, policy, calendar, _utc(now))
        if clock is not None:
            planned[rule.name] = StoredClock(rule.name, clock.start, clock.due, clock.counting, clock.allowance,
                                             clock.waited, clock.basis, rule.pausable)
    return planned


def waited_on(clock: StoredClock, facts: CaseFacts, began: datetime, ended: datetime,
              calendar: WorkCalendar) -> StoredClock:
    """The clock once a wait on the customer from `began` to `ended` is over: a pausable clock still
    running during it is due that much later, in its own counting."""
    if not clock.pausable:
        return clock
    met_at = _utc(_met(clock.name, facts))
    if met_at is not None and met_at >= clock.start and met_at <= began:
        return clock  # met before the wait: the wait did not hold it up
    lo, hi = max(_utc(began), clock.start), _utc(ended)
    if met_at is not None and met_at >= clock.start:
        hi = min(hi, met_at)
    if hi <= lo:
        return clock
    extra = _between(lo, hi, clock.counting, calendar)
    if extra <= ZERO:
        return clock
    return clock._replace(due=_extend(clock.due, extra, clock.counting, calendar), waited=clock.waited + extra)


_VERSIONS: dict[tuple[int, int], tuple[Policy, WorkCalendar, tuple[str, str]]] = {}


def rules_versions(policy: Policy, calendar: WorkCalendar) -> tuple[str, str]:
    """The fingerprints of these rules, worked out once per policy and calendar loaded (every
    operation asks)."""
    key = (id(policy), id(calendar))
    kept = _VERSIONS.get(key)
    if kept is None or kept[0] is not policy or kept[1] is not calendar:
        kept = _VERSIONS[key] = (policy, calendar, _versions(policy, calendar))
    return kept[2]


def _versions(policy: Policy, calendar: WorkCalendar) -> tuple[str, str]:
    """Short fingerprints of the clock rules and of the calendar (with the holidays package's
    version, whose estimates change between releases): what a stored due was computed under.

    Built from the parsed rules, sorted, so a comment or a reordered list in the file is no change,
    and the same in every process (sets of strings and dates iterate in a random order)."""
    rules = [
        (r.name, sorted(r.kinds), sorted(r.severities) if r.severities is not None else None, r.starts,
         r.span.total_seconds() if r.span else None, r.counting, r.requested, r.promised, r.validity,
         r.pausable, r.restarts_on_reopen, getattr(r, "urgent_span", None))
        for r in policy.rules
    ]
    spec = calendar.spec
    days = (str(getattr(spec.tz, "key", spec.tz)), spec.opens, spec.closes, sorted(spec.weekdays), spec.country,
            sorted(spec.holidays), sorted(spec.workdays), package_version())
    return _fingerprint(rules), _fingerprint(days)


def _fingerprint(value: object) -> str:
    return hashlib.sha256(repr(value).encode()).hexdigest()[:12]
