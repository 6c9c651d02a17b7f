"""Finding the rows an operation needs, with a plain refusal when they are not there."""

from __future__ import annotations

from datetime import datetime, tzinfo

from sqlmodel import Session, col, func, select

from deskapp.config.departments import department_names
from deskapp.config.intake import intake_rules
from deskapp.domain.enums import Role, Status
from deskapp.domain.errors import Conflict, DeskError, NotAllowed, NotFound
from deskapp.domain.rules import operation_name
from deskapp.i18n import _
from deskapp.models import Case, Department, HistoryEvent, Staff
from deskapp.reads.departments import departments_in
from deskapp.words.wording import listed

_ANY_ORDER = ("note", "notify")


def case_for_change(session: Session, case_id: int, expected_version: int | None = None,
                    tz: tzinfo | None = None) -> Case:
    case = session.get(Case, case_id)
    if case is None:
        raise NotFound(_("there is no case {number}").format(number=case_id))
    if expected_version is not None and case.version != expected_version:
        last = session.exec(
            select(HistoryEvent, Staff.name)
            .join(Staff, col(Staff.id) == HistoryEvent.actor_id)
            .where(HistoryEvent.case_id == case_id)
            .order_by(col(HistoryEvent.id).desc())
            .limit(1)
        ).first()
        if last is None:
            raise Conflict(_("case {number} was changed by another desk; reloaded, please check").format(number=case_id))
        # The desk's own time (the history keeps UTC): the operator compares it with the clock on the wall.
        when = last[0].recorded_at.astimezone(tz) if tz is not None else last[0].recorded_at
        raise Conflict(_("case {number} was changed by {name} at {time}; reloaded, please check").format(
            number=case_id, name=last[1], time=f"{when:%H:%M}"))
    if case.status is Status.void:
        raise NotAllowed(_("case {number} was voided ({reason}); nothing more can be done to it").format(
            number=case_id, reason=case.void_reason))
    return case


def case_by_id(session: Session, case_id: int) -> Case:
    case = session.get(Case, case_id)
    if case is None:
        raise NotFound(_("there is no case {number}").format(number=case_id))
    return case


def staff_named(session: Session, name: str) -> Staff:
    """An active member of staff by name, in any letter case."""
    found = session.exec(select(Staff).where(func.lower(Staff.name) == name.strip().lower())).first()
    if found is None or not found.active:
        known = listed(session.exec(select(Staff.name).where(Staff.active).order_by(Staff.name)).all())
        raise NotFound(_("{name} is not on the staff list (staff: {known})").format(name=repr(name), known=known))
    return found


def department_named(session: Session, name: str) -> Department:
    """An active department by its name or its shown name in either language (工程部), in any letter case."""
    wanted = name.strip().lower()
    found = session.exec(select(Department).where(func.lower(Department.name) == wanted)).first()
    if found is None:
        found = next((d for d in session.exec(select(Department)).all() if wanted in department_names(d.name)), None)
    if found is None or not found.active:
        known = listed(sorted(d.shown for d in departments_in(session)))
        raise NotFound(_("{name} is not a department (departments: {known})").format(name=repr(name), known=known))
    return found


def default_operator(session: Session) -> Staff:
    """Who is at the desk when nobody said: the first receptionist on the staff list."""
    found = session.exec(
        select(Staff).where(Staff.role == Role.receptionist, Staff.active).order_by(Staff.id)
    ).first()
    if found is None:
        raise DeskError(_("there is no receptionist on the staff list; run `deskapp init` or name the operator with --by"))
    return found


def check_event_time(session: Session, case: Case, at: datetime, now: datetime, what: str, tz: tzinfo) -> None:
    """An event cannot precede the call that opened the case, nor lie in the future.

    Nor can a change of state be dated before the case's last one (a resolution before its
    forwarding); notes and calls to managers may be typed up later for any earlier time.
    """
    step = operation_name(what)
    if at.tzinfo is None:
        raise DeskError(_("the {step} time needs a time zone").format(step=step))
    shown = f"{at.astimezone(tz):%Y-%m-%d %H:%M}"
    if at < case.received_at:
        received = f"{case.received_at.astimezone(tz):%Y-%m-%d %H:%M}"
        raise DeskError(_("the {step} time {time} is before case {number} was received ({received})").format(
            step=step, time=shown, number=case.id, received=received))
    # Typed in with --at, it may be a moment ahead of the desk's clock (two machines' clocks differ a
    # little), but not more than policy.toml's [intake] future_minutes.
    if at > now + intake_rules().future_slack:
        raise DeskError(_("the {step} time {time} is in the future").format(step=step, time=shown))
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
        raise DeskError(_("the {step} time {time} is before the case's last step ({last} at {previous})").format(
            step=step, time=shown, last=operation_name(last[0]), previous=previous))
