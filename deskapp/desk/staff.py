"""The staff list kept in the database: people join, change role and leave without editing
staff.toml (which `init` still seeds from). Each change is a staff event: who, when, before → after.
Only a supervisor changes the staff list, whether or not the desk has PINs yet."""

from __future__ import annotations

from sqlmodel import Session

from deskapp.config.permissions import permissions
from deskapp.desk.access import record_staff_event, staff_named_any
from deskapp.desk.who_may import who_may
from deskapp.domain import permissions as rules
from deskapp.domain.enums import Role
from deskapp.domain.errors import DeskError, NotAllowed
from deskapp.domain.intake import text_problem
from deskapp.i18n import _
from deskapp.models import Department, Staff
from deskapp.reads.lookup import default_operator, department_named, staff_named
from deskapp.store.context import Desk
from deskapp.words.labels import label


def add_staff(desk: Desk, name: str, role: Role, department: str | None = None, phone: str = "",
              by: str | None = None) -> Staff:
    with desk.transaction() as session:
        actor = _supervisor(session, by)
        name = _plain(name, _("name"))
        if not name:
            raise DeskError(_("a name is needed, as the person signs in"), "name")
        phone = _plain(phone, _("phone"))
        existing = _found(session, name)
        if existing is not None and existing.active:
            raise DeskError(_("{name} is already on the staff list").format(name=existing.name), "name")
        dept = department_named(session, department) if department else None
        if existing is not None:  # back after leaving: the same person, the same history
            person = existing
            before = _facts(session, person)
            person.active, person.role, person.phone = True, role, phone or person.phone
            person.department_id = dept.id if dept else None
            action = "rejoined"
        else:
            person, before, action = Staff(name=name, role=role, department_id=dept.id if dept else None,
                                           phone=phone), {}, "added"
        session.add(person)
        session.flush()
        record_staff_event(session, person, actor.id, action, desk.now(), _changed(before, _facts(session, person)))
        return person


def change_role(desk: Desk, name: str, role: Role, department: str | None = None, by: str | None = None) -> Staff:
    with desk.transaction() as session:
        actor = _supervisor(session, by)
        person = staff_named(session, name)
        before = _facts(session, person)
        person.role = role
        if department:
            person.department_id = department_named(session, department).id
        after = _facts(session, person)
        if after == before:
            raise DeskError(_("{name} is already {role}").format(name=person.name, role=label(role)), "role")
        if person.id == actor.id and role is not Role.supervisor and _last_supervisor(session, person):
            raise NotAllowed(_("{name} is the desk's only supervisor; make someone else a supervisor first").format(
                name=person.name))
        session.add(person)
        record_staff_event(session, person, actor.id, "role", desk.now(), _changed(before, after))
        return person


def leave(desk: Desk, name: str, reason: str = "", by: str | None = None) -> Staff:
    """The person leaves: off the sign-in list and every choice; their cases and history keep the name."""
    with desk.transaction() as session:
        actor = _supervisor(session, by)
        person = staff_named(session, name)
        if person.role is Role.supervisor and _last_supervisor(session, person):
            raise NotAllowed(_("{name} is the desk's only supervisor; make someone else a supervisor first").format(
                name=person.name))
        person.active = False
        session.add(person)
        record_staff_event(session, person, actor.id, "left", desk.now(), {"reason": _plain(reason, _("reason"))})
        return person


def _supervisor(session: Session, by: str | None) -> Staff:
    actor = staff_named(session, by) if by else default_operator(session)
    if not permissions().steps.allows("staff", rules.Person(actor.role, actor.department_id), None):
        raise NotAllowed(_("{name} ({role}) cannot change the staff list: {who}").format(
            name=actor.name, role=label(actor.role), who=who_may(session, permissions().steps.who("staff", False), None)))
    return actor


def _found(session: Session, name: str) -> Staff | None:
    try:
        return staff_named_any(session, name)
    except DeskError:
        return None


def _last_supervisor(session: Session, person: Staff) -> bool:
    from sqlmodel import select

    others = session.exec(select(Staff.id).where(Staff.role == Role.supervisor, Staff.active, Staff.id != person.id))
    return others.first() is None


def _facts(session: Session, person: Staff) -> dict:
    dept = session.get(Department, person.department_id) if person.department_id else None
    return {"role": person.role.value, "department": dept.name if dept else None, "phone": person.phone,
            "active": person.active}


def _changed(before: dict, after: dict) -> dict:
    return {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}


def _plain(text: str, what: str) -> str:
    problem = text_problem(text, what, 80)
    if problem:
        raise DeskError(problem)
    return text.strip()
