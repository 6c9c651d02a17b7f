"""The catalogues: every message in the code has its Chinese, with the same placeholders."""

from __future__ import annotations

import json
import re
import string
from pathlib import Path

import pytest

from deskapp import i18n
from deskapp.locale import catalogue

PLACEHOLDER = re.compile(r"\{[^{}]*\}")
TRANSLATIONS = Path(__file__).resolve().parent.parent / "docs" / "translations"


@pytest.fixture(scope="module")
def po():
    return catalogue.read()


def test_every_message_in_the_code_is_translated_and_compiled():
    assert catalogue.problems() == []


def test_each_message_has_one_chinese_across_the_translation_files():
    # The build fills the .po from these files in name order: of two Chinese for one msgid the later
    # file wins silently and the other screen shows the wrong word. A msgid meaning two things needs a
    # context instead, as the call log's "outcome" (结果) beside a case's (处理结果).
    given: dict[str, tuple[str, str]] = {}
    clashes = []
    for path in sorted(TRANSLATIONS.glob("*.json")):
        for key, chinese in json.loads(path.read_text(encoding="utf-8")).items():
            first = given.setdefault(key, (path.name, chinese))
            if first[1] != chinese:
                clashes.append((key, first, (path.name, chinese)))
    assert given and clashes == []


def test_each_translation_keeps_the_placeholders_of_its_english(po):
    wrong = []
    for message in po:
        if not message.id or not message.string:
            continue
        english = message.id if isinstance(message.id, str) else message.id[0]
        chinese = message.string if isinstance(message.string, str) else message.string[0]
        names = {f for _, f, _, _ in string.Formatter().parse(english) if f is not None}
        if names != {f for _, f, _, _ in string.Formatter().parse(chinese) if f is not None}:
            wrong.append((english, chinese))
    assert wrong == []


def test_each_translation_keeps_the_commands_its_english_quotes(po):
    """`deskapp pin NAME` is typed as it is in any language: a translation that says "the command"
    instead leaves the reader nothing to type. Its UPPER-CASE stand-ins (NAME, SUPERVISOR) may be translated."""
    lost = []
    for message in po:
        if not message.id or not message.string:
            continue
        english = message.id if isinstance(message.id, str) else message.id[0]
        chinese = message.string if isinstance(message.string, str) else message.string[0]
        for command in re.findall(r"`[^`]+`", english):
            kept = "".join(r"\S+" if re.fullmatch(r"[A-Z]{2,}", part) else re.escape(part)
                           for part in re.split(r"\b([A-Z]{2,})\b", command))
            if not re.search(kept, chinese):
                lost.append((command, chinese))
    assert lost == []


def test_chinese_text_is_in_chinese(po):
    """A translation that is the English again (or empty of Chinese) is a key missing in disguise."""
    latin_only = []
    for message in po:
        if not message.id or not message.string:
            continue
        chinese = message.string if isinstance(message.string, str) else message.string[0]
        text = PLACEHOLDER.sub("", chinese)
        if re.search(r"[A-Za-z]{3,}", text) and not re.search(r"[\u4e00-\u9fff]", text):
            latin_only.append((message.id, chinese))
    assert latin_only == []


def test_the_language_comes_from_the_flag_then_the_setting_then_the_locale():
    assert i18n.choose("zh") == i18n.CHINESE
    assert i18n.choose(None, {"DESKAPP_LANG": "en", "LANG": "zh_CN.UTF-8"}) == i18n.ENGLISH
    assert i18n.choose(None, {"LANG": "zh_CN.UTF-8"}) == i18n.CHINESE
    assert i18n.choose(None, {"LC_ALL": "C", "LANG": "zh_CN.UTF-8"}) == i18n.ENGLISH
    assert i18n.choose(None, {}) == i18n.ENGLISH
    with pytest.raises(i18n.LanguageError, match="en and zh_CN"):
        i18n.choose("fr")


def test_english_is_the_code_and_chinese_the_catalogue():
    with i18n.use_language(i18n.CHINESE):
        assert i18n.pgettext("kind", "repair") == "报修"
        assert i18n.ngettext("{n} day", "{n} days", 3).format(n=3) == "3天"
    assert i18n.pgettext("kind", "repair") == "repair"
    assert i18n.ngettext("{n} day", "{n} days", 1).format(n=1) == "1 day"
