"""The departments: one list that every form, filter, error message and report takes them from.

Each comes with the name the staff file keeps it by ("Engineering", what the services take back)
and the name it is shown by in the desk's language (工程部, data/staff.toml's zh_CN).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from deskapp.config.departments import department_label
from deskapp.models import Department
from deskapp.store.context import Desk


@dataclass(frozen=True)
class DepartmentName:
    id: int
    name: str  # as the staff file keeps it
    shown: str  # in the desk's language
    active: bool


def departments(desk: Desk, active_only: bool = True) -> list[DepartmentName]:
    """The departments by their kept names; with `active_only=False` also those no longer on the staff list."""
    with desk.reading() as session:
        return departments_in(session, active_only)


def departments_in(session: Session, active_only: bool = True) -> list[DepartmentName]:
    """`departments`, inside a session a service already holds."""
    query = select(Department.id, Department.name, Department.active).order_by(col(Department.name))
    if active_only:
        query = query.where(Department.active)
    return [DepartmentName(i, name, department_label(name) or name, active) for i, name, active in session.exec(query)]
