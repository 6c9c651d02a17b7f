"""Small pieces of the services' sentences: lists of names, a case's kind, and the departments' shown names.

Departments are kept by the name the staff file gives them ("Engineering"): code, tests, the
history and other desks refer to them by it. The departments the desk ships with are also shown
in the desk's language (工程部); a department the supervisor adds under any other name is shown
as it is written. A typed department name may be the kept name or its shown name in either
language.
"""

from __future__ import annotations

from collections.abc import Iterable

from deskapp.domain.enums import Kind, Severity
from deskapp.i18n import NP_, _, every_language, pgettext
from deskapp.words.labels import label

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


def kind_label(kind: Kind, severity: Severity | None) -> str:
    """A case's kind with its severity, as the lists and summaries show it.

    English keeps 'complaint · major'; Chinese gives the manuals' full name, 重大投诉 (the same
    words as `labels.complaint_label`), as the queue and the command line do. No severity: the kind.
    """
    if severity is None:
        return label(kind)
    return _("{kind} · {severity}").format(kind=label(kind), severity=label(severity))


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
