"""The month report over a large database: 1,000,000 cases of which 30,000 in the month (target < 2 s).

Run: .venv/bin/python -m benchmarks.reports [--cases 1000000] [--in-month 30000] [--db FILE]

Building a million cases with fill_bulk takes minutes; --db keeps and reuses the database file.
The history is written with the clock at the start of November, then the month's cases in rounds of
4,500 (fill_bulk spreads a round over 30 days at most 150 a day), so November holds --in-month cases.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics as stats
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from deskapp.generate.bulk import fill_bulk
from deskapp.output import reports
from deskapp.reads import statistics
from deskapp.store.clock import DeskClock
from deskapp.upkeep.setup import open_desk

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


def _command(path: Path) -> tuple[float, float]:
    """The whole command in a fresh process, imports and all: wall-clock and processor seconds."""
    env = os.environ | {"TZ": str(TZ), "DESKAPP_NOW": NOW.isoformat()}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "deskapp", "report", "month", "--month", "2026-11", "--format", "json",
                    "--db", str(path)], env=env, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


class _Timer:
    """Wall-clock and processor time of a block, added to a list of (wall, processor) pairs."""

    def __init__(self, into: list[tuple[float, float]]):
        self.into = into

    def __enter__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def __exit__(self, *_) -> None:
        self.into.append((time.perf_counter() - self.wall, time.process_time() - self.cpu))


def _median(pairs: list[tuple[float, float]]) -> tuple[float, float]:
    return stats.median(p[0] for p in pairs), stats.median(p[1] for p in pairs)


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
    # The desk's calendar in the zone the cases were written for, as in the new process below.
    os.environ["TZ"] = str(TZ)
    desk, _ = open_desk(str(path), clock=DeskClock(NOW))
    period = statistics.month(2026, 11, TZ)
    figures_t: list[tuple[float, float]] = []
    render_t: dict[str, list[tuple[float, float]]] = {fmt: [] for fmt in (*reports.FORMATS, "screen")}
    for _ in range(args.runs):
        with _Timer(figures_t):
            figures = statistics.statistics(desk, period)
        for fmt in reports.FORMATS:
            with _Timer(render_t[fmt]):
                reports.write(figures, fmt, TZ)
        with _Timer(render_t["screen"]), open(os.devnull, "w") as devnull:
            Console(file=devnull, width=120).print(reports.rich_report(figures, TZ))
    command = [_command(path) for _ in range(args.runs)]
    table = Table(title=f"month report: {path.name}, {figures.cases:,} cases received in November, "
                        f"{len(figures.late):,} late clocks")
    table.add_column("figure")
    table.add_column("median", justify="right")
    # Processor time: what the wall-clock figure comes to on a machine with nothing else to do.
    table.add_column("processor time", justify="right")
    table.add_column("target", justify="right")
    wall, cpu = _median(figures_t)
    table.add_row("figures (statistics service)", f"{wall * 1000:.0f} ms", f"{cpu * 1000:.0f} ms", "")
    for fmt, times in render_t.items():
        w, c = _median(times)
        table.add_row(f"month report as {fmt}, in process", f"{(wall + w) * 1000:.0f} ms", f"{(cpu + c) * 1000:.0f} ms",
                      "< 2000 ms")
    w, c = _median(command)
    table.add_row("`deskapp report month --format json`, new process", f"{w * 1000:.0f} ms", f"{c * 1000:.0f} ms",
                  "< 2000 ms")
    Console().print(table)
    print(f"(database kept at {path}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} processors)")


if __name__ == "__main__":
    main()
