"""Queue figures: first paint, the cost of the live second, and applying a filter, on a large desk.

Run: .venv/bin/python -m benchmarks.queue [--cases 100000] [--open 2500,10000,50000] [--seconds 10]

Each open count gets its own database, made with `fill_bulk` in a temporary folder (kept between
runs with --dir): 2,500 open (the README's figure) among --cases, and 10,000 and 50,000 open among
200,000, the sizes the queue must take. The app runs headless at 120x35, as in a terminal, with a
desk clock that moves with real time; a queue that has not painted within --give-up seconds is
reported as such. Floors measured in the same run: the bare SQL reading the open cases, and the
processor time of a bare Textual app standing idle.
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

from benchmarks.measure import Figure, show
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
        waited = time.perf_counter()
        while len(painted) < count:
            if time.perf_counter() - waited > GIVE_UP[0]:
                raise TimeoutError
            await asyncio.sleep(0.0005)

    figures: dict[str, float | int] = {}
    app = DeskApp(desk, "Wang Fang")
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        began = time.perf_counter()
        screen = TimedQueue(desk, "Wang Fang")
        app.push_screen(screen)
        try:
            await until_painted(1)
        except TimeoutError:
            return {"first paint (ms)": float("inf")}
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


GIVE_UP = [120.0]  # seconds a first paint may take before the run says it never came


async def idle_floor(seconds: float) -> float:
    """Processor milliseconds per second of a bare Textual app standing with a table and one line
    that changes every second: the least a live countdown can cost (an app with nothing changing
    costs next to nothing, which no countdown can be held to)."""
    from textual.app import App
    from textual.widgets import DataTable, Footer, Header, Static

    class Bare(App):
        def compose(self):
            yield Header()
            yield Static(id="second")
            yield DataTable()
            yield Footer()

        def on_mount(self):
            table = self.query_one(DataTable)
            table.add_columns("#", "next clock", "left", "due", "kind", "who / which", "what")
            for n in range(40):
                table.add_row(str(n), "forward", "12m", "10:20", "repair", "Tower B 12F", "water dripping")
            self.set_interval(1, lambda: self.query_one("#second", Static).update(f"{time.monotonic():.0f}"))

    async with Bare().run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        await asyncio.sleep(1.0)
        cpu, wall = time.process_time(), time.perf_counter()
        await asyncio.sleep(seconds)
        return (time.process_time() - cpu) / (time.perf_counter() - wall) * 1000


def open_sql_ms(path: Path) -> float:
    """The bare SQL reading every open case: the floor of the queue's read."""
    import sqlite3

    c = sqlite3.connect(path)
    began = time.perf_counter()
    c.execute("SELECT * FROM cases WHERE status NOT IN ('closed', 'void') ORDER BY id").fetchall()
    took = (time.perf_counter() - began) * 1000
    c.close()
    return took


def one_size(folder: Path, cases: int, in_queue: int, seconds: float) -> dict[str, float | int]:
    """`in_queue` cases on the queue: open ones and those resolved awaiting their callback."""
    path = folder / f"queue-{cases}-{in_queue}.db"
    desk = make_desk(path, cases, in_queue - PENDING_CALLBACKS)
    began = time.perf_counter()
    entries, _ = load_open(desk)
    read_ms = (time.perf_counter() - began) * 1000
    found = {"open": len(entries), "cases": cases, "read open cases from the database (ms)": read_ms,
             "bare SQL of the open cases (ms)": open_sql_ms(path), **asyncio.run(measure(desk, seconds))}
    desk.engine.dispose()
    return found


# (cases, cases on the queue); None: --cases. The queue shows every case not closed or void: the
# open ones and the 500 resolved awaiting their callback (fill_bulk's pending_callbacks).
SIZES = ((None, 2_500), (200_000, 10_000), (200_000, 50_000))
PENDING_CALLBACKS = 500
PAINT_LIMITS = {2_500: 300, 10_000: 300, 50_000: 1000}


def figures(cases: int = 100_000, opens: list[int] | None = None, seconds: float = 10.0,
            folder: Path | None = None) -> list[Figure]:
    folder = folder or Path(tempfile.gettempdir()) / "deskapp-bench"
    folder.mkdir(parents=True, exist_ok=True)
    floor_cpu = asyncio.run(idle_floor(seconds))
    found: list[Figure] = []
    for size_cases, open_cases in SIZES:
        if opens is not None and open_cases not in opens:
            continue
        total = size_cases or cases
        got = one_size(folder, total, open_cases, seconds)
        at = f"{got['open']:,} on the queue of {total:,}"
        found.append(Figure("queue", f"F3 → rows on screen, {at}", got["first paint (ms)"],
                            limit=PAINT_LIMITS.get(open_cases, 300)))
        found.append(Figure("queue", f"read of the open cases, {at}", got["read open cases from the database (ms)"],
                            floor=got["bare SQL of the open cases (ms)"], floor_what="bare sqlite3, every open row"))
        if "CPU per live second, whole app (ms)" in got:
            found.append(Figure("queue", f"idle processor per second, live countdown, {at}",
                                got["CPU per live second, whole app (ms)"], floor=floor_cpu,
                                floor_what="bare Textual app: a table, one line changing each second", limit=1.5, limit_is_ratio=True))
            for name in ("filter: overdue only (ms)", "filter: search 'leak' (ms)"):
                found.append(Figure("queue", f"{name.removesuffix(' (ms)')}, {at}", got[name], limit=100))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000, help="cases around the 2,500 open")
    parser.add_argument("--open", default="2500,10000,50000", help="open counts to try, of 2500, 10000, 50000")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--give-up", type=float, default=120.0)
    parser.add_argument("--dir", type=Path, help="folder for the databases (reused if they exist)")
    args = parser.parse_args()
    GIVE_UP[0] = args.give_up
    opens = [int(n) for n in args.open.split(",") if n]
    show("The queue (F3)", figures(args.cases, opens, args.seconds, args.dir))


if __name__ == "__main__":
    main()
