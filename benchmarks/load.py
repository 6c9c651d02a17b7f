"""Several desks on one database: 8 processes each record 1,000 cases and forward and resolve them.

Run: .venv/bin/python -m benchmarks.load [--db URL-OR-PATH] [--desks 8] [--cases 1000] [--fill 0] [--race 30]
Without --db it uses a new SQLite file. With --fill N the database first gets N cases from the bulk
generator (years of history), so the desks work on a database of that size. Counts lost or
duplicated cases and errors a user would have seen, and prints p50/p99 latency of each operation.

Then the same-case race (benchmarks/race.py): the desks all try forward, resolve, callback and void
on the same --race cases at the same moment; exactly one may succeed each time, none may be lost,
and `deskapp check` must pass after. --cases 0 runs the race alone.
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import tempfile
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from rich.console import Console
from rich.progress import Progress, TimeElapsedColumn
from rich.table import Table
from sqlalchemy import func
from sqlmodel import Session, col, select

from benchmarks.race import STEPS, figures, new_cases, race
from deskapp.desk import workflow
from deskapp.desk.intake import record_intake
from deskapp.domain.enums import Kind
from deskapp.domain.intake import Intake
from deskapp.generate.bulk import fill_bulk
from deskapp.models import Case, HistoryEvent
from deskapp.store.clock import DeskClock
from deskapp.upkeep.setup import open_desk

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def one_desk(args: tuple[str, int, int]) -> dict:
    """One desk's stream of work: intake, forward, resolve for each of its cases."""
    url, desk_no, cases = args
    desk, _ = open_desk(url, clock=DeskClock(NOW))
    timings: dict[str, list[float]] = {"intake": [], "forward": [], "resolve": []}
    errors: list[str] = []
    for n in range(cases):
        try:
            started = time.perf_counter()
            view = record_intake(desk, Intake(kind=Kind.repair, who=f"load-{desk_no}-{n}", which="Tower A 3F 301",
                                              what="light out", received_at=NOW))
            timings["intake"].append(time.perf_counter() - started)
            started = time.perf_counter()
            workflow.forward(desk, view.case.id, "Engineering", by="Liu Yang")
            timings["forward"].append(time.perf_counter() - started)
            started = time.perf_counter()
            workflow.resolve(desk, view.case.id, "tube replaced", by="Xu Ming")
            timings["resolve"].append(time.perf_counter() - started)
        except Exception as e:  # counted: any of these would have reached the operator
            errors.append(f"{type(e).__name__}: {e}")
    desk.engine.dispose()
    return {"timings": timings, "errors": errors}


def fill(desk, cases: int) -> float:
    """The generator's seconds for `cases` cases of history, under a progress bar."""
    with Progress(*Progress.get_default_columns(), TimeElapsedColumn(), transient=True) as bar:
        task = bar.add_task(f"filling {cases:,} cases", total=cases)
        started = time.perf_counter()
        fill_bulk(desk, cases, progress=lambda done, total: bar.update(task, completed=done))
        return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="database file or URL (default: a new SQLite file)")
    parser.add_argument("--desks", type=int, default=8)
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--fill", type=int, default=0, help="cases of history to put in the database first")
    parser.add_argument("--race", type=int, default=30, help="cases all the desks act on at once (0: no race)")
    args = parser.parse_args()
    url = args.db or str(Path(tempfile.mkdtemp(prefix="deskapp-load-")) / "load.db")
    desk, _ = open_desk(url, clock=DeskClock(NOW))  # migrate and load the staff list once, first
    console = Console()
    filled = fill(desk, args.fill) if args.fill else None
    if args.cases:
        load(console, desk, url, args, filled)
    if args.race:
        same_case_race(console, url, args.desks, args.race)


def load(console: Console, desk, url: str, args, filled: float | None) -> None:
    started = time.perf_counter()
    with (console.status(f"{args.desks} desks × {args.cases} cases ..."),
          multiprocessing.get_context("spawn").Pool(args.desks) as pool):
        results = pool.map(one_desk, [(url, d, args.cases) for d in range(args.desks)])
    elapsed = time.perf_counter() - started
    with Session(desk.engine) as s:
        names = s.exec(select(Case.who).where(col(Case.who).like("load-%"))).all()
        events = s.exec(select(func.count()).select_from(HistoryEvent).join(Case, col(Case.id) == HistoryEvent.case_id)
                        .where(col(Case.who).like("load-%"))).one()
    expected = {f"load-{d}-{n}" for d in range(args.desks) for n in range(args.cases)}
    errors = [e for r in results for e in r["errors"]]
    table = Table(title=f"{args.desks} desks on {desk.engine.dialect.name}, {elapsed:.0f} s")
    table.add_column("figure")
    table.add_column("value", justify="right")
    if filled is not None:
        table.add_row("cases there before the desks began", f"{args.fill:,} (filled in {filled:.1f} s)")
    table.add_row("cases expected / recorded", f"{len(expected)} / {len(names)}")
    table.add_row("lost", str(len(expected - set(names))))
    table.add_row("duplicated", str(len(names) - len(set(names))))
    table.add_row("history events (3 per case)", str(events))
    table.add_row("errors a user would have seen", str(len(errors)))
    for step in ("intake", "forward", "resolve"):
        times = sorted(t for r in results for t in r["timings"][step])
        if times:
            p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
            table.add_row(f"{step}: p50 / p99", f"{statistics.median(times) * 1000:.1f} / {p99 * 1000:.1f} ms")
    console.print(table)
    for error in errors[:5]:
        console.print(f"[red]{error}[/red]")


def same_case_race(console: Console, url: str, desks: int, cases: int) -> None:
    """Every desk tries every step on the same cases at once: as the action dialogs ask (with the
    version shown) for forward, resolve, callback and void, then as a script asks (no version) for
    resolve, callback and void on cases already forwarded."""
    desk, _ = open_desk(url)  # the real clock, as the desks' own
    screen = [(c, step, "screen") for c in new_cases(desk, cases, "race-screen") for step in STEPS]
    script_cases = new_cases(desk, cases, "race-script")
    for case_id in script_cases:
        workflow.forward(desk, case_id, "Engineering", by="Wang Fang")
    script = [(c, step, "script") for c in script_cases for step in STEPS[1:]]
    table = Table(title=f"{desks} desks × the same {cases} cases on {desk.engine.dialect.name}")
    table.add_column("figure")
    table.add_column("screen (version shown)", justify="right")
    table.add_column("script (no version)", justify="right")
    started = time.perf_counter()
    with console.status(f"{desks} desks racing on {len(screen) + len(script)} steps ..."):
        attempts = race(url, desks, screen + script)
    elapsed = time.perf_counter() - started
    found = [(rounds, [a for a in attempts if a.way == way], figures(desk, [a for a in attempts if a.way == way]))
             for way, rounds in (("screen", screen), ("script", script))]
    for name, value in (
        ("steps raced (case × operation)", lambda r, a, f: len(r)),
        ("attempts", lambda r, a, f: len(a)),
        ("steps with exactly one success", lambda r, a, f: len(r) - len(f.not_exactly_once(r))),
        ("steps with no success / with several", lambda r, a, f: _none_several(f.not_exactly_once(r))),
        ("refused: conflict / not allowed", lambda r, a, f: f"{f.refusals['Conflict']} / {f.refusals['NotAllowed']}"),
        ("errors a user would have seen (not a refusal)", lambda r, a, f: len(f.unexpected)),
        ("confirmed steps lost", lambda r, a, f: f.lost),
        ("steps written that no desk was told of", lambda r, a, f: f.unconfirmed),
        ("deskapp check after", lambda r, a, f: "passes" if f.check_ok else "FAILS"),
        ("slowest attempt", lambda r, a, f: f"{f.slowest * 1000:.0f} ms"),
    ):
        table.add_row(name, *(str(value(*each)) for each in found))
    console.print(table)
    console.print(f"{elapsed:.0f} s, starting the {desks} desks' processes included")
    for _rounds, attempts, f in found:
        for error in f.unexpected[:5]:
            console.print(f"[red]{error}[/red]")
        refused = next((a.refusal for a in attempts if a.error == "Conflict"), None)
        if refused:
            console.print(f"a refusal as the operator reads it: {refused}")


def _none_several(wrong: list[tuple[int, str, int]]) -> str:
    return f"{sum(1 for *_, n in wrong if n == 0)} / {sum(1 for *_, n in wrong if n > 1)}"


if __name__ == "__main__":
    main()
