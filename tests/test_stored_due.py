"""A due time, once given, is a fact: the supervisor's edits to the policy move only new clocks."""

from __future__ import annotations

import contextlib
import json
from dataclasses import replace
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import Session, col, select

from deskapp.config.datafiles import read_toml
from deskapp.config.paths import data_dir
from deskapp.desk import workflow
from deskapp.desk.history import plain
from deskapp.desk.intake import record_intake
from deskapp.desk.retime import retime_open, retime_preview
from deskapp.domain.enums import ClockName, Kind, Severity
from deskapp.domain.errors import NotAllowed
from deskapp.domain.intake import Intake
from deskapp.domain.policy import policy_from_dict
from deskapp.models import CaseClock, HistoryEvent
from deskapp.reads.queries import case_detail, list_cases
from deskapp.reads.statistics import month, statistics
from deskapp.store.context import Desk
from deskapp.words.history import event_words
from tests.conftest import at

ALL_BACKENDS = True


def complaint(received: str, severity: Severity = Severity.general, **more) -> Intake:
    return Intake(kind=Kind.complaint, severity=severity, who="Ms Li", which="Tower B 12F unit 1203",
                  what="water dripping from the ceiling", phone="138 0013 8000", received_at=at(received), **more)


def edited_policy(resolve_hours: float = 12, forward_minutes: float = 40):
    """data/policy.toml as a supervisor might edit it: general complaints resolved in `resolve_hours`."""
    raw = read_toml(data_dir() / "policy.toml")
    for rule in raw["clock"]:
        if rule.get("severities") == ["general"] and rule["name"] == "resolve":
            rule["hours"] = resolve_hours
        if rule.get("severities") == ["general"] and rule["name"] == "forward":
            rule["minutes"] = forward_minutes
    return policy_from_dict(raw)


def under(desk: Desk, policy) -> Desk:
    """The same database and clock, the app started on another policy."""
    return replace(desk, policy=policy)


def due(desk: Desk, case_id: int, name: str):
    return next(c.due for c in case_detail(desk, case_id).view.clocks if c.name.value == name)


def events(desk: Desk, case_id: int, action: str) -> list[HistoryEvent]:
    with Session(desk.engine) as s:
        return list(s.exec(select(HistoryEvent).where(HistoryEvent.case_id == case_id, HistoryEvent.action == action)
                           .order_by(col(HistoryEvent.id))))


def test_a_general_complaint_keeps_its_wednesday_deadline_when_the_supervisor_shortens_the_policy(desk):
    case_id = record_intake(desk, complaint("2026-11-23 08:30")).case.id
    assert due(desk, case_id, "resolve") == at("2026-11-25 10:30")  # 24 working hours
    edited = under(desk, edited_policy(resolve_hours=12))
    assert due(edited, case_id, "resolve") == at("2026-11-25 10:30")
    # The next call follows the new rules.
    later = record_intake(edited, complaint("2026-11-23 08:45")).case.id
    assert due(edited, later, "resolve") == at("2026-11-24 09:45")


def test_the_stored_clock_names_the_rules_it_was_computed_under(desk):
    case_id = record_intake(desk, complaint("2026-11-23 08:30")).case.id
    record_intake(under(desk, edited_policy()), complaint("2026-11-23 08:40"))
    with Session(desk.engine) as s:
        versions = {(r.case_id, r.policy_version) for r in s.exec(select(CaseClock).where(CaseClock.name == "resolve"))}
    assert len({v for _, v in versions}) == 2
    intake_event = events(desk, case_id, "intake")[0]
    assert set(json.loads(intake_event.details)["clocks"]) == {"forward", "resolve"}


def test_waiting_on_the_customer_moves_the_resolve_deadline_by_the_wait_with_its_event(desk):
    case_id = record_intake(desk, complaint("2026-11-23 08:30")).case.id
    desk.clock.set(at("2026-11-23 09:30"))
    workflow.pause(desk, case_id, "customer abroad until 11:30")
    desk.clock.set(at("2026-11-23 11:30"))
    workflow.resume(desk, case_id, at=at("2026-11-23 11:30"))
    assert due(desk, case_id, "resolve") == at("2026-11-25 12:30")
    resumed = events(desk, case_id, "resume")[-1]
    assert json.loads(resumed.changes)["due_resolve"] == ["2026-11-25T02:30:00+00:00", "2026-11-25T04:30:00+00:00"]
    assert "resolve due: Wed 25 Nov 10:30 → Wed 25 Nov 12:30" in event_words(
        case_detail(desk, case_id).history[-1], desk.calendar.tz)


def test_a_month_report_reprinted_after_a_policy_change_gives_the_same_figures(desk):
    for received in ("2026-11-02 09:00", "2026-11-03 10:00", "2026-11-04 18:30"):
        desk.clock.set(at(received))
        case_id = record_intake(desk, complaint(received)).case.id
        desk.clock.set(at(received) + timedelta(hours=30))
        workflow.forward(desk, case_id, "Engineering", at=at(received) + timedelta(minutes=15))
        workflow.resolve(desk, case_id, "pipe fixed", at=at(received) + timedelta(hours=26))
    desk.clock.set(at("2026-12-01 09:00"))
    november = month(2026, 11, desk.calendar.tz)
    printed = statistics(desk, november)
    reprinted = statistics(under(desk, edited_policy(resolve_hours=2, forward_minutes=5)), november)
    assert reprinted.clocks == printed.clocks
    assert [(x.case_id, x.clock, x.due) for x in reprinted.late] == [(x.case_id, x.clock, x.due) for x in printed.late]
    # Under the edited rules (2 working hours, 5 minutes) every one of them would have been late.
    assert printed.clocks[ClockName.resolve].met == 3 and printed.clocks[ClockName.forward].met == 3


def test_retime_moves_the_open_clocks_onto_todays_rules_with_a_history_event_each(desk):
    open_id = record_intake(desk, complaint("2026-11-23 08:30")).case.id
    settled_id = record_intake(desk, complaint("2026-11-23 08:35")).case.id
    workflow.forward(desk, settled_id, "Engineering")
    edited = under(desk, edited_policy(resolve_hours=12))
    preview = retime_preview(edited)
    assert {(m.case_id, m.clock.value) for m in preview} == {(open_id, "forward"), (open_id, "resolve"),
                                                              (settled_id, "resolve")}
    assert events(desk, open_id, "retime") == []  # the preview writes nothing
    retime_open(edited, by="Chen Jing")
    assert due(edited, open_id, "resolve") == at("2026-11-24 09:30")
    changes = json.loads(events(desk, open_id, "retime")[0].changes)
    assert changes["due_resolve"] == ["2026-11-25T02:30:00+00:00", "2026-11-24T01:30:00+00:00"]
    # The forwarded case's forward clock was met: it keeps the due it was met by.
    assert "due_forward" not in json.loads(events(desk, settled_id, "retime")[0].changes)
    assert retime_preview(edited) == []


def test_retime_is_refused_to_a_receptionist_and_moves_nothing(desk):
    case_id = record_intake(desk, complaint("2026-11-23 08:30")).case.id
    edited = under(desk, edited_policy(resolve_hours=12))
    with pytest.raises(NotAllowed, match="only a supervisor can re-time.*Chen Jing"):
        retime_open(edited, by="Wang Fang")
    assert due(edited, case_id, "resolve") == at("2026-11-25 10:30")
    assert events(desk, case_id, "retime") == []


def test_list_overdue_reads_the_stored_due_after_the_policy_is_lengthened(desk):
    case_id = record_intake(desk, complaint("2026-11-23 08:30")).case.id
    desk.clock.set(at("2026-11-23 09:00"))  # forward was due 08:50
    lengthened = under(desk, edited_policy(forward_minutes=120))
    assert [v.case.id for v in list_cases(lengthened, overdue=True)] == [case_id]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(calls=st.lists(st.tuples(st.sampled_from(list(Severity)), st.integers(0, 24 * 60)), min_size=1, max_size=3),
       hours=st.sampled_from([6, 12, 36]), by=st.sampled_from(["Chen Jing", "Wang Fang"]))
def test_retime_changes_a_stored_due_only_with_a_history_event_saying_so(desk, calls, hours, by):
    desk.clock.set(at("2026-11-25 09:00"))
    start = at("2026-11-24 00:00")
    ids = [record_intake(desk, replace(complaint("2026-11-24 00:00", severity), received_at=start + timedelta(minutes=m)))
           .case.id for severity, m in calls]
    edited = under(desk, edited_policy(resolve_hours=hours))
    before = {i: {c.name.value: c.due for c in case_detail(desk, i).view.clocks} for i in ids}
    assert {i: {c.name.value: c.due for c in case_detail(edited, i).view.clocks} for i in ids} == before
    with contextlib.suppress(NotAllowed):
        retime_open(edited, by=by)
    for i in ids:
        after = {c.name.value: c.due for c in case_detail(edited, i).view.clocks}
        said = {}
        for event in events(desk, i, "retime"):
            said |= {k.removeprefix("due_"): v for k, v in json.loads(event.changes).items()}
        moved = {name: [plain(before[i][name]), plain(due)] for name, due in after.items() if due != before[i][name]}
        assert said == moved
        assert not moved or by == "Chen Jing"
