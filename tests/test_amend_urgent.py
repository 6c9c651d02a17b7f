"""Urgency found out after the call: `deskapp amend ID --urgent` (and `--not-urgent`) moves the stored
forward and arrival deadlines, with before → after in the case's history, as the desk's day (Shanghai)."""

from __future__ import annotations

import json

import pytest
from sqlmodel import Session, func, select

from deskapp.models import Case, HistoryEvent
from deskapp.store import db

ALL_BACKENDS = True
# A general complaint at 11:50 on Tuesday (the command line's now is 12:00): forwarded within 20
# working minutes, or within 5 wall-clock minutes once urgent.
FLOOD = ("add", "--kind", "complaint", "--severity", "general", "--who", "Ms Li", "--which", "Tower B 12F 1203",
         "--what", "water pouring through the ceiling", "--received", "2026-11-24T11:50+08:00")
# A repair at 22:30 on Monday night, its work order at 22:33: the trade is due on site at 08:15 next
# morning, or by 22:48 once it turns out people are trapped.
LIFT = ("add", "--kind", "repair", "--who", "Mr Wu", "--which", "Tower A", "--what", "lift stopped between floors",
        "--received", "2026-11-23T22:30+08:00")
REASON = ("--reason", "the caller rang back: water is reaching the sockets")


def counts(db_url: str) -> tuple[int, int]:
    engine = db.make_engine(db_url)
    with Session(engine) as s:
        return (s.exec(select(func.count()).select_from(Case)).one(),
                s.exec(select(func.count()).select_from(HistoryEvent)).one())


def last_event(db_url: str) -> HistoryEvent:
    engine = db.make_engine(db_url)
    with Session(engine) as s:
        return s.exec(select(HistoryEvent).order_by(HistoryEvent.id.desc())).first()


def test_a_complaint_made_urgent_is_due_to_be_forwarded_five_minutes_after_the_call_and_back_again(cli, db_url):
    code, out, err = cli(*FLOOD, "--json")
    assert code == 0, err
    usual = json.loads(out)["due"]["forward"]
    assert usual == "2026-11-24T12:10:00+08:00"  # 20 working minutes
    code, out, err = cli("amend", "1", "--urgent", *REASON, "--json")
    assert code == 0, err
    case = json.loads(out)
    assert case["urgent"] is True and case["due"]["forward"] == "2026-11-24T11:55:00+08:00"
    event = last_event(db_url)
    assert event.action == "amend" and event.note == REASON[1]
    changes = json.loads(event.changes)
    assert changes["urgent"] == [False, True]
    assert [value[:16] for value in changes["due_forward"]] == ["2026-11-24T04:10", "2026-11-24T03:55"]  # UTC
    code, out, err = cli("amend", "1", "--not-urgent", "--reason", "the leak was a drip after all", "--json")
    assert code == 0, err
    case = json.loads(out)
    assert case["urgent"] is False and case["due"]["forward"] == usual


def test_a_night_repair_made_urgent_is_due_on_site_fifteen_minutes_after_its_work_order_not_next_morning(cli):
    assert cli(*LIFT)[0] == 0
    code, out, err = cli("forward", "1", "--to", "Engineering", "--at", "2026-11-23T22:33+08:00", "--json")
    assert code == 0, err
    assert json.loads(out)["due"]["arrive"] == "2026-11-24T08:15:00+08:00"
    code, out, err = cli("amend", "1", "--urgent", "--reason", "two people are trapped inside", "--json")
    assert code == 0, err
    case = json.loads(out)
    assert case["due"]["arrive"] == "2026-11-23T22:48:00+08:00"
    assert case["state"]["forward"] == "met"  # the work order went at 22:33, inside the urgent 5 minutes


@pytest.mark.parametrize(("args", "message"), [
    (("amend", "1", "--urgent"), "--reason is needed"),
    (("amend", "1", "--not-urgent", *REASON), "case 1 already says that"),
    (("amend", "1", "--urgent=maybe", *REASON), "--urgent"),
    (("amend", "2", "--urgent", *REASON), "there is no case 2"),
])
def test_bad_urgency_corrections_are_one_line_exit_2_and_nothing_written(cli, db_url, args, message):
    cli(*FLOOD)
    code, _, err = cli(*args)
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1, err
    assert counts(db_url) == (1, 1)


def test_a_closed_case_keeps_its_urgency_one_line_exit_2_and_nothing_written(cli, db_url):
    cli("add", "--kind", "inquiry", "--who", "Mr Wu", "--what", "when is the water back", "--received",
        "2026-11-24T11:00+08:00")
    assert cli("resolve", "1", "--outcome", "told him 14:00 from the notice")[0] == 0
    before = counts(db_url)
    code, _, err = cli("amend", "1", "--urgent", *REASON)
    assert code == 2 and "case 1 is closed: its urgency cannot change" in err and len(err.strip().splitlines()) == 1
    assert counts(db_url) == before
