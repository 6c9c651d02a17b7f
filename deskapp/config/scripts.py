"""Reads data/scripts.toml: the answer scripts, with the intake's thresholds from policy.toml beside them.

A desk that speaks Chinese reads its scripts from data/scripts.zh_CN.toml beside it (the same
problems, questions and rules, in the manuals' words). The thresholds (batch window, how far back a
caller's complaints are listed, the notices' hours) are the desk's policy, in policy.toml's
[intake] and [notices] (deskapp.config.intake). Without a file for the desk's language, the English
scripts are used.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache
from pathlib import Path

from deskapp.config.datafiles import DataFileError, load_staff, read_toml
from deskapp.config.intake import intake_rules
from deskapp.config.paths import data_dir
from deskapp.domain.batch import BatchRule
from deskapp.domain.enums import Kind
from deskapp.domain.scripts import AnswerScript, Objection, Question, read_promise
from deskapp.i18n import ENGLISH, _, language


@dataclass(frozen=True)
class ScriptBook:
    scripts: tuple[AnswerScript, ...]
    batch: BatchRule
    recent: timedelta  # how far back the repeat-caller panel lists complaints
    announce_ahead: timedelta  # notices are due to be announced this long before they start
    show_ahead: timedelta  # intake shows notices that start within this


def scripts_file(folder: Path, language_: str) -> Path:
    """The scripts in the given language: scripts.zh_CN.toml for Chinese, else scripts.toml."""
    translated = folder / f"scripts.{language_}.toml"
    return translated if language_ != ENGLISH and translated.exists() else folder / "scripts.toml"


def load_scripts(folder: Path | None = None, language_: str | None = None) -> ScriptBook:
    """The book for the desk's language (or `language_`): its scripts, and the intake's thresholds of policy.toml."""
    folder = folder or data_dir()
    scripts_path = scripts_file(folder, language_ or language())
    try:
        scripts = _scripts(read_toml(scripts_path))
    except (KeyError, TypeError, ValueError) as e:
        raise DataFileError(f"{scripts_path}: {e}") from None
    rules = intake_rules(folder)
    return ScriptBook(scripts, rules.batch, rules.recent, rules.announce_ahead, rules.show_ahead)


def shipped_scripts(folder: Path | None = None) -> ScriptBook:
    """Loaded once per process and language: the intake screen opens many times a day."""
    return _shipped(folder, language())


@lru_cache(maxsize=4)
def _shipped(folder: Path | None, language_: str) -> ScriptBook:
    return load_scripts(folder, language_)


def _scripts(raw: dict) -> tuple[AnswerScript, ...]:
    return tuple(_script(i, s) for i, s in enumerate(raw.get("script", []), start=1))


def _script(index: int, raw: dict) -> AnswerScript:
    where = _("script {number} ({title!r})").format(number=index, title=raw.get("title", _("no title")))
    for key in ("title", "category", "kind", "dispatch_to", "reply"):
        if not str(raw.get(key, "")).strip():
            raise ValueError(_("{where} needs {key}").format(where=where, key=key))
    try:
        kind = Kind(raw["kind"])
    except ValueError:
        raise ValueError(_("{where}: kind {kind!r} is not one of {kinds}").format(
            where=where, kind=raw["kind"], kinds=", ".join(k.value for k in Kind))) from None
    questions = []
    for q in raw.get("question", []):
        answer = str(q.get("dispatch_if", "")).lower()
        if answer not in ("yes", "no"):
            raise ValueError(_('{where}: dispatch_if must be "yes" or "no", not {value!r}').format(
                where=where, value=q.get("dispatch_if")))
        if not str(q.get("ask", "")).strip():
            raise ValueError(_("{where}: a question needs ask").format(where=where))
        questions.append(Question(q["ask"], answer == "yes", emergency=str(q.get("emergency", "")).strip(),
                                  dispatch_to=str(q.get("dispatch_to", "")).strip(), reply=str(q.get("reply", "")).strip()))
    objections = []
    for o in raw.get("objection", []):
        if not (str(o.get("says", "")).strip() and str(o.get("reply", "")).strip()):
            raise ValueError(_("{where}: an objection needs says and reply").format(where=where))
        objections.append(Objection(o["says"].strip(), o["reply"].strip()))
    promise = None
    if str(raw.get("dispatch_promise", "")).strip():
        promise = read_promise(str(raw["dispatch_promise"]))
        if promise is None:
            raise ValueError(_("{where}: dispatch_promise {value!r} is not a time such as \"2 working days\", "
                               "\"4 working hours\" or \"24 hours\"").format(where=where, value=raw["dispatch_promise"]))
    return AnswerScript(
        title=raw["title"], keywords=tuple(raw.get("keywords", [])), category=raw["category"], kind=kind,
        dispatch_to=raw["dispatch_to"], reply=raw["reply"].strip(),
        dispatch_reply=raw.get("dispatch_reply", "").strip(), questions=tuple(questions),
        symptoms=str(raw.get("symptoms", "")).strip(), typical=str(raw.get("typical", "")).strip(),
        objections=tuple(objections), dispatch_promise=promise,
    )


def department_phone(department: str, folder: Path | None = None) -> str:
    """The number to call a department on at once (an emergency), from staff.toml; '' if it has none."""
    return dict(_phones(folder or data_dir())).get(department, "")


@lru_cache(maxsize=4)
def _phones(folder: Path) -> tuple[tuple[str, str], ...]:
    return load_staff(folder).departments
