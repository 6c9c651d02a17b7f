"""The departments' shown names, from data/staff.toml (`zh_CN = "工程部"` beside each name).

Read once per data folder: every list, form and report names departments through here, and a bad
entry stops the desk with the file's name when it is first read.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from deskapp.config.datafiles import load_staff
from deskapp.config.paths import data_dir
from deskapp.words.names import (
    ShownNames,
    department_label,
    department_names,
    read_departments_from,
)

__all__ = ["department_label", "department_names", "department_words"]


def department_words(folder: Path | None = None) -> ShownNames:
    return _read(folder or data_dir())


@cache
def _read(folder: Path) -> ShownNames:
    return load_staff(folder).shown


# words/ shows departments by these names; it asks here, never reading the file itself.
read_departments_from(department_words)
