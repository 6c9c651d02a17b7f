"""What the coordination work order's actions cost the screens and the month report that read them.

Run: .venv/bin/python -m benchmarks.actions [--in-month 30000] [--actions 1000] [--runs 5]

A November of `--in-month` cases (2,000 of them open) is built with fill_bulk; the month's figures
(the statistics service behind `deskapp report month`) and the queue's load of the open cases are
timed first with no action anywhere (the floor: what they cost before actions existed, the same run),
then with `--actions` actions and follow-ups on the open cases, half of them done.
"""

from __future__ import annotations

import argparse
import os
import statistics as stats
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import insert, select

from deskapp.domain.enums import OPEN_STATUSES, ClockName
from deskapp.generate.bulk import fill_bulk
from deskapp.models import Case, CaseAction
from deskapp.reads import statistics
from deskapp.reads.queue import load_open
from deskapp.store.clock import DeskClock
from deskapp.upkeep.setup import open_desk

TZ = ZoneInfo("Asia/Shanghai")
MONTH_START = datetime(2026, 11, 1, tzinfo=TZ)
MONTH_END = datetime(2026, 12, 1, tzinfo=TZ)
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=TZ)
_ROUND = 4_500


def build(path: Path, in_month: int):
    desk, _ = open_desk(str(path), clock=DeskClock(MONTH_END))
    for n, start in enumerate(range(0, in_month, _ROUND)):
        fill_bulk(desk, min(_ROUND, in_month - start), open_cases=2000 if n == 0 else 0,
                  pending_callbacks=500 if n == 0 else 0, seed=2 + n)
    desk.clock.set(NOW)
    return desk


def add_actions(desk, count: int) -> None:
    """`count` actions and follow-ups spread over the open cases, due in November, half of them done."""
    with desk.engine.begin() as c:
        cases = [row.id for row in c.execute(select(Case.id).where(Case.status.in_(OPEN_STATUSES)))]
        staff = c.execute(select(Case.received_by_id).limit(1)).scalar_one()
        rows = []
        for n in range(count):
            started = MONTH_START + timedelta(hours=n % 600)
            due = started + timedelta(hours=24)
            rows.append({"case_id": cases[n % len(cases)], "clock": ClockName.action if n % 4 else ClockName.followup,
                         "number": n // len(cases) + 1, "what": "replace the riser valve", "owner": "Xu Ming",
                         "started_at": started, "due_at": due, "done_at": due - timedelta(hours=1) if n % 2 else None,
                         "result": "", "added_by_id": staff})
        c.execute(insert(CaseAction), rows)


def timed(runs: int, work) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return stats.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--in-month", type=int, default=30_000)
    parser.add_argument("--actions", type=int, default=1_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    os.environ["TZ"] = str(TZ)
    path = Path(tempfile.mkdtemp(prefix="deskapp-bench-")) / "actions.db"
    started = time.perf_counter()
    desk = build(path, args.in_month)
    print(f"built {args.in_month:,} cases in {time.perf_counter() - started:.0f} s")
    period = statistics.month(2026, 11, TZ)

    def month() -> None:
        statistics.statistics(desk, period)

    def queue() -> None:
        load_open(desk)

    floor = timed(args.runs, month), timed(args.runs, queue)
    add_actions(desk, args.actions)
    with_actions = timed(args.runs, month), timed(args.runs, queue)
    figures = statistics.statistics(desk, period).coordination
    print(f"month figures: {floor[0] * 1000:.0f} ms with no action, {with_actions[0] * 1000:.0f} ms with "
          f"{len(figures.actions) + len(figures.followups):,} actions and follow-ups due in it "
          f"({with_actions[0] / floor[0]:.2f}x)")
    print(f"queue load of the open cases: {floor[1] * 1000:.0f} ms with no action, {with_actions[1] * 1000:.0f} ms "
          f"with {args.actions:,} on them ({with_actions[1] / floor[1]:.2f}x)")
    print(f"(median of {args.runs}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} processors)")


if __name__ == "__main__":
    main()
