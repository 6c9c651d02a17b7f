"""A desk of open complaints recorded through the desk's own service, and what the benchmarks on
it share: the floor (one query counting the open cases, what any answer costs at least) and a
median of repeated timings.

Every case goes through `record_intake` (so its clocks are stored as they start), in one batch.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from sqlmodel import col, func, select

from deskapp.desk.intake import record_intake
from deskapp.domain.enums import OPEN_STATUSES, Kind, Severity
from deskapp.domain.intake import Intake
from deskapp.models import Case
from deskapp.store.clock import DeskClock
from deskapp.upkeep.setup import open_desk


def record_complaints(path: Path, now: datetime, count: int, received: Callable[[int], datetime],
                      after: Callable[[object, int, datetime], None] | None = None) -> None:
    """`count` general complaints about one leak, the n-th received at `received(n)`; `after(desk,
    case_id, received)` is then done to each (a forward, say) in the same batch."""
    desk, _ = open_desk(str(path), clock=DeskClock(now))
    with desk.batch():
        for n in range(count):
            at = received(n)
            view = record_intake(desk, Intake(kind=Kind.complaint, severity=Severity.general, who=f"Caller {n}",
                                              which="Tower B 12F", what="water dripping", received_at=at))
            if after is not None:
                after(desk, view.case.id, at)
    desk.engine.dispose()


def count_open(desk) -> int:
    """The floor: one query counting the open cases."""
    with desk.reading() as session:
        return session.exec(select(func.count()).select_from(Case).where(col(Case.status).in_(OPEN_STATUSES))).one()


def timed(what: Callable[[], object], repeat: int) -> tuple[float, object]:
    """The median of `repeat` runs, in seconds, and the last run's result."""
    runs, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = what()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs), result
