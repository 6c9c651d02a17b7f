"""The coordination work order's actions, the follow-ups and the chases in the month report's JSON and on
the handover, on a hand-built November."""

from __future__ import annotations

import json

from deskapp.desk import workflow
from deskapp.desk.coordination import add_action, chase, check_followup, complete_action
from deskapp.domain.enums import NoteKind, Severity
from deskapp.output import reports
from deskapp.reads.shift_summary import shift_summary, summary_sections
from deskapp.reads.statistics import month, statistics
from tests.conftest import SHANGHAI, at
from tests.helpers import record

ALL_BACKENDS = True


def november(desk) -> tuple[int, int, int]:
    """Three complaints: actions done in time, late, and still open past their due; a follow-up; chases."""
    flood = record(desk, "2026-11-02 09:00", severity=Severity.major, what="water pouring through the ceiling")
    lift = record(desk, "2026-11-03 10:00", what="lift stops between floors")
    noise = record(desk, "2026-11-04 11:00", what="drilling at night")
    workflow.forward(desk, flood, "Engineering", at=at("2026-11-02 09:05"), by="Wang Fang")
    workflow.forward(desk, lift, "Engineering", at=at("2026-11-03 10:10"), by="Wang Fang")
    add_action(desk, flood, "Xu Ming", "replace the riser valve", at("2026-11-03 17:00"), at=at("2026-11-02 09:30"),
               by="Chen Jing")
    complete_action(desk, flood, 1, "replaced", at=at("2026-11-03 15:00"), by="Xu Ming")  # in time
    add_action(desk, lift, "Sun Qiang", "call the lift company", at("2026-11-03 12:00"), at=at("2026-11-03 10:30"),
               by="Chen Jing")
    complete_action(desk, lift, 1, "engineer booked", at=at("2026-11-03 16:00"), by="Sun Qiang")  # late
    add_action(desk, noise, "Wu Gang", "speak to the tenant on 9F", at("2026-11-05 12:00"), at=at("2026-11-04 11:30"),
               by="Chen Jing")  # never done: overdue
    add_action(desk, noise, "Wu Gang", "check again next month", at("2026-12-03 12:00"), at=at("2026-11-04 11:31"),
               by="Chen Jing")  # due in December: not November's
    workflow.add_note(desk, flood, "riser valves replaced on floors 11-13", NoteKind.corrective,
                      at=at("2026-11-05 10:00"), followup=at("2026-11-20 19:00"), by="Sun Qiang")
    check_followup(desk, flood, "dry since", at=at("2026-11-19 10:00"), by="Wang Fang")
    chase(desk, lift, "Mr Wu called again", at=at("2026-11-03 11:00"), by="Wang Fang")
    chase(desk, lift, at=at("2026-11-03 14:00"), by="Chen Jing")
    chase(desk, noise, at=at("2026-11-05 09:00"), by="Wang Fang")
    return flood, lift, noise


def test_the_month_report_lists_the_actions_with_their_on_time_figure_and_the_chases(desk):
    flood, lift, noise = november(desk)
    desk.clock.set(at("2026-12-01 09:00"))
    data = json.loads(reports.write(statistics(desk, month(2026, 11, SHANGHAI)), "json", SHANGHAI))
    actions = data["actions"]
    assert actions["on_time"] == {"on_time": 1, "late": 1, "overdue": 1, "not_yet_due": 0, "rate": 1 / 3}
    assert [(a["case"], a["owner"], a["state"]) for a in actions["list"]] == [
        (lift, "Sun Qiang", "missed"), (flood, "Xu Ming", "met"), (noise, "Wu Gang", "overdue")]
    assert actions["list"][1]["done_at"] == "2026-11-03T15:00:00+08:00" and actions["list"][1]["result"] == "replaced"
    assert data["followups"]["on_time"]["on_time"] == 1 and data["followups"]["list"][0]["result"] == "dry since"
    assert data["chases"] == {"count": 3, "cases": 2, "by_department": {"": 1, "Engineering": 2}}
    assert "action" not in data["clocks"]  # the policy's clocks' figures are as they were


def test_the_handover_passes_on_the_actions_not_yet_done(desk):
    _flood, _lift, noise = november(desk)
    desk.clock.set(at("2026-11-05 18:00"))
    summary = shift_summary(desk, at("2026-11-05 08:00"), at("2026-11-05 19:00"))
    assert [(x.case_id, x.number) for x in summary.actions] == [(noise, 1), (noise, 2)]
    title, lines = next(s for s in summary_sections(summary, SHANGHAI) if s[0].startswith("Coordination actions"))
    assert title == "Coordination actions to do (2)"
    assert lines[0] == f"#{noise} action 1 · Wu Gang · speak to the tenant on 9F · due Thu 12:00 (OVERDUE)"


def test_a_handover_with_no_action_to_do_has_no_section_for_them(desk):
    record(desk, "2026-11-23 09:00", what="water dripping from the ceiling")
    desk.clock.set(at("2026-11-23 18:00"))
    summary = shift_summary(desk, at("2026-11-23 08:00"), at("2026-11-23 19:00"))
    assert not any(title.startswith("Coordination actions") for title, _ in summary_sections(summary, SHANGHAI))
