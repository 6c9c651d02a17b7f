"""The departments' shown names, from data/staff.toml (`zh_CN = "工程部"` beside each name).

Read once per data folder: every list, form and report names departments through here, and a bad
entry stops the desk with the file's name when it is first read.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from deskapp.config.datafiles import load_staff
from deskapp.config.paths import data_dir
from deskapp.words.names import ShownNames


def department_words(folder: Path | None = None) -> ShownNames:
    return _read(folder or data_dir())


@cache
def _read(folder: Path) -> ShownNames:
    return load_staff(folder).shown


def department_label(name: str | None) -> str | None:
    """A department as people read it: 'Engineering' / '工程部'; other names as they are written."""
    return department_words().label(name)


def department_names(name: str) -> set[str]:
    """Every name a department answers to, in lower case: its kept name and its shown names."""
    return department_words().names(name)
