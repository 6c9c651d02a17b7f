"""Names kept in English identifiers and shown in the desk's language, as a data file gives them.

A department is kept by the name the staff file gives it ("Engineering"): code, tests, the history
and other desks refer to it by that. The staff file may give it a name for another language
(zh_CN = "工程部"); a desk speaking that language shows it so, and anything without one is shown as
written. A typed name may be the kept name or a shown name in any language. Notice topics
("water" / 供水) are named the same way, from the policy file.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from deskapp.i18n import language


@dataclass(frozen=True)
class ShownNames:
    """Kept name → {language: shown name}, for every name that has one."""

    shown: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    def label(self, name: str | None) -> str | None:
        """'Engineering' / '工程部'; a name with no shown name in the desk's language, as written."""
        if not name:
            return name
        return self.shown.get(name, {}).get(language(), name)

    def names(self, name: str) -> set[str]:
        """Every name this one answers to, in lower case: the kept name and its shown names."""
        return {name.lower()} | {shown.lower() for shown in self.shown.get(name, {}).values()}

    def named(self, typed: str, kept: list[str] | tuple[str, ...]) -> str | None:
        """Which of the `kept` names the typed text means, by any of its names, in any letter case; also
        a kept name that is one of the typed name's own shown names (a staff file that keeps 工程部
        answers to "Engineering" where "Engineering" is shown as 工程部)."""
        wanted, answers_to = typed.strip().lower(), self.names(typed.strip())
        return next((name for name in kept if wanted in self.names(name) or name.lower() in answers_to), None)


# The departments' shown names are the staff file's, which words/ never reads itself (no I/O, and
# config sits above words): deskapp.config.departments names the source when it is imported.
_department_source: Callable[[], ShownNames] = ShownNames


def read_departments_from(source: Callable[[], ShownNames]) -> None:
    global _department_source
    _department_source = source


def department_label(name: str | None) -> str | None:
    """A department as people read it: 'Engineering' / '工程部'; other names as they are written."""
    return _department_source().label(name)


def department_names(name: str) -> set[str]:
    """Every name a department answers to, in lower case: its kept name and its shown names."""
    return _department_source().names(name)
