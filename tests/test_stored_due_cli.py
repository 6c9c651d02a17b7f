"""`deskapp retime --open`: the supervisor's one way to move clocks already given onto edited rules."""

from __future__ import annotations

import json
import shutil

import pytest
from sqlmodel import Session, func, select

from deskapp.config.paths import data_dir
from deskapp.models import HistoryEvent
from deskapp.store import db

ALL_BACKENDS = True
COMPLAINT = ("add", "--kind", "complaint", "--severity", "general", "--who", "Ms Li", "--which", "Tower B 12F",
             "--what", "water dripping", "--received", "2026-11-24T11:00+08:00")


@pytest.fixture
def edited_rules(tmp_path, monkeypatch):
    """A copy of data/ whose general complaints are resolved in 12 working hours, not 24."""
    folder = tmp_path / "data"
    shutil.copytree(data_dir(), folder)

    def edit():
        policy = folder / "policy.toml"
        text = policy.read_text()
        general_resolve = 'severities = ["general"]\nhours = 24'
        assert general_resolve in text
        policy.write_text(text.replace(general_resolve, 'severities = ["general"]\nhours = 12'))

    monkeypatch.setenv("DESKAPP_DATA", str(folder))
    return edit


def events(db_url: str, action: str) -> int:
    engine = db.make_engine(db_url)
    with Session(engine) as s:
        return s.exec(select(func.count()).select_from(HistoryEvent).where(HistoryEvent.action == action)).one()


def resolve_due(cli) -> str:
    code, out, _ = cli("show", "1", "--json")
    assert code == 0
    return next(c["due"] for c in json.loads(out)["clocks"] if c["name"] == "resolve")


def test_an_edited_policy_moves_no_given_deadline_until_the_supervisor_retimes(cli, db_url, edited_rules):
    assert cli(*COMPLAINT)[0] == 0
    before = resolve_due(cli)
    edited_rules()
    assert resolve_due(cli) == before
    code, out, err = cli("retime", "--open", "--yes", "--by", "Chen Jing")
    assert code == 0, err
    assert "case 1 resolve:" in out and "re-timed 1 clock; the history of each case says before → after (1 case)" in out
    assert resolve_due(cli) != before
    assert events(db_url, "retime") == 1
    code, out, _ = cli("retime", "--open", "--yes", "--by", "Chen Jing")
    assert "no open clock moves" in out and events(db_url, "retime") == 1


def test_retime_json_lists_each_move(cli, edited_rules):
    cli(*COMPLAINT)
    edited_rules()
    code, out, _ = cli("retime", "--open", "--yes", "--by", "Chen Jing", "--json")
    assert code == 0
    assert {(m["case"], m["clock"]) for m in json.loads(out)} == {(1, "resolve")}


@pytest.mark.parametrize(("args", "message"), [
    (["retime", "--yes", "--by", "Chen Jing"], "say which clocks to re-time: --open"),
    (["retime", "--open", "--yes", "--by", "Wang Fang"], "only a supervisor can re-time the open clocks"),
    (["retime", "--open", "--by", "Chen Jing"], "re-timing moves 1 open clock: add --yes to confirm"),
    (["retime", "--open", "--yes", "--by", "Nobody Here"], "Nobody Here"),
])
def test_retime_bad_input_is_one_line_exit_2_and_moves_nothing(cli, db_url, edited_rules, args, message):
    cli(*COMPLAINT)
    edited_rules()
    before = resolve_due(cli)
    code, out, err = cli(*args)
    assert code == 2
    assert message in err and len(err.strip().splitlines()) == 1
    assert events(db_url, "retime") == 0 and resolve_due(cli) == before
