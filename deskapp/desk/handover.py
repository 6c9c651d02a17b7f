"""Handing a shift over with notes, and its acknowledgement by the incoming operator.

The summary itself is read by reads.shift_summary; a handover keeps it as it stood when written.
"""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select

from deskapp.desk.operation import plain_text
from deskapp.domain.errors import NotAllowed, NotFound
from deskapp.domain.shifts import span_at
from deskapp.i18n import N_, _
from deskapp.models import Handover, Staff
from deskapp.reads.lookup import default_operator, staff_named
from deskapp.reads.shift_summary import (
    HandoverRecord,
    check_span,
    handover_record,
    shift_summary,
    staff_names,
    summary_sections,
)
from deskapp.store.context import Desk
from deskapp.words.display import weekday_time


def hand_over(desk: Desk, start: datetime, end: datetime, notes: str, by: str | None = None) -> HandoverRecord:
    """The outgoing operator hands the shift over, with their notes and the summary as it stands."""
    check_span(start, end)
    notes = plain_text(notes, N_("notes"))
    sections = summary_sections(shift_summary(desk, start, end), desk.calendar.tz)
    try:
        return _write(desk, start, end, notes, json.dumps(sections, ensure_ascii=False), by)
    except IntegrityError:
        # Another desk handed this shift over at the same moment: it passed the check below too, and
        # the database's one-handover-per-shift constraint refused whichever committed second.
        with desk.reading() as session:
            earlier = _earlier(session, start, end)
        if earlier is None:
            raise
        raise _already(desk, *earlier) from None


def _write(desk: Desk, start: datetime, end: datetime, notes: str, summary: str, by: str | None) -> HandoverRecord:
    with desk.transaction() as session:
        now = desk.now()  # under SQLite's write lock, after any handover written before it
        actor = staff_named(session, by) if by else default_operator(session)
        earlier = _earlier(session, start, end)
        if earlier:
            raise _already(desk, *earlier)
        handover = Handover(shift=span_at(desk.calendar, start).name, shift_start=start, shift_end=end,
                            outgoing_id=actor.id, notes=notes, written_at=now, summary=summary)
        session.add(handover)
        session.flush()
        return handover_record(handover, {actor.id: actor.name})


def _earlier(session, start: datetime, end: datetime) -> tuple[Handover, str] | None:
    """The shift's handover already written, with its writer's name."""
    found = session.exec(select(Handover, Staff.name).join(Staff, col(Staff.id) == Handover.outgoing_id)
                         .where(Handover.shift_start == start, Handover.shift_end == end)).first()
    return tuple(found) if found else None


def _already(desk: Desk, earlier: Handover, name: str) -> NotAllowed:
    return NotAllowed(_("this shift was already handed over by {name} at {time}").format(
        name=name, time=weekday_time(earlier.written_at, desk.calendar.tz)))


def acknowledge_handover(desk: Desk, handover_id: int, by: str | None = None) -> HandoverRecord:
    """The incoming operator takes the shift over: their name and the time are recorded."""
    with desk.transaction() as session:
        handover = session.get(Handover, handover_id, with_for_update=True, populate_existing=True)
        if handover is None:
            raise NotFound(_("there is no handover {number}").format(number=handover_id))
        now = desk.now()  # under the lock: the second of two desks acknowledging is refused below
        actor = staff_named(session, by) if by else default_operator(session)
        names = staff_names(session)
        if handover.acknowledged_at is not None:
            raise NotAllowed(_("this handover was already acknowledged by {name} at {time}").format(
                name=names.get(handover.incoming_id, "?"), time=weekday_time(handover.acknowledged_at, desk.calendar.tz)))
        if handover.outgoing_id == actor.id:
            raise NotAllowed(_("{name} wrote this handover; the incoming operator acknowledges it").format(name=actor.name))
        handover.incoming_id = actor.id
        handover.acknowledged_at = now
        session.add(handover)
        return handover_record(handover, names)
