"""What the receptionist waits for at the keyboard: F2 and F3 from the key to the painted screen, and a
6,000-character paste into What until the form has settled; each beside its floor, measured in the
same run (a bare Textual app pushing a one-line screen; a bare Input taking the same paste).

Run: .venv/bin/python -m benchmarks.intake_keys [--cases 100000] [--runs 5]

The F2/F3 figures are the median of `--runs` openings (each back to home with Esc), the first
opening of each shown apart (F2's first builds the screen kept for the rest of the shift). A paste
arrives either as one event (bracketed paste, what terminals send) or, from tmux send-keys or a
terminal without bracketed paste, as 6,000 separate keys: both are timed.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table
from textual import events
from textual.app import App
from textual.keys import _character_to_key
from textual.screen import Screen
from textual.widgets import Input, Static

from benchmarks.intake import NOW, OPERATOR, TZ, build_desk
from deskapp.store.context import Desk

PASTE = ("water dripping from the ceiling near the window since yesterday evening, the tenant moved the "
         "desks and asks who pays for the damaged carpet; ") * 60
PASTE = PASTE[:6000]
TARGETS = {"F2": 100, "F3": 100, "paste": 500}


def key(name: str) -> events.Key:
    """A key as the terminal driver sends it."""
    if len(name) == 1:
        return events.Key(name if name.isalnum() else _character_to_key(name), name)
    return events.Key(name, None)


class Paints:
    """Each screen the app writes to the terminal, and when (headless, the write is skipped but the
    screen is still rendered: the time is the same up to the terminal)."""

    def __init__(self, app: App):
        self.app, self.log = app, []
        display = app._display

        def timed(screen, renderable) -> None:
            display(screen, renderable)
            if renderable is not None:
                self.log.append((time.perf_counter(), screen))

        app._display = timed

    async def press_until(self, name: str, painted, timeout: float = 10.0) -> float:
        """Seconds from the key to the first paint for which painted(screen) holds."""
        sent = time.perf_counter()
        event = key(name)
        event.set_sender(self.app)
        self.app._driver.send_message(event)
        while time.perf_counter() - sent < timeout:
            for at, screen in self.log:
                if at > sent and painted(screen):
                    return at - sent
            await asyncio.sleep(0.0005)
        raise TimeoutError(f"{name}: nothing painted in {timeout}s")


# ---- the floor: a bare Textual app --------------------------------------------------------------

class BareScreen(Screen):
    BINDINGS = [("escape", "app.pop_screen", "back")]

    def compose(self):
        yield Static("a bare screen")
        yield Input(id="what")


class BareApp(App):
    BINDINGS = [("f2", "open", "open")]

    def compose(self):
        yield Static("home")

    def action_open(self) -> None:
        self.push_screen(BareScreen())


async def bare_figures(runs: int) -> dict[str, float]:
    app = BareApp()
    async with app.run_test(size=(120, 40)) as pilot:
        paints = Paints(app)
        opened = []
        for _ in range(runs):
            opened.append(await paints.press_until("f2", lambda s: isinstance(s, BareScreen)))
            await pilot.pause(0.05)
            await pilot.press("escape")
            await pilot.pause(0.05)
        await pilot.press("f2")
        await pilot.pause()
        what = app.screen.query_one("#what", Input)
        what.focus()
        await pilot.pause()
        paste = await settle(pilot, what, lambda: app.post_message(events.Paste(PASTE)), PASTE)
        what.value = ""
        await pilot.pause()
        keys = await settle(pilot, what, lambda: send_all(app, PASTE), PASTE)
    return {"open": statistics.median(opened), "paste": paste, "paste as keys": keys}


def send_all(app: App, text: str) -> None:
    for character in text:
        event = key(character)
        event.set_sender(app)
        app._driver.send_message(event)


async def settle(pilot, field: Input, send, expected: str, timeout: float = 60.0) -> float:
    """From sending until the field holds the text and the app has gone quiet."""
    began = time.perf_counter()
    send()
    while field.value != expected:
        if time.perf_counter() - began > timeout:
            raise TimeoutError(f"the paste did not arrive in {timeout}s ({len(field.value)} characters)")
        await asyncio.sleep(0.001)
    await pilot.pause()
    return time.perf_counter() - began


# ---- the desk -----------------------------------------------------------------------------------

async def desk_figures(desk: Desk, runs: int) -> dict[str, object]:
    from deskapp.app import DeskApp
    from deskapp.screens.home import HomeScreen
    from deskapp.screens.intake import IntakeScreen
    from deskapp.screens.queue import QueueScreen

    app = DeskApp(desk, OPERATOR, build_ahead=True)  # as `deskapp` runs it
    figures: dict[str, object] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        while not (isinstance(app.screen, HomeScreen) and app.screen.is_mounted):
            await pilot.pause(0.01)
        await app.workers.wait_for_complete()
        # The app builds the intake form once the home screen is up (DeskApp.keep_intake_ready).
        while not (app.is_screen_installed("intake") and app.get_screen("intake").is_mounted):
            await pilot.pause(0.01)
        await pilot.pause(0.1)
        paints = Paints(app)
        for name, kind in (("F2", IntakeScreen), ("F3", QueueScreen)):
            times = []
            for _ in range(runs + 1):
                times.append(await paints.press_until(name.lower(), lambda s, kind=kind: isinstance(s, kind)))
                await app.workers.wait_for_complete()
                await pilot.pause(0.1)
                await pilot.press("escape")
                await pilot.pause(0.1)
            figures[name] = (times[0], statistics.median(times[1:]))
        await pilot.press("f2")
        await app.workers.wait_for_complete()
        await pilot.pause()
        what = app.screen.query_one("#f-what", Input)
        what.focus()
        await pilot.pause()
        figures["paste"] = await settle(pilot, what, lambda: app.post_message(events.Paste(PASTE)), PASTE)
        what.value = ""
        await pilot.pause()
        figures["paste as keys"] = await settle(pilot, what, lambda: send_all(app, PASTE), PASTE)
    return figures


def demo_desk(folder: Path) -> Desk:
    """What `deskapp demo` makes: three weeks of the desk's day, at the benchmark's clock."""
    from sqlmodel import Session

    from deskapp.config.datafiles import load_policy, load_staff
    from deskapp.domain.calendar import CalendarSpec, WorkCalendar
    from deskapp.generate.demo import fill_demo
    from deskapp.store import db
    from deskapp.store.clock import DeskClock
    from deskapp.upkeep.setup import sync_staff

    engine = db.make_engine(f"sqlite:///{folder / 'demo.db'}")
    db.upgrade(engine)
    with Session(engine) as session:
        sync_staff(session, load_staff())
        session.commit()
    desk = Desk(engine, load_policy(), WorkCalendar(CalendarSpec(tz=TZ)), DeskClock(NOW))
    fill_demo(desk)
    return desk


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    console = Console()
    floor = asyncio.run(bare_figures(args.runs))
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for label, make in (("demo", demo_desk), (f"{args.cases:,} cases", lambda f: build_desk(f, args.cases))):
            place = Path(folder) / label.split()[0].replace(",", "")  # a folder name a database URL takes as it is
            place.mkdir()
            with console.status(f"building the {label} database"):
                desk = make(place)
            figures = asyncio.run(desk_figures(desk, args.runs))
            desk.engine.dispose()
            rows.append((label, figures))
    table = Table(title="key press → painted, and a 6,000-character paste settled (ms)")
    for heading in ("figure", *(label for label, _ in rows), "floor (bare Textual)", "target"):
        table.add_column(heading, justify="right" if heading != "figure" else "left")

    def cell(value: float) -> str:
        return f"{value * 1000:.0f}"

    for name in ("F2", "F3"):
        table.add_row(f"{name}, first opening", *(cell(f[name][0]) for _l, f in rows), cell(floor["open"]),
                      f"< {TARGETS[name]}")
        table.add_row(f"{name}, again (median of {args.runs})", *(cell(f[name][1]) for _l, f in rows),
                      cell(floor["open"]), f"< {TARGETS[name]}")
    for name in ("paste", "paste as keys"):
        table.add_row(f"6,000 characters into What: {name}", *(cell(f[name]) for _l, f in rows), cell(floor[name]),
                      f"< {TARGETS['paste']}")
    console.print(table)


if __name__ == "__main__":
    main()
