"""Survey figures: what the desk waits for when it saves a company's returned questionnaires (Enter on
the returns screen, `deskapp survey record`) and what a report's survey part costs, each beside its
floor measured in the same run: the bare sqlite3 statements the save and the read come down to.

Run: .venv/bin/python -m benchmarks.surveys [--companies 300] [--runs 50]
"""

from __future__ import annotations

import argparse
import sqlite3
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from rich.console import Console
from rich.table import Table

from benchmarks.intake import NOW, build_desk, ms
from deskapp.desk.surveys import close_round, record_line, start_round
from deskapp.reads.survey_figures import survey_report


def timed(work: Callable[[int], object], runs: int) -> list[float]:
    samples = []
    for i in range(runs):
        started = time.perf_counter()
        work(i)
        samples.append(time.perf_counter() - started)
    return samples


def fill_round(desk, companies: int, start_at, name: str) -> None:
    desk.clock.set(start_at)
    start_round(desk, name=name, by="Chen Jing")
    for n in range(companies):
        record_line(desk, f"Company {n:04d}", sent=40, returned=38, satisfied=36, partly=1, unsatisfied=1, staff=50)
    desk.clock.set(start_at + timedelta(days=20))
    close_round(desk, by="Chen Jing")


def bare_save(path: Path) -> Callable[[int], None]:
    """The save's floor: the line's UPDATE and its event's INSERT in one sqlite3 transaction."""
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA synchronous=FULL")

    def save(i: int) -> None:
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("UPDATE survey_lines SET returned = ?, satisfied = ? WHERE company_key = 'company 0001' "
                           "AND round_id = (SELECT max(id) FROM survey_rounds)", (38, 36 - i % 2))
        connection.execute("INSERT INTO survey_events (round_id, at, actor_id, action, details) "
                           "VALUES (1, '2026-11-23 09:00:00', 1, 'bench', '{}')")
        connection.execute("COMMIT")

    return save


def bare_read(path: Path) -> Callable[[int], None]:
    connection = sqlite3.connect(path)

    def read(_i: int) -> None:
        connection.execute("SELECT r.id, l.* FROM survey_rounds r JOIN survey_lines l ON l.round_id = r.id "
                           "WHERE r.closed_at >= '2026-01-01' ORDER BY r.closed_at, l.company_key").fetchall()

    return read


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--companies", type=int, default=300)
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    table = Table("what the desk waits for", "median ms", "p95 ms", "max ms")
    with tempfile.TemporaryDirectory() as folder:
        desk = build_desk(Path(folder), 0)
        fill_round(desk, args.companies, NOW - timedelta(days=200), "2026-H1")
        desk.clock.set(NOW)
        start_round(desk, by="Chen Jing")
        for n in range(args.companies):
            record_line(desk, f"Company {n:04d}", sent=40, returned=30)
        path = Path(folder) / "bench.db"
        table.add_row(f"a company's line saved (Enter), round of {args.companies} companies",
                      *ms(timed(lambda i: record_line(desk, "Company 0001", sent=40, returned=38,
                                                      satisfied=36 - i % 2, partly=1 + i % 2, unsatisfied=1), args.runs)))
        table.add_row("  floor: bare sqlite3 UPDATE + INSERT + COMMIT (synchronous=FULL)",
                      *ms(timed(bare_save(path), args.runs)))
        year = (NOW.replace(month=1, day=1, hour=0), NOW.replace(year=2027, month=1, day=1, hour=0))

        def read(_i: int) -> None:
            with desk.reading() as session:
                survey_report(session, *year)

        table.add_row(f"the year's survey part of a report ({args.companies} companies closed)",
                      *ms(timed(read, args.runs)))
        table.add_row("  floor: bare sqlite3 SELECT of the same lines", *ms(timed(bare_read(path), args.runs)))
        desk.engine.dispose()
    Console().print(table)


if __name__ == "__main__":
    main()
