"""Reads data/categories.toml: the category list, in both languages with aliases.

Read once per data folder. Without the file the list is empty: categories are kept as typed and
none is marked. A mistake in the file stops the desk with the file's name and the problem.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from deskapp.config.datafiles import DataFileError, read_toml
from deskapp.config.paths import data_dir
from deskapp.domain.categories import Category, CategoryList
from deskapp.i18n import _, chinese


def category_list(folder: Path | None = None) -> CategoryList:
    return _list(folder or data_dir())


@cache
def _list(folder: Path) -> CategoryList:
    path = folder / "categories.toml"
    if not path.exists():
        return CategoryList()
    try:
        return CategoryList(tuple(_category(i, c) for i, c in enumerate(read_toml(path).get("category", []), start=1)))
    except (KeyError, TypeError, ValueError) as e:
        raise DataFileError(f"{path}: {e}") from None


def _category(index: int, raw: dict) -> Category:
    if not str(raw.get("name", "")).strip():
        raise ValueError(_("category {number} needs name").format(number=index))
    return Category(raw["name"].strip(), str(raw.get("zh_CN", "")).strip(), tuple(str(a) for a in raw.get("aliases", [])))


def canonical_category(typed: str, folder: Path | None = None) -> str:
    """What a case keeps for the category typed: the list's name in the desk's language, else as typed."""
    return category_list(folder).canonical(typed, chinese())


def category_words(stored: str, folder: Path | None = None) -> str:
    """A category as the reports show it: by the list's name in the desk's language; one not in the
    list as stored, marked for the supervisor."""
    found = category_list(folder).find(stored)
    if found:
        return found.shown(chinese())
    return _("{category} (not in the list)").format(category=stored)
