"""Opening the desk: the database at the newest schema, the staff list loaded, the rules read."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import Session, select

from deskapp.config.datafiles import StaffList, load_calendar, load_policy, load_staff
from deskapp.config.paths import database_url
from deskapp.models import Department, Staff
from deskapp.store import db
from deskapp.store.clock import DeskClock
from deskapp.store.context import Desk


def open_desk(db_arg: str | None = None, data: Path | None = None, clock: DeskClock | None = None) -> tuple[Desk, str | None]:
    """The desk on the chosen database, migrated and with its staff list. Returns a notice, if any."""
    policy = load_policy(data)
    calendar = load_calendar(data)
    engine = db.make_engine(database_url(db_arg))
    notice = db.prepare(engine)
    with Session(engine) as session:
        if session.exec(select(Staff.id).limit(1)).first() is None:
            sync_staff(session, load_staff(data))
            session.commit()
    return Desk(engine, policy, calendar, clock or DeskClock()), notice


def sync_staff(session: Session, staff_list: StaffList) -> tuple[int, int]:
    """Add or update departments and staff by name; nobody is removed (old cases still name them)."""
    added = updated = 0
    departments = {d.name: d for d in session.exec(select(Department)).all()}
    for name, phone in staff_list.departments:
        dept = departments.get(name)
        if dept is None:
            dept = departments[name] = Department(name=name, phone=phone)
            added += 1
        elif dept.phone != phone:
            dept.phone = phone
            updated += 1
        session.add(dept)
    session.flush()
    people = {s.name: s for s in session.exec(select(Staff)).all()}
    for entry in staff_list.staff:
        dept_id = departments[entry.department].id if entry.department else None
        person = people.get(entry.name)
        if person is None:
            session.add(Staff(name=entry.name, role=entry.role, department_id=dept_id, phone=entry.phone))
            added += 1
        elif (person.role, person.department_id, person.phone) != (entry.role, dept_id, entry.phone):
            person.role, person.department_id, person.phone = entry.role, dept_id, entry.phone
            session.add(person)
            updated += 1
    return added, updated
