"""Answer scripts: the shipped book, finding one by a few letters, and the close-or-dispatch rule."""

from __future__ import annotations

import shutil
from datetime import timedelta

import pytest

from deskapp.config.datafiles import DataFileError
from deskapp.config.paths import data_dir
from deskapp.config.scripts import load_scripts
from deskapp.domain.batch import BatchRule, Report, possible_batch
from deskapp.domain.enums import Kind
from deskapp.domain.scripts import Outcome, answers_note, decide, search
from tests.conftest import at


@pytest.fixture(scope="module")
def book():
    return load_scripts()


def test_the_shipped_book_has_the_desks_common_problems(book):
    titles = " ".join(s.title.lower() for s in book.scripts)
    assert len(book.scripts) >= 10
    for problem in ("water leak", "lift", "air conditioning", "noise", "parking", "access card", "cleaning",
                    "fees", "lost", "power", "deliveries"):
        assert problem in titles
    assert all(s.questions and s.reply and s.dispatch_to for s in book.scripts)
    assert book.batch == BatchRule(window=timedelta(minutes=60), callers=3)


@pytest.mark.parametrize("typed, first", [("lif", "Lift stuck or out of service"), ("leak", "Water leak"),
                                          ("card", "Access card or door entry"), ("aircon", "Air conditioning too hot or too cold"),
                                          ("lost wal", "Lost and found property")])
def test_a_few_letters_find_the_script(book, typed, first):
    assert search(book.scripts, typed)[0].title == first


def test_letters_that_match_nothing_find_nothing(book):
    assert search(book.scripts, "zzz") == []


def test_the_desk_closes_a_leak_only_when_every_question_is_answered_and_none_calls_for_an_engineer(book):
    leak = search(book.scripts, "leak")[0]
    closes = decide(leak, {0: False, 1: False, 2: False})
    assert closes.closes and closes.reply == leak.reply
    dispatch = decide(leak, {0: True})
    assert not dispatch.closes and dispatch.department == "Engineering" and dispatch.outcome is Outcome.dispatch
    assert "Is water still coming in now" in dispatch.reason and leak.kind is Kind.repair


def test_an_unanswered_question_counts_neither_way(book):
    lift = search(book.scripts, "lift")[0]
    nothing_asked = decide(lift, {})
    assert nothing_asked.outcome is Outcome.undecided and not nothing_asked.closes and nothing_asked.reply == ""
    assert "Is anyone trapped inside the lift?" in nothing_asked.reason
    half_asked = decide(lift, {0: False})
    assert half_asked.outcome is Outcome.undecided and half_asked.waiting_for == (1,)
    assert decide(lift, {0: False, 1: False}).closes


def test_a_later_dispatching_answer_waits_for_the_questions_before_it(book):
    lift = search(book.scripts, "lift")[0]
    assert decide(lift, {1: True}).outcome is Outcome.undecided  # trapped or not decides how it goes
    assert decide(lift, {0: False, 1: True}).outcome is Outcome.dispatch


def test_people_trapped_is_an_emergency_for_security_at_once(book):
    lift = search(book.scripts, "lift")[0]
    trapped = decide(lift, {0: True})
    assert trapped.outcome is Outcome.emergency and trapped.emergency == "people trapped"
    assert trapped.department == "Security" and "EMERGENCY (people trapped)" in trapped.reason


@pytest.mark.parametrize("typed, index, emergency, department", [
    ("leak", 2, "flooding", "Engineering"), ("power", 1, "fire", "Engineering"), ("cleaning", 1, "injury", "Security")])
def test_flooding_fire_and_injury_are_emergencies(book, typed, index, emergency, department):
    decision = decide(search(book.scripts, typed)[0], {index: True})
    assert (decision.outcome, decision.emergency, decision.department) == (Outcome.emergency, emergency, department)


def test_a_paid_air_conditioning_extension_is_a_third_outcome_for_customer_service(book):
    aircon = search(book.scripts, "aircon")[0]
    outcomes = {decide(aircon, {0: False, 1: False, 2: False}).outcome,
                decide(aircon, {0: True}).department, decide(aircon, {0: False, 1: False, 2: True}).department}
    assert outcomes == {Outcome.closes, "Engineering", "Customer Service"}
    assert "paid extension" not in decide(aircon, {0: True}).reply
    assert "price of the extension" in decide(aircon, {0: False, 1: False, 2: True}).reply


def test_the_book_gives_symptoms_a_typical_case_and_replies_to_a_refund_and_a_deadline(book):
    lift = search(book.scripts, "lift")[0]
    assert "stopped between floors" in lift.symptoms and "alarm button" in lift.typical
    asks = " ".join(o.says for o in lift.objections)
    assert "refund" in asks and "firm time" in asks


def test_the_chinese_book_has_the_same_rules(book):
    chinese = load_scripts(language_="zh_CN")
    assert [[(q.dispatch_if, bool(q.emergency), q.dispatch_to) for q in s.questions] for s in chinese.scripts] == \
           [[(q.dispatch_if, bool(q.emergency), q.dispatch_to) for q in s.questions] for s in book.scripts]
    assert [len(s.objections) for s in chinese.scripts] == [len(s.objections) for s in book.scripts]


def test_the_answers_asked_and_given_are_labelled_for_the_case(book):
    lift = search(book.scripts, "lift")[0]
    answers = {0: True}
    note = answers_note(lift, answers, decide(lift, answers))
    assert note.startswith("Script: Lift stuck or out of service · Is anyone trapped inside the lift? yes")
    assert "Is a lift stopped that is not on a maintenance notice? not asked" in note
    assert "Judgement: EMERGENCY (people trapped)" in note


def test_a_file_with_a_wrong_rule_names_the_file_and_the_script(tmp_path):
    shutil.copy(data_dir() / "policy.toml", tmp_path / "policy.toml")  # the intake's thresholds
    (tmp_path / "scripts.toml").write_text(
        '[[script]]\ntitle = "Leak"\ncategory = "leak"\nkind = "repair"\ndispatch_to = "Engineering"\nreply = "ok"\n'
        '[[script.question]]\nask = "Wet?"\ndispatch_if = "maybe"\n'
    )
    with pytest.raises(DataFileError, match=r"scripts.toml: script 1 \('Leak'\): dispatch_if must be"):
        load_scripts(tmp_path)


def test_reports_from_three_different_callers_within_the_window_are_a_batch():
    rule = BatchRule(window=timedelta(minutes=60), callers=3)
    now = at("2026-11-23 09:00")
    two = [Report(1, "138", at("2026-11-23 08:30")), Report(2, "138", at("2026-11-23 08:40")), Report(None, "139", now)]
    assert possible_batch(two, rule, now) == []
    three = two + [Report(3, "", at("2026-11-23 08:50"))]  # an anonymous caller counts on their own
    assert len(possible_batch(three, rule, now)) == 4
    late = two + [Report(3, "137", at("2026-11-23 07:59"))]
    assert possible_batch(late, rule, now) == []
