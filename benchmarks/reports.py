"""The month report over a large database: 1,000,000 cases of which 30,000 in the month (target < 2 s).

Run: .venv/bin/python -m benchmarks.reports [--cases 1000000] [--in-month 30000] [--db FILE]

Building a million cases with fill_bulk takes minutes; --db keeps and reuses the database file.
The history is written with the clock at the start of November, then the month's cases in rounds of
4,500 (fill_bulk spreads a round over 30 days at most 150 a day), so November holds --in-month cases.
"""

from __future__ import annotations

import argparse
import os
import statistics as stats
import tempfile
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from deskapp import reports
from deskapp.desk import statistics
from deskapp.desk.bulk import fill_bulk
from deskapp.desk.clock import DeskClock
from deskapp.desk.setup import open_desk

TZ = ZoneInfo("Asia/Shanghai")
MONTH_START = datetime(2026, 11, 1, tzinfo=TZ)
MONTH_END = datetime(2026, 12, 1, tzinfo=TZ)
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=TZ)
_ROUND = 4_500  # 30 days x 150 a day: fill_bulk's densest spread


def build(path: Path, cases: int, in_month: int) -> None:
    desk, _ = open_desk(str(path), clock=DeskClock(MONTH_START))
    with Progress(transient=True) as bar:
        task = bar.add_task(f"building {cases:,} cases", total=cases)
        done = 0

        def step(n: int, _total: int) -> None:
            bar.update(task, completed=done + n)

        fill_bulk(desk, cases - in_month, open_cases=0, pending_callbacks=0, seed=1, progress=step)
        done = cases - in_month
        desk.clock.set(MONTH_END)
        for n, start in enumerate(range(0, in_month, _ROUND)):
            size = min(_ROUND, in_month - start)
            # The newest cases are the open ones and those awaiting a callback, as at a real desk.
            fill_bulk(desk, size, open_cases=2000 if n == 0 else 0, pending_callbacks=500 if n == 0 else 0,
                      seed=2 + n, progress=step)
            done += size


def _command(path: Path) -> float:
    """The whole command in a fresh process, imports and all."""
    env = os.environ | {"TZ": "Asia/Shanghai", "DESKAPP_NOW": NOW.isoformat()}
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "deskapp", "report", "month", "--month", "2026-11", "--format", "json",
                    "--db", str(path)], env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--in-month", type=int, default=30_000)
    parser.add_argument("--db", type=Path, help="database file to build, or reuse when it exists")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    path = args.db or Path(tempfile.mkdtemp(prefix="deskapp-bench-")) / "reports.db"
    if not path.exists():
        started = time.perf_counter()
        build(path, args.cases, args.in_month)
        print(f"built {args.cases:,} cases in {time.perf_counter() - started:.0f} s")
    desk, _ = open_desk(str(path), clock=DeskClock(NOW))
    period = statistics.month(2026, 11, TZ)
    figures_s, render_s = [], {fmt: [] for fmt in (*reports.FORMATS, "screen")}
    for _ in range(args.runs):
        started = time.perf_counter()
        figures = statistics.statistics(desk, period)
        figures_s.append(time.perf_counter() - started)
        for fmt in reports.FORMATS:
            started = time.perf_counter()
            reports.write(figures, fmt, TZ)
            render_s[fmt].append(time.perf_counter() - started)
        started = time.perf_counter()
        with open(os.devnull, "w") as devnull:
            Console(file=devnull, width=120).print(reports.rich_report(figures, TZ))
        render_s["screen"].append(time.perf_counter() - started)
    table = Table(title=f"month report: {path.name}, {figures.cases:,} cases received in November, "
                        f"{len(figures.late):,} late clocks")
    table.add_column("figure")
    table.add_column("median", justify="right")
    table.add_column("target", justify="right")
    figures_ms = stats.median(figures_s) * 1000
    table.add_row("figures (statistics service)", f"{figures_ms:.0f} ms", "")
    for fmt, times in render_s.items():
        table.add_row(f"month report as {fmt}, in process", f"{figures_ms + stats.median(times) * 1000:.0f} ms",
                      "< 2000 ms")
    table.add_row("`deskapp report month --format json`, new process", f"{_command(path) * 1000:.0f} ms",
                  "< 2000 ms")
    Console().print(table)
    print(f"(database kept at {path})")


if __name__ == "__main__":
    main()
