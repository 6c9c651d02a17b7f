"""The clock options on the command line: --urgent, --outside-party, outside-party ID TEXT, --appointment."""

from __future__ import annotations

import json

import pytest
from sqlmodel import Session, func, select

from deskapp.models import Case, HistoryEvent
from deskapp.store import db

ALL_BACKENDS = True
TRAPPED = ("add", "--kind", "repair", "--who", "Mr Wu", "--which", "Tower A lift 2", "--what", "people trapped in lift",
           "--received", "2026-11-23T22:30+08:00")
LEAK = ("add", "--kind", "complaint", "--severity", "general", "--who", "Ms Li", "--which", "Tower B 12F",
        "--what", "water from the flat above", "--received", "2026-11-24T09:00+08:00")


def counts(db_url: str) -> tuple[int, int]:
    engine = db.make_engine(db_url)
    with Session(engine) as s:
        return (s.exec(select(func.count()).select_from(Case)).one(),
                s.exec(select(func.count()).select_from(HistoryEvent)).one())


def test_an_urgent_repair_at_night_is_due_in_wall_clock_minutes(cli):
    code, out, err = cli(*TRAPPED, "--urgent", "--json")
    assert code == 0, err
    case = json.loads(out)
    assert case["urgent"] is True and case["due"] == {"forward": "2026-11-23T22:35:00+08:00"}
    code, out, _ = cli("forward", "1", "--to", "Engineering", "--at", "2026-11-23T22:33+08:00", "--json")
    assert json.loads(out)["due"]["arrive"] == "2026-11-23T22:48:00+08:00"


def test_an_outside_party_starts_the_contact_clock_and_a_contact_note_meets_it(cli):
    code, out, _ = cli(*LEAK, "--outside-party", "neighbouring tenant", "--json")
    case = json.loads(out)
    assert case["outside_party"] == "neighbouring tenant" and case["due"]["contact"] == "2026-11-27T09:00:00+08:00"
    code, out, _ = cli("note", "1", "called Ms Li: the tenant upstairs lets the plumber in", "--kind", "contact", "--json")
    assert json.loads(out)["state"]["contact"] == "met"


def test_outside_party_named_later_starts_the_clock_then(cli):
    cli(*LEAK)
    code, out, err = cli("outside-party", "1", "water utility", "--json")
    assert code == 0, err
    assert json.loads(out)["due"]["contact"] == "2026-11-27T12:00:00+08:00"  # the CLI's now: Tue 12:00
    code, out, _ = cli("show", "1", "--json")
    assert [h["action"] for h in json.loads(out)["history"]] == ["intake", "outside_party"]


def test_a_booked_repair_is_due_on_site_at_the_booking(cli):
    cli("add", "--kind", "repair", "--who", "Mr Wu", "--which", "Tower A 3F", "--what", "dripping tap",
        "--appointment", "2026-11-25T14:30+08:00")
    code, out, _ = cli("forward", "1", "--to", "Engineering", "--json")
    assert json.loads(out)["due"]["arrive"] == "2026-11-25T14:30:00+08:00"


@pytest.mark.parametrize(("args", "message"), [
    ((*LEAK, "--outside-party", "  "), "--outside-party needs the party"),
    ((*TRAPPED, "--outside-party", "water utility"), "only a complaint involves an outside party"),
    ((*TRAPPED, "--urgent=maybe"), "--urgent"),
    ((*TRAPPED, "--appointment", "next week-ish"), "--appointment"),
])
def test_bad_clock_options_on_add_are_one_line_exit_2_and_nothing_written(cli, db_url, args, message):
    code, _, err = cli(*args)
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1
    assert counts(db_url) == (0, 0)


@pytest.mark.parametrize(("args", "message"), [
    (("outside-party", "1", " "), "say which outside party"),
    (("outside-party", "2", "water utility"), "there is no case 2"),
    (("outside-party", "1"), "Missing argument"),
])
def test_bad_outside_party_is_one_line_exit_2_and_nothing_written(cli, db_url, args, message):
    cli(*LEAK)
    code, _, err = cli(*args)
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1
    assert counts(db_url) == (1, 1)
