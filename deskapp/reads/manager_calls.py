"""The managers to call about one case: those the case needs first, and who was already called, when.

The escalation list reads this each time it opens, so a manager ticked before (in the list, or with
`deskapp notify`) is shown as called and is not called, nor recorded, a second time from the list.
A call retracted as ticked by mistake (`deskapp notify --retract`) does not count as a call: the
manager is shown to call again, with the retraction beside them."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from deskapp.config.departments import department_label
from deskapp.domain.enums import Role
from deskapp.models import Case, Department, HistoryEvent, Notification, Staff
from deskapp.reads.callers import Manager, managers_to_call
from deskapp.store.context import Desk


@dataclass(frozen=True)
class ManagerCall:
    manager: Manager
    needed: bool  # the case's own department's manager, or the project manager
    called_at: datetime | None  # the first time this manager was called about this case; None: not yet
    retracted_at: datetime | None = None  # not called, but a call ticked by mistake was taken back (when ticked)


# The history action of a retracted call: its details name the notification it takes back.
RETRACT = "retract_call"


def retracted_calls(session: Session, case_ids: Iterable[int]) -> set[int]:
    """The notifications taken back as ticked by mistake, for these cases (few: a case's own events)."""
    ids = list(case_ids)
    if not ids:
        return set()
    details = session.exec(select(HistoryEvent.details).where(col(HistoryEvent.case_id).in_(ids),
                                                              HistoryEvent.action == RETRACT)).all()
    return {json.loads(d)["notification"] for d in details if d}


def manager_calls(desk: Desk, case_id: int) -> list[ManagerCall]:
    """Every manager to call, the ones this case needs first (its department's manager, then the
    project manager), each with when they were first called about it."""
    managers = managers_to_call(desk)
    with desk.reading() as session:
        department = session.exec(select(Department.name).join(Case, col(Case.department_id) == Department.id)
                                  .where(Case.id == case_id)).first()
        taken_back = retracted_calls(session, [case_id])
        rows = session.exec(select(Notification.id, Staff.name, Notification.at)
                            .join(Staff, col(Staff.id) == Notification.staff_id)
                            .where(Notification.case_id == case_id)).all()
    called: dict[str, datetime] = {}
    retracted: dict[str, datetime] = {}
    for number, name, at in rows:
        kept = retracted if number in taken_back else called
        kept[name] = min(at, kept.get(name, at))
    calls = [ManagerCall(m, _needed(m, department), called.get(m.name),
                         None if m.name in called else retracted.get(m.name)) for m in managers]
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
