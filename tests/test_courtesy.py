"""The apology first and the thanks last, as the desk keeps them: recorded with the case by the intake,
said by `deskapp add`, shown by `deskapp show`, replayed by `deskapp check`, counted in the month report.
The words themselves come from data/courtesy.toml (and .zh_CN.toml)."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa

from deskapp.config.courtesy import load_courtesy
from deskapp.config.datafiles import DataFileError
from deskapp.config.paths import data_dir
from deskapp.desk import workflow
from deskapp.desk.intake import record_intake
from deskapp.domain.enums import Kind, Severity
from deskapp.domain.errors import DeskError
from deskapp.domain.intake import Intake
from deskapp.i18n import CHINESE
from deskapp.upkeep.replay import replay_check
from tests.conftest import at
from tests.helpers import ADD, cases, history

ALL_BACKENDS = True


def _call(desk, kind=Kind.complaint, received="2026-11-23 08:30", **courtesy) -> int:
    severity = Severity.general if kind is Kind.complaint else None
    return record_intake(desk, Intake(kind=kind, severity=severity, who="Ms Li", phone="13800138000",
                                      which="Tower B 12F 1203", what="water dripping from the ceiling",
                                      received_at=at(received), **courtesy), by="Wang Fang").case.id


def test_a_complaint_apologised_for_and_thanked_keeps_both_with_the_case_and_its_intake_event(desk):
    number = _call(desk, apologised=True, thanked=True)
    [case] = cases(desk)
    assert (case.apologised, case.thanked) == (True, True)
    changes = json.loads(history(desk, number)[0].changes)
    assert changes["apologised"] == [None, True] and changes["thanked"] == [None, True]


def test_a_call_said_nothing_of_is_recorded_as_not_apologised_and_not_thanked(desk):
    _call(desk)
    [case] = cases(desk)
    assert (case.apologised, case.thanked) == (False, False)  # not given: a fact, not a blank


def test_only_a_complaint_is_apologised_for_at_intake_and_nothing_is_written(desk):
    with pytest.raises(DeskError, match="only a complaint is apologised for") as refused:
        _call(desk, kind=Kind.inquiry, apologised=True)
    assert refused.value.field == "apologised" and cases(desk) == []
    _call(desk, kind=Kind.inquiry, thanked=True)  # the thanks closes every call
    assert (cases(desk)[0].apologised, cases(desk)[0].thanked) == (False, True)


def test_check_replays_the_courtesy_and_names_an_apology_written_in_afterwards(desk):
    number = _call(desk)
    assert replay_check(desk) == []
    with desk.engine.begin() as c:  # the tick given after the fact, in the database directly
        c.execute(sa.text("UPDATE cases SET apologised = :yes WHERE id = :n"), {"yes": True, "n": number})
    [problem] = replay_check(desk)
    assert f"case {number}: apologised is True but its history says False" in problem


def test_a_case_recorded_before_the_desk_asked_replays_with_neither(desk):
    number = _call(desk)
    with desk.engine.begin() as c:  # as migration 0018 leaves the cases it finds: null, not recorded
        c.execute(sa.text("UPDATE cases SET apologised = NULL, thanked = NULL WHERE id = :n"), {"n": number})
        c.execute(sa.text("UPDATE history SET changes = :c WHERE case_id = :n"),
                  {"c": json.dumps({k: v for k, v in json.loads(history(desk, number)[0].changes).items()
                                    if k not in ("apologised", "thanked")}), "n": number})
    assert not [p for p in replay_check(desk) if "apologised" in p or "thanked" in p]


# ---- the command line ---------------------------------------------------------------------------------

def test_add_says_the_apology_and_the_thanks_and_show_gives_them_back(cli):
    code, out, err = cli(*ADD, "--apologised", "--thanked", "--json")
    assert code == 0, err
    added = json.loads(out)
    assert (added["apologised"], added["thanked"]) == (True, True)
    code, out, _ = cli("show", str(added["id"]), "--json")
    assert code == 0 and (json.loads(out)["apologised"], json.loads(out)["thanked"]) == (True, True)
    code, out, _ = cli("show", str(added["id"]))
    assert code == 0 and "apologised first · thanked the caller" in out


def test_add_without_the_options_records_them_not_given_and_its_help_says_so(cli):
    code, out, err = cli(*ADD, "--json")
    assert code == 0, err
    assert (json.loads(out)["apologised"], json.loads(out)["thanked"]) == (False, False)
    code, out, _ = cli("show", str(json.loads(out)["id"]))
    assert "apology not given · not thanked" in out
    code, out, _ = cli(*ADD, "--not-apologised", "--json")
    assert code == 0 and json.loads(out)["apologised"] is False
    code, out, _ = cli("add", "--help")
    help_text = " ".join(out.replace("│", " ").split())
    assert "--apologised" in help_text and "--not-apologised" in help_text and "--thanked" in help_text
    assert help_text.count("recorded as not given") == 2


def test_an_inquiry_apologised_for_is_refused_in_one_line_and_nothing_is_written(cli, desk):
    code, out, err = cli("add", "--kind", "inquiry", "--what", "what are the lift hours", "--phone", "13800138000",
                         "--apologised")
    assert code == 2 and out == ""
    assert err.strip().count("\n") == 0 and "only a complaint is apologised for" in err
    assert cases(desk) == []


# ---- the month report -----------------------------------------------------------------------------------

def test_the_month_report_gives_the_share_of_complaints_apologised_to_first(cli, desk, monkeypatch):
    monkeypatch.setenv("DESKAPP_NOW", "2026-12-01T09:00+08:00")
    for day, apologised in (("02", True), ("03", True), ("04", False), ("05", True)):
        _call(desk, received=f"2026-11-{day} 10:00", apologised=apologised, thanked=True)
    voided = _call(desk, received="2026-11-06 10:00", apologised=True, thanked=True)
    workflow.void(desk, voided, "entered twice", by="Chen Jing")  # left out, as from every count
    _call(desk, kind=Kind.repair, received="2026-11-09 10:00")  # not thanked, and nothing to apologise for
    _call(desk, received="2026-10-30 10:00", apologised=False)  # October's: not November's figures
    old = _call(desk, received="2026-11-10 10:00")
    with desk.engine.begin() as c:  # recorded before the desk asked (schema 0018): counted neither way
        c.execute(sa.text("UPDATE cases SET apologised = NULL, thanked = NULL WHERE id = :n"), {"n": old})
    code, out, err = cli("report", "month", "--month", "2026-11", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["courtesy"] == {"complaints_asked": 4, "apology_given": 3, "apology_share": 0.75,
                                "calls_asked": 5, "thanked": 4, "thanks_share": 0.8}
    assert data["cases"] == 6 and "rates" in data and "survey" in data and "chases" in data  # the others kept


def test_a_month_with_no_complaint_has_no_share_to_give(cli, desk, monkeypatch):
    monkeypatch.setenv("DESKAPP_NOW", "2026-12-01T09:00+08:00")
    _call(desk, kind=Kind.inquiry, received="2026-11-02 10:00", thanked=True)
    code, out, _ = cli("report", "month", "--month", "2026-11", "--format", "json")
    courtesy = json.loads(out)["courtesy"]
    assert courtesy["apology_share"] is None and courtesy["complaints_asked"] == 0 and courtesy["thanks_share"] == 1.0


# ---- the words, from the data files ---------------------------------------------------------------------

def test_the_approved_words_are_the_manuals_in_chinese_and_their_english_beside_them():
    chinese = load_courtesy(language_=CHINESE)
    assert chinese.greeting == "您好，客服中心0XX号为您服务。"  # SOP 1.3
    assert chinese.closing == "感谢您的来电，再见。"  # SOP 1.7
    assert "抱歉" in chinese.apology
    english = load_courtesy(language_="en")
    assert english.closing == "Thank you for your call. Goodbye." and english.greeting.startswith("Hello, Customer Service")


def test_a_courtesy_file_without_the_closing_names_the_file_and_the_key(tmp_path):
    (tmp_path / "courtesy.toml").write_text('greeting = "Hello"\napology = "Sorry"\nclosing = "  "\n', encoding="utf-8")
    with pytest.raises(DataFileError, match=r"courtesy.toml: closing needs the words the operator says"):
        load_courtesy(tmp_path, "en")
    assert (data_dir() / "courtesy.zh_CN.toml").exists()
