"""Finding cases by what was said: English, phone digits, and Chinese, on both databases."""

from __future__ import annotations

import json

import pytest

from deskapp.desk import workflow
from deskapp.desk.intake import record_intake
from deskapp.domain.enums import Kind, Severity
from deskapp.domain.intake import Intake
from deskapp.reads.queries import list_cases
from tests.conftest import at

ALL_BACKENDS = True  # also on PostgreSQL when .ci/run started one


def _case(desk, who, what, which="Tower B 12F 1203", phone="13800138000", company=""):
    return record_intake(desk, Intake(kind=Kind.complaint, severity=Severity.general, who=who, company=company,
                                      which=which, what=what, phone=phone,
                                      received_at=at("2026-11-23 08:00"))).case.id


@pytest.fixture
def cases(desk):
    return {
        "leak": _case(desk, "Ms Li", "water LEAKING from the ceiling", phone="13800138000"),
        "noise": _case(desk, "Mr Zhang", "drilling noise upstairs", which="Tower A 3F 301", phone="15912345678"),
        "chinese": _case(desk, "李娜", "天花板漏水，桌子都湿了", company="华信贸易", phone="18612345678"),
        "quote": _case(desk, 'O"Brien', "door [bold]lock[/bold] 100% jammed", phone="13312345678"),
    }


def _found(desk, text):
    return {v.case.id for v in list_cases(desk, search=text)}


def test_words_phone_and_place(desk, cases):
    assert _found(desk, "leak") == {cases["leak"]}  # any case, a part of a word
    assert _found(desk, "ceiling water") == {cases["leak"]}  # every word must be there
    assert _found(desk, "15912345678") == {cases["noise"]}
    assert _found(desk, "1234") == {cases["noise"], cases["chinese"], cases["quote"]}
    assert _found(desk, "tower 301") == {cases["noise"]}
    assert _found(desk, "nothing like this") == set()


def test_chinese_phrases_and_a_two_character_name(desk, cases):
    assert _found(desk, "漏水") == {cases["chinese"]}  # two characters: shorter than a trigram
    assert _found(desk, "天花板") == {cases["chinese"]}
    assert _found(desk, "李娜") == {cases["chinese"]}
    assert _found(desk, "华信贸易") == {cases["chinese"]}


def test_quotes_markup_and_percent_are_just_text(desk, cases):
    assert _found(desk, 'O"Brien') == {cases["quote"]}
    assert _found(desk, "[bold]lock") == {cases["quote"]}
    assert _found(desk, "100%") == {cases["quote"]}
    assert _found(desk, "%") == {cases["quote"]}


def test_the_index_follows_changes(desk, cases):
    workflow.void(desk, cases["leak"], "entered twice", by="Chen Jing")
    assert _found(desk, "leaking") == {cases["leak"]}  # voided cases are still found (nothing is lost)
    later = _case(desk, "Ms Wu", "leaking tap in the pantry")
    assert _found(desk, "leaking") == {cases["leak"], later}


def test_list_search_from_the_command_line(cli, cases):
    code, out, err = cli("list", "--search", "天花板", "--json")
    assert code == 0, err
    assert [c["who"] for c in json.loads(out)] == ["李娜"]
