"""The category list: what a case is about, one name however it is written.

The demo wrote "air-conditioning", the scripts "air conditioning", a Chinese desk 空调, and the month's
statistics split them. The list (data/categories.toml, read by deskapp.config.categories) names each
category in both languages with its aliases; here are its shape, the suggestions the intake makes as
the operator types, and the canonical name a case keeps. A category not in the list is allowed (a new
kind of call) and marked for the supervisor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NOT_NAME = re.compile(r"[\s\-_/.,，、·]+")


@dataclass(frozen=True)
class Category:
    name: str  # kept, in English: "air conditioning"
    chinese: str = ""  # "空调"
    aliases: tuple[str, ...] = ()

    def shown(self, chinese: bool = False) -> str:
        return self.chinese if chinese and self.chinese else self.name

    def spellings(self) -> tuple[str, ...]:
        return tuple(s for s in (self.name, self.chinese, *self.aliases) if s)


@dataclass(frozen=True)
class CategoryList:
    categories: tuple[Category, ...] = ()

    def find(self, typed: str) -> Category | None:
        """The category `typed` names by its name in either language or an alias; None if not in the list."""
        wanted = folded(typed)
        if not wanted:
            return None
        return next((c for c in self.categories if wanted in {folded(s) for s in c.spellings()}), None)

    def canonical(self, typed: str, chinese: bool = False) -> str:
        """What a case keeps: the list's name in the desk's language, or the text as typed if unlisted."""
        found = self.find(typed)
        return found.shown(chinese) if found else " ".join(typed.split())

    def key(self, stored: str) -> str:
        """What the figures count by: the list's kept name, so 空调 and "air-conditioning" are one line;
        an unlisted category by its text as stored."""
        found = self.find(stored)
        return found.name if found else " ".join(stored.split())

    def listed(self, stored: str) -> bool:
        return self.find(stored) is not None

    def every_spelling(self, typed: str) -> tuple[str, ...]:
        """Every way the category of `typed` may be stored, for matching old cases: the typed text too."""
        found = self.find(typed)
        stored = {typed.strip()}
        if found:
            stored |= set(found.spellings())
        return tuple(sorted(stored))

    def suggest(self, typed: str, chinese: bool = False, limit: int = 5) -> list[Category]:
        """Categories for what is being typed, best first: a name that starts so, then one holding it."""
        wanted = folded(typed)
        if not wanted:
            return []
        starts, holds = [], []
        for c in self.categories:
            names = [folded(s) for s in ((c.shown(chinese),) + c.spellings())]
            if any(n.startswith(wanted) for n in names):
                starts.append(c)
            elif any(wanted in n for n in names):
                holds.append(c)
        return (starts + holds)[:limit]


def folded(text: str) -> str:
    """A category folded for matching: letter case, spaces, hyphens and punctuation do not matter."""
    return _NOT_NAME.sub("", text or "").lower()
