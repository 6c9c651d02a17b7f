"""A restore while the desks keep saving: no confirmed save lost, no case number given twice.

Run: .venv/bin/python -m benchmarks.restore [--db URL-OR-PATH] [--desks 4] [--fill 20000] [--seconds 6]
Without --db it uses a new SQLite file. The database gets --fill cases (benchmarks' bulk generator) and
a backup; then --desks processes record calls one after another, each retrying a refused save as the
app does (every 0.2 s until it lands), while this process restores the backup in the middle of the run.

Every save a desk was told had succeeded ("Case #N recorded") must be in the records kept aside (made
before the restore) or in the restored records (made after): "lost" counts those in neither. Every
number read out must belong to one call only: "given twice" counts the numbers confirmed for two calls.
Timed: the restore as the operator waits for it, beside its floor (one backup of the same database, the
copy it cannot do without); and the longest a desk's save waited, beside a save's usual time.
"""

from __future__ import annotations

import argparse
import multiprocessing
import sqlite3
import statistics
import tempfile
import time
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from deskapp.config.paths import sqlite_path
from deskapp.desk.intake import record_intake
from deskapp.domain.enums import Kind
from deskapp.domain.intake import Intake
from deskapp.generate.bulk import fill_bulk
from deskapp.store.clock import DeskClock
from deskapp.store.faults import fault_of
from deskapp.upkeep.backup import backup
from deskapp.upkeep.restore import restore
from deskapp.upkeep.setup import open_desk

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
RETRY_EVERY = 0.2


def one_desk(url: str, desk_no: int, stop, ready, results) -> None:
    """Calls one after another until told to stop; each save retried while the database says wait."""
    desk, _ = open_desk(url, clock=DeskClock(NOW), create=False)
    confirmed, waits, refusals = [], [], 0
    n = 0
    ready.put(desk_no)
    while not stop.is_set():
        who = f"desk{desk_no}-call{n}"
        started = time.perf_counter()
        while True:
            try:
                case = record_intake(desk, Intake(kind=Kind.inquiry, who=who, which="Tower A 3F 301", what="parking",
                                                  received_at=NOW - timedelta(hours=1))).case
                break
            except Exception as e:
                fault = fault_of(e)
                if fault is None or not fault.retryable:
                    raise
                refusals += 1
                desk.engine.dispose()  # PostgreSQL's tables were recreated: start on fresh connections
                time.sleep(RETRY_EVERY)
        waits.append(time.perf_counter() - started)
        confirmed.append((case.id, who))
        n += 1
    desk.engine.dispose()
    results.put((confirmed, waits, refusals))


def _who_by_number(url_or_path: str | Path) -> dict[int, str]:
    if isinstance(url_or_path, Path):
        if url_or_path.suffix == ".dump":
            return {}  # PostgreSQL's copy aside: read back below, by restoring it into a scratch database
        with closing(sqlite3.connect(url_or_path)) as c:
            return dict(c.execute("SELECT id, who FROM cases"))
    engine = sa.create_engine(url_or_path)
    with engine.connect() as c:
        found = dict(c.exec_driver_sql("SELECT id, who FROM cases").all())
    engine.dispose()
    return found


def _aside_on_postgresql(url: str, dump: Path) -> dict[int, str]:
    import subprocess

    admin = sa.create_engine(sa.engine.make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT")
    scratch = f"deskapp_restore_bench_aside_{int(time.time())}"
    with admin.connect() as c:
        c.exec_driver_sql(f"CREATE DATABASE {scratch}")
    target = sa.engine.make_url(url).set(database=scratch, drivername="postgresql").render_as_string(hide_password=False)
    subprocess.run(["pg_restore", "--no-owner", "--dbname", target, str(dump)], check=True, capture_output=True)
    found = _who_by_number(target.replace("postgresql://", "postgresql+psycopg://", 1))
    with admin.connect() as c:
        c.exec_driver_sql(f"DROP DATABASE {scratch} WITH (FORCE)")
    admin.dispose()
    return found


def run(url: str, desks: int, fill: int, seconds: float) -> dict:
    desk, _ = open_desk(url, clock=DeskClock(NOW), create=True)
    if fill:
        fill_bulk(desk, fill)
    folder = Path(tempfile.mkdtemp(prefix="deskapp-restore-bench-"))
    suffix = ".db" if sqlite_path(url) else ".dump"
    started = time.perf_counter()
    copy = backup(desk, folder / f"morning{suffix}")
    floor = time.perf_counter() - started
    context = multiprocessing.get_context("spawn")
    results, ready, stop = context.Queue(), context.Queue(), context.Event()
    workers = [context.Process(target=one_desk, args=(url, d, stop, ready, results)) for d in range(desks)]
    for worker in workers:
        worker.start()
    for _ in workers:
        ready.get(timeout=300)
    time.sleep(seconds / 2)
    started = time.perf_counter()
    done = restore(desk, copy, "bench", since=NOW.strftime("%H:%M"))
    restore_seconds = time.perf_counter() - started
    time.sleep(seconds / 2)
    stop.set()
    outcomes = [results.get(timeout=600) for _ in workers]
    for worker in workers:
        worker.join()
    confirmed = [c for got, _, _ in outcomes for c in got]
    waits = [w for _, got, _ in outcomes for w in got]
    after = _who_by_number(url)
    aside = _who_by_number(done.aside) if suffix == ".db" else _aside_on_postgresql(url, done.aside)
    lost = [(n, who) for n, who in confirmed if after.get(n) != who and aside.get(n) != who]
    numbers = [n for n, _ in confirmed]
    desk.engine.dispose()
    return {
        "desks": desks, "cases before": fill, "saves confirmed": len(confirmed), "saves lost": len(lost),
        "numbers given twice": len(numbers) - len(set(numbers)), "saves refused then retried": sum(r for *_, r in outcomes),
        "restore s": restore_seconds, "backup s (floor)": floor,
        "longest save wait s": max(waits), "median save s": statistics.median(waits),
        "next case": done.next_case, "lost examples": lost[:5],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="SQLite path or PostgreSQL URL (default: a new SQLite file)")
    parser.add_argument("--desks", type=int, default=4)
    parser.add_argument("--fill", type=int, default=20000)
    parser.add_argument("--seconds", type=float, default=6.0)
    args = parser.parse_args()
    url = args.db or f"sqlite:///{Path(tempfile.mkdtemp(prefix='deskapp-restore-')) / 'desk.db'}"
    if "://" not in url:
        url = f"sqlite:///{Path(url).resolve()}"
    for name, value in run(url, args.desks, args.fill, args.seconds).items():
        print(f"{name:28} {value:.3f}" if isinstance(value, float) else f"{name:28} {value}")


if __name__ == "__main__":
    main()
