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
from deskapp.domain.scripts import decide, search
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


def test_the_desk_closes_a_leak_only_when_no_answer_calls_for_an_engineer(book):
    leak = search(book.scripts, "leak")[0]
    closes = decide(leak, set())
    assert closes.closes and closes.reply == leak.reply
    dispatch = decide(leak, {0})
    assert not dispatch.closes and dispatch.department == "Engineering"
    assert "Is water still coming in now" in dispatch.reason and leak.kind is Kind.repair


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
