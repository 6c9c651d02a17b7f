"""The call log's writer: each event the phone system posts, a missed call put on the callback list
(and taken off it when the caller is reached), a call linked to its case, the phone system's tokens.

Events may come twice or out of order (a PBX retries, two of its threads post at once): each one
fills only what is not yet known, so the call ends the same whatever the order.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime

from sqlmodel import Session, col, select

from deskapp.domain.errors import DeskError
from deskapp.domain.intake import normalise_phone
from deskapp.domain.phone import CallEvent, CallEventName, CallOutcome, Direction, PhonePolicy, digits, outcome
from deskapp.i18n import _
from deskapp.models import Call, Case, PhoneToken, Staff
from deskapp.reads.calls import on_the_callback_list
from deskapp.store.context import Desk


def token_hash(token: str) -> str:
    # A random token of 192 bits needs no slow hash: no one can guess their way to it.
    return hashlib.sha256(token.encode()).hexdigest()


def new_phone_token(desk: Desk) -> str:
    """A new token for the phone system's URL; only its hash is kept, so it is shown once."""
    token = secrets.token_urlsafe(24)
    with desk.transaction() as session:
        session.add(PhoneToken(token_hash=token_hash(token), made_at=desk.now()))
    return token


def record_call_event(desk: Desk, event: CallEvent, policy: PhonePolicy, extensions: dict[str, str],
                      at: datetime | None = None) -> Call:
    """One event of one call, in one transaction. `extensions`: each extension's digits → staff name."""
    with desk.transaction() as session:
        at = at or desk.now()
        call = _the_call(session, event, at)
        _fill(call, event)
        if event.name is CallEventName.new_call:
            call.ring_at = min(call.ring_at, at)
        elif event.name is CallEventName.answer and call.answered_at is None:
            call.answered_at = min(at, call.hung_up_at) if call.hung_up_at else at
            call.answering_number = call.answering_number or event.answering_number
            call.staff_id = _answering_staff(session, event, extensions)
        elif event.name is CallEventName.hangup and call.hung_up_at is None:
            call.hung_up_at, call.cause = max(at, call.answered_at or at), event.cause
        call.outcome = outcome(call.answered_at, call.hung_up_at, call.cause)
        call.changed_at = max(call.changed_at, at)
        session.add(call)
        session.flush()
        if call.answered_at is not None:
            _reached(session, call)
        elif call.outcome is CallOutcome.missed and call.direction is Direction.inbound:
            _to_call_back(session, desk, call, policy)
        return call


def _the_call(session: Session, event: CallEvent, at: datetime) -> Call:
    found = session.exec(select(Call).where(Call.call_id == event.call_id).with_for_update()).first()
    if found is not None:
        return found
    return Call(call_id=event.call_id, direction=event.direction, ring_at=at, changed_at=at, outcome=CallOutcome.ringing)


def _fill(call: Call, event: CallEvent) -> None:
    """What the first event to carry it says; later events never overwrite the numbers."""
    call.from_number = call.from_number or event.from_number
    call.to_number = call.to_number or event.to_number
    customer = event.from_number if call.direction is Direction.inbound else event.to_number
    call.number = call.number or normalise_phone(customer)
    if event.users and not call.users:
        call.users = "\n".join(event.users)
    call.queue = call.queue or event.queue


def _answering_staff(session: Session, event: CallEvent, extensions: dict[str, str]) -> int | None:
    """The desk that answered: its extension (staff.toml), its own phone number, or its name in user[]."""
    staff = session.exec(select(Staff).where(Staff.active == True)).all()  # noqa: E712  (a few dozen rows)
    by_name = {s.name.casefold(): s for s in staff}
    number = digits(event.answering_number)
    if event.answering_number.casefold() in by_name:  # a name (or login written as the name) for the number
        return by_name[event.answering_number.casefold()].id
    if number:
        named = extensions.get(number)
        if named and named.casefold() in by_name:
            return by_name[named.casefold()].id
        for s in staff:
            if s.phone and digits(s.phone) == number:
                return s.id
    for user in event.users:
        if user.casefold() in by_name:
            return by_name[user.casefold()].id
    return None


def _waiting(session: Session, number: str, other_than: int):
    """The number's missed call still on the callback list, if any."""
    return session.exec(select(Call).where(Call.number == number, Call.id != other_than, on_the_callback_list())
                        .order_by(col(Call.ring_at)).with_for_update()).first()


def _to_call_back(session: Session, desk: Desk, call: Call, policy: PhonePolicy) -> None:
    if call.callback_due_at is not None or not call.number:
        return
    waiting = _waiting(session, call.number, call.id)
    if waiting is not None:  # already on the list: one entry per caller, which counts the calls
        waiting.missed_again += 1
        session.add(waiting)
        return
    if _on_another_line(session, call):
        return  # the caller got through on another line: they are being handled
    call.callback_due_at = desk.calendar.add_working(call.hung_up_at, policy.callback_within)
    session.add(call)


def _on_another_line(session: Session, call: Call) -> bool:
    talking = session.exec(select(Call.id).where(Call.number == call.number, Call.id != call.id,
                                                 col(Call.answered_at).is_not(None), col(Call.hung_up_at).is_(None))).first()
    return talking is not None


def _reached(session: Session, call: Call) -> None:
    """An answered call with the number (the caller got through, or the desk called back) closes its entry."""
    if call.callback_due_at is not None and call.callback_done_at is None:
        call.callback_due_at = None  # an answer that came after its hang-up: it was never missed
        session.add(call)
    if not call.number:
        return
    waiting = _waiting(session, call.number, call.id)
    if waiting is not None and waiting.ring_at <= call.ring_at:
        waiting.callback_done_at, waiting.callback_done_by = call.answered_at, call.id
        session.add(waiting)


def link_case(desk: Desk, call_row: int, case_id: int) -> None:
    """The case recorded (or attached to) while on this call: the call log says which."""
    with desk.transaction() as session:
        call = session.get(Call, call_row, with_for_update=True)
        if call is None or session.get(Case, case_id) is None:
            raise DeskError(_("call {call} or case {case} is not on record").format(call=call_row, case=case_id))
        call.case_id = case_id
        session.add(call)

