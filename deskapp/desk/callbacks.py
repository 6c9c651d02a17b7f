"""Callbacks after resolution: scheduling one, the department head signing the result, and recording
every attempt to reach the customer.

On an accountable desk (somebody has a PIN) a complaint's callback belongs to the people its rule
names (policy.toml's `callers`): each is recorded as present, the result must have been confirmed
by the responsible department's manager before a callback that reached the customer counts, and the
customer's own confirmation (signed on site, by phone, or would not) is asked every time."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import col, select

from deskapp.desk.access import accountable
from deskapp.desk.operation import Operation, on_case, plain_text, required
from deskapp.desk.who_may import people_of
from deskapp.domain import permissions as rules
from deskapp.domain.clocks import compute_clocks
from deskapp.domain.enums import (
    AttemptResult,
    CallbackMethod,
    ClockName,
    Confirmation,
    Kind,
    NoteKind,
    Role,
    Satisfaction,
    Status,
)
from deskapp.domain.errors import DeskError, NotAllowed
from deskapp.domain.policy import ClockRule
from deskapp.i18n import N_, _, ngettext
from deskapp.models import Callback, CallbackAttempt, Note, Resolution, Staff
from deskapp.reads.lookup import staff_named
from deskapp.reads.views import CaseView, facts_of
from deskapp.store.context import Desk
from deskapp.words.labels import label
from deskapp.words.wording import listed

# Attempts that count towards flagging the case; "call later" is the customer's own choice.
_FAILED = frozenset({AttemptResult.no_answer, AttemptResult.busy, AttemptResult.wrong_number})


def schedule_callback(op: Operation, rule: ClockRule, round_: int) -> Callback:
    """Put the callback on the list, due when the policy's callback clock says."""
    op.session.flush()
    clocks = compute_clocks(facts_of(op.case, []), op.desk.policy, op.desk.calendar, op.now)
    due = next(c.due for c in clocks if c.name is ClockName.callback)
    callback = Callback(
        case_id=op.case.id,
        round=round_,
        due_at=due,
        callers=",".join(r.value for r in rule.callers),
        method=rule.method or CallbackMethod.phone,
    )
    op.session.add(callback)
    return callback


def record_callback(
    desk: Desk,
    case_id: int,
    result: AttemptResult,
    satisfaction: Satisfaction | None = None,
    note: str = "",
    signed: bool | None = None,
    call_later_at: datetime | None = None,
    by: str | None = None,
    at: datetime | None = None,
    expected_version: int | None = None,
    callers: list[str] | None = None,
    confirmation: Confirmation | None = None,
) -> CaseView:
    """One attempt to call the customer back. Satisfied closes; not satisfied reopens the case.

    `callers`: who made it, by name (default: the one recording it); `confirmation`: how the
    customer confirmed a complaint's callback."""
    with on_case(desk, "callback", case_id, by, at, expected_version) as op:
        note = plain_text(note, N_("note"))
        callback = op.session.exec(
            select(Callback)
            .where(Callback.case_id == case_id, col(Callback.done_at).is_(None))
            .order_by(col(Callback.id).desc())
        ).first()
        if callback is None:
            raise DeskError(_("case {number} has no callback due").format(number=case_id))
        if op.at < op.case.resolved_at:
            raise DeskError(_("the callback time is before the case was resolved"))
        present = _present(op, callback, callers, result)
        if confirmation is None and signed is not None:
            confirmation = Confirmation.signed if signed else Confirmation.refused
        attempt = CallbackAttempt(callback_id=callback.id, at=op.at, by_id=op.actor.id, result=result, note=note,
                                  present=",".join(p.name for p in present),
                                  confirmed_how=confirmation.value if confirmation else "")
        if result is AttemptResult.reached:
            if confirmation is not None and signed is None and callback.method is CallbackMethod.on_site:
                signed = confirmation is Confirmation.signed
            _must_be_confirmed(op, confirmation)
            _reached(op, callback, attempt, satisfaction, signed, note)
        else:
            if satisfaction is not None:
                raise DeskError(_("satisfaction is asked only when the customer was reached"), "satisfaction")
            _not_reached(op, callback, attempt, call_later_at)
        op.session.add(attempt)
        op.session.add(callback)
        return op.view()


def _reached(op: Operation, callback: Callback, attempt: CallbackAttempt, satisfaction, signed, note: str) -> None:
    if satisfaction is None:
        raise DeskError(_("say whether the customer was satisfied, partly satisfied or not satisfied"), "satisfaction")
    if callback.method is CallbackMethod.on_site and signed is None:
        raise DeskError(_("an on-site callback needs to know whether the customer signed the record"), "signed")
    attempt.satisfaction = satisfaction
    attempt.signed = signed
    callback.done_at = op.at
    callback.satisfaction = satisfaction
    said = {"result": AttemptResult.reached, "satisfaction": satisfaction} | _who_said(attempt)
    if satisfaction is Satisfaction.unsatisfied:
        action = required(note, N_("corrective action for the customer who is not satisfied"))
        op.log("callback", op.change(callback_at=op.at), note, said)
        op.session.add(Note(case_id=op.case.id, kind=NoteKind.corrective, text=action, at=op.at, by_id=op.actor.id))
        reopened = op.change(status=Status.in_progress, reopened_at=op.at, reopen_count=op.case.reopen_count + 1,
                             resolved_at=None, callback_at=None, outcome="")
        op.log("reopen", reopened, action, {"after": "callback"})
    else:
        op.log("callback", op.change(callback_at=op.at, status=Status.closed), note, said)


def _not_reached(op: Operation, callback: Callback, attempt: CallbackAttempt, call_later_at) -> None:
    changes = {}
    if attempt.result not in _FAILED:  # the customer asked to be called later: not a failure
        if call_later_at is None or call_later_at <= op.at:
            raise DeskError(_("say when the customer asked to be called (a time after this call)"), "call_later_at")
        callback.next_try_at = call_later_at
    else:
        callback.failed_attempts += 1
        callback.next_try_at = op.desk.calendar.add_working(op.at, op.desk.policy.callback_retry)
        if callback.failed_attempts >= op.desk.policy.callback_max_failed and not op.case.flagged:
            n = callback.failed_attempts
            changes = op.change(flagged=ngettext("callback failed {n} time", "callback failed {n} times", n).format(n=n))
    op.log("callback", changes, attempt.note,
           {"result": attempt.result, "next_try": callback.next_try_at} | _who_said(attempt))


def _who_said(attempt: CallbackAttempt) -> dict:
    said = {"present": attempt.present.split(",")} if attempt.present else {}
    return said | ({"confirmation": attempt.confirmed_how} if attempt.confirmed_how else {})


def _held(op: Operation) -> bool:
    """The accountable rules hold for this callback: a complaint on a desk where somebody has a PIN."""
    return op.case.kind is Kind.complaint and accountable(op.session)


def _present(op: Operation, callback: Callback, callers: list[str] | None, result: AttemptResult) -> list[Staff]:
    """The callers present, each on the staff list; on an accountable desk, every one the rule names,
    and the person recording it among them (or a supervisor typing it up)."""
    names = [n.strip() for n in callers or [] if n.strip()]
    present = [staff_named(op.session, n) for n in names] if names else [op.actor]
    if not _held(op):
        return present if names else []
    roles = [Role(r) for r in callback.callers.split(",") if r]
    missing = rules.missing_callers(roles, [rules.Person(p.role, p.department_id) for p in present],
                                    op.case.department_id)
    if missing:
        wanted = _callers_wanted(op, roles)
        who = wanted[0] if len(wanted) == 1 else _("{some} and {last}").format(some=listed(wanted[:-1]), last=wanted[-1])
        raise NotAllowed(_("case {number}'s callback is made by {who}; present: {present}").format(
            number=op.case.id, who=who, present=listed(p.name for p in present)), "callers")
    if op.actor.id not in {p.id for p in present} and op.actor.role is not Role.supervisor:
        raise NotAllowed(_("{name} was not on case {number}'s callback: it is recorded by those who made it ({present}) "
                           "or a supervisor").format(name=op.actor.name, number=op.case.id,
                                                     present=listed(p.name for p in present)), "callers")
    return present


def _callers_wanted(op: Operation, roles: list[Role]) -> list[str]:
    tokens = [rules.RESPONSIBLE_MANAGER if r is Role.department_manager else r.value for r in roles]
    return [people_of(op.session, t, op.case.department_id) for t in tokens]


def _must_be_confirmed(op: Operation, confirmation: Confirmation | None) -> None:
    """A complaint's callback counts only once the department head has signed the result, and it
    asks the customer to confirm."""
    if not _held(op):
        return
    resolution = latest_resolution(op)
    if resolution is None or resolution.confirmed_at is None:
        raise NotAllowed(_("case {number}'s result is not yet confirmed by {who}: `deskapp confirm {number}` first").format(
            number=op.case.id, who=people_of(op.session, rules.RESPONSIBLE_MANAGER, op.case.department_id)))
    if confirmation is None:
        raise DeskError(_("say how the customer confirmed: signed on site, confirmed by phone, or would not confirm"),
                        "confirmation")


def latest_resolution(op: Operation) -> Resolution | None:
    return op.session.exec(select(Resolution).where(Resolution.case_id == op.case.id)
                           .order_by(col(Resolution.id).desc())).first()


def confirm_result(desk: Desk, case_id: int, note: str = "", by: str | None = None, at: datetime | None = None,
                   expected_version: int | None = None) -> CaseView:
    """The responsible department's manager signs the result of a resolved complaint; the
    confirmation and who gave it are kept on the resolution and in the history."""
    with on_case(desk, "confirm", case_id, by, at, expected_version) as op:
        note = plain_text(note, N_("note"))
        if op.case.kind is not Kind.complaint:
            raise DeskError(_("case {number} is a {kind}; only a complaint's result is confirmed").format(
                number=case_id, kind=label(op.case.kind)))
        resolution = latest_resolution(op)
        if resolution.confirmed_at is not None:
            signer = op.session.get(Staff, resolution.confirmed_by_id)
            raise NotAllowed(_("case {number}'s result was already confirmed by {name}").format(
                number=case_id, name=signer.name if signer else "?"))
        if op.at < resolution.at:
            raise DeskError(_("the confirmation time is before the case was resolved"))
        resolution.confirmed_at, resolution.confirmed_by_id = op.at, op.actor.id
        op.session.add(resolution)
        op.log("confirm", {}, note, {"manager": op.actor.name, "round": resolution.round})
        return op.view()
