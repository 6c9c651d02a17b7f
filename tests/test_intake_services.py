"""Drafts, notices and the caller's history, on the desk's own database file."""

from __future__ import annotations

from datetime import timedelta

import pytest
from typer.testing import CliRunner

from deskapp.desk import drafts, workflow
from deskapp.desk.intake import (
    answer_on_the_spot,
    attach_call,
    record_and_forward,
    record_intake,
)
from deskapp.desk.notices import add_notice
from deskapp.domain.batch import BatchRule
from deskapp.domain.enums import Kind, Role, Severity, Status
from deskapp.domain.errors import DeskError
from deskapp.domain.intake import Intake
from deskapp.reads import callers, notices
from tests.conftest import at


def _complaint(desk, phone="13800138000", who="Ms Li", which="Tower B 12F 1203", category="water leak",
               received="2026-11-23 08:40", severity=Severity.general):
    return record_intake(desk, Intake(kind=Kind.complaint, severity=severity, who=who, phone=phone, which=which,
                                      category=category, what="water dripping", received_at=at(received))).case.id


def test_a_draft_belongs_to_its_operator_and_is_replaced_as_they_type(desk):
    drafts.save_draft(desk, "Wang Fang", {"who": "Ms Li", "what": ""})
    desk.clock.set(at("2026-11-23 09:01"))
    drafts.save_draft(desk, "Wang Fang", {"who": "Ms Li", "what": "leak"})
    kept = drafts.load_draft(desk, "Wang Fang")
    assert kept.fields == {"who": "Ms Li", "what": "leak"}
    assert kept.saved_at == at("2026-11-23 09:01")
    assert drafts.load_draft(desk, "Liu Yang") is None


def test_an_emptied_form_or_a_discard_removes_the_draft(desk):
    drafts.save_draft(desk, "Wang Fang", {"who": "Ms Li"})
    drafts.save_draft(desk, "Wang Fang", {"who": ""})
    assert drafts.load_draft(desk, "Wang Fang") is None
    drafts.save_draft(desk, "Wang Fang", {"who": "Ms Li"})
    drafts.discard_draft(desk, "Wang Fang")
    assert drafts.load_draft(desk, "Wang Fang") is None


def test_a_draft_for_someone_not_on_the_staff_list_is_refused(desk):
    with pytest.raises(DeskError, match="not on the staff list"):
        drafts.save_draft(desk, "Nobody", {"who": "x"})


def test_notices_match_the_callers_building_floor_and_time(desk):
    water = add_notice(desk, "water", "Water off", at("2026-11-23 10:00"), at("2026-11-23 14:00"),
                               building="Tower B", floors="12F, 13").notice
    everywhere = add_notice(desk, "cleaning", "Lobby floor waxing", at("2026-11-23 08:00"),
                                    at("2026-11-23 09:30")).notice
    add_notice(desk, "power", "Power off", at("2026-11-25 10:00"), at("2026-11-25 12:00"), building="Tower B")
    ahead = timedelta(hours=24)
    now = at("2026-11-23 09:00")
    assert water.floors == "12,13"
    assert [n.id for n in notices.matching_notices(desk, "tower b", "12", now, ahead)] == [everywhere.id, water.id]
    assert [n.id for n in notices.matching_notices(desk, "Tower B", "3", now, ahead)] == [everywhere.id]
    assert [n.id for n in notices.matching_notices(desk, "Tower B", "", now, ahead)] == [everywhere.id, water.id]
    assert [n.id for n in notices.matching_notices(desk, "Tower A", "12", at("2026-11-23 11:00"), ahead)] == []


def test_a_notice_later_than_the_announcement_rule_is_kept_with_a_warning(desk):
    posted = add_notice(desk, "lift", "Lift 3 repair", at("2026-11-23 12:00"), at("2026-11-23 15:00"),
                                building="Tower A", announce_ahead=timedelta(hours=24))
    assert posted.notice.id and "less than 24 hours" in posted.warning
    on_time = add_notice(desk, "lift", "Lift 3 service", at("2026-11-25 12:00"), at("2026-11-25 15:00"),
                                 announce_ahead=timedelta(hours=24))
    assert on_time.warning is None
    assert [n.title for n in notices.list_notices(desk)] == ["Lift 3 repair", "Lift 3 service"]


@pytest.mark.parametrize("topic, title, starts, ends, message", [
    ("gas", "x", "2026-11-24 09:00", "2026-11-24 10:00", "not a notice topic"),
    ("water", " ", "2026-11-24 09:00", "2026-11-24 10:00", "needs a title"),
    ("water", "x", "2026-11-24 10:00", "2026-11-24 09:00", "must end after it starts"),
    ("water", "x", "2026-11-20 09:00", "2026-11-20 10:00", "ends in the past"),
])
def test_a_notice_that_makes_no_sense_is_refused_in_plain_words(desk, topic, title, starts, ends, message):
    with pytest.raises(DeskError, match=message):
        add_notice(desk, topic, title, at(starts), at(ends))


def test_a_repeat_caller_by_phone_sees_open_cases_and_complaints_of_the_last_30_days(desk):
    open_one = _complaint(desk)
    closed_recent = _complaint(desk, received="2026-11-10 10:00")
    workflow.resolve(desk, closed_recent, "fixed", at=at("2026-11-10 12:00"))
    old = _complaint(desk, received="2026-10-01 10:00")
    workflow.void(desk, old, "duplicate", by="Chen Jing", at=at("2026-10-01 11:00"))
    other = _complaint(desk, phone="13900139000", which="Tower A 3F 301")
    found = callers.caller_history(desk, phone="138-0013-8000")
    assert [c.id for c in found.open_cases] == [open_one, closed_recent]  # resolved awaits its callback: still open
    assert [c.id for c in found.recent_complaints] == [open_one, closed_recent]
    assert other not in [c.id for c in found.open_cases]


def test_a_repeat_caller_by_unit_needs_building_floor_and_unit(desk):
    case = _complaint(desk, phone="")
    assert [c.id for c in callers.caller_history(desk, building="Tower B", floor="12", unit="1203").open_cases] == [case]
    assert callers.caller_history(desk, building="Tower B", floor="12").empty


def test_three_callers_about_the_same_leak_within_the_hour_make_a_possible_batch(desk):
    rule = BatchRule(window=timedelta(minutes=60), callers=3)
    _complaint(desk, phone="13800138000", received="2026-11-23 08:30")
    assert callers.batch_check(desk, "Tower B", "12", "water leak", "13700137000", rule) == []
    _complaint(desk, phone="13900139000", which="Tower B 12F 1210", received="2026-11-23 08:45")
    _complaint(desk, phone="13900139000", which="Tower B 12F 1210", received="2026-11-23 08:50")  # same caller again
    _complaint(desk, phone="13600136000", received="2026-11-23 07:30")  # outside the hour
    _complaint(desk, phone="13500135000", category="noise", received="2026-11-23 08:55")  # another problem
    reports = callers.batch_check(desk, "Tower B", "12", "water leak", "13700137000", rule)
    assert len({r.caller for r in reports}) == 3


def test_managers_to_call_are_the_project_manager_then_department_managers_with_phones(desk):
    managers = callers.managers_to_call(desk)
    assert managers[0].name == "Lin Tao" and managers[0].role is Role.project_manager
    assert {m.role for m in managers[1:]} == {Role.department_manager}
    assert all(m.phone for m in managers)


def test_a_further_call_is_a_note_on_the_case_not_a_new_case(desk):
    case = _complaint(desk)
    view = attach_call(desk, case, "Ms Li called again: still dripping", by="Wang Fang")
    assert view.case.version == 2


def test_an_inquiry_answered_on_the_spot_is_recorded_and_closed_in_one_go(desk):
    intake = Intake(kind=Kind.inquiry, what="when are fees due", received_at=at("2026-11-23 09:00"), category="fees")
    view = answer_on_the_spot(desk, intake, "Quarterly, within 15 days", by="Wang Fang")
    assert (view.case.status, view.case.outcome) == (Status.closed, "Quarterly, within 15 days")


def test_a_repair_with_a_refused_work_order_is_not_recorded_at_all(desk):
    intake = Intake(kind=Kind.repair, what="light flickers", which="Tower A 5F 502", received_at=at("2026-11-23 09:00"))
    with pytest.raises(DeskError, match="not a department"):
        record_and_forward(desk, intake, "Plumbing", by="Wang Fang")
    from sqlmodel import select

    from deskapp.models import Case

    with desk.reading() as session:
        assert session.exec(select(Case)).all() == []


def test_the_supervisor_posts_and_lists_notices_from_the_command_line(db_path, shanghai_env, monkeypatch):
    import typer

    from deskapp.cli.notices import notice_add, notice_list

    monkeypatch.setenv("DESKAPP_NOW", "2026-11-23T09:00+08:00")
    app = typer.Typer()
    app.command("notice-add")(notice_add)
    app.command("notices")(notice_list)
    runner = CliRunner()
    added = runner.invoke(app, ["notice-add", "Water off for pipe repair", "--topic", "water", "--starts", "tomorrow 8",
                                "--ends", "tomorrow 12", "--building", "Tower B", "--floors", "12,13", "--db", str(db_path)])
    assert added.exit_code == 0, added.output
    assert "notice 1 posted" in added.output and "warning" in added.output  # 24 hours' notice not met
    listed = runner.invoke(app, ["notices", "--json", "--db", str(db_path)])
    assert '"floors": [\n      "12",\n      "13"\n    ]' in listed.output
    refused = runner.invoke(app, ["notice-add", "x", "--topic", "gas", "--starts", "tomorrow 9", "--ends", "tomorrow 12",
                                  "--db", str(db_path)])
    assert refused.exit_code == 2 and "error: 'gas' is not a notice topic" in refused.output
