"""Printing from the case detail (`d`, Enter): what the operator waits for from the keys to the
sentence saying where the form was written, against its floor in the same run (reading the case's
record alone), first print of the session (fpdf2 and the font loaded) and later ones.

Run: .venv/bin/python -m benchmarks.print_key [--runs 5]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import tempfile
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from rich.console import Console
from rich.table import Table

from deskapp.app import DeskApp
from deskapp.desk.coordination import add_action
from deskapp.desk.intake import record_intake
from deskapp.domain.enums import Kind, Severity
from deskapp.domain.intake import Intake
from deskapp.output.case_prints import print_case
from deskapp.reads.records import case_record
from deskapp.screens.case_detail import CaseDetailScreen
from deskapp.screens.print_dialog import PrintDialog
from deskapp.store.clock import DeskClock
from deskapp.upkeep.setup import open_desk

NOW = datetime(2026, 11, 23, 10, 30, tzinfo=ZoneInfo("Asia/Shanghai"))


def build() -> tuple:
    folder = Path(tempfile.mkdtemp(prefix="deskapp-bench-"))
    os.environ["DESKAPP_PRINTS"] = str(folder / "prints")
    desk, _ = open_desk(str(folder / "print.db"), clock=DeskClock(NOW))
    number = record_intake(desk, Intake(kind=Kind.complaint, severity=Severity.general, who="Ms Li",
                                        which="Tower B 12F 1203", what="water dripping from the ceiling",
                                        received_at=NOW)).case.id
    add_action(desk, number, "Sun Qiang", "replace the valve", datetime(2026, 11, 24, 17, 0, tzinfo=NOW.tzinfo),
               by="Chen Jing")
    return desk, number


async def key_to_sentence(desk, number: int, runs: int) -> list[float]:
    """From `d` and Enter to the dialog gone with the file written; the first run includes loading fpdf2."""
    found = []
    app = DeskApp(desk, "Chen Jing")
    async with app.run_test(size=(140, 40)) as pilot:
        app.open_case(number)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, CaseDetailScreen)
        for _ in range(runs):
            started = time.perf_counter()
            await pilot.press("d", "enter")
            while isinstance(app.screen, PrintDialog) or not app._notifications:
                await app.workers.wait_for_complete()
                await pilot.pause()
            found.append(time.perf_counter() - started)
            app.clear_notifications()
    return found


def timed(step, runs: int) -> list[float]:
    found = []
    for _ in range(runs):
        started = time.perf_counter()
        step()
        found.append(time.perf_counter() - started)
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    desk, number = build()
    waits = asyncio.run(key_to_sentence(desk, number, args.runs))
    floors = timed(lambda: case_record(desk, number), args.runs)
    alone = timed(lambda: print_case(desk, number, "complaint-record"), args.runs)
    table = Table(title=f"Printing a complaint record from the case detail ({args.runs} runs, load {os.getloadavg()[0]:.1f})")
    for heading in ("what", "first (s)", "median of the rest (s)", "max (s)"):
        table.add_column(heading)
    rest = waits[1:] or waits
    table.add_row("d, Enter → the sentence saying where", f"{waits[0]:.3f}", f"{statistics.median(rest):.3f}",
                  f"{max(waits):.3f}")
    table.add_row("the writer alone, no screen (print_case)", f"{alone[0]:.3f}", f"{statistics.median(alone[1:] or alone):.3f}",
                  f"{max(alone):.3f}")
    table.add_row("floor: reading the case's record", f"{floors[0]:.3f}", f"{statistics.median(floors[1:] or floors):.3f}",
                  f"{max(floors):.3f}")
    Console().print(table)


if __name__ == "__main__":
    main()
