"""Stored clocks in the domain: planned once, judged against their stored due whatever the policy says now."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from deskapp.domain.clocks import CaseFacts, compute_clocks
from deskapp.domain.clocks_stored import plan_clocks, rules_versions, waited_on
from deskapp.domain.enums import ClockName, Kind, Severity
from deskapp.domain.policy import Policy
from tests.conftest import at

BASE = at("2026-11-16 00:00")


def stretched(policy: Policy, factor: float) -> Policy:
    """The policy as a supervisor might edit it: every limit `factor` times as long."""
    rules = tuple(replace(r, span=r.span * factor) if r.span else r for r in policy.rules)
    return replace(policy, rules=rules, _by_case={})


def test_a_general_complaint_planned_on_monday_keeps_its_due_under_a_doubled_policy(policy, calendar):
    facts = CaseFacts(Kind.complaint, Severity.general, at("2026-11-23 08:30"))
    planned = plan_clocks(facts, policy, calendar, at("2026-11-23 08:30"))
    assert planned[ClockName.resolve].due == at("2026-11-25 10:30")
    kept = replace(facts, stored=tuple(planned.values()))
    clocks = {c.name: c for c in compute_clocks(kept, stretched(policy, 2), calendar, at("2026-11-25 11:00"))}
    assert clocks[ClockName.resolve].due == at("2026-11-25 10:30")
    assert clocks[ClockName.resolve].state.value == "overdue"


def test_an_hour_waiting_on_the_customer_on_monday_morning_moves_resolve_an_hour(policy, calendar):
    facts = CaseFacts(Kind.complaint, Severity.general, at("2026-11-23 08:30"))
    resolve = plan_clocks(facts, policy, calendar, at("2026-11-23 08:30"))[ClockName.resolve]
    moved = waited_on(resolve, facts, at("2026-11-23 09:30"), at("2026-11-23 10:30"), calendar)
    assert moved.due == at("2026-11-25 11:30") and moved.waited == timedelta(hours=1)


def test_a_major_complaint_waiting_on_the_customer_keeps_its_48_hours(policy, calendar):
    facts = CaseFacts(Kind.complaint, Severity.major, at("2026-11-23 08:30"))
    resolve = plan_clocks(facts, policy, calendar, at("2026-11-23 08:30"))[ClockName.resolve]
    assert waited_on(resolve, facts, at("2026-11-23 09:30"), at("2026-11-24 09:30"), calendar) == resolve


def test_the_rules_fingerprint_changes_with_a_limit_and_not_otherwise(policy, calendar):
    assert rules_versions(policy, calendar) == rules_versions(replace(policy, _by_case={}), calendar)
    assert rules_versions(stretched(policy, 2), calendar)[0] != rules_versions(policy, calendar)[0]
    assert rules_versions(stretched(policy, 2), calendar)[1] == rules_versions(policy, calendar)[1]


@settings(max_examples=150, deadline=None)
@given(
    severity=st.sampled_from(list(Severity)),
    received=st.integers(0, 14 * 24 * 60),
    wait=st.one_of(st.none(), st.tuples(st.integers(1, 3000), st.integers(1, 3000), st.booleans())),
    factor=st.floats(0.1, 5),
    later=st.integers(0, 10 * 24 * 60),
)
def test_stored_due_times_do_not_change_when_the_policy_file_changes(policy, calendar, severity, received, wait,
                                                                     factor, later):
    received_at = BASE + timedelta(minutes=received)
    pauses = ()
    if wait is not None:
        start = received_at + timedelta(minutes=wait[0])
        pauses = ((start, None if wait[2] else start + timedelta(minutes=wait[1])),)
    facts = CaseFacts(Kind.complaint, severity, received_at, pauses=pauses)
    now = received_at + timedelta(minutes=(wait[0] + wait[1]) if wait else 0) + timedelta(minutes=later)
    as_given = compute_clocks(facts, policy, calendar, now)
    stored = tuple(plan_clocks(facts, policy, calendar, now).values())
    kept = compute_clocks(replace(facts, stored=stored), stretched(policy, factor), calendar, now)
    assert [(c.name, c.due, c.state) for c in kept] == [(c.name, c.due, c.state) for c in as_given]
