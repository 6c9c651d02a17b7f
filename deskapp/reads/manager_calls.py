"""The managers to call about one case: those the case needs first, and who was already called, when.

The escalation list reads this each time it opens, so a manager ticked before (in the list, or with
`deskapp notify`) is shown as called and is not called, nor recorded, a second time from the list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import col, func, select

from deskapp.config.departments import department_label
from deskapp.domain.enums import Role
from deskapp.models import Case, Department, Notification, Staff
from deskapp.reads.callers import Manager, managers_to_call
from deskapp.store.context import Desk


@dataclass(frozen=True)
class ManagerCall:
    manager: Manager
    needed: bool  # the case's own department's manager, or the project manager
    called_at: datetime | None  # the first time this manager was called about this case; None: not yet


def manager_calls(desk: Desk, case_id: int) -> list[ManagerCall]:
    """Every manager to call, the ones this case needs first (its department's manager, then the
    project manager), each with when they were first called about it."""
    managers = managers_to_call(desk)
    with desk.reading() as session:
        department = session.exec(select(Department.name).join(Case, col(Case.department_id) == Department.id)
                                  .where(Case.id == case_id)).first()
        called = dict(session.exec(
            select(Staff.name, func.min(Notification.at)).join(Staff, col(Staff.id) == Notification.staff_id)
            .where(Notification.case_id == case_id).group_by(Staff.name)).all())
    calls = [ManagerCall(m, _needed(m, department), called.get(m.name)) for m in managers]
    return sorted(calls, key=lambda c: _rank(c, department))  # sorted() keeps the staff list's order within a rank


def _needed(manager: Manager, department: str | None) -> bool:
    return manager.role is Role.project_manager or (department is not None and manager.department == _label(department))


def _rank(call: ManagerCall, department: str | None) -> int:
    if not call.needed:
        return 2
    return 1 if call.manager.role is Role.project_manager else 0



def _label(department: str) -> str:
    # Manager.department is the department's name in the desk's language, as managers_to_call shows it.
    return department_label(department) or department
