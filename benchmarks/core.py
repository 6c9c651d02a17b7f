"""Core figures: one `deskapp add` as a whole process, and the clocks of 100,000 cases in-process.

Run: .venv/bin/python -m benchmarks.core [--cases 100000] [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from rich.console import Console
from rich.table import Table

from deskapp.config.datafiles import load_policy
from deskapp.domain.calendar import CalendarSpec, WorkCalendar
from deskapp.domain.clocks import CaseFacts, compute_clocks
from deskapp.domain.enums import Kind, Severity, Validity

TZ = ZoneInfo("Asia/Shanghai")
# Times come out of the database in UTC, so the synthetic cases are in UTC too.
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=TZ).astimezone(UTC)


def synthetic_facts(count: int, seed: int = 1) -> list[CaseFacts]:
    """Cases spread over two years, in every stage of their life, so every kind of clock is computed."""
    rng = random.Random(seed)
    kinds = [Kind.complaint] * 4 + [Kind.repair] * 4 + [Kind.inquiry] * 2 + [Kind.assistance]
    facts = []
    for _ in range(count):
        kind = rng.choice(kinds)
        received = NOW - timedelta(minutes=rng.randint(0, 2 * 365 * 1440))
        severity = rng.choice([Severity.major, Severity.general, Severity.general, Severity.minor]) if kind is Kind.complaint else None
        f = CaseFacts(kind=kind, severity=severity, received_at=received)
        stage = rng.random()
        if stage > 0.1:
            f.forwarded_at = received + timedelta(minutes=rng.randint(1, 40))
        if kind is Kind.repair and stage > 0.2:
            f.arrived_at = f.forwarded_at + timedelta(minutes=rng.randint(3, 30))
        if kind is Kind.complaint and stage > 0.3:
            f.validity = rng.choice([Validity.valid, Validity.invalid])
            f.validity_at = received + timedelta(hours=rng.randint(1, 20))
        if stage > 0.35 and rng.random() < 0.2:
            start = received + timedelta(hours=1)
            f.pauses = ((start, start + timedelta(hours=rng.randint(1, 30))),)
        if kind is Kind.inquiry and rng.random() < 0.3:
            f.promised_by = received + timedelta(hours=rng.randint(1, 48))
        if stage > 0.4:
            f.resolved_at = received + timedelta(hours=rng.randint(1, 60))
        if stage > 0.6 and f.resolved_at:
            f.callback_at = f.resolved_at + timedelta(hours=rng.randint(1, 30))
        facts.append(f)
    return facts


def clocks_of_many(count: int) -> tuple[float, int]:
    policy = load_policy()
    calendar = WorkCalendar(CalendarSpec(tz=TZ))
    facts = synthetic_facts(count)
    compute_clocks(facts[0], policy, calendar, NOW)  # build the calendar's tables once, as the app does at start
    started = time.perf_counter()
    total = sum(len(compute_clocks(f, policy, calendar, NOW)) for f in facts)
    return time.perf_counter() - started, total


def add_one_case(runs: int) -> list[float]:
    folder = Path(tempfile.mkdtemp(prefix="deskapp-bench-"))
    env = dict(os.environ, DESKAPP_DB=str(folder / "bench.db"), TZ="Asia/Shanghai")
    command = [sys.executable, "-m", "deskapp", "add", "--kind", "complaint", "--severity", "general",
               "--who", "Ms Li", "--which", "Tower B 12F unit 1203", "--what", "water dripping from the ceiling",
               "--phone", "13800138000"]
    subprocess.run([sys.executable, "-m", "deskapp", "init"], env=env, check=True, capture_output=True)
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, env=env, check=True, capture_output=True)
        timings.append(time.perf_counter() - started)
    return timings


def insert_floor(runs: int = 7) -> float:
    """One sqlite3 INSERT and commit into the cases table, in process: what saving one case costs the disk."""
    import sqlite3

    folder = Path(tempfile.mkdtemp(prefix="deskapp-bench-"))
    c = sqlite3.connect(folder / "floor.db")
    c.execute("PRAGMA journal_mode=WAL")
    c.execute("PRAGMA synchronous=FULL")  # as the desk writes
    c.execute("CREATE TABLE cases (id INTEGER PRIMARY KEY, what TEXT, received_at TEXT)")
    timings = []
    for n in range(runs):
        started = time.perf_counter()
        c.execute("INSERT INTO cases (what, received_at) VALUES (?, ?)", (f"leak {n}", NOW.isoformat()))
        c.commit()
        timings.append(time.perf_counter() - started)
    c.close()
    return statistics.median(timings)


def figures(cases: int = 100_000, runs: int = 7) -> list:
    from benchmarks.measure import Figure

    began = time.process_time()
    seconds, clocks = clocks_of_many(cases)
    cpu = time.process_time() - began
    return [Figure("core", f"clocks of {cases:,} cases ({clocks:,} clocks), in process", seconds * 1000,
                   limit=1000 * cases / 100_000, cpu=cpu),
            Figure("core", "one sqlite3 INSERT + commit (synchronous=FULL): the disk's part of a save",
                   insert_floor(runs) * 1000)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    console = Console()
    with console.status("timing `deskapp add` in fresh processes ..."):
        adds = add_one_case(args.runs)
    with console.status(f"computing the clocks of {args.cases:,} cases ..."):
        seconds, clocks = clocks_of_many(args.cases)
    table = Table(title="deskapp core figures")
    table.add_column("figure")
    table.add_column("measured", justify="right")
    table.add_column("target", justify="right")
    table.add_row(f"`deskapp add`, whole process (median of {args.runs})", f"{statistics.median(adds) * 1000:.0f} ms", "")
    table.add_row(f"`deskapp add`, fastest of {args.runs}", f"{min(adds) * 1000:.0f} ms", "")
    table.add_row(f"clocks of {args.cases:,} cases ({clocks:,} clocks)", f"{seconds * 1000:.0f} ms", "< 1000 ms")
    table.add_row("per case", f"{seconds / args.cases * 1e6:.1f} µs", "")
    console.print(table)


if __name__ == "__main__":
    main()
