"""Reads the intake's thresholds and the notice topics from data/policy.toml.

    [intake]   batch_window_minutes, batch_callers, recent_days, future_minutes
    [notices]  announce_hours, show_ahead_hours, apology_days, and a [[notices.topic]] per topic (name, zh_CN)

They are the desk's policy, numbers a supervisor may change; the answer scripts (scripts.toml)
only say what to ask and reply. Read once per data folder; a bad value stops the desk with the
file's name and the problem in plain words.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from functools import cache
from pathlib import Path

from deskapp.config.datafiles import DataFileError, read_toml
from deskapp.config.paths import data_dir
from deskapp.domain.batch import BatchRule
from deskapp.i18n import LANGUAGES, _
from deskapp.words.names import ShownNames


@dataclass(frozen=True)
class IntakeRules:
    batch: BatchRule  # several callers about one problem within a window: a possible batch incident
    recent: timedelta  # how far back the repeat-caller panel lists complaints
    future_slack: timedelta  # how far ahead of the desk's clock a typed time may be (two machines' clocks differ)
    announce_ahead: timedelta  # notices are due to be announced this long before they start
    show_ahead: timedelta  # intake shows notices that start within this


@dataclass(frozen=True)
class NoticeTopics:
    topics: tuple[str, ...]  # as stored: water, power, lift, cleaning, other
    shown: ShownNames  # their names in the desk's languages (zh_CN = "供水")

    def label(self, topic: str) -> str:
        """'water' / '供水'; a topic the file does not list, as stored."""
        return self.shown.label(topic) or topic

    def named(self, typed: str) -> str | None:
        """The stored topic for what was typed: the topic itself or its name in any language."""
        return self.shown.named(typed, self.topics)


def intake_rules(folder: Path | None = None) -> IntakeRules:
    return _rules(folder or data_dir())


def notice_topics(folder: Path | None = None) -> NoticeTopics:
    return _topics(folder or data_dir())


def apology_shown(folder: Path | None = None) -> timedelta:
    """How long an apology (after the event, or a general one) stays listed after it is posted."""
    return _apology_shown(folder or data_dir())


@cache
def _apology_shown(folder: Path) -> timedelta:
    path = folder / "policy.toml"
    notices = read_toml(path).get("notices", {})
    try:
        return timedelta(days=_positive(notices | {"apology_days": notices.get("apology_days", 14)}, "apology_days",
                                        "[notices]"))
    except ValueError as e:
        raise DataFileError(_("{path}: {problem}").format(path=path, problem=e)) from None


@cache
def _rules(folder: Path) -> IntakeRules:
    path = folder / "policy.toml"
    raw = read_toml(path)
    intake, notices = raw.get("intake", {}), raw.get("notices", {})
    try:
        return IntakeRules(
            batch=BatchRule(window=timedelta(minutes=_positive(intake, "batch_window_minutes", "[intake]")),
                            callers=int(_positive(intake, "batch_callers", "[intake]"))),
            recent=timedelta(days=_positive(intake, "recent_days", "[intake]")),
            future_slack=timedelta(minutes=_positive(intake, "future_minutes", "[intake]")),
            announce_ahead=timedelta(hours=_positive(notices, "announce_hours", "[notices]")),
            show_ahead=timedelta(hours=_positive(notices, "show_ahead_hours", "[notices]")),
        )
    except ValueError as e:
        raise DataFileError(_("{path}: {problem}").format(path=path, problem=e)) from None


@cache
def _topics(folder: Path) -> NoticeTopics:
    path = folder / "policy.toml"
    entries = read_toml(path).get("notices", {}).get("topic", [])
    try:
        topics = tuple(_topic_name(entry) for entry in entries)
        if not topics:
            raise ValueError(_("[notices] needs at least one [[notices.topic]], for example name = \"water\""))
        shown = {entry["name"]: {lang: _shown(entry, lang) for lang in LANGUAGES if lang in entry} for entry in entries}
    except ValueError as e:
        raise DataFileError(_("{path}: {problem}").format(path=path, problem=e)) from None
    return NoticeTopics(topics, ShownNames(shown))


def _topic_name(entry: dict) -> str:
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip() or name != name.strip().lower():
        problem = _("[[notices.topic]] name = {value!r} must be a word in lower case, such as \"water\"")
        raise ValueError(problem.format(value=name))
    return name


def _shown(entry: dict, language_: str) -> str:
    value = entry[language_]
    if not isinstance(value, str) or not value.strip():
        raise ValueError(_("[[notices.topic]] {name!r} has {key} = {value!r}; write its name, such as {key} = \"供水\"").format(
            name=entry["name"], key=language_, value=value))
    return value.strip()


def _positive(section: dict, key: str, where: str) -> float:
    value = section.get(key)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        raise ValueError(_("{where} {key} must be a number above 0, not {value!r}").format(where=where, key=key, value=value))
    return value
