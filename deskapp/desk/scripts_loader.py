"""Reads data/scripts.toml: the answer scripts and the intake's thresholds (batch window, notices)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache
from pathlib import Path

from deskapp.datafiles import DataFileError, read_toml
from deskapp.domain.batch import BatchRule
from deskapp.domain.enums import Kind
from deskapp.domain.scripts import AnswerScript, Question
from deskapp.paths import data_dir


@dataclass(frozen=True)
class ScriptBook:
    scripts: tuple[AnswerScript, ...]
    batch: BatchRule
    recent: timedelta  # how far back the repeat-caller panel lists complaints
    announce_ahead: timedelta  # notices are due to be announced this long before they start
    show_ahead: timedelta  # intake shows notices that start within this


def load_scripts(folder: Path | None = None) -> ScriptBook:
    path = (folder or data_dir()) / "scripts.toml"
    raw = read_toml(path)
    try:
        return _book(raw)
    except (KeyError, TypeError, ValueError) as e:
        raise DataFileError(f"{path}: {e}") from None


@lru_cache(maxsize=4)
def shipped_scripts(folder: Path | None = None) -> ScriptBook:
    """Loaded once per process: the intake screen opens many times a day."""
    return load_scripts(folder)


def _book(raw: dict) -> ScriptBook:
    batch = raw.get("batch", {})
    notices = raw.get("notices", {})
    scripts = tuple(_script(i, s) for i, s in enumerate(raw.get("script", []), start=1))
    return ScriptBook(
        scripts=scripts,
        batch=BatchRule(window=timedelta(minutes=_positive(batch, "window_minutes", "[batch]")),
                        callers=int(_positive(batch, "callers", "[batch]"))),
        recent=timedelta(days=_positive(batch, "recent_days", "[batch]")),
        announce_ahead=timedelta(hours=_positive(notices, "announce_hours", "[notices]")),
        show_ahead=timedelta(hours=_positive(notices, "show_ahead_hours", "[notices]")),
    )


def _script(index: int, raw: dict) -> AnswerScript:
    where = f"script {index} ({raw.get('title', 'no title')!r})"
    for key in ("title", "category", "kind", "dispatch_to", "reply"):
        if not str(raw.get(key, "")).strip():
            raise ValueError(f"{where} needs {key}")
    try:
        kind = Kind(raw["kind"])
    except ValueError:
        raise ValueError(f"{where}: kind {raw['kind']!r} is not one of {', '.join(k.value for k in Kind)}") from None
    questions = []
    for q in raw.get("question", []):
        answer = str(q.get("dispatch_if", "")).lower()
        if answer not in ("yes", "no"):
            raise ValueError(f"{where}: dispatch_if must be \"yes\" or \"no\", not {q.get('dispatch_if')!r}")
        questions.append(Question(q["ask"], answer == "yes"))
    return AnswerScript(
        title=raw["title"], keywords=tuple(raw.get("keywords", [])), category=raw["category"], kind=kind,
        dispatch_to=raw["dispatch_to"], reply=raw["reply"].strip(),
        dispatch_reply=raw.get("dispatch_reply", "").strip(), questions=tuple(questions),
    )


def _positive(section: dict, key: str, where: str) -> float:
    value = section.get(key)
    if not isinstance(value, (int, float)) or value <= 0:
        raise ValueError(f"{where} {key} must be a number above 0, not {value!r}")
    return value
