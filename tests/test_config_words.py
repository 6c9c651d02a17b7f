"""The data files' words and thresholds: departments' Chinese names (staff.toml), the intake's
thresholds and the notice topics (policy.toml), and the plain file error for a bad value."""

from __future__ import annotations

import shutil
from datetime import timedelta

import pytest

from deskapp.config.datafiles import DataFileError, load_staff
from deskapp.config.departments import department_words
from deskapp.config.intake import intake_rules, notice_topics
from deskapp.config.paths import data_dir
from deskapp.domain.batch import BatchRule
from deskapp.i18n import CHINESE, use_language


@pytest.fixture
def folder(tmp_path):
    """A copy of the shipped data files, for a test to spoil one of them."""
    for name in ("policy.toml", "calendar.toml", "staff.toml", "scripts.toml"):
        shutil.copy(data_dir() / name, tmp_path / name)
    return tmp_path


def test_the_shipped_departments_are_shown_by_their_chinese_names_from_the_staff_file():
    words = department_words()
    assert words.label("Engineering") == "Engineering"
    with use_language(CHINESE):
        assert [words.label(name) for name, _phone in load_staff().departments] == [
            "客服中心", "工程部", "保洁部", "安保部", "运营管理部"]
        assert words.label("物业部") == "物业部"  # a department with no Chinese name beside it: as written
    assert words.names("Engineering") == {"engineering", "工程部"}
    assert words.named("工程部", ["Customer Service", "Engineering"]) == "Engineering"


def test_a_department_written_in_chinese_may_give_its_english_name(folder):
    (folder / "staff.toml").write_text('[[department]]\nname = "物业部"\nen = "Property"\n', encoding="utf-8")
    words = load_staff(folder).shown
    assert words.label("物业部") == "Property"
    with use_language(CHINESE):
        assert words.label("物业部") == "物业部"
    assert words.named("property", ["物业部"]) == "物业部"


@pytest.mark.parametrize("entry", ['zh_CN = ""', "zh_CN = 3", 'zh_CN = "  "'])
def test_a_department_with_a_bad_chinese_name_names_the_file(folder, entry):
    (folder / "staff.toml").write_text(f'[[department]]\nname = "Engineering"\n{entry}\n', encoding="utf-8")
    with pytest.raises(DataFileError, match=r"staff.toml: department 'Engineering' has zh_CN = .*; write its name"):
        load_staff(folder)


def test_the_shipped_intake_thresholds_come_from_the_policy_file():
    rules = intake_rules()
    assert rules.batch == BatchRule(window=timedelta(minutes=60), callers=3)
    assert rules.recent == timedelta(days=30) and rules.future_slack == timedelta(minutes=5)
    assert rules.announce_ahead == rules.show_ahead == timedelta(hours=24)


@pytest.mark.parametrize("key, value, message", [
    ("batch_window_minutes", "0", r"\[intake\] batch_window_minutes must be a number above 0, not 0"),
    ("batch_callers", '"three"', r"\[intake\] batch_callers must be a number above 0, not 'three'"),
    ("future_minutes", "-5", r"\[intake\] future_minutes must be a number above 0, not -5"),
    ("recent_days", "true", r"\[intake\] recent_days must be a number above 0, not True"),
])
def test_a_bad_intake_threshold_names_the_file_and_the_key(folder, key, value, message):
    path = folder / "policy.toml"
    text = path.read_text(encoding="utf-8")
    spoiled = "\n".join(f"{key} = {value}" if line.startswith(f"{key} =") else line for line in text.splitlines())
    path.write_text(spoiled, encoding="utf-8")
    with pytest.raises(DataFileError, match=rf"policy.toml: {message}"):
        intake_rules(folder)


def test_the_notice_topics_and_their_chinese_names_come_from_the_policy_file():
    topics = notice_topics()
    assert topics.topics == ("water", "power", "lift", "cleaning", "other")
    assert topics.label("water") == "water" and topics.named("供电") == "power" and topics.named("gas") is None
    with use_language(CHINESE):
        assert [topics.label(t) for t in topics.topics] == ["供水", "供电", "电梯", "保洁", "其他"]


@pytest.mark.parametrize("topics, message", [
    ("", r"\[notices\] needs at least one \[\[notices.topic\]\]"),
    ('[[notices.topic]]\nname = "Water"\n', r"\[\[notices.topic\]\] name = 'Water' must be a word in lower case"),
    ('[[notices.topic]]\nname = "water"\nzh_CN = 1\n', r"\[\[notices.topic\]\] 'water' has zh_CN = 1; write its name"),
])
def test_bad_notice_topics_name_the_file(folder, topics, message):
    path = folder / "policy.toml"
    text = path.read_text(encoding="utf-8")
    kept = text[:text.index("[[notices.topic]]")] + text[text.index("[targets]"):]
    path.write_text(kept + "\n" + topics, encoding="utf-8")
    with pytest.raises(DataFileError, match=rf"policy.toml: {message}"):
        notice_topics(folder)


def test_words_name_departments_by_the_staff_file_without_reading_it():
    from deskapp.words.history import department_label  # what the history's sentences use

    with use_language(CHINESE):
        assert department_label("Engineering") == "工程部" and department_label(None) is None
