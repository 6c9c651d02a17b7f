"""Finding the rows an operation needs, with a plain refusal when they are not there."""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo

from sqlmodel import Session, col, func, select

from deskapp.desk.errors import Conflict, DeskError, NotAllowed, NotFound
from deskapp.domain.enums import Role, Status
from deskapp.models import Case, Department, HistoryEvent, Staff

# An event typed in with --at may be a moment ahead of the desk's clock (clocks on two machines
# differ a little), but not more.
_FUTURE_SLACK = timedelta(minutes=5)
_ANY_ORDER = ("note", "notify")


def case_for_change(session: Session, case_id: int, expected_version: int | None = None) -> Case:
    case = session.get(Case, case_id)
    if case is None:
        raise NotFound(f"there is no case {case_id}")
    if expected_version is not None and case.version != expected_version:
        last = session.exec(
            select(HistoryEvent, Staff.name)
            .join(Staff, col(Staff.id) == HistoryEvent.actor_id)
            .where(HistoryEvent.case_id == case_id)
            .order_by(col(HistoryEvent.id).desc())
            .limit(1)
        ).first()
        who = last[1] if last else "another desk"
        when = last[0].recorded_at.strftime("%H:%M") if last else "just now"
        raise Conflict(f"case {case_id} was changed by {who} at {when}; reloaded, please check")
    if case.status is Status.void:
        raise NotAllowed(f"case {case_id} was voided ({case.void_reason}); nothing more can be done to it")
    return case


def case_by_id(session: Session, case_id: int) -> Case:
    case = session.get(Case, case_id)
    if case is None:
        raise NotFound(f"there is no case {case_id}")
    return case


def staff_named(session: Session, name: str) -> Staff:
    return _named(session, Staff, name, "is not on the staff list (staff: {known})")


def department_named(session: Session, name: str) -> Department:
    return _named(session, Department, name, "is not a department (departments: {known})")


def _named(session: Session, model, name: str, refusal: str):
    """An active row by its name, in any letter case; the refusal lists the names there are."""
    found = session.exec(select(model).where(func.lower(model.name) == name.strip().lower())).first()
    if found is None or not found.active:
        known = ", ".join(session.exec(select(model.name).where(model.active).order_by(model.name)).all())
        raise NotFound(f"{name!r} " + refusal.format(known=known))
    return found


def default_operator(session: Session) -> Staff:
    """Who is at the desk when nobody said: the first receptionist on the staff list."""
    found = session.exec(
        select(Staff).where(Staff.role == Role.receptionist, Staff.active).order_by(Staff.id)
    ).first()
    if found is None:
        raise DeskError("there is no receptionist on the staff list; run `deskapp init` or name the operator with --by")
    return found


def check_event_time(session: Session, case: Case, at: datetime, now: datetime, what: str, tz: tzinfo) -> None:
    """An event cannot precede the call that opened the case, nor lie in the future.

    Nor can a change of state be dated before the case's last one (a resolution before its
    forwarding); notes and calls to managers may be typed up later for any earlier time.
    """
    if at.tzinfo is None:
        raise DeskError(f"the {what} time needs a time zone")
    shown = f"{at.astimezone(tz):%Y-%m-%d %H:%M}"
    if at < case.received_at:
        received = f"{case.received_at.astimezone(tz):%Y-%m-%d %H:%M}"
        raise DeskError(f"the {what} time {shown} is before case {case.id} was received ({received})")
    if at > now + _FUTURE_SLACK:
        raise DeskError(f"the {what} time {shown} is in the future")
    if what in _ANY_ORDER:
        return
    last = session.exec(
        select(HistoryEvent.action, HistoryEvent.at)
        .where(HistoryEvent.case_id == case.id, col(HistoryEvent.action).not_in(_ANY_ORDER))
        .order_by(col(HistoryEvent.at).desc())
        .limit(1)
    ).first()
    if last is not None and at < last[1]:
        previous = f"{last[1].astimezone(tz):%Y-%m-%d %H:%M}"
        raise DeskError(f"the {what} time {shown} is before the case's last step ({last[0]} at {previous})")
