"""The internal coordination work order, follow-ups of corrective actions and chasing, at the desk's services.

A major complaint on Monday morning: the supervisor writes the coordination work order (Xu Ming to
replace the riser valve by Tuesday 17:00, Sun Qiang to inspect the floor above by Monday 18:00); each
action runs its own clock, shown with the case's other clocks, until it is recorded done.
"""

from __future__ import annotations

import pytest
from sqlmodel import Session, func, select

from deskapp.desk import workflow
from deskapp.desk.access import set_pin
from deskapp.desk.coordination import add_action, chase, check_followup, complete_action
from deskapp.desk.intake import record_intake
from deskapp.domain.enums import ClockName, ClockState, Kind, NoteKind, Severity, Status
from deskapp.domain.errors import DeskError, NotAllowed
from deskapp.domain.intake import Intake
from deskapp.models import Case, CaseAction, HistoryEvent
from deskapp.reads.action_figures import case_actions
from deskapp.reads.queries import case_detail
from deskapp.reads.queue import line_at, load_open
from deskapp.upkeep.check import check
from deskapp.words.history import event_words
from tests.conftest import SHANGHAI, at

ALL_BACKENDS = True


def flood(desk) -> int:
    intake = Intake(kind=Kind.complaint, severity=Severity.major, who="Ms Li", which="Tower B 12F unit 1203",
                    what="water pouring through the ceiling", phone="138 0013 8000", received_at=at("2026-11-23 08:50"))
    return record_intake(desk, intake, by="Wang Fang").case.id


def action_clocks(desk, case_id: int):
    return [c for c in case_detail(desk, case_id).view.clocks if c.name is ClockName.action]


def rows(desk, table) -> int:
    with Session(desk.engine) as s:
        return s.exec(select(func.count()).select_from(table)).one()


def test_each_action_of_the_work_order_runs_its_own_clock_beside_the_policys(desk):
    case = flood(desk)
    add_action(desk, case, "Xu Ming", "replace the riser valve", at("2026-11-24 17:00"), by="Chen Jing")
    add_action(desk, case, "Sun Qiang", "inspect the flat above", at("2026-11-23 18:00"), by="Chen Jing")
    clocks = case_detail(desk, case).view.clocks
    assert [c.name for c in clocks][-2:] == [ClockName.action, ClockName.action]
    assert ClockName.resolve in {c.name for c in clocks}  # the policy's clocks are still there
    assert [c.due for c in action_clocks(desk, case)] == [at("2026-11-24 17:00"), at("2026-11-23 18:00")]
    lines = case_actions(desk, case)
    assert [(x.number, x.owner, x.what) for x in lines] == [(1, "Xu Ming", "replace the riser valve"),
                                                           (2, "Sun Qiang", "inspect the flat above")]


def test_the_queue_sorts_a_case_by_an_action_falling_due_first(desk):
    case = flood(desk)
    workflow.forward(desk, case, "Engineering", by="Wang Fang")
    workflow.escalate(desk, case, by="Wang Fang")
    desk.clock.set(at("2026-11-23 09:05"))
    add_action(desk, case, "Xu Ming", "shut the riser", at("2026-11-23 09:30"), by="Chen Jing")
    entries, _ = load_open(desk)
    line = line_at(entries[0], desk.policy, desk.calendar, at("2026-11-23 09:40"))
    assert line.next.name is ClockName.action and line.state is ClockState.overdue


def test_an_action_done_after_its_deadline_is_met_late_and_says_so(desk):
    case = flood(desk)
    add_action(desk, case, "Xu Ming", "replace the riser valve", at("2026-11-23 12:00"), by="Chen Jing")
    desk.clock.set(at("2026-11-23 13:10"))
    complete_action(desk, case, 1, "valve replaced, no more water", by="Xu Ming")
    clock = action_clocks(desk, case)[0]
    assert clock.state is ClockState.missed and clock.met_at == at("2026-11-23 13:10")
    done = case_detail(desk, case).history[-1]
    assert done.action == "action_done" and done.details == {"action": 1, "late": True}
    assert event_words(done, SHANGHAI).startswith("action 1 done late: valve replaced")


def test_an_action_done_in_time_is_met(desk):
    case = flood(desk)
    add_action(desk, case, "Xu Ming", "replace the riser valve", at("2026-11-24 17:00"), by="Chen Jing")
    desk.clock.set(at("2026-11-24 10:00"))
    complete_action(desk, case, 1, by="Xu Ming")
    assert action_clocks(desk, case)[0].state is ClockState.met
    assert case_actions(desk, case)[0].done_by == "Xu Ming"


@pytest.mark.parametrize(("owner", "what", "due", "message"), [
    ("", "replace the valve", at("2026-11-24 17:00"), "owner responsible for the action is needed"),
    ("Xu Ming", "  ", at("2026-11-24 17:00"), "what is to be done is needed"),
    ("Xu Ming", "replace the valve", at("2026-11-23 08:00"), "is not after"),
    ("Xu Ming", "replace the valve", None, "a deadline is needed"),
])
def test_an_action_without_what_who_or_a_later_deadline_is_refused_and_nothing_is_written(desk, owner, what, due,
                                                                                         message):
    case = flood(desk)
    before = rows(desk, HistoryEvent)
    with pytest.raises(DeskError, match=message):
        add_action(desk, case, owner, what, due, by="Chen Jing")
    assert rows(desk, CaseAction) == 0 and rows(desk, HistoryEvent) == before


def test_an_action_is_recorded_done_once_and_only_one_that_exists(desk):
    case = flood(desk)
    add_action(desk, case, "Xu Ming", "replace the riser valve", at("2026-11-24 17:00"), by="Chen Jing")
    with pytest.raises(DeskError, match="has no action 2"):
        complete_action(desk, case, 2, by="Xu Ming")
    complete_action(desk, case, 1, by="Xu Ming")
    with pytest.raises(NotAllowed, match="already recorded done"):
        complete_action(desk, case, 1, by="Xu Ming")


def test_a_corrective_note_with_a_follow_up_date_runs_the_followup_clock_until_checked(desk):
    case = flood(desk)
    workflow.add_note(desk, case, "riser valves replaced on floors 11 to 13", NoteKind.corrective, by="Sun Qiang",
                      followup=at("2026-12-01 19:00"))
    clock = next(c for c in case_detail(desk, case).view.clocks if c.name is ClockName.followup)
    assert clock.due == at("2026-12-01 19:00") and clock.running
    note = case_detail(desk, case).history[-1]
    assert note.details["followup"] == 1 and "follow-up 1 by" in event_words(note, SHANGHAI)
    desk.clock.set(at("2026-12-01 10:00"))
    check_followup(desk, case, "no water on the ceiling since; tenant content", by="Wang Fang")
    clock = next(c for c in case_detail(desk, case).view.clocks if c.name is ClockName.followup)
    assert clock.state is ClockState.met
    assert case_actions(desk, case)[0].result == "no water on the ceiling since; tenant content"


def test_a_follow_up_date_belongs_to_a_corrective_note_only_and_a_check_needs_one(desk):
    case = flood(desk)
    before = rows(desk, HistoryEvent)
    with pytest.raises(DeskError, match="only a corrective note"):
        workflow.add_note(desk, case, "called the tenant", NoteKind.progress, followup=at("2026-12-01 19:00"))
    with pytest.raises(NotAllowed, match="no follow-up to check"):
        check_followup(desk, case, "looked fine", by="Wang Fang")
    with pytest.raises(DeskError, match="result of the follow-up check is needed"):
        check_followup(desk, case, " ", by="Wang Fang")
    assert rows(desk, HistoryEvent) == before and rows(desk, CaseAction) == 0


def test_each_chase_is_an_event_naming_the_department_and_the_case_counts_them(desk):
    case = flood(desk)
    workflow.forward(desk, case, "Engineering", by="Wang Fang")
    desk.clock.set(at("2026-11-23 10:30"))
    chase(desk, case, "Ms Li called again: still dripping", by="Wang Fang")
    chase(desk, case, "", by="Chen Jing")
    detail = case_detail(desk, case)
    assert detail.view.case.chase_count == 2
    first, second = [h for h in detail.history if h.action == "chase"]
    assert first.at == at("2026-11-23 10:30") and first.details == {"department": "Engineering", "chase": 1}
    assert first.changes == {"chase_count": [0, 1]}
    assert event_words(first, SHANGHAI).startswith("chase 1: Engineering chased: Ms Li called again")


def test_a_closed_case_is_not_chased(desk):
    question = Intake(kind=Kind.inquiry, who="Mr Wu", what="when is the lift serviced", received_at=at("2026-11-23 08:55"))
    case = record_intake(desk, question, by="Wang Fang").case.id
    workflow.resolve(desk, case, "Thursday morning", by="Wang Fang")
    with pytest.raises(NotAllowed, match="cannot be chased: it is closed"):
        chase(desk, case, by="Wang Fang")


def test_once_the_desk_has_pins_only_receptionists_and_supervisors_chase(desk):
    case = flood(desk)
    set_pin(desk, "Chen Jing", "990011")
    with pytest.raises(NotAllowed, match="cannot chase a case"):
        chase(desk, case, by="Xu Ming")
    chase(desk, case, by="Liu Yang")
    with Session(desk.engine) as s:
        assert s.get(Case, case).chase_count == 1


def test_the_check_replays_actions_follow_ups_and_chases_cleanly(desk):
    case = flood(desk)
    add_action(desk, case, "Xu Ming", "replace the riser valve", at("2026-11-24 17:00"), by="Chen Jing")
    complete_action(desk, case, 1, "done", by="Xu Ming")
    workflow.add_note(desk, case, "valves replaced", NoteKind.corrective, followup=at("2026-12-01 19:00"))
    check_followup(desk, case, "holding", by="Wang Fang")
    chase(desk, case, "called again", by="Wang Fang")
    workflow.resolve(desk, case, "valve replaced", by="Wang Fang")
    report = check(desk)
    assert report.ok, (report.records, report.history)
    with Session(desk.engine) as s:
        assert s.get(Case, case).status is Status.resolved


def test_an_action_deleted_behind_the_desks_back_is_found_by_the_check(desk):
    from sqlalchemy import text

    case = flood(desk)
    add_action(desk, case, "Xu Ming", "replace the riser valve", at("2026-11-24 17:00"), by="Chen Jing")
    workflow.add_note(desk, case, "valves replaced", NoteKind.corrective, followup=at("2026-12-01 19:00"))
    assert check(desk).ok
    with desk.engine.begin() as c:
        c.execute(text("DELETE FROM case_actions WHERE clock = 'action'"))
    assert check(desk).records == [
        "case 1: coordination actions and follow-ups holds 1 rows but the history records 2"]
