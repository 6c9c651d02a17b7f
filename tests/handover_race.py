"""Two desks in two processes handing over the same shift: what each process does, started by spawn.

Each desk checks that the shift has no handover yet, waits for the other desk to have checked too,
and only then writes its own: the moment two desks could both pass the check."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from deskapp.config.datafiles import load_policy
from deskapp.config.paths import data_dir
from deskapp.desk import handover
from deskapp.domain.calendar import CalendarSpec, WorkCalendar
from deskapp.domain.errors import NotAllowed
from deskapp.store import db
from deskapp.store.clock import DeskClock
from deskapp.store.context import Desk

SHANGHAI = ZoneInfo("Asia/Shanghai")


def hand_over_after_both_checked(url: str, start: datetime, end: datetime, by: str, barrier, results) -> None:
    policy, calendar = load_policy(data_dir()), WorkCalendar(CalendarSpec(tz=SHANGHAI))
    desk = Desk(db.make_engine(url), policy, calendar, DeskClock(datetime(2026, 11, 23, 18, 55, tzinfo=SHANGHAI)))
    checked = handover._earlier

    waits = [desk.engine.dialect.name != "sqlite"]

    def check_then_wait(session, *span):
        found = checked(session, *span)
        # On SQLite the first desk holds the write lock here, so the second cannot reach its check:
        # the barrier must not wait for it there. Only the check before writing waits, not the
        # reading of who was first after a refusal.
        if waits and waits.pop():
            barrier.wait(timeout=30)
        return found

    handover._earlier = check_then_wait
    if desk.engine.dialect.name == "sqlite":
        barrier.wait(timeout=30)  # both start together; SQLite's write lock puts one after the other
    try:
        handover.hand_over(desk, start, end, f"{by}: the lift in Tower A is out", by=by)
        results.put("handed over")
    except NotAllowed as refused:
        results.put(f"refused: {refused.message}")
    finally:
        desk.engine.dispose()
