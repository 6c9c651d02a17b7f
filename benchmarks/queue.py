"""Queue figures: first paint, the cost of the live second, and applying a filter, on a large desk.

Run: .venv/bin/python -m benchmarks.queue [--cases 100000] [--open 2000] [--seconds 10]

The database is made with `fill_bulk` in a temporary file (kept between runs with --db). The app
runs headless at 120x35, as in a terminal, with a desk clock that moves with real time.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from rich.console import Console
from rich.table import Table

from deskapp.config.datafiles import load_policy, load_staff
from deskapp.config.paths import data_dir
from deskapp.domain.calendar import CalendarSpec, WorkCalendar
from deskapp.reads.queue import load_open
from deskapp.store import db
from deskapp.store.clock import DeskClock
from deskapp.store.context import Desk
from deskapp.upkeep.setup import sync_staff

TZ = ZoneInfo("Asia/Shanghai")
START = datetime(2026, 11, 23, 10, 0, tzinfo=TZ)  # a Monday morning, the desk open


class MovingClock(DeskClock):
    """Starts at a chosen instant and moves with real time, as the desk's clock does."""

    def __init__(self, start: datetime):
        super().__init__(start)
        self._origin = time.monotonic()

    def now(self) -> datetime:
        return self._fixed + timedelta(seconds=time.monotonic() - self._origin)


def make_desk(path: Path, cases: int, open_cases: int) -> Desk:
    fresh = not path.exists()
    engine = db.make_engine(f"sqlite:///{path}")
    desk = Desk(engine, load_policy(data_dir()), WorkCalendar(CalendarSpec(tz=TZ)), DeskClock(START))
    if fresh:
        from sqlmodel import Session

        from deskapp.generate.bulk import fill_bulk

        db.upgrade(engine)
        with Session(engine) as session:
            sync_staff(session, load_staff(data_dir()))
            session.commit()
        began = time.perf_counter()
        fill_bulk(desk, cases, open_cases=open_cases)
        Console(stderr=True).print(f"filled {cases:,} cases in {time.perf_counter() - began:.1f} s")
    desk.clock = MovingClock(START)
    return desk


async def measure(desk: Desk, seconds: float) -> dict[str, float | int]:
    from deskapp.app import DeskApp
    from deskapp.screens.queue import QueueScreen

    painted: list[float] = []
    ticks: list[float] = []

    class TimedQueue(QueueScreen):
        """The queue, noting when each full table has reached the screen and how long each tick took."""

        def rebuild(self) -> None:
            super().rebuild()
            self.call_after_refresh(lambda: painted.append(time.perf_counter()))

        def tick(self) -> None:
            began = time.perf_counter()
            super().tick()
            ticks.append(time.perf_counter() - began)

    async def until_painted(count: int) -> None:
        while len(painted) < count:
            await asyncio.sleep(0.0005)

    figures: dict[str, float | int] = {}
    app = DeskApp(desk, "Wang Fang")
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        began = time.perf_counter()
        screen = TimedQueue(desk, "Wang Fang")
        app.push_screen(screen)
        await until_painted(1)
        figures["first paint (ms)"] = (painted[0] - began) * 1000
        # The table draws only the lines on screen: once painted, every row is in it.
        figures["every row in the table (ms)"] = (painted[0] - began) * 1000
        figures["open cases shown"] = screen.table.row_count

        # The live second: all the process does while the queue stands on screen.
        await asyncio.sleep(1.5)
        ticks.clear()
        cpu, wall = time.process_time(), time.perf_counter()
        await asyncio.sleep(seconds)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        figures["CPU per live second, whole app (ms)"] = cpu / wall * 1000
        figures["tick, median (ms)"] = statistics.median(ticks) * 1000 if ticks else float("nan")
        figures["tick, slowest (ms)"] = max(ticks) * 1000 if ticks else float("nan")

        for label, apply in (
            ("filter: overdue only (ms)", screen.action_filter_state),
            ("filter: search 'leak' (ms)", lambda: screen.set_filter(text="leak")),
            ("filter: cleared, all rows back (ms)", screen.action_clear_filters),
        ):
            before = len(painted)
            t = time.perf_counter()
            apply()
            await until_painted(before + 1)
            figures[label] = (painted[-1] - t) * 1000
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--open", type=int, default=2_000)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--db", type=Path, help="database file to make (or reuse if it exists)")
    args = parser.parse_args()
    path = args.db or Path(tempfile.mkdtemp(prefix="deskapp-bench-")) / "queue.db"
    desk = make_desk(path, args.cases, args.open)

    began = time.perf_counter()
    entries, _ = load_open(desk)
    read_ms = (time.perf_counter() - began) * 1000
    figures = {"read open cases from the database (ms)": read_ms, **asyncio.run(measure(desk, args.seconds))}

    targets = {"first paint (ms)": 300, "CPU per live second, whole app (ms)": 20, "tick, median (ms)": 20}
    table = Table(title=f"Queue over {args.cases:,} cases ({len(entries):,} open)")
    table.add_column("figure")
    table.add_column("measured", justify="right")
    table.add_column("target", justify="right")
    for name, value in figures.items():
        target = targets.get(name, 100 if name.startswith("filter") else None)
        shown = f"{value:,}" if isinstance(value, int) else f"{value:.1f}"
        verdict = "" if target is None else (f"< {target}" + (" ✔" if value < target else " ✖"))
        table.add_row(name, shown, verdict)
    Console().print(table)


if __name__ == "__main__":
    main()
