"""Callbacks after resolution: scheduling one, and recording every attempt to reach the customer."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import col, select

from deskapp.desk.operation import Operation, on_case, plain_text, required
from deskapp.domain.clocks import compute_clocks
from deskapp.domain.enums import (
    AttemptResult,
    CallbackMethod,
    ClockName,
    NoteKind,
    Satisfaction,
    Status,
)
from deskapp.domain.errors import DeskError
from deskapp.domain.policy import ClockRule
from deskapp.i18n import N_, _, ngettext
from deskapp.models import Callback, CallbackAttempt, Note
from deskapp.reads.views import CaseView, facts_of
from deskapp.store.context import Desk

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
) -> CaseView:
    """One attempt to call the customer back. Satisfied closes; not satisfied reopens the case."""
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
        attempt = CallbackAttempt(callback_id=callback.id, at=op.at, by_id=op.actor.id, result=result, note=note)
        if result is AttemptResult.reached:
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
    said = {"result": AttemptResult.reached, "satisfaction": satisfaction}
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
    op.log("callback", changes, attempt.note, {"result": attempt.result, "next_try": callback.next_try_at})
