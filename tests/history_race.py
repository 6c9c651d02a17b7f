"""Two desks in two processes appending to one case: what each process does, started by spawn.

Each process opens its own engine on the same SQLite file or PostgreSQL database, as two desks do.
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from deskapp.config.datafiles import load_policy
from deskapp.config.paths import data_dir
from deskapp.desk import history, workflow
from deskapp.domain.calendar import CalendarSpec, WorkCalendar
from deskapp.domain.errors import Conflict
from deskapp.models import HistoryEvent
from deskapp.store import db
from deskapp.store.clock import DeskClock
from deskapp.store.context import Desk

SHANGHAI = ZoneInfo("Asia/Shanghai")


def append_from_the_tail_read_before(url: str, case_id: int, actor_id: int, barrier, results) -> None:
    """Read the case's last event, wait for the other desk to have read it too, then append after it.

    This is the fork the constraint is there for: both desks chain their event to the same tail.
    """
    engine = db.make_engine(url)
    with Session(engine) as session:
        seq, prev = history.tail(session, case_id)
    barrier.wait(timeout=30)
    now = datetime.now(UTC)
    event = HistoryEvent(case_id=case_id, seq=seq + 1, at=now, recorded_at=now, actor_id=actor_id, action="note",
                         changes="{}", details='{"kind": "progress"}', note="called the tenant", prev_hash=prev)
    event.hash = history.event_hash(event)
    try:
        with Session(db.writer(engine)) as session:
            session.add(event)
            session.commit()
        results.put("committed")
    except IntegrityError as error:
        results.put(f"refused: {error.orig}")
    finally:
        engine.dispose()


def add_notes(url: str, case_id: int, times: int, barrier, results) -> None:
    """A desk adding notes to the case as fast as it can, through the desk's own operation."""
    policy, calendar = load_policy(data_dir()), WorkCalendar(CalendarSpec(tz=SHANGHAI))
    desk = Desk(db.make_engine(url), policy, calendar, DeskClock(datetime(2026, 11, 23, 9, 0, tzinfo=SHANGHAI)))
    barrier.wait(timeout=30)
    for n in range(times):
        try:
            workflow.add_note(desk, case_id, f"call {n}")
            results.put("saved")
        except Conflict as refused:
            results.put(f"conflict: {refused.message}")
    desk.engine.dispose()
