"""Batch incidents: a burst pipe on Tower B's 12th floor makes three calls in half an hour; the desk
opens one incident from them, links a fourth call, resolves the incident once, and each caller is
called back about their own case."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text
from sqlmodel import select

from deskapp.desk import incidents, workflow
from deskapp.desk.access import set_pin
from deskapp.desk.intake import record_intake
from deskapp.domain.enums import Kind, Severity, Status
from deskapp.domain.errors import DeskError, NotAllowed, NotFound
from deskapp.domain.intake import Intake
from deskapp.models import Callback, Case
from deskapp.reads.incidents import incident_list, incident_view, open_incident_of
from deskapp.upkeep.replay import replay_check
from tests.conftest import at
from tests.helpers import actions_of, history

ALL_BACKENDS = True


def leak(desk, phone: str, received: str, who: str = "Ms Li", which: str = "Tower B 12F 1203",
         category: str = "water leak", kind: Kind = Kind.complaint) -> int:
    return record_intake(desk, Intake(kind=kind, severity=Severity.general if kind is Kind.complaint else None,
                                      who=who, which=which, what="water coming through the ceiling", phone=phone,
                                      category=category, received_at=at(received))).case.id


def the_morning_leak(desk) -> list[int]:
    return [leak(desk, "13800138000", "2026-11-23 08:20"),
            leak(desk, "13900139000", "2026-11-23 08:35", who="Mr Ma", which="Tower B 12F 1210"),
            leak(desk, "13700137000", "2026-11-23 08:50", who="Ms Zhao", which="B座12层1205室")]


def incident_of(desk, case_id: int) -> int | None:
    with desk.reading() as session:
        return session.get(Case, case_id).incident_id


def test_the_three_calls_of_the_morning_leak_open_one_incident(desk):
    ids = the_morning_leak(desk)
    opened = incidents.open_incident(desk, ids, by="Wang Fang")
    assert (opened.place, opened.category, opened.callers, opened.opened_by) == ("Tower B 12F", "water leak", 3, "Wang Fang")
    assert [c.id for c in opened.cases] == ids and not opened.resolved
    assert all(incident_of(desk, i) == opened.number for i in ids)
    assert all(actions_of(desk, i) == ["intake", "incident"] for i in ids)
    assert replay_check(desk) == []


def test_a_fourth_call_joins_it_and_a_mistaken_one_leaves_with_its_reason(desk):
    number = incidents.open_incident(desk, the_morning_leak(desk)).number
    fourth = leak(desk, "13600136000", "2026-11-23 08:58", who="Mr Sun")
    view = incidents.link_case(desk, fourth, number, by="Wang Fang")
    assert view.case.incident_id == number and incident_view(desk, number).callers == 4
    incidents.unlink_case(desk, fourth, "he meant the leak on the 14th floor", by="Wang Fang")
    assert incident_of(desk, fourth) is None and incident_view(desk, number).callers == 3
    assert history(desk, fourth)[-1].note == "he meant the leak on the 14th floor"
    assert replay_check(desk) == []


def test_resolving_the_incident_once_resolves_every_linked_open_case_each_with_its_callback(desk):
    ids = the_morning_leak(desk)
    number = incidents.open_incident(desk, ids).number
    desk.clock.set(at("2026-11-23 11:00"))
    done = incidents.resolve_incident(desk, number, "riser valve replaced on 12F; ceilings dried", by="Wang Fang")
    assert done.resolved and done.resolution == "riser valve replaced on 12F; ceilings dried"
    with desk.reading() as session:
        cases = [session.get(Case, i) for i in ids]
        callbacks = session.exec(select(Callback.case_id).where(Callback.case_id.in_(ids))).all()
    assert {c.status for c in cases} == {Status.resolved}
    assert {c.outcome for c in cases} == {"riser valve replaced on 12F; ceilings dried"}
    assert sorted(callbacks) == ids  # one callback per caller, each about their own case
    assert all(actions_of(desk, i)[-1] == "resolve" for i in ids)
    assert f'"incident": {number}' in history(desk, ids[0])[-1].details
    with pytest.raises(NotAllowed, match="already resolved"):
        incidents.resolve_incident(desk, number, "again")
    assert replay_check(desk) == []


def test_a_case_already_resolved_on_its_own_is_left_as_it_was(desk):
    ids = the_morning_leak(desk)
    number = incidents.open_incident(desk, ids).number
    workflow.resolve(desk, ids[0], "Ms Li's ceiling patched first")
    incidents.resolve_incident(desk, number, "riser valve replaced")
    with desk.reading() as session:
        assert session.get(Case, ids[0]).outcome == "Ms Li's ceiling patched first"
        assert session.get(Case, ids[1]).outcome == "riser valve replaced"


def test_who_may_resolve_is_asked_of_every_case_and_one_refusal_writes_nothing(desk, monkeypatch):
    ids = the_morning_leak(desk)
    number = incidents.open_incident(desk, ids).number
    from deskapp.desk import operation

    real = operation.refused

    def only_supervisors_resolve_the_third(session, step, actor, case):
        if step == "resolve" and case.id == ids[2]:
            return f"Wang Fang cannot resolve case {case.id}: that is for a supervisor (Chen Jing)"
        return real(session, step, actor, case)

    monkeypatch.setattr(operation, "refused", only_supervisors_resolve_the_third)
    with pytest.raises(NotAllowed, match="that is for a supervisor"):
        incidents.resolve_incident(desk, number, "riser valve replaced", by="Wang Fang")
    assert not incident_view(desk, number).resolved
    assert all(actions_of(desk, i) == ["intake", "incident"] for i in ids)


def test_an_incident_opens_only_with_the_cases_of_one_problem_in_one_place(desk):
    ids = the_morning_leak(desk)
    lift = leak(desk, "13500135000", "2026-11-23 08:55", category="lift fault")
    other_floor = leak(desk, "13400134000", "2026-11-23 08:56", which="Tower B 14F 1401")
    for wrong in (lift, other_floor):
        with pytest.raises(DeskError, match="an incident opens with the cases of one problem in one place"):
            incidents.open_incident(desk, [*ids, wrong])
    assert incident_list(desk) == [] and all(incident_of(desk, i) is None for i in ids)
    with pytest.raises(DeskError, match="named twice"):
        incidents.open_incident(desk, [ids[0], ids[0]])
    with pytest.raises(NotFound, match="there is no case 9999"):
        incidents.open_incident(desk, [9999])


def test_a_case_is_in_one_incident_at_most_and_a_resolved_incident_takes_no_more(desk):
    ids = the_morning_leak(desk)
    number = incidents.open_incident(desk, ids[:2]).number
    with pytest.raises(NotAllowed, match=f"already in incident {number}"):
        incidents.open_incident(desk, [ids[1], ids[2]])
    incidents.resolve_incident(desk, number, "valve replaced")
    with pytest.raises(NotAllowed, match="is resolved"):
        incidents.link_case(desk, ids[2], number)
    with pytest.raises(NotAllowed, match="stay linked"):
        incidents.unlink_case(desk, ids[0])
    with pytest.raises(NotFound, match="there is no incident 77"):
        incidents.link_case(desk, ids[2], 77)


def test_intake_links_the_new_call_to_the_open_incident_or_opens_one_from_the_batch(desk):
    ids = the_morning_leak(desk)
    intake = Intake(kind=Kind.complaint, severity=Severity.general, who="Mr Sun", which="Tower B 12F 1207",
                    what="ceiling dripping", phone="13600136000", category="leak", received_at=at("2026-11-23 08:59"))
    view = incidents.with_incident(desk, lambda: record_intake(desk, intake), ids)
    number = view.case.incident_id
    assert number is not None and [c.id for c in incident_view(desk, number).cases] == [*ids, view.case.id]
    assert open_incident_of(desk, ids) == number
    fifth = incidents.with_incident(desk, lambda: record_intake(desk, intake), ids)
    assert fifth.case.incident_id == number and incident_view(desk, number).callers == 4  # Mr Sun twice: one caller
    assert replay_check(desk) == []


def test_a_link_written_beside_the_history_is_found_by_the_check(desk):
    ids = the_morning_leak(desk)
    number = incidents.open_incident(desk, ids[:2]).number
    with desk.engine.begin() as c:
        c.execute(text("UPDATE cases SET incident_id = :n WHERE id = :c"), {"n": number, "c": ids[2]})
    assert any(f"case {ids[2]}" in p and "incident" in p for p in replay_check(desk))


def test_once_the_desk_has_pins_the_incident_steps_are_signed_by_who_took_them(desk):
    set_pin(desk, "Chen Jing", "246810")
    ids = the_morning_leak(desk)
    number = incidents.open_incident(desk, ids, by="Chen Jing").number
    assert incidents.resolve_incident(desk, number, "valve replaced", by="Chen Jing").resolved_by == "Chen Jing"


def test_the_month_report_counts_the_incident_once_with_its_callers(desk):
    from deskapp.output import reports
    from deskapp.reads.statistics import month, statistics
    from tests.conftest import SHANGHAI

    tenth = [leak(desk, "13800138000", "2026-11-10 08:20"),
             leak(desk, "13900139000", "2026-11-10 08:35", who="Mr Ma", which="Tower B 12F 1210"),
             leak(desk, "13900139000", "2026-11-10 08:40", who="Mr Ma", which="Tower B 12F 1210"),  # he called twice
             leak(desk, "13700137000", "2026-11-10 08:50", who="Ms Zhao")]
    leak(desk, "13500135000", "2026-11-12 10:00", category="lift fault", which="Tower A 3F 301")
    leak(desk, "13400134000", "2026-11-14 15:00", which="Tower A 5F 501")
    october = [leak(desk, "13300133000", "2026-10-30 09:00", which="Tower A 7F 701"),
               leak(desk, "13200132000", "2026-10-30 09:10", which="Tower A 7F 702")]
    number = incidents.open_incident(desk, tenth, at=at("2026-11-10 09:00")).number
    incidents.resolve_incident(desk, number, "riser valve replaced", at=at("2026-11-10 14:00"))
    incidents.open_incident(desk, october, at=at("2026-10-30 09:30"))
    november = statistics(desk, month(2026, 11, SHANGHAI))
    data = json.loads(reports.write(november, "json", SHANGHAI))
    assert data["cases"] == 6  # as it always was: every call its case, linked or not
    assert data["incidents"] == {
        "count": 1, "callers": 3, "linked_cases": 4, "cases_counting_each_incident_once": 3,
        "list": [{"number": number, "opened_at": "2026-11-10T09:00:00+08:00", "place": "Tower B 12F",
                  "category": "water leak", "callers": 3, "cases": tenth, "resolved": True,
                  "resolution": "riser valve replaced"}]}
    shown = reports.write(november, "md", SHANGHAI)
    assert "## Batch incidents" in shown and "| 1 " in shown and "Tower B 12F" in shown
    assert "| cases, each incident counted once |" in shown
    assert "Batch incidents" not in reports.write(statistics(desk, month(2026, 12, SHANGHAI)), "md", SHANGHAI)


def test_a_resolution_changed_beside_the_history_is_found_by_the_check(desk):
    number = incidents.open_incident(desk, the_morning_leak(desk)).number
    incidents.resolve_incident(desk, number, "riser valve replaced")
    with desk.engine.begin() as c:
        c.execute(text("UPDATE incidents SET resolution = 'nothing was wrong' WHERE id = :n"), {"n": number})
    assert replay_check(desk) == [f"incident {number}: its resolution is 'nothing was wrong' but its cases' "
                                  "histories say 'riser valve replaced' (changed without an event)"]
    with desk.engine.begin() as c:
        c.execute(text("UPDATE incidents SET resolved_at = NULL WHERE id = :n"), {"n": number})
    assert replay_check(desk) == [f"incident {number} is not resolved but its cases' histories resolve it"]
