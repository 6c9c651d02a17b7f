"""`deskapp action-add`, `action-done`, `note --followup`, `followup` and `chase` on the command line."""

from __future__ import annotations

import json

import pytest
from sqlmodel import Session, func, select

from deskapp.models import CaseAction, HistoryEvent
from deskapp.store import db

ALL_BACKENDS = True
FLOOD = ("add", "--kind", "complaint", "--severity", "major", "--who", "Ms Li", "--which", "Tower B 12F",
         "--what", "water pouring through the ceiling", "--received", "2026-11-24T09:00+08:00")


def counts(db_url: str) -> tuple[int, int]:
    engine = db.make_engine(db_url)
    with Session(engine) as s:
        found = (s.exec(select(func.count()).select_from(CaseAction)).one(),
                 s.exec(select(func.count()).select_from(HistoryEvent)).one())
    engine.dispose()
    return found


def test_an_action_added_and_done_shows_its_clock_and_its_line_in_show_json(cli):
    cli(*FLOOD)
    code, out, err = cli("action-add", "1", "--owner", "Xu Ming", "--what", "replace the riser valve",
                         "--due", "2026-11-25 17:00", "--by", "Chen Jing", "--json")
    assert code == 0, err
    case = json.loads(out)
    assert case["due"]["action"] == "2026-11-25T17:00:00+08:00" and case["state"]["action"] == "on_time"
    code, out, err = cli("action-done", "1", "1", "--note", "valve replaced", "--by", "Xu Ming", "--json")
    assert code == 0, err and json.loads(out)["state"]["action"] == "met"
    shown = json.loads(cli("show", "1", "--json")[1])
    assert shown["actions"] == [{
        "clock": "action", "number": 1, "what": "replace the riser valve", "owner": "Xu Ming",
        "due": "2026-11-25T17:00:00+08:00", "state": "met", "done_at": "2026-11-24T12:00:00+08:00",
        "result": "valve replaced", "set_by": "Chen Jing", "done_by": "Xu Ming"}]
    assert [h["action"] for h in shown["history"]] == ["intake", "action", "action_done"]


def test_a_bare_day_as_the_due_means_by_the_desks_closing_that_day(cli):
    cli(*FLOOD)
    code, out, _ = cli("action-add", "1", "--owner", "Sun Qiang", "--what", "inspect the flat above",
                       "--due", "2026-11-26", "--json")
    assert json.loads(out)["due"]["action"] == "2026-11-26T19:00:00+08:00"


def test_a_corrective_note_with_a_followup_date_then_its_check(cli):
    cli(*FLOOD)
    code, out, err = cli("note", "1", "riser valves replaced on floors 11-13", "--kind", "corrective",
                         "--followup", "2026-12-01", "--json")
    assert code == 0, err
    assert json.loads(out)["due"]["followup"] == "2026-12-01T19:00:00+08:00"
    code, out, err = cli("followup", "1", "--result", "dry since; tenant content", "--json")
    assert code == 0, err and json.loads(out)["state"]["followup"] == "met"


def test_chases_are_counted_on_the_case_and_listed_in_its_history(cli):
    cli(*FLOOD)
    cli("forward", "1", "--to", "Engineering")
    code, out, err = cli("chase", "1", "--note", "Ms Li called again", "--json")
    assert code == 0, err and json.loads(out)["chases"] == 1
    code, out, _ = cli("chase", "1", "--by", "Chen Jing", "--json")
    assert json.loads(out)["chases"] == 2
    shown = json.loads(cli("show", "1", "--json")[1])
    assert [h["said"] for h in shown["history"] if h["action"] == "chase"][0].startswith(
        "chase 1: Engineering chased: Ms Li called again")
    code, out, _ = cli("check")
    assert code == 0, out


@pytest.mark.parametrize(("args", "message"), [
    (("action-add", "1", "--what", "replace the valve", "--due", "tomorrow 17:00"), "--owner is needed"),
    (("action-add", "1", "--owner", "Xu Ming", "--due", "tomorrow 17:00"), "--what is needed"),
    (("action-add", "1", "--owner", "Xu Ming", "--what", "replace the valve"), "--due is needed"),
    (("action-add", "1", "--owner", "Xu Ming", "--what", "replace it", "--due", "someday"), "--due:"),
    (("action-add", "1", "--owner", "Xu Ming", "--what", "replace it", "--due", "2026-11-24 08:00"), "is not after"),
    (("action-add", "9", "--owner", "Xu Ming", "--what", "replace it", "--due", "tomorrow 17:00"), "there is no case 9"),
    (("action-done", "1", "3"), "has no action 3"),
    (("action-done", "1", "0"), "ACTION"),
    (("note", "1", "called her", "--followup", "2026-12-01"), "only a corrective note"),
    (("note", "1", "valves", "--kind", "corrective", "--followup", "2026-11-01"), "is not after"),
    (("followup", "1", "--result", "fine"), "no follow-up to check"),
    (("followup", "1"), "--result is needed"),
    (("chase", "1", "--note", "bad\x07bell"), "control character"),
    (("chase", "2"), "there is no case 2"),
])
def test_bad_actions_follow_ups_and_chases_are_one_line_exit_2_and_nothing_written(cli, db_url, args, message):
    cli(*FLOOD)
    before = counts(db_url)
    code, _, err = cli(*args)
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1, err
    assert counts(db_url) == before


def test_list_overdue_finds_a_case_late_only_by_its_action(cli):
    cli("add", "--kind", "complaint", "--severity", "general", "--who", "Ms Li", "--which", "Tower B 12F",
        "--what", "noise at night", "--received", "2026-11-24T11:00+08:00")
    cli("action-add", "1", "--owner", "Wu Gang", "--what", "speak to the tenant", "--due", "2026-11-24T11:30+08:00",
        "--at", "2026-11-24T11:10+08:00")
    code, out, err = cli("list", "--overdue", "--json")
    assert code == 0, err
    assert [(c["id"], c["state"]["action"]) for c in json.loads(out)] == [(1, "overdue")]
