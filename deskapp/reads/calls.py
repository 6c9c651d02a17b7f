"""What the call log shows: a day's calls, the missed calls still to call back, the calls a desk is
on right now (what the app polls for the screen pop), and the phone system's tokens."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache

from sqlalchemy import and_, bindparam
from sqlmodel import col, select

from deskapp.domain.phone import CallOutcome, Direction, HangupCause
from deskapp.models import Call, Case, PhoneToken, Staff
from deskapp.store.context import Desk


@dataclass(frozen=True)
class CallLine:
    id: int
    call_id: str
    direction: Direction
    number: str  # the customer's end
    from_number: str
    to_number: str
    users: tuple[str, ...]
    answered_by: str | None
    ring_at: datetime
    answered_at: datetime | None
    hung_up_at: datetime | None
    cause: HangupCause | None
    outcome: CallOutcome
    case_id: int | None
    callback_due_at: datetime | None
    callback_done_at: datetime | None
    missed_again: int
    changed_at: datetime

    @property
    def to_call_back(self) -> bool:
        return self.callback_due_at is not None and self.callback_done_at is None

    @property
    def ring_seconds(self) -> float | None:
        return (self.answered_at - self.ring_at).total_seconds() if self.answered_at else None

    @property
    def talk_seconds(self) -> float | None:
        if self.answered_at is None or self.hung_up_at is None:
            return None
        return (self.hung_up_at - self.answered_at).total_seconds()


def _lines(query) -> list[tuple]:
    return query.outerjoin(Staff, Staff.id == Call.staff_id)


_COLUMNS = (Call.id, Call.call_id, Call.direction, Call.number, Call.from_number, Call.to_number, Call.users, Staff.name,
            Call.ring_at, Call.answered_at, Call.hung_up_at, Call.cause, Call.outcome, Call.case_id,
            Call.callback_due_at, Call.callback_done_at, Call.missed_again, Call.changed_at)


def _line(row) -> CallLine:
    values = list(row)
    values[6] = tuple(u for u in (values[6] or "").split("\n") if u)
    return CallLine(*values)


def day_bounds(desk: Desk, day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time(0), desk.calendar.tz)
    return start, start + timedelta(days=1)


def call_log(desk: Desk, day: date | None = None, missed: bool = False, limit: int = 2000) -> list[CallLine]:
    """A day's calls (today's by default), newest first; `missed`: only the callers who did not get
    through (of every day, or of `day`), those still to call back first, soonest due first."""
    query = _lines(select(*_COLUMNS))
    if missed:
        query = query.where(Call.outcome == CallOutcome.missed, Call.direction == Direction.inbound)
        if day is not None:
            query = query.where(*_within(desk, day))
        query = query.order_by(col(Call.callback_done_at).is_not(None), col(Call.callback_due_at), col(Call.ring_at).desc())
    else:
        query = query.where(*_within(desk, day or desk.now().astimezone(desk.calendar.tz).date()))
        query = query.order_by(col(Call.ring_at).desc(), col(Call.id).desc())
    with desk.reading() as session:
        return [_line(r) for r in session.exec(query.limit(limit)).all()]


def _within(desk: Desk, day: date):
    start, end = day_bounds(desk, day)
    return Call.ring_at >= start, Call.ring_at < end


def calls_between(desk: Desk, start: datetime, end: datetime) -> list[CallLine]:
    query = _lines(select(*_COLUMNS)).where(Call.ring_at >= start, Call.ring_at < end).order_by(col(Call.ring_at))
    with desk.reading() as session:
        return [_line(r) for r in session.exec(query).all()]


def on_the_callback_list():
    """A missed call still to call back: due, and not yet reached (the list's one definition)."""
    return and_(col(Call.callback_due_at).is_not(None), col(Call.callback_done_at).is_(None))


def to_call_back(desk: Desk) -> list[CallLine]:
    """The missed calls on the callback list, soonest due first."""
    query = _lines(select(*_COLUMNS)).where(on_the_callback_list())
    with desk.reading() as session:
        return [_line(r) for r in session.exec(query.order_by(col(Call.callback_due_at))).all()]


@cache
def _live_query():
    """Built once, `since` bound at each read: the phone watch reads every second of the shift, and
    building the statement anew was a third of what that read cost."""
    return _lines(select(*_COLUMNS)).where(Call.changed_at >= bindparam("since")).order_by(col(Call.changed_at)).limit(200)


def live_calls(desk: Desk, since: datetime) -> list[CallLine]:
    """Calls that changed since `since`: ringing, answered or just ended (what a desk pops or shows)."""
    with desk.reading() as session:
        return [_line(r) for r in session.exec(_live_query(), params={"since": since}).all()]


def known_caller(desk: Desk, number: str) -> str:
    """Who last called from this number, as the desk recorded them (empty when unknown)."""
    if not number:
        return ""
    with desk.reading() as session:
        who = session.exec(select(Case.who).where(Case.phone == number, Case.who != "")
                           .order_by(col(Case.received_at).desc()).limit(1)).first()
    return who or ""


def token_hashes(desk: Desk) -> frozenset[str]:
    with desk.reading() as session:
        return frozenset(session.exec(select(PhoneToken.token_hash)).all())
