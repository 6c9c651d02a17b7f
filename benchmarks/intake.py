"""Intake figures on a large database: keypress-to-screen latency, save latency, repeat-caller lookup.

Run: .venv/bin/python -m benchmarks.intake [--cases 100000] [--keys 60] [--saves 30]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import tempfile
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from rich.console import Console
from rich.table import Table
from sqlmodel import Session, select
from textual import events
from textual.keys import _character_to_key

from deskapp.config.datafiles import load_policy, load_staff
from deskapp.desk.intake import record_intake
from deskapp.domain.calendar import CalendarSpec, WorkCalendar
from deskapp.domain.enums import Kind, Severity
from deskapp.domain.intake import Intake
from deskapp.models import Case
from deskapp.reads.callers import caller_history
from deskapp.store import db
from deskapp.store.clock import DeskClock
from deskapp.store.context import Desk
from deskapp.upkeep.setup import sync_staff

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=TZ)
OPERATOR = "Wang Fang"


def build_desk(folder: Path, cases: int) -> Desk:
    from deskapp.generate.bulk import fill_bulk

    engine = db.make_engine(f"sqlite:///{folder / 'bench.db'}")
    db.upgrade(engine)
    with Session(engine) as session:
        sync_staff(session, load_staff())
        session.commit()
    desk = Desk(engine, load_policy(), WorkCalendar(CalendarSpec(tz=TZ)), DeskClock(NOW))
    fill_bulk(desk, cases)
    with engine.connect() as connection:
        connection.exec_driver_sql("ANALYZE")
    return desk


def ms(samples: list[float]) -> tuple[str, str, str]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return f"{statistics.median(ordered) * 1000:.1f}", f"{p95 * 1000:.1f}", f"{max(ordered) * 1000:.1f}"


def lookup_latency(desk: Desk, runs: int) -> tuple[list[float], list[float]]:
    with desk.reading() as session:
        rows = session.exec(select(Case.phone, Case.building, Case.floor, Case.unit).where(Case.phone != "")).all()
    rng = random.Random(7)
    by_phone, by_unit = [], []
    for phone, building, floor, unit in rng.sample(list(rows), runs):
        t = time.perf_counter()
        caller_history(desk, phone=phone)
        by_phone.append(time.perf_counter() - t)
        t = time.perf_counter()
        caller_history(desk, building=building, floor=floor, unit=unit or "1203")
        by_unit.append(time.perf_counter() - t)
    return by_phone, by_unit


def save_latency(desk: Desk, runs: int) -> list[float]:
    samples = []
    for i in range(runs):
        intake = Intake(kind=Kind.complaint, severity=Severity.general, who=f"Bench {i}", phone="13800138000",
                        which="Tower B 12F 1203", what="water dripping from the ceiling", received_at=desk.now())
        t = time.perf_counter()
        record_intake(desk, intake, by=OPERATOR)
        samples.append(time.perf_counter() - t)
    return samples


async def screen_figures(desk: Desk, keys: int) -> dict:
    """Keypress to painted screen while typing in the form, and confirm-to-result for a save."""
    from deskapp.app import DeskApp
    from deskapp.screens.intake import IntakeScreen

    app = DeskApp(desk, OPERATOR)
    figures: dict = {}
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f2")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, IntakeScreen)
        painted = [0.0]
        original = screen._compositor_refresh

        def timed_refresh():
            original()
            painted[0] = time.perf_counter()

        screen._compositor_refresh = timed_refresh
        what = screen.query_one("#f-what")
        what.focus()
        await pilot.pause()
        latencies = []
        text = ("water dripping from the ceiling near the window " * 4)[:keys]
        for n, character in enumerate(text, start=1):
            event = events.Key(character if character.isalnum() else _character_to_key(character), character)
            event.set_sender(app)
            sent = time.perf_counter()
            app._driver.send_message(event)
            while not (what.value == text[:n] and painted[0] > sent):
                await asyncio.sleep(0.0005)
            latencies.append(painted[0] - sent)
        figures["keys"] = latencies
        await pilot.pause(0.8)  # let the debounced draft and lookups run, as in real typing
        form = screen.query_one("#form")
        saves = []
        for i in range(5):
            for name, value in (("kind", "complaint"), ("severity", "general"), ("who", f"Ms Li {i}"),
                                ("phone", "13800138000"), ("which", "Tower B 12F 1203"), ("what", "water dripping")):
                form.set_field(name, value)
            await pilot.pause()
            await pilot.press("ctrl+s")
            await pilot.pause()
            before = screen.last_saved
            event = events.Key("enter", None)
            event.set_sender(app)
            sent = time.perf_counter()
            app._driver.send_message(event)
            while screen.last_saved is before:
                await asyncio.sleep(0.0005)
            saves.append(time.perf_counter() - sent)
            await app.workers.wait_for_complete()
            await pilot.pause()
            while len(app.screen_stack) > 2:  # the escalation panel, for a major one
                app.pop_screen()
        figures["saves"] = saves
    return figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--keys", type=int, default=60)
    parser.add_argument("--saves", type=int, default=30)
    args = parser.parse_args()
    console = Console()
    with tempfile.TemporaryDirectory() as folder:
        t = time.perf_counter()
        desk = build_desk(Path(folder), args.cases)
        console.print(f"{args.cases:,} cases written in {time.perf_counter() - t:.1f} s")
        by_phone, by_unit = lookup_latency(desk, 50)
        saves = save_latency(desk, args.saves)
        screen = asyncio.run(screen_figures(desk, args.keys))
    table = Table(title=f"Intake with {args.cases:,} cases (milliseconds)")
    for column in ("figure", "median", "p95", "max", "target"):
        table.add_column(column, justify="right" if column != "figure" else "left")
    table.add_row("keypress → screen painted (typing in What)", *ms(screen["keys"]), "< 50")
    table.add_row("save: record_intake service", *ms(saves), "< 50")
    table.add_row("save: Enter on read-back → case shown", *ms(screen["saves"]), "< 50")
    table.add_row("repeat caller by phone", *ms(by_phone), "< 30")
    table.add_row("repeat caller by unit", *ms(by_unit), "< 30")
    console.print(table)


if __name__ == "__main__":
    main()
