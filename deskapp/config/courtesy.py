"""Reads data/courtesy.toml: the approved greeting, apology and closing the operator says.

A desk that speaks Chinese reads data/courtesy.zh_CN.toml beside it, in the manuals' own words
(SOP 1.3 问候语, 1.7 结束语; QP7.3 4.2.3 a 先向顾客道歉). Without a file for the desk's language, the
English words are used. Loaded once per process and language: the intake form shows them on every call.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from deskapp.config.datafiles import DataFileError, read_toml
from deskapp.config.paths import data_dir
from deskapp.i18n import ENGLISH, _, language

_KEYS = ("greeting", "apology", "closing")


@dataclass(frozen=True)
class Courtesy:
    greeting: str  # on picking up: "您好，客服中心0XX号为您服务。"
    apology: str  # first, when the caller complains
    closing: str  # last, on every call: "感谢您的来电，再见。"


def courtesy_file(folder: Path, language_: str) -> Path:
    """The words in the given language: courtesy.zh_CN.toml for Chinese, else courtesy.toml."""
    translated = folder / f"courtesy.{language_}.toml"
    return translated if language_ != ENGLISH and translated.exists() else folder / "courtesy.toml"


def load_courtesy(folder: Path | None = None, language_: str | None = None) -> Courtesy:
    path = courtesy_file(folder or data_dir(), language_ or language())
    raw = read_toml(path)
    for key in _KEYS:
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise DataFileError(_("{path}: {key} needs the words the operator says").format(path=path, key=key))
    return Courtesy(*(" ".join(raw[key].split()) for key in _KEYS))


def shipped_courtesy(folder: Path | None = None) -> Courtesy:
    return _shipped(folder, language())


@lru_cache(maxsize=4)
def _shipped(folder: Path | None, language_: str) -> Courtesy:
    return load_courtesy(folder, language_)
