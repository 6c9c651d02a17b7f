"""The `deskapp` command as a phone system or a script uses it."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from sqlmodel import Session, func, select

from deskapp.models import Case, HistoryEvent
from deskapp.store import db
from tests.helpers import ADD

NOW = "2026-11-24T12:00+08:00"
ALL_BACKENDS = True


def count_cases(db_url: str) -> int:
    engine = db.make_engine(db_url)
    with Session(engine) as s:
        return s.exec(select(func.count()).select_from(Case)).one()


def test_add_json_has_the_due_object_with_offsets(cli):
    code, out, err = cli(*ADD, "--json")
    assert code == 0, err
    case = json.loads(out)
    assert case["id"] == 1 and case["kind"] == "complaint" and case["severity"] == "general"
    assert case["status"] == "received"
    assert case["received_at"] == "2026-11-20T19:30:00+08:00"
    assert case["due"] == {"forward": "2026-11-23T08:20:00+08:00", "resolve": "2026-11-25T10:00:00+08:00"}
    assert case["state"] == {"forward": "overdue", "resolve": "on_time"}
    assert case["received_by"] == "Wang Fang"


def test_the_documented_day_of_a_complaint(cli):
    assert cli(*ADD)[0] == 0
    code, out, _ = cli("forward", "1", "--to", "Engineering", "--at", "2026-11-23T08:05+08:00")
    assert code == 0 and "forwarded" in out
    code, out, _ = cli("resolve", "1", "--outcome", "pipe joint replaced", "--at", "2026-11-23T15:00+08:00", "--json")
    resolved = json.loads(out)
    assert resolved["status"] == "resolved"
    assert resolved["due"]["callback"] == "2026-11-24T15:00:00+08:00"
    assert resolved["state"]["forward"] == "met" and resolved["state"]["resolve"] == "met"
    code, out, _ = cli("callback", "1", "--reached", "--satisfied", "--at", "2026-11-24T10:00+08:00")
    assert code == 0 and "closed" in out
    code, out, _ = cli("show", "1", "--json")
    shown = json.loads(out)
    assert [h["action"] for h in shown["history"]] == ["intake", "forward", "resolve", "callback"]
    assert shown["history"][1]["at"] == "2026-11-23T08:05:00+08:00"
    assert shown["callbacks"][0]["satisfaction"] == "satisfied"


def test_every_other_operation_from_the_command_line(cli):
    cli(*ADD)
    cli("add", "--kind", "repair", "--which", "Tower A 3F 301", "--what", "no power in the pantry",
        "--received", "2026-11-24T09:00")
    steps = [
        ("forward", "2", "--to", "Engineering", "--person", "Xu Ming", "--at", "2026-11-24T09:02"),
        ("acknowledge", "2", "--by", "Xu Ming", "--at", "2026-11-24T09:03"),
        ("arrive", "2", "--by", "Xu Ming", "--at", "2026-11-24T09:10"),
        ("severity", "1", "major", "--reason", "water reached the server room", "--by", "Chen Jing"),
        ("escalate", "1", "--note", "server room at risk"),
        ("notify", "1", "--manager", "Lin Tao", "--note", "coming in"),
        ("validity", "1", "valid", "--reason", "maintenance missed the joint"),
        ("note", "1", "root cause: corroded joint", "--kind", "corrective"),
        ("pause", "1", "--reason", "tenant not in until 14:00"),
        ("resume", "1", "--note", "tenant back"),
        ("void", "2", "--reason", "entered twice", "--yes", "--by", "Chen Jing"),
    ]
    for step in steps:
        code, out, err = cli(*step)
        assert code == 0, (step, err)
    code, out, _ = cli("show", "1", "--json")
    actions = [h["action"] for h in json.loads(out)["history"]]
    assert actions == ["intake", "severity", "escalate", "notify", "validity", "note", "pause", "resume"]
    code, out, _ = cli("show", "2", "--json")
    assert json.loads(out)["status"] == "void"


def test_list_filters_and_json(cli):
    cli(*ADD)
    cli("add", "--kind", "inquiry", "--what", "parking for a visitor", "--received", "2026-11-24T10:00")
    code, out, _ = cli("list", "--json")
    assert [c["id"] for c in json.loads(out)] == [2, 1]
    code, out, _ = cli("list", "--overdue", "--json")
    assert [c["id"] for c in json.loads(out)] == [1]
    code, out, _ = cli("list", "--kind", "inquiry", "--json")
    assert [c["id"] for c in json.loads(out)] == [2]
    code, out, _ = cli("list", "--severity", "major", "--json")
    assert json.loads(out) == []
    code, out, _ = cli("list", "--date", "2026-11-20", "--json")
    assert [c["id"] for c in json.loads(out)] == [1]
    code, out, _ = cli("list", "--open")
    assert code == 0 and "Ms Li" in out and "✖ forward" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add", "--kind", "complaint-ish", "--what", "x"], "'complaint-ish' is not a kind"),
        (["add", "--kind", "complaint", "--severity", "general", "--who", "A", "--which", "B", "--what", "x",
          "--received", "2026-02-30T10:00"], "not a real date"),
        (["add", "--kind", "complaint", "--severity", "general", "--who", "A", "--which", "B"], "say what happened"),
        (["add", "--what", "x"], "what kind of case"),
        (["add", "--kind", "complaint", "--severity", "general", "--who", "A", "--which", "B", "--what", "x",
          "--received", "2026-11-24T10:00", "--requested", "2026-11-24T09:00"], "must be after the time"),
        (["add", "--kind", "inquiry", "--what", "x", "--phone", "12ab"], "does not look like a phone number"),
        (["add", "--kind", "inquiry", "--what", "x", "--no-such-option"], "No such option"),
        (["show", "42"], "there is no case 42"),
        (["forward", "42", "--to", "Engineering"], "there is no case 42"),
        (["resolve", "1", "--outcome", "done"], "there is no case 1"),
        (["callback", "1"], "say how the call went"),
        (["list", "--date", "yesterday-ish"], "not a date"),
        (["show", "abc"], "abc"),
    ],
)
def test_bad_input_is_one_plain_line_exit_2_and_nothing_written(cli, db_url, args, message):
    code, out, err = cli(*args)
    assert code == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert err.startswith("error: ")
    assert count_cases(db_url) == 0


def test_refused_transition_writes_nothing(cli, db_url):
    cli(*ADD)
    cli("void", "1", "--reason", "test call", "--yes", "--by", "Chen Jing")
    code, _, err = cli("resolve", "1", "--outcome", "fixed")
    assert code == 2 and "voided" in err
    engine = db.make_engine(db_url)
    with Session(engine) as s:
        assert s.exec(select(func.count()).select_from(HistoryEvent)).one() == 2


def test_void_without_yes_and_without_a_terminal_is_refused(cli):
    cli(*ADD)
    code, _, err = cli("void", "1", "--reason", "mistake")
    assert code == 2 and "--yes" in err


def test_init_and_demo_refuse_to_pile_demo_data_on_real_cases(cli):
    code, out, _ = cli("init")
    assert code == 0 and "database ready" in out
    cli(*ADD)
    code, out, _ = cli("demo")
    assert code == 0 and "already holds 1 cases" in out


def test_the_installed_command_adds_a_case_in_a_fresh_process(db_url, tmp_path):
    env = dict(os.environ, DESKAPP_DB=db_url, TZ="Asia/Shanghai", DESKAPP_NOW=NOW)
    done = subprocess.run([sys.executable, "-m", "deskapp", *ADD, "--json"], capture_output=True, text=True,
                          env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["due"]["forward"] == "2026-11-23T08:20:00+08:00"
    bad = subprocess.run([sys.executable, "-m", "deskapp", "add", "--kind", "nonsense"], capture_output=True,
                         text=True, env=env, timeout=60)
    assert bad.returncode == 2 and bad.stderr.startswith("error: ") and len(bad.stderr.strip().splitlines()) == 1


def test_a_narrow_list_keeps_every_case_number_whole(cli, monkeypatch):
    for _ in range(12):
        assert cli(*ADD)[0] == 0
    monkeypatch.setenv("COLUMNS", "80")  # a pipe, or a small terminal
    code, out, _ = cli("list", "--open")
    lines = out.splitlines()[2:]
    assert code == 0 and [line.split()[0] for line in lines if line.strip()] == [str(n) for n in range(12, 0, -1)]
    assert all(len(line) <= 80 for line in out.splitlines())
