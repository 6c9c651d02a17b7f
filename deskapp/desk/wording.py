"""Small pieces of the services' sentences: lists of names, and the departments' shown names.

Departments are kept by the name the staff file gives them ("Engineering"): code, tests, the
history and other desks refer to them by it. The departments the desk ships with are also shown
in the desk's language (工程部); a department the supervisor adds under any other name is shown
as it is written. A typed department name may be the kept name or its shown name in either
language.
"""

from __future__ import annotations

from collections.abc import Iterable

from deskapp.i18n import NP_, every_language, pgettext

# The shipped staff file's departments (data/staff.toml): their names in the desk's language.
_DEPARTMENTS: dict[str, tuple[str, str]] = {
    "Customer Service": NP_("department", "Customer Service"),
    "Engineering": NP_("department", "Engineering"),
    "Housekeeping": NP_("department", "Housekeeping"),
    "Security": NP_("department", "Security"),
    "Operations Management": NP_("department", "Operations Management"),
}


def listed(items: Iterable[str]) -> str:
    """'Chen Jing, Wang Fang' / 'Chen Jing、Wang Fang'."""
    return pgettext("list", ", ").join(items)


def department_label(name: str | None) -> str | None:
    """A department as people read it: 'Engineering' / '工程部'; other names as they are written."""
    if not name:
        return name
    marked = _DEPARTMENTS.get(name)
    return pgettext(*marked) if marked else name


def department_names(name: str) -> set[str]:
    """Every name a department answers to, in lower case: its kept name and its shown names."""
    names = {name.lower()}
    marked = _DEPARTMENTS.get(name)
    if marked:
        names |= {name.lower() for name in every_language(*marked)}
    return names
