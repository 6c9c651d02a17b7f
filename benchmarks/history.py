"""History figures at 10k, 100k and 1M cases: first paint, page down, jump to end, search, memory.

Run: .venv/bin/python -m benchmarks.history [--sizes 10000,100000,1000000] [--dir /tmp/deskapp-bench]

Each database is built once with `fill_bulk` (kept in --dir and reused), with a few cases told in
Chinese. Each size is measured in its own process (so peak memory is the app's own), headless at
150x40. Every figure is also given as a ratio to a baseline measured in the same run: the bare
`sqlite3` query that fetches the same rows (count and the screenful of cases).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.progress import Progress, TimeElapsedColumn
from rich.table import Table
from sqlmodel import Session

from benchmarks.queue import START, TZ, make_desk
from deskapp.config.datafiles import load_policy, load_staff
from deskapp.config.paths import data_dir
from deskapp.domain.calendar import CalendarSpec, WorkCalendar
from deskapp.generate.bulk import fill_bulk
from deskapp.store import db
from deskapp.store.clock import DeskClock
from deskapp.store.context import Desk
from deskapp.upkeep.setup import sync_staff

SIZE = (150, 40)
CHINESE = "电梯门关不上"  # told in a few cases, so the CJK phrase search finds something
RUNS = 7
TARGETS = {"history first paint": 300, "page down": 30, "jump to end": 100, "search": 200, "filter": 200}


def build(path: Path, cases: int) -> float | None:
    """The generator's time for `cases` cases into a new database (None: the file was there already)."""
    if path.exists():
        return None
    desk = new_desk(path)
    with Progress(*Progress.get_default_columns(), TimeElapsedColumn(), transient=True) as bar:
        task = bar.add_task(f"building {cases:,} cases", total=cases)
        began = time.perf_counter()
        fill_bulk(desk, cases, open_cases=2000, progress=lambda done, total: bar.update(task, completed=done))
        seconds = time.perf_counter() - began
    with desk.transaction() as session:
        session.connection().exec_driver_sql(
            f"UPDATE cases SET who = '王小明', what = '{CHINESE}' WHERE id % 50000 = 7")
    desk.engine.dispose()
    return seconds


def new_desk(path: Path) -> Desk:
    """A migrated database with the staff list and nothing else, on the benchmarks' fixed clock."""
    engine = db.make_engine(f"sqlite:///{path}")
    db.upgrade(engine)
    with Session(engine) as session:
        sync_staff(session, load_staff(data_dir()))
        session.commit()
    return Desk(engine, load_policy(data_dir()), WorkCalendar(CalendarSpec(tz=TZ)), DeskClock(START))


def _ms(seconds: float) -> float:
    return seconds * 1000


def _median(fn, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        fn()
        times.append(time.perf_counter() - began)
    return _ms(statistics.median(times))


# ---- the baselines: bare sqlite3 -----------------------------------------------------------------

def baselines(path: Path, rows: int, queries: dict[str, str]) -> dict[str, float]:
    c = sqlite3.connect(path)
    newest = "SELECT * FROM cases ORDER BY received_at DESC, id DESC LIMIT ? OFFSET ?"
    total = c.execute("SELECT count(*) FROM cases").fetchone()[0]
    figures = {
        "history first paint": _median(lambda: (c.execute("SELECT count(*) FROM cases").fetchone(),
                                                c.execute(newest, (rows, 0)).fetchall())),
        "page down": _median(lambda: c.execute(newest, (rows, rows * 3)).fetchall()),
        "jump to end": _median(lambda: c.execute(
            "SELECT * FROM cases ORDER BY received_at ASC, id ASC LIMIT ?", (rows,)).fetchall()),
    }
    for label, text in queries.items():
        words = text.split()
        where = " AND ".join(
            "id IN (SELECT rowid FROM cases_fts WHERE cases_fts MATCH ?)" for _ in words)
        args = ['"' + w + '"' for w in words]
        figures[f"search: {label}"] = _median(lambda: (
            c.execute(f"SELECT count(*) FROM cases WHERE {where}", args).fetchone(),
            c.execute(f"SELECT * FROM cases WHERE {where} ORDER BY received_at DESC, id DESC LIMIT ?",
                      (*args, rows)).fetchall()))
    repairs = "SELECT * FROM cases WHERE kind = 'repair' ORDER BY received_at DESC, id DESC LIMIT ?"
    figures["filter: kind"] = _median(lambda: (c.execute("SELECT count(*) FROM cases WHERE kind = 'repair'").fetchone(),
                                                c.execute(repairs, (rows,)).fetchall()))
    c.close()
    figures["cases"] = total
    return figures


# ---- the app ---------------------------------------------------------------------------------------

async def measure_app(path: Path, queries: dict[str, str]) -> dict[str, float]:
    from deskapp.app import DeskApp
    from deskapp.domain.enums import Kind
    from deskapp.reads.history_source import HistoryFilter, HistorySource
    from deskapp.screens.history import HistoryScreen

    desk = make_desk(path, 0, 0)
    painted: list[float] = []

    class TimedHistory(HistoryScreen):
        def show_source(self, source) -> None:
            super().show_source(source)
            self.call_after_refresh(lambda: painted.append(time.perf_counter()))

    figures: dict[str, float] = {}
    app = DeskApp(desk, "Wang Fang")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        began = time.perf_counter()
        screen = TimedHistory(desk, "Wang Fang")
        app.push_screen(screen)
        while not painted:
            await asyncio.sleep(0.0005)
        figures["history first paint"] = _ms(painted[0] - began)
        table = screen.table
        height = table.size.height

        def drawn() -> None:  # what a repaint asks of the table: every line on screen
            for y in range(height):
                table.render_line(y)

        def timed(action) -> float:
            began = time.perf_counter()
            action()
            table.scroll_to(y=max(table.cursor_row - height + 2, 0), animate=False, immediate=True) \
                if table.cursor_row >= int(table.scroll_offset.y) + height - 1 else None
            drawn()
            return time.perf_counter() - began

        downs = [timed(table.action_page_down) for _ in range(RUNS)]
        figures["page down"] = _ms(statistics.median(downs))
        figures["jump to end"] = _ms(timed(table.action_cursor_end))
        await pilot.pause()

        for label, text in queries.items():
            def search() -> None:
                source = HistorySource(desk, HistoryFilter(text=text), cells=screen.cells)
                source.row_count()
                for key in source.keys(0, height):
                    source.cells(key)
            figures[f"search: {label}"] = _median(search, 5)

        def repairs() -> None:  # a filter on an indexed column, newest first
            source = HistorySource(desk, HistoryFilter(kind=Kind.repair), cells=screen.cells)
            source.row_count()
            for key in source.keys(0, height):
                source.cells(key)
        figures["filter: kind"] = _median(repairs, 5)
    figures["peak memory (MB)"] = peak_memory_mb()
    return figures


def peak_memory_mb() -> float:
    """This process's own peak. Linux carries ru_maxrss over an exec, so a measuring process started
    by one that has just built a million cases would report the builder's peak: VmHWM is its own."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:"))) / 1024


def search_words(path: Path) -> dict[str, str]:
    c = sqlite3.connect(path)
    total = c.execute("SELECT count(*) FROM cases").fetchone()[0]
    phone, = c.execute("SELECT phone FROM cases ORDER BY received_at DESC LIMIT 1 OFFSET ?", (total // 2,)).fetchone()
    c.close()
    return {"phone": phone, "name": "Zhang", "CJK phrase": "电梯门", "free text": "ceiling pantry"}


def measure(path: Path) -> dict:
    queries = search_words(path)
    app = asyncio.run(measure_app(path, queries))
    base = baselines(path, SIZE[1], queries)
    return {"app": app, "base": base}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--dir", default=str(Path(tempfile.gettempdir()) / "deskapp-bench"))
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(Path(args.measure))))
        return
    console = Console()
    folder = Path(args.dir)
    folder.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    results, builds = {}, {}
    for size in sizes:
        path = folder / f"history-{size}.db"
        builds[size] = build(path, size)
        out = subprocess.run([sys.executable, "-m", "benchmarks.history", "--measure", str(path)],
                             capture_output=True, text=True, check=True)
        results[size] = json.loads(out.stdout.strip().splitlines()[-1])
    table = Table(title="History at scale (ms unless stated; × = ratio to bare sqlite3 fetching the same rows)")
    table.add_column("figure")
    for size in sizes:
        table.add_column(f"{size:,}", justify="right")
    table.add_column("target at 1M", justify="right")
    table.add_row("generator build (s)", *(f"{builds[s]:.1f}" if builds[s] is not None else "reused" for s in sizes), "< 60")
    for label in results[sizes[0]]["app"]:
        cells = []
        for size in sizes:
            app, base = results[size]["app"], results[size]["base"]
            value = app[label]
            ratio = f" ({value / base[label]:.1f}×)" if label in base and base[label] > 0 else ""
            cells.append(f"{value:.1f}{ratio}")
        target = TARGETS.get(label.split(":")[0], 300 if "memory" in label else None)
        table.add_row(label, *cells, f"< {target}" if target else "")
    base_cells = [f"{results[s]['base']['history first paint']:.2f} / {results[s]['base']['jump to end']:.2f}" for s in sizes]
    table.add_row("baseline: first page / last page", *base_cells, "")
    console.print(table)


if __name__ == "__main__":
    main()
