"""Queue figures: first paint, the cost of the live second, and applying a filter, on a large desk.

Run: .venv/bin/python -m benchmarks.queue [--cases 200000] [--open 2500,10000,50000] [--seconds 10]

Each open count gets its own database, made with `fill_bulk` (which stores every case's clocks, as
an intake does) in a temporary folder (kept between runs with --dir): 2,500, 10,000 and 50,000 on
the queue among --cases (200,000). The app runs headless at 120x35, as in a terminal, with a desk
clock that moves with real time; the first paint is timed from the F3 key press to the rows on
screen (the queue built ahead and loaded off stage once home has shown its counts, as `deskapp`
runs it), and a queue that has not painted within --give-up seconds is reported as such. Floors
measured in the same run: F3 to a bare DataTable painting the same number of rows on a screen of
its own, the bare SQL of the queue's keys, and the processor time of a bare Textual app standing idle.
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
from deskapp.reads.queue_keys import load_open_keys
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
    """The desk of that size, built once and kept in the folder for the next run. It is built under
    another name and renamed when whole, so a run stopped half-way leaves no half-built desk behind."""
    if not path.exists():
        building = path.with_suffix(".building")
        for left in path.parent.glob(f"{building.name}*"):
            left.unlink()
        _fill(_desk(building), cases, open_cases)
        path.with_suffix(".building").rename(path)
    desk = _desk(path)
    db.upgrade(desk.engine)  # one kept from a run on an older schema is brought up to this one
    desk.clock = MovingClock(START)
    return desk


def _desk(path: Path) -> Desk:
    engine = db.make_engine(f"sqlite:///{path}")
    return Desk(engine, load_policy(data_dir()), WorkCalendar(CalendarSpec(tz=TZ)), DeskClock(START))


def _fill(desk: Desk, cases: int, open_cases: int) -> None:
    from sqlmodel import Session

    from deskapp.generate.bulk import fill_bulk

    db.upgrade(desk.engine)
    with Session(desk.engine) as session:
        sync_staff(session, load_staff(data_dir()))
        session.commit()
    began = time.perf_counter()
    fill_bulk(desk, cases, open_cases=open_cases)
    Console(stderr=True).print(f"filled {cases:,} cases in {time.perf_counter() - began:.1f} s")
    with desk.engine.connect() as c:
        c.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")  # whole in one file before it is renamed
    desk.engine.dispose()


async def measure(desk: Desk, seconds: float) -> dict[str, float | int]:
    from deskapp.app import DeskApp
    from deskapp.screens import queue as queue_screen

    painted: list[float] = []
    processor: list[float] = []  # process time at each paint
    ticks: list[float] = []

    class TimedQueue(queue_screen.QueueScreen):
        """The queue, noting when each full table has reached the screen and how long each tick took."""

        def rebuild(self) -> None:
            super().rebuild()
            self.call_after_refresh(lambda: (painted.append(time.perf_counter()), processor.append(time.process_time())))

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
    real = queue_screen.QueueScreen
    queue_screen.QueueScreen = TimedQueue  # what F3 opens (app.open_queue imports it when pressed)
    try:
        # As `deskapp` runs it: the queue is built and loaded off stage once home has shown its counts.
        app = DeskApp(desk, "Wang Fang", build_ahead=True)
        shown: list[tuple[float, float, object]] = []  # (wall, processor, screen) of each paint
        display = app._display

        def timed(screen, renderable) -> None:
            display(screen, renderable)
            if renderable is not None:
                shown.append((time.perf_counter(), time.process_time(), screen))

        app._display = timed
        async with app.run_test(size=(120, 35)) as pilot:
            await pilot.pause()
            started = time.perf_counter()
            # F3 pressed on a settled home screen, the queue built ahead: its own load done.
            while not (app.is_screen_installed("queue") and app.get_screen("queue").marker is not None):
                if time.perf_counter() - started > GIVE_UP[0]:
                    return {"first paint (ms)": float("inf")}
                await asyncio.sleep(0.01)
            figures["built ahead in (s)"] = time.perf_counter() - started
            while any(w.is_running for w in app.screen.workers):
                await asyncio.sleep(0.01)
            await asyncio.sleep(0.5)
            began, cpu_began = time.perf_counter(), time.process_time()
            await pilot.press("f3")
            while not any(at > began and isinstance(on, TimedQueue) and on.table.row_count for at, _c, on in shown):
                if time.perf_counter() - began > GIVE_UP[0]:
                    return {"first paint (ms)": float("inf")}
                await asyncio.sleep(0.0005)
            at, cpu_at, _on = next(p for p in shown if p[0] > began and isinstance(p[2], TimedQueue) and p[2].table.row_count)
            screen = app.screen
            assert isinstance(screen, TimedQueue), screen
            figures["first paint (ms)"] = (at - began) * 1000
            figures["first paint, processor (s)"] = cpu_at - cpu_began
            figures["open cases shown"] = screen.table.row_count
            figures["rows on screen"] = screen.table.size.height - 1
            figures["rows read whole"] = len(screen.lines)

            # The live second: all the process does while the queue stands on screen, once the
            # words a search looks in (read after the first paint) are in.
            while screen._words is None:
                await asyncio.sleep(0.01)
            await asyncio.sleep(1.5)
            ticks.clear()
            cpu, wall = time.process_time(), time.perf_counter()
            await asyncio.sleep(seconds)
            cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
            figures["CPU per live second, whole app (ms)"] = cpu / wall * 1000
            figures["tick, median (ms)"] = statistics.median(ticks) * 1000 if ticks else float("nan")
            figures["tick, slowest (ms)"] = max(ticks) * 1000 if ticks else float("nan")

            # Each filter: the key press that applies it, to its rows painted (the keys before it,
            # as typing the first letters of a search, untimed).
            for label, before_keys, key in (("filter: overdue only (ms)", (), "t"),
                                            ("filter: search 'leak' (ms)", ("slash", *"lea"), "k"),
                                            ("filter: cleared, all rows back (ms)", ("escape",), "c")):
                if before_keys:
                    await pilot.press(*before_keys)
                    await pilot.pause()
                before = len(painted)
                t = time.perf_counter()
                await pilot.press(key)
                await until_painted(before + 1)
                figures[label] = (painted[before] - t) * 1000
    finally:
        queue_screen.QueueScreen = real
    return figures


async def paint_floor(rows: int) -> tuple[float, float]:
    """Milliseconds from a key press to a bare DataTable with `rows` rows painted on a screen of its
    own, and the processor seconds it took: what any table the key opens costs at least (the rows
    the queue shows on screen)."""
    from textual.app import App
    from textual.screen import Screen
    from textual.widgets import DataTable, Footer, Header

    painted: list[float] = []  # (wall, processor) at the paint

    class Table(Screen):
        def compose(self):
            yield Header()
            yield DataTable()
            yield Footer()

        def on_mount(self):
            table = self.query_one(DataTable)
            table.add_columns("#", "next clock", "left", "due", "kind", "who / which", "what", "owner", "department",
                              "status")
            for n in range(rows):
                table.add_row(str(n), "▲ forward due soon", "0:12", "10:20", "repair", "Tower B 12F 1203",
                              "water dripping from the ceiling", "Wang Fang", "Engineering", "received")
            self.call_after_refresh(lambda: painted.append((time.perf_counter(), time.process_time())))

    class Bare(App):
        BINDINGS = [("f3", "table", "Table")]

        def action_table(self):
            self.push_screen(Table())

    async with Bare().run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        began, cpu = time.perf_counter(), time.process_time()
        await pilot.press("f3")
        while not painted:
            await asyncio.sleep(0.0005)
        return (painted[0][0] - began) * 1000, painted[0][1] - cpu


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
    """The bare SQL the queue's keys come from, through sqlite3: the floor of the queue's read."""
    import sqlite3

    from sqlalchemy.dialects import sqlite

    from deskapp.reads.queue_keys import _keys_query

    compiled = _keys_query(None).compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True})
    c = sqlite3.connect(path)
    began = time.perf_counter()
    c.execute(str(compiled)).fetchall()
    took = (time.perf_counter() - began) * 1000
    c.close()
    return took


def one_size(folder: Path, cases: int, in_queue: int, seconds: float) -> dict[str, float | int]:
    """`in_queue` cases on the queue: open ones and those resolved awaiting their callback."""
    path = folder / f"queue-{cases}-{in_queue}.db"
    desk = make_desk(path, cases, in_queue - PENDING_CALLBACKS)
    began = time.perf_counter()
    keys, _marker, _names = load_open_keys(desk, desk.now())
    read_ms = (time.perf_counter() - began) * 1000
    found = {"open": len(keys), "cases": cases, "read open cases from the database (ms)": read_ms,
             "bare SQL of the open cases (ms)": open_sql_ms(path), **asyncio.run(measure(desk, seconds))}
    if "rows on screen" in found:
        wall, cpu = asyncio.run(paint_floor(int(found["rows on screen"])))
        found["bare DataTable, same rows on screen (ms)"], found["bare DataTable, processor (s)"] = wall, cpu
    desk.engine.dispose()
    return found


# (cases, cases on the queue); None: --cases. The queue shows every case not closed or void: the
# open ones and the 500 resolved awaiting their callback (fill_bulk's pending_callbacks).
SIZES = ((None, 2_500), (None, 10_000), (None, 50_000))
PENDING_CALLBACKS = 500
PAINT_LIMITS = {2_500: 300, 10_000: 300, 50_000: 1000}


def figures(cases: int = 200_000, opens: list[int] | None = None, seconds: float = 10.0,
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
                            floor=got.get("bare DataTable, same rows on screen (ms)"),
                            floor_what="F3 → a bare DataTable of the rows on screen",
                            limit=PAINT_LIMITS.get(open_cases, 300), cpu=got.get("first paint, processor (s)"),
                            floor_cpu=got.get("bare DataTable, processor (s)")))
        if "built ahead in (s)" in got:  # in the background, once home showed its counts: nobody waits on it
            found.append(Figure("queue", f"the queue built and loaded ahead, off stage (background), {at}",
                                got["built ahead in (s)"], unit="s"))
        found.append(Figure("queue", f"read of the open cases' keys, {at}", got["read open cases from the database (ms)"],
                            floor=got["bare SQL of the open cases (ms)"], floor_what="bare sqlite3, the same SQL"))
        if "CPU per live second, whole app (ms)" in got:
            found.append(Figure("queue", f"idle processor per second, live countdown, {at}",
                                got["CPU per live second, whole app (ms)"], floor=floor_cpu,
                                floor_what="bare Textual app: a table, one line changing each second", limit=1.5, limit_is_ratio=True))
            for name in ("filter: overdue only (ms)", "filter: search 'leak' (ms)"):
                found.append(Figure("queue", f"{name.removesuffix(' (ms)')}, {at}", got[name], limit=100))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=200_000, help="cases around those on the queue")
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
