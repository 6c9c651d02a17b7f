"""Who may sign in at the desk, in the order the sign-in screen offers them."""

from __future__ import annotations

from sqlmodel import select

from deskapp.domain.enums import Role
from deskapp.models import Staff
from deskapp.store.context import Desk

# The desk's own people first: they are the ones who sign in at the start of every shift.
_DESK_FIRST = [Role.receptionist, Role.night_duty, Role.supervisor, Role.department_manager,
               Role.project_manager, Role.staff]


def who_signs_in(desk: Desk) -> list[tuple[str, Role, bool]]:
    """(name, role, whether they have a PIN) for every active member of staff, the desk's roles first."""
    with desk.reading() as session:
        rows = session.exec(select(Staff).where(Staff.active).order_by(Staff.name)).all()
    rows = sorted(rows, key=lambda s: _DESK_FIRST.index(s.role))
    return [(s.name, s.role, bool(s.pin_hash)) for s in rows]
