"""Urgent cases, outside parties and booked repairs, told as the desk's day and night (Shanghai, 2026)."""

from __future__ import annotations

import pytest

from deskapp.domain.clocks import Basis, CaseFacts, compute_clocks
from deskapp.domain.enums import ClockState, Kind, Severity
from deskapp.domain.policy import PolicyError, policy_from_dict
from tests.conftest import at


@pytest.fixture
def clocks(policy, calendar):
    def run(facts: CaseFacts, now: str) -> dict:
        return {c.name.value: c for c in compute_clocks(facts, policy, calendar, at(now))}

    return run


def test_people_trapped_in_a_lift_at_2230_are_due_a_work_order_by_2235_and_the_trade_by_2250(clocks):
    trapped = CaseFacts(Kind.repair, None, at("2026-11-24 22:30"), urgent=True)
    c = clocks(trapped, "2026-11-24 22:31")
    assert c["forward"].due == at("2026-11-24 22:35") and c["forward"].basis is Basis.urgent
    ordered = CaseFacts(Kind.repair, None, at("2026-11-24 22:30"), urgent=True, forwarded_at=at("2026-11-24 22:34"))
    c = clocks(ordered, "2026-11-24 22:50")
    assert c["forward"].state is ClockState.met
    assert c["arrive"].due == at("2026-11-24 22:49")  # 15 wall-clock minutes, not 08:15 next morning
    assert c["arrive"].state is ClockState.overdue


def test_an_ordinary_repair_at_2230_has_no_forward_clock_and_its_arrival_waits_for_the_morning(clocks):
    c = clocks(CaseFacts(Kind.repair, None, at("2026-11-24 22:30"), forwarded_at=at("2026-11-24 22:34")),
               "2026-11-24 22:50")
    assert set(c) == {"arrive"} and c["arrive"].due == at("2026-11-25 08:15")


def test_an_urgent_general_complaint_on_friday_night_is_forwarded_in_5_minutes_not_monday_0820(clocks):
    flood = CaseFacts(Kind.complaint, Severity.general, at("2026-11-20 19:30"), urgent=True)
    c = clocks(flood, "2026-11-20 19:31")
    assert c["forward"].due == at("2026-11-20 19:35")
    assert c["resolve"].due == at("2026-11-25 10:00")  # the resolve limit stays 24 working hours


def test_a_repair_booked_for_tomorrow_1430_is_due_on_site_at_1430_not_15_minutes_after_the_work_order(clocks):
    booked = CaseFacts(Kind.repair, None, at("2026-11-24 10:00"), forwarded_at=at("2026-11-24 10:05"),
                       appointment_at=at("2026-11-25 14:30"))
    c = clocks(booked, "2026-11-24 10:30")
    assert c["arrive"].due == at("2026-11-25 14:30") and c["arrive"].basis is Basis.appointment
    assert c["arrive"].state is ClockState.on_time


def test_a_repair_booked_for_five_minutes_after_the_work_order_is_still_given_its_15_working_minutes(clocks):
    soon = CaseFacts(Kind.repair, None, at("2026-11-24 10:00"), forwarded_at=at("2026-11-24 10:05"),
                     appointment_at=at("2026-11-24 10:10"))
    assert clocks(soon, "2026-11-24 10:11")["arrive"].due == at("2026-11-24 10:20")


def test_a_complaint_involving_the_water_utility_on_monday_must_reach_the_customer_by_thursday(clocks):
    facts = CaseFacts(Kind.complaint, Severity.general, at("2026-11-23 09:00"), outside_party_at=at("2026-11-23 09:00"))
    c = clocks(facts, "2026-11-26 09:01")
    assert c["contact"].due == at("2026-11-26 09:00") and c["contact"].state is ClockState.overdue
    contacted = CaseFacts(Kind.complaint, Severity.general, at("2026-11-23 09:00"),
                          outside_party_at=at("2026-11-23 09:00"), contacted_at=at("2026-11-25 16:00"))
    assert clocks(contacted, "2026-11-26 09:01")["contact"].state is ClockState.met


def test_a_complaint_with_no_outside_party_has_no_contact_clock(clocks):
    assert "contact" not in clocks(CaseFacts(Kind.complaint, Severity.minor, at("2026-11-23 09:00")), "2026-11-23 10:00")


def test_urgent_minutes_must_be_more_than_zero():
    with pytest.raises(PolicyError, match="urgent_minutes must be more than 0"):
        policy_from_dict({"clock": [{"name": "forward", "kinds": ["repair"], "urgent_minutes": 0}]})
