"""The year report over a year of 200,000 cases: `deskapp report year --json`, whole process, against
a plain GROUP BY over the same clock rows (the floor), both measured in the same run.

Run: .venv/bin/python -m benchmarks.report_year [--cases 200000] [--db FILE] [--runs 3]

The cases are written by fill_bulk in rounds of 4,500 (fill_bulk spreads a round over 30 days at
most 150 a day), the desk's clock stepped through 2026 so the rounds fill the year; the newest are
open and awaiting callbacks, as at a real desk. fill_bulk records no clocks, so each case's clocks
are then stored as the desk stores them when they start (what schema 0009's migration does for an
existing database). --db keeps and reuses the database file: building it takes a few minutes.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics as stats
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import insert

from benchmarks.measure import PYTHON, Figure, show, whole_process
from deskapp.domain.clocks import CaseFacts, _met
from deskapp.domain.clocks_stored import plan_clocks, rules_versions
from deskapp.domain.enums import Status
from deskapp.generate.bulk import fill_bulk
from deskapp.models import CaseClock
from deskapp.reads import statistics
from deskapp.reads.statistics_rows import FACTS, ID, STATUS, read_rows
from deskapp.reads.year_figures import year_figures
from deskapp.store.clock import DeskClock
from deskapp.upkeep.setup import open_desk

TZ = ZoneInfo("Asia/Shanghai")
YEAR = 2026
NOW = datetime(YEAR, 12, 31, 18, 0, tzinfo=TZ)
_ROUND = 4_500  # 30 days x 150 a day: fill_bulk's densest spread
LIMIT = 3.0  # seconds: "a few seconds at most" for the whole command
FLOOR_SQL = ("SELECT strftime('%m', due_at), name, count(*) FROM case_clocks "
             "WHERE due_at >= '2025-12-31 16:00:00' AND due_at < '2026-12-31 16:00:00' GROUP BY 1, 2")


def build(path: Path, cases: int) -> None:
    first = datetime(YEAR, 1, 31, 12, 0, tzinfo=TZ)
    desk, _ = open_desk(str(path), clock=DeskClock(first))
    rounds = -(-cases // _ROUND)
    step = (NOW - first) / max(1, rounds - 1)
    for n in range(rounds):
        desk.clock.set(first + step * n)
        last = n == rounds - 1
        fill_bulk(desk, min(_ROUND, cases - n * _ROUND), open_cases=2000 if last else 0,
                  pending_callbacks=500 if last else 0, seed=1 + n)
    stamp(desk)


def stamp(desk) -> None:
    """Every case's clocks stored as they would have been when they started."""
    start, end = statistics.year(YEAR, TZ).start, statistics.year(YEAR + 1, TZ).start
    versions = rules_versions(desk.policy, desk.calendar)
    with desk.engine.begin() as connection, desk.reading() as session:
        rows, pauses = read_rows(session, desk.policy, desk.calendar, start, end)
        made = []
        for row in rows:
            facts = CaseFacts(*row[:FACTS], pauses=pauses.get(row[ID], ()), voided=row[STATUS] is Status.void)
            for plan in plan_clocks(facts, desk.policy, desk.calendar, NOW).values():
                met = _met(plan.name, facts)
                made.append({"case_id": row[ID], "name": plan.name, "started_at": plan.start, "due_at": plan.due,
                             "counting": plan.counting, "allowance_us": plan.allowance // timedelta(microseconds=1),
                             "waited_us": plan.waited // timedelta(microseconds=1), "basis": plan.basis.value,
                             "pausable": plan.pausable, "met_at": met if met is not None and met >= plan.start else None,
                             "policy_version": versions[0], "calendar_version": versions[1]})
        for i in range(0, len(made), 20_000):
            connection.execute(insert(CaseClock), made[i : i + 20_000])
    print(f"stored {len(made):,} clocks of {len(rows):,} cases")


def _floor(path: Path) -> float:
    """The plain GROUP BY: the year's clock rows counted by month and name, nothing judged."""
    with sqlite3.connect(path) as c:
        began = time.perf_counter()
        c.execute(FLOOR_SQL).fetchall()
        return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=200_000)
    parser.add_argument("--db", type=Path, help="database file to build, or reuse when it exists")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    path = args.db or Path(tempfile.mkdtemp(prefix="deskapp-bench-year-")) / "year.db"
    if not path.exists():
        began = time.perf_counter()
        build(path, args.cases)
        print(f"built {args.cases:,} cases in {time.perf_counter() - began:.0f} s")
    os.environ["TZ"] = str(TZ)
    desk, _ = open_desk(str(path), clock=DeskClock(NOW))
    env = os.environ | {"DESKAPP_NOW": NOW.isoformat(), "COLUMNS": "120"}
    command = [PYTHON, "-m", "deskapp", "report", "year", "--year", str(YEAR), "--json", "--db", str(path)]
    floor_code = f"import sqlite3, sqlmodel, typer; sqlite3.connect({str(path)!r}).execute({FLOOR_SQL!r}).fetchall()"
    floor_process = [PYTHON, "-c", floor_code]
    inside, floors, process, floor_process_t = [], [], [], []
    for _ in range(args.runs):  # in turn, so a burst of load elsewhere falls on each alike
        began = time.perf_counter()
        figures = year_figures(desk, YEAR)
        inside.append(time.perf_counter() - began)
        floors.append(_floor(path))
        process.append(whole_process(command, env))
        floor_process_t.append(whole_process(floor_process, env))
    _same_as_the_month(desk, figures)
    wall, cpu = stats.median(p[0] for p in process), stats.median(p[1] for p in process)
    floor_wall, floor_cpu = (stats.median(p[0] for p in floor_process_t),
                             stats.median(p[1] for p in floor_process_t))
    show(f"The year report: {figures.total.cases:,} cases received in {YEAR}, "
         f"{sum(f.counted for f in figures.total.clocks.values()):,} clocks judged", [
        Figure("report_year", "year's figures (year_figures), in process", stats.median(inside) * 1000,
               floor=stats.median(floors) * 1000, floor_what="plain GROUP BY over the year's clock rows"),
        Figure("report_year", "`deskapp report year --json`, whole process", wall, unit="s", floor=floor_wall,
               floor_what="python: import sqlmodel, typer; the plain GROUP BY", limit=LIMIT, cpu=cpu,
               floor_cpu=floor_cpu),
    ])


def _same_as_the_month(desk, figures) -> None:
    """The year's November beside the month report's November: the same clocks judged the same way."""
    month = statistics.statistics(desk, statistics.month(YEAR, 11, TZ))
    year_clocks = {n: vars(f) for n, f in figures.months[10].clocks.items()}
    month_clocks = {n: vars(f) for n, f in month.clocks.items()}
    same = year_clocks == month_clocks and figures.months[10].cases == month.cases
    print(f"November in the year {'is' if same else 'is NOT'} November's month report "
          f"({figures.months[10].cases:,} cases; at {datetime.now(UTC):%H:%M} UTC)")


if __name__ == "__main__":
    main()
