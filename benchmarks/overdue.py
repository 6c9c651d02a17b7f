"""`list --overdue` on stored due times (SQL finds the late clocks) against working out every open
case's clocks in Python (how it was done before schema 0009), on the same database, with its floor.

Run: .venv/bin/python -m benchmarks.overdue [--open 2000] [--late-share 0.1] [--repeat 5]

Every case is recorded through the desk's own service (so its clocks are stored as they start), in
one batch, over a week before the desk's clock: about --late-share of them end up overdue.
The floor is one query counting the open cases: what any answer costs at least.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlmodel import col, select

from benchmarks.open_desk import count_open, record_complaints, timed
from deskapp.desk import workflow
from deskapp.domain.enums import OPEN_STATUSES, ClockState
from deskapp.models import Case
from deskapp.reads.queries import list_cases
from deskapp.reads.views import build_views
from deskapp.store.clock import DeskClock
from deskapp.upkeep.setup import open_desk

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 27, 16, 0, tzinfo=TZ)  # a Friday afternoon


def build(path: Path, open_cases: int, late_share: float) -> None:
    late = int(open_cases * late_share)

    def received(n: int):  # the late ones came in on Monday and were never forwarded; the rest today
        return NOW - timedelta(days=4, minutes=n) if n < late else NOW - timedelta(minutes=5 + n % 300)

    def forwarded(desk, case_id: int, at) -> None:
        if at > NOW - timedelta(days=1):
            workflow.forward(desk, case_id, "Engineering", at=at + timedelta(minutes=2))

    record_complaints(path, NOW, open_cases, received, forwarded)


def python_overdue(desk) -> int:
    """The pre-0009 way: every open case's clocks worked out, then filtered."""
    with desk.reading() as session:
        cases = list(session.exec(select(Case).where(col(Case.status).in_(OPEN_STATUSES))).all())
        views = build_views(session, cases, desk.policy, desk.calendar, desk.now())
    return sum(1 for v in views if any(c.state is ClockState.overdue for c in v.clocks))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--open", type=int, default=2000)
    parser.add_argument("--late-share", type=float, default=0.1)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "desk.db"
        started = time.perf_counter()
        build(path, args.open, args.late_share)
        print(f"{args.open:,} open cases recorded through the service in {time.perf_counter() - started:.1f} s")
        desk, _ = open_desk(str(path), clock=DeskClock(NOW))
        base, n_open = timed(lambda: count_open(desk), args.repeat)
        sql, found = timed(lambda: len(list_cases(desk, overdue=True, limit=None)), args.repeat)
        old, counted = timed(lambda: python_overdue(desk), args.repeat)
        assert found == counted, (found, counted)
        print(f"floor (count the open cases, {n_open:,}): {base * 1000:.1f} ms")
        print(f"list --overdue on stored due times (SQL): {sql * 1000:.1f} ms for {found:,} overdue")
        print(f"every open clock worked out in Python:    {old * 1000:.1f} ms")
        desk.engine.dispose()


if __name__ == "__main__":
    main()
