"""The frame every operation on an existing case runs in: load, check, change, log, commit."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session

from deskapp.desk import clocks, history
from deskapp.desk.who_may import step_refusal
from deskapp.domain import rules
from deskapp.domain.errors import Conflict, DeskError, NotAllowed
from deskapp.domain.intake import text_problem
from deskapp.i18n import _
from deskapp.models import Case, Staff
from deskapp.reads.lookup import (
    STILL_VALID,
    case_for_change,
    check_event_time,
    check_unchanged,
    default_operator,
    last_event_id,
    staff_named,
)
from deskapp.reads.views import CaseView, build_views
from deskapp.store.context import Desk


@dataclass
class Operation:
    desk: Desk
    session: Session
    case: Case
    actor: Staff
    at: datetime  # when it happened
    now: datetime  # when the desk recorded it

    def change(self, **after: Any) -> dict[str, tuple[Any, Any]]:
        return history.change(self.case, **after)

    def log(self, action: str, changes: dict | None = None, note: str = "", details: dict | None = None,
            clocks_as: str | None = None) -> None:
        """`clocks_as`: the operation whose effect on the clocks this event has, when not its own
        (a correction of the urgency moves the clocks urgency moves: desk/clocks.py REPLANS)."""
        changes, details = with_clocks(self.session, self.case, self.desk, self.now, clocks_as or action, changes, details)
        history.record(self.session, self.case, action, self.actor.id, self.at, self.now, changes, note, details)

    def view(self) -> CaseView:
        self.session.flush()
        return build_views(self.session, [self.case], self.desk.policy, self.desk.calendar, self.now)[0]


def with_clocks(session: Session, case: Case, desk: Desk, now: datetime, action: str, changes: dict | None,
                details: dict | None) -> tuple[dict, dict | None]:
    """The event's changes and details with the clocks this action started or moved (desk/clocks.py)."""
    stamped = clocks.stamp(session, case, desk, now, action)
    changes = (changes or {}) | stamped.moved
    if stamped.started:
        details = (details or {}) | {"clocks": {name: history.plain(due) for name, due in stamped.started.items()}}
    return changes, details


@contextmanager
def on_case(
    desk: Desk,
    operation: str,
    case_id: int,
    by: str | None,
    at: datetime | None,
    expected_version: int | None = None,
) -> Iterator[Operation]:
    """Open the case for one operation, one desk at a time; refused here when its status does not allow it.

    `expected_version` is the version the operator was shown. Without one, the operation is refused
    if another desk takes a step on the case between the call and the lock, so that of two desks
    acting at once only one resolves, forwards, calls back or voids; notes wait their turn and are
    all kept.
    """
    seen = _seen(desk, operation, case_id, expected_version)
    with desk.transaction() as session:
        case = case_for_change(session, case_id)
        # Read under the lock: a step written by the desk that held it before is never later than now.
        now = desk.now()
        check_unchanged(session, case, desk.calendar.tz, now, expected_version, seen)
        refusal = rules.refusal(operation, case.status, case.id)
        if refusal:
            raise NotAllowed(refusal)
        actor = staff_named(session, by) if by else default_operator(session)
        denied = refused(session, operation, actor, case)
        if denied:
            raise NotAllowed(denied)
        when = at or now
        check_event_time(session, case, when, now, operation, desk.calendar.tz)
        yield Operation(desk, session, case, actor, when, now)
        _bump_version(session, case)


def _seen(desk: Desk, operation: str, case_id: int, expected_version: int | None) -> int | None:
    """The case's newest event as the operation is asked for, read before waiting for the lock.

    Not needed with a version the operator was shown (any change moves it), for a note (it is right
    whatever came before), or inside a batch (the batch holds the lock already, and its own new
    case is not yet visible to another connection)."""
    if expected_version is not None or operation in STILL_VALID or desk.in_transaction():
        return None
    with desk.reading() as session:
        return last_event_id(session, case_id)


def _bump_version(session: Session, case: Case) -> None:
    """The version moves on with the change, and only from the version read under the lock."""
    session.flush()
    cases = Case.__table__
    bumped = session.execute(
        update(cases).where(cases.c.id == case.id, cases.c.version == case.version).values(version=case.version + 1)
    ).rowcount
    if bumped != 1:  # the lock makes this impossible; refuse rather than write over another desk
        raise Conflict(_("case {number} was changed by another desk; reloaded, please check").format(number=case.id))
    set_committed_value(case, "version", case.version + 1)


def refused(session: Session, operation: str, actor: Staff, case: Case) -> str | None:
    """Why this person may not do this to this case (naming who may), or None when they may."""
    return step_refusal(session, operation, actor, case.department_id, case.forwarded_at is not None)


def may(desk: Desk, operator: str | None, operation: str, case_id: int) -> str | None:
    """Asked before a screen asks for any input: the refusal the operation would give, or None."""
    with desk.reading() as session:
        actor = staff_named(session, operator) if operator else default_operator(session)
        case = session.get(Case, case_id)
        return refused(session, operation, actor, case) if case is not None else None


def required(text: str | None, what: str) -> str:
    """`what` is marked with N_ where it is written ("reason for voiding") and translated here; its
    first English word names the form field the refusal is shown beside."""
    if text is None or not text.strip():
        raise DeskError(_("{what} is needed").format(what=_(what)), what.split()[0])
    return plain_text(text, what)


def plain_text(text: str, what: str) -> str:
    """Free text as it is stored: trimmed, and refused if it holds control characters."""
    problem = text_problem(text, _(what))
    if problem:
        raise DeskError(problem, what.split()[0])
    return text.strip()
