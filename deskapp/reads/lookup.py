"""Finding the rows an operation needs, with a plain refusal when they are not there."""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo

from sqlmodel import Session, col, func, select

from deskapp.config.departments import department_names
from deskapp.config.intake import intake_rules
from deskapp.domain.enums import Role, Status
from deskapp.domain.errors import Conflict, DeskError, NotAllowed, NotFound
from deskapp.domain.rules import operation_name
from deskapp.i18n import NP_, _, pgettext
from deskapp.models import Case, Department, HistoryEvent, Staff
from deskapp.reads.departments import departments_in
from deskapp.words.wording import listed

_ANY_ORDER = ("note", "notify", "chase")  # a chase, like a note, is right whatever came before
# Steps that stay right whatever another desk did a moment before (two notes are both kept), so
# they wait for the lock and go ahead rather than being refused.
STILL_VALID = _ANY_ORDER
# A step another desk took this recently is told as "a moment ago": it happened while this one waited.
_A_MOMENT = timedelta(minutes=1)

# A step as a refusal says another desk took it: "case 42 was resolved by Wang Fang at 10:01".
_DONE = {
    "forward": NP_("done to a case", "forwarded"),
    "acknowledge": NP_("done to a case", "acknowledged"),
    "escalate": NP_("done to a case", "escalated"),
    "severity": NP_("done to a case", "given a new severity"),
    "validity": NP_("done to a case", "given a validity decision"),
    "pause": NP_("done to a case", "set to wait on the customer"),
    "resume": NP_("done to a case", "resumed"),
    "arrive": NP_("done to a case", "marked as arrived"),
    "resolve": NP_("done to a case", "resolved"),
    "callback": NP_("done to a case", "called back"),
    "reopen": NP_("done to a case", "reopened"),
    "void": NP_("done to a case", "voided"),
}


def case_for_change(session: Session, case_id: int) -> Case:
    """The case, locked for this transaction's change: on PostgreSQL its row is locked until the
    commit (a second desk waits here, then reads the case as the first left it); on SQLite the
    transaction took the write lock at BEGIN."""
    case = session.get(Case, case_id, with_for_update=True, populate_existing=True)
    if case is None:
        raise NotFound(_("there is no case {number}").format(number=case_id))
    return case


def last_event_id(session: Session, case_id: int) -> int:
    """The case's newest history event: what a desk has seen of it when it asks for an operation."""
    return session.exec(select(func.max(HistoryEvent.id)).where(HistoryEvent.case_id == case_id)).one() or 0


def check_unchanged(session: Session, case: Case, tz: tzinfo, now: datetime, shown_version: int | None = None,
                    seen_event: int | None = None) -> None:
    """Refused when another desk changed the case since the operator was shown it (`shown_version`),
    or took a step on it after this operation was asked for (`seen_event`, the newest event then)
    and before it got the lock. Notes and calls to managers taken meanwhile change nothing this
    operation relies on, so they do not refuse it on their own."""
    if shown_version is not None and case.version != shown_version:
        last = _events_after(session, case.id, 0, every=True)
        if last is not None and last[0].action in _DONE:
            raise Conflict(_done_by(case.id, last, tz, now))
        if last is None:
            raise Conflict(_("case {number} was changed by another desk; reloaded, please check").format(number=case.id))
        when = last[0].recorded_at.astimezone(tz)  # the desk's own time: the operator compares it with the wall clock
        raise Conflict(_("case {number} was changed by {name} at {time}; reloaded, please check").format(
            number=case.id, name=last[1], time=f"{when:%H:%M}"))
    if seen_event is not None:
        step = _events_after(session, case.id, seen_event, every=False)
        if step is not None:
            raise Conflict(_done_by(case.id, step, tz, now))
    if case.status is Status.void:
        raise NotAllowed(_("case {number} was voided ({reason}); nothing more can be done to it").format(
            number=case.id, reason=case.void_reason))


def _events_after(session: Session, case_id: int, after: int, every: bool) -> tuple[HistoryEvent, str] | None:
    """The newest event after event `after`, with who recorded it; only steps unless `every`."""
    query = (select(HistoryEvent, Staff.name).join(Staff, col(Staff.id) == HistoryEvent.actor_id)
             .where(HistoryEvent.case_id == case_id, col(HistoryEvent.id) > after))
    if not every:
        query = query.where(col(HistoryEvent.action).not_in(_ANY_ORDER))
    return session.exec(query.order_by(col(HistoryEvent.id).desc()).limit(1)).first()


def _done_by(case_id: int, last: tuple[HistoryEvent, str], tz: tzinfo, now: datetime) -> str:
    """'case 42 was resolved by Wang Fang at 10:01 a moment ago; nothing was changed'."""
    event, name = last
    when = event.recorded_at.astimezone(tz)
    said = {"number": case_id, "done": pgettext(*_DONE[event.action]), "name": name, "time": f"{when:%H:%M}"}
    if now - event.recorded_at <= _A_MOMENT:
        return _("case {number} was {done} by {name} at {time} a moment ago; nothing was changed").format(**said)
    return _("case {number} was {done} by {name} at {time}; nothing was changed").format(**said)


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
    """An event cannot precede the call that opened the case, nor lie in the future, nor the step it follows.

    Typing up a paper log, steps may be entered in any order, as long as each is consistent with
    the case: an acknowledgement or an arrival after the forwarding it answers, a resolution after
    the forwarding, acknowledgement, arrival, reopening or resumption it follows (see _FOLLOWS).
    Notes and calls to managers may be typed up later for any earlier time.
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
    follows = _FOLLOWS.get(what)
    if not follows:
        return
    last = session.exec(
        select(HistoryEvent.action, HistoryEvent.at)
        .where(HistoryEvent.case_id == case.id, col(HistoryEvent.action).in_(follows))
        .order_by(col(HistoryEvent.at).desc())
        .limit(1)
    ).first()
    if last is not None and at < last[1]:
        previous = f"{last[1].astimezone(tz):%Y-%m-%d %H:%M}"
        raise DeskError(_("the {step} time {time} is before the case's last step ({last} at {previous})").format(
            step=step, time=shown, last=operation_name(last[0]), previous=previous))


# Each step and the steps it must come after, when the case has them. What is not here (an
# escalation, a severity, a pause, a void) may be dated anywhere after the call.
_FOLLOWS: dict[str, tuple[str, ...]] = {
    "forward": ("forward",),  # forwardings in their own order: the case is with the latest
    "acknowledge": ("forward",),
    "arrive": ("forward",),
    "validity": ("forward", "reopen"),
    "resume": ("pause",),
    "resolve": ("forward", "acknowledge", "arrive", "reopen", "resume", "convert"),
    "callback": ("resolve",),
    "convert": ("resolve",),
}
