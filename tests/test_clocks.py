"""Every clock in the shipped policy, told as the desk's day (Shanghai time, 2026)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deskapp.domain.clocks import Basis, CaseFacts, compute_clocks, next_clock
from deskapp.domain.enums import ClockState, Kind, Severity, Validity
from tests.conftest import at

ON_TIME, DUE_SOON, OVERDUE, WAITING, MET, MISSED = (
    ClockState.on_time, ClockState.due_soon, ClockState.overdue, ClockState.waiting, ClockState.met, ClockState.missed,
)


@pytest.fixture
def clocks(policy, calendar):
    def run(facts: CaseFacts, now: str) -> dict:
        return {c.name.value: c for c in compute_clocks(facts, policy, calendar, at(now))}

    return run


def complaint(severity: Severity, received: str, **facts) -> CaseFacts:
    return CaseFacts(kind=Kind.complaint, severity=severity, received_at=at(received), **facts)


def test_general_complaint_friday_1930_is_due_to_be_forwarded_monday_0820(clocks):
    c = clocks(complaint(Severity.general, "2026-11-20 19:30"), "2026-11-21 10:00")
    assert c["forward"].due == at("2026-11-23 08:20")
    assert c["forward"].state is ON_TIME  # nothing is counted over the weekend


def test_general_complaint_resolve_is_24_working_hours_friday_evening_to_wednesday_1000(clocks):
    c = clocks(complaint(Severity.general, "2026-11-20 19:30"), "2026-11-23 09:00")
    assert c["resolve"].due == at("2026-11-25 10:00")
    assert set(c) == {"forward", "resolve"}


def test_minor_complaint_forward_is_30_working_minutes(clocks):
    c = clocks(complaint(Severity.minor, "2026-11-23 18:45"), "2026-11-23 18:50")
    assert c["forward"].due == at("2026-11-24 08:15")


def test_major_complaint_at_night_never_waits_for_the_morning(clocks):
    c = clocks(complaint(Severity.major, "2026-11-21 23:10"), "2026-11-21 23:15")
    assert c["forward"].due == at("2026-11-21 23:20")
    assert c["escalate"].due == at("2026-11-22 00:10")
    assert c["resolve"].due == at("2026-11-23 23:10")  # 48 wall-clock hours
    assert c["forward"].state is ON_TIME


def test_major_complaint_forward_states_through_its_ten_minutes(clocks):
    facts = complaint(Severity.major, "2026-11-23 10:00")
    assert clocks(facts, "2026-11-23 10:05")["forward"].state is ON_TIME
    assert clocks(facts, "2026-11-23 10:08")["forward"].state is DUE_SOON  # under 25% left
    assert clocks(facts, "2026-11-23 10:11")["forward"].state is OVERDUE
    assert clocks(facts, "2026-11-23 10:11")["forward"].left == -timedelta(minutes=1)


def test_forwarded_in_time_is_met_and_late_is_missed(clocks):
    on_time = complaint(Severity.major, "2026-11-23 10:00", forwarded_at=at("2026-11-23 10:09"))
    late = complaint(Severity.major, "2026-11-23 10:00", forwarded_at=at("2026-11-23 10:25"))
    assert clocks(on_time, "2026-11-23 12:00")["forward"].state is MET
    assert clocks(late, "2026-11-23 12:00")["forward"].state is MISSED


def test_customer_requested_deadline_replaces_the_resolve_limit(clocks):
    facts = complaint(Severity.general, "2026-11-23 09:00", requested_by=at("2026-11-23 17:00"))
    resolve = clocks(facts, "2026-11-23 10:00")["resolve"]
    assert resolve.due == at("2026-11-23 17:00")
    assert resolve.basis is Basis.requested


def test_repair_arrival_is_15_working_minutes_from_the_work_order(clocks):
    facts = CaseFacts(kind=Kind.repair, severity=None, received_at=at("2026-11-23 18:40"),
                      forwarded_at=at("2026-11-23 18:50"))
    c = clocks(facts, "2026-11-23 18:55")
    assert c["arrive"].due == at("2026-11-24 08:05")  # 10 minutes tonight, 5 tomorrow morning
    assert "resolve" not in c  # a repair has a resolve clock only when the customer asked for a time


def test_repair_without_work_order_has_no_arrival_clock_yet(clocks):
    facts = CaseFacts(kind=Kind.repair, severity=None, received_at=at("2026-11-23 09:00"))
    assert clocks(facts, "2026-11-23 09:05") == {}


def test_repair_with_requested_time_gets_a_resolve_clock(clocks):
    facts = CaseFacts(kind=Kind.repair, severity=None, received_at=at("2026-11-23 09:00"),
                      requested_by=at("2026-11-23 12:00"))
    assert clocks(facts, "2026-11-23 09:05")["resolve"].due == at("2026-11-23 12:00")


def test_complaint_callback_is_24_wall_clock_hours_after_resolution(clocks):
    facts = complaint(Severity.general, "2026-11-20 10:00", forwarded_at=at("2026-11-20 10:10"),
                      resolved_at=at("2026-11-20 18:00"))
    c = clocks(facts, "2026-11-21 09:00")
    assert c["callback"].due == at("2026-11-21 18:00")
    assert c["resolve"].state is MET


def test_repair_callback_is_24_working_hours_after_resolution(clocks):
    facts = CaseFacts(kind=Kind.repair, severity=None, received_at=at("2026-11-20 09:00"),
                      forwarded_at=at("2026-11-20 09:05"), arrived_at=at("2026-11-20 09:15"),
                      resolved_at=at("2026-11-20 11:00"))
    c = clocks(facts, "2026-11-20 12:00")
    assert c["callback"].due == at("2026-11-24 13:00")  # Fri 8h, Mon 11h, Tue 5h
    assert c["arrive"].state is MET


def test_invalid_complaint_is_explained_within_one_day_of_the_decision(clocks):
    facts = complaint(Severity.general, "2026-11-20 10:00", validity=Validity.invalid,
                      validity_at=at("2026-11-23 11:00"))
    c = clocks(facts, "2026-11-23 12:00")
    assert c["explain"].due == at("2026-11-24 11:00")
    assert "analyse" not in c


def test_valid_complaint_is_analysed_within_three_days_of_the_decision(clocks):
    facts = complaint(Severity.general, "2026-11-20 10:00", validity=Validity.valid,
                      validity_at=at("2026-11-23 11:00"), analysed_at=at("2026-11-24 09:00"))
    c = clocks(facts, "2026-11-24 10:00")
    assert c["analyse"].due == at("2026-11-26 11:00")
    assert c["analyse"].state is MET
    assert "explain" not in c


def test_inquiry_promised_answer_time_becomes_a_deadline(clocks):
    facts = CaseFacts(kind=Kind.inquiry, severity=None, received_at=at("2026-11-23 09:00"),
                      promised_by=at("2026-11-23 15:00"))
    c = clocks(facts, "2026-11-23 16:00")
    assert c["answer"].due == at("2026-11-23 15:00")
    assert c["answer"].state is OVERDUE
    assert c["answer"].basis is Basis.promised


def test_inquiry_answered_at_once_has_no_clock(clocks):
    facts = CaseFacts(kind=Kind.inquiry, severity=None, received_at=at("2026-11-23 09:00"))
    assert clocks(facts, "2026-11-23 09:01") == {}


def test_suggestion_has_no_clocks(clocks):
    facts = CaseFacts(kind=Kind.suggestion, severity=None, received_at=at("2026-11-23 09:00"))
    assert clocks(facts, "2026-11-30 09:00") == {}


def test_waiting_on_the_customer_moves_the_deadline_by_exactly_the_paused_working_time(clocks):
    # Paused Mon 10:00 to Tue 10:00: 9 + 2 = 11 working hours.
    facts = complaint(Severity.general, "2026-11-23 09:00",
                      pauses=((at("2026-11-23 10:00"), at("2026-11-24 10:00")),))
    resolve = clocks(facts, "2026-11-24 11:00")["resolve"]
    assert resolve.waited == timedelta(hours=11)
    unpaused = clocks(complaint(Severity.general, "2026-11-23 09:00"), "2026-11-24 11:00")["resolve"]
    assert unpaused.due == at("2026-11-25 11:00")
    assert resolve.due == at("2026-11-26 11:00")  # one working day (11 hours) later


def test_a_clock_is_paused_while_waiting_and_its_deadline_keeps_moving(clocks):
    facts = complaint(Severity.general, "2026-11-23 09:00", pauses=((at("2026-11-23 10:00"), None),))
    early = clocks(facts, "2026-11-23 11:00")["resolve"]
    later = clocks(facts, "2026-11-23 13:00")["resolve"]
    assert early.state is WAITING and later.state is WAITING
    assert later.due - early.due == timedelta(hours=2)
    assert clocks(facts, "2026-11-23 13:00")["forward"].state is OVERDUE  # the forward clock does not pause


def test_pause_before_a_reopening_does_not_count_for_the_fresh_clock(clocks):
    facts = complaint(Severity.general, "2026-11-16 09:00", pauses=((at("2026-11-16 10:00"), at("2026-11-17 10:00")),),
                      reopened_at=at("2026-11-23 10:00"))
    resolve = clocks(facts, "2026-11-23 10:00")["resolve"]
    assert resolve.waited == timedelta(0)


def test_reopening_starts_a_fresh_resolve_clock_that_is_not_already_overdue(clocks):
    facts = complaint(Severity.general, "2026-11-02 09:00", forwarded_at=at("2026-11-02 09:10"),
                      requested_by=at("2026-11-03 12:00"), reopened_at=at("2026-11-23 10:00"))
    resolve = clocks(facts, "2026-11-23 10:00")["resolve"]
    assert resolve.start == at("2026-11-23 10:00")
    assert resolve.due == at("2026-11-25 12:00")  # a fresh 24 working hours, not the old request
    assert resolve.state is ON_TIME
    assert resolve.basis is Basis.reopened


def test_reopened_repair_gets_the_allowance_the_customer_first_asked_for(clocks):
    facts = CaseFacts(kind=Kind.repair, severity=None, received_at=at("2026-11-20 09:00"),
                      requested_by=at("2026-11-20 12:00"), reopened_at=at("2026-11-23 14:00"))
    resolve = clocks(facts, "2026-11-23 14:00")["resolve"]
    assert resolve.due == at("2026-11-23 17:00")
    assert resolve.state is ON_TIME


def test_resolution_before_a_reopening_does_not_meet_the_fresh_clock(clocks):
    facts = complaint(Severity.general, "2026-11-16 09:00", resolved_at=at("2026-11-17 09:00"),
                      reopened_at=at("2026-11-23 10:00"))
    assert clocks(facts, "2026-11-23 11:00")["resolve"].state is ON_TIME


def test_working_clock_recorded_after_hours_starts_at_the_next_opening(clocks):
    c = clocks(complaint(Severity.general, "2026-11-23 22:00"), "2026-11-23 23:00")
    assert c["forward"].due == at("2026-11-24 08:20")
    assert c["forward"].left == timedelta(minutes=20)


def test_national_day_holiday_is_skipped(clocks):
    c = clocks(complaint(Severity.general, "2026-09-30 18:50"), "2026-09-30 18:55")
    assert c["forward"].due == at("2026-10-08 08:10")


def test_make_up_working_saturday_counts(clocks):
    c = clocks(complaint(Severity.minor, "2026-10-09 18:50"), "2026-10-09 18:55")
    assert c["forward"].due == at("2026-10-10 08:20")  # Saturday 10 Oct 2026 is a make-up working day


def test_voided_case_has_no_running_clocks(clocks):
    assert clocks(complaint(Severity.major, "2026-11-23 09:00", voided=True), "2026-11-23 12:00") == {}


def test_next_clock_is_the_running_one_due_first(policy, calendar):
    facts = complaint(Severity.major, "2026-11-23 10:00", forwarded_at=at("2026-11-23 10:05"))
    found = next_clock(compute_clocks(facts, policy, calendar, at("2026-11-23 10:30")))
    assert found.name.value == "escalate"


def test_due_soon_minutes_threshold(policy, calendar):
    from dataclasses import replace

    strict = replace(policy, due_soon_share=0.0, due_soon_minutes=30, _by_case={})
    facts = complaint(Severity.general, "2026-11-23 09:00")
    [resolve] = [c for c in compute_clocks(facts, strict, calendar, at("2026-11-25 10:45")) if c.name.value == "resolve"]
    assert resolve.state is DUE_SOON  # 15 working minutes left, under the 30-minute threshold


@settings(max_examples=150, deadline=None)
@given(received=st.datetimes(min_value=at("2026-01-01 00:00").replace(tzinfo=None),
                             max_value=at("2026-12-31 00:00").replace(tzinfo=None)),
       waited=st.integers(min_value=0, max_value=5000))
def test_deadline_moves_by_exactly_the_paused_working_time(policy, calendar, received, waited):
    start = at(received.isoformat())
    pause_start = start + timedelta(minutes=7)
    pause_end = pause_start + timedelta(minutes=waited)
    now = pause_end + timedelta(minutes=1)
    plain = CaseFacts(kind=Kind.complaint, severity=Severity.general, received_at=start)
    waiting = CaseFacts(kind=Kind.complaint, severity=Severity.general, received_at=start,
                        pauses=((pause_start, pause_end),))
    [resolve_plain] = [c for c in compute_clocks(plain, policy, calendar, now) if c.name.value == "resolve"]
    [resolve_paused] = [c for c in compute_clocks(waiting, policy, calendar, now) if c.name.value == "resolve"]
    moved = calendar.working_between(resolve_plain.due, resolve_paused.due)
    assert moved == resolve_paused.waited == calendar.working_between(pause_start, pause_end)


# ---- the settled points (DOMAIN.md): overdue at any hour, hard limits, settled on the spot ----

def test_a_general_complaint_due_tue_1900_is_overdue_at_1930_and_at_midnight(clocks):
    facts = complaint(Severity.general, "2026-11-24 18:40")  # forwarding due 20 working minutes later: 19:00
    assert clocks(facts, "2026-11-24 18:59")["forward"].state is DUE_SOON
    for evening in ("2026-11-24 19:30", "2026-11-24 23:59", "2026-11-25 07:59"):
        late = clocks(facts, evening)["forward"]
        assert late.due == at("2026-11-24 19:00")
        assert late.state is OVERDUE
        assert late.left < timedelta(0)  # late, though no working minute has passed since 19:00


def test_a_customer_deadline_on_saturday_noon_is_overdue_on_saturday(clocks):
    facts = complaint(Severity.minor, "2026-11-20 10:00", forwarded_at=at("2026-11-20 10:05"),
                      requested_by=at("2026-11-21 12:00"))
    assert clocks(facts, "2026-11-21 11:00")["resolve"].state is not OVERDUE
    assert clocks(facts, "2026-11-21 12:30")["resolve"].state is OVERDUE


def test_a_complaint_settled_on_the_spot_meets_its_forward_clock(clocks):
    settled = complaint(Severity.general, "2026-11-23 10:00", resolved_at=at("2026-11-23 10:05"))
    assert clocks(settled, "2026-11-23 12:00")["forward"].state is MET
    late = complaint(Severity.general, "2026-11-23 10:00", resolved_at=at("2026-11-23 11:00"))
    assert clocks(late, "2026-11-23 12:00")["forward"].state is MISSED  # 20 working minutes passed first


def test_a_customer_cannot_stretch_a_major_complaints_48_hours(clocks):
    later = complaint(Severity.major, "2026-11-23 10:00", requested_by=at("2026-11-30 10:00"))
    assert clocks(later, "2026-11-23 10:01")["resolve"].due == at("2026-11-25 10:00")
    sooner = complaint(Severity.major, "2026-11-23 10:00", requested_by=at("2026-11-24 10:00"))
    c = clocks(sooner, "2026-11-23 10:01")["resolve"]
    assert (c.due, c.basis) == (at("2026-11-24 10:00"), Basis.requested)


def test_a_general_complaints_requested_time_only_brings_it_sooner(clocks):
    later = complaint(Severity.general, "2026-11-23 10:00", requested_by=at("2026-12-10 10:00"))
    assert clocks(later, "2026-11-23 10:01")["resolve"].due == at("2026-11-25 12:00")  # 24 working hours


def test_a_minor_complaints_requested_time_replaces_its_limit(clocks):
    later = complaint(Severity.minor, "2026-11-23 10:00", requested_by=at("2026-12-10 10:00"))
    assert clocks(later, "2026-11-23 10:01")["resolve"].due == at("2026-12-10 10:00")


def test_waiting_on_the_customer_never_stops_a_major_complaints_hard_limit(clocks):
    waiting = complaint(Severity.major, "2026-11-23 10:00", pauses=((at("2026-11-23 11:00"), None),))
    c = clocks(waiting, "2026-11-24 10:00")["resolve"]
    assert c.due == at("2026-11-25 10:00") and c.state is not WAITING


def test_a_promise_to_a_complainant_runs_the_answer_clock(clocks):
    facts = complaint(Severity.general, "2026-11-23 10:00", promised_by=at("2026-11-23 16:00"))
    c = clocks(facts, "2026-11-23 16:30")["answer"]
    assert (c.due, c.state) == (at("2026-11-23 16:00"), OVERDUE)


@settings(max_examples=200, deadline=None)
@given(received=st.integers(0, 14 * 24 * 60), later=st.integers(0, 14 * 24 * 60),
       severity=st.sampled_from(list(Severity)))
def test_an_open_clock_is_overdue_exactly_when_now_is_past_its_due(policy, calendar, received, later, severity):
    start = at("2026-11-16 00:00") + timedelta(minutes=received)
    now = start + timedelta(minutes=later)
    facts = CaseFacts(kind=Kind.complaint, severity=severity, received_at=start)
    for c in compute_clocks(facts, policy, calendar, now):
        assert (c.state is OVERDUE) == (now > c.due), c
