"""Start-up: from typing `deskapp --as NAME` to the home screen showing its counts and its rows,
against a bare Textual app that imports the same libraries and paints a table, timed in turn.

Run: .venv/bin/python -m benchmarks.startup [--runs 7]

Both run as fresh processes, headless at 120x35: the app exactly as `deskapp` starts it
(deskapp.cli.main, the demo database, the day's backup on Ready), the floor as the smallest
Textual app on the same imports. Each child prints the wall-clock instant the first frame with its
rows went to the terminal; the figure is that instant less the instant the process was started.
Target: ≤ 1.3× the floor.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.cli import demo_env
from benchmarks.measure import PYTHON, Figure, show

LIMIT = 1.3
SIZE = (120, 35)

# The children. Each says the instant its rows were first written to the terminal: the first frame
# the app sends (App._display, as benchmarks/queue.py times F3) once its table has rows, and quits.
# Not the instant the app is next idle: work queued behind that frame (the screens `deskapp` builds
# ahead once home is up) comes after what the desk sees, and is not start-up.
_WHEN_PAINTED = f"""
import asyncio, time
from textual.app import App
_PAINTED = []
_display = App._display
def _timed(app, screen, renderable):
    _display(app, screen, renderable)
    if renderable is not None and not _PAINTED:
        try:
            shown = rows(app)
        except Exception:  # no screen yet
            shown = False
        if shown:
            _PAINTED.append(time.time())
App._display = _timed
async def _painted(pilot, has_rows):
    while not _PAINTED:
        await asyncio.sleep(0.002)
    print(f"painted {{_PAINTED[0]}}", flush=True)
    pilot.app.exit()
SIZE = {SIZE!r}
"""

FLOOR = _WHEN_PAINTED + """
import sqlmodel, typer  # the libraries deskapp starts with
from textual.app import App
from textual.widgets import DataTable, Footer, Header

class Bare(App):
    def compose(self):
        yield Header()
        yield DataTable()
        yield Footer()

    def on_mount(self):
        table = self.query_one(DataTable)
        table.add_columns("#", "next clock", "left", "due", "kind", "who / which", "what")
        for n in range(20):
            table.add_row(str(n), "forward", "12m", "10:20", "repair", "Tower B 12F", "water dripping")

def rows(app):
    return app.query_one(DataTable).row_count > 0

Bare().run(headless=True, size=SIZE, auto_pilot=lambda pilot: _painted(pilot, rows))
"""

APP = _WHEN_PAINTED + """
import sys
from textual.app import App

def rows(app):
    screen = app.screen
    if type(screen).__name__ != "HomeScreen":
        return False
    from textual.widgets import DataTable
    found = screen.query(DataTable)
    return bool(found) and found.first().row_count > 0

def headless_run(app, *args, **kwargs):
    return App.run(app, headless=True, size=SIZE, auto_pilot=lambda pilot: _painted(pilot, rows))

# `deskapp --as "Wang Fang"`, as typed; only App.run is made headless and told to stop once painted.
sys.argv = ["deskapp", "--as", "Wang Fang"]
from deskapp.cli import main
entry = sys.modules["deskapp.cli.main"]
original = entry._open_app
def _open_app(db, as_):
    from deskapp.app import DeskApp
    DeskApp.run = headless_run
    return original(db, as_)
entry._open_app = _open_app
main()
"""


def painted_after(script: str, env: dict[str, str], processor: list[float] | None = None) -> float:
    """Seconds from starting the process to its rows on screen; its processor seconds (start to
    exit) are added to `processor`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.time()
    result = subprocess.run([PYTHON, *PYTHON_FLAGS, "-c", script], env=env, capture_output=True, text=True, timeout=120)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if processor is not None:
        processor.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    lines = [line for line in result.stdout.splitlines() if line.startswith("painted ")]
    if not lines:
        raise RuntimeError(f"the child never painted: {result.stderr[-2000:]}")
    return float(lines[-1].split()[1]) - started


PYTHON_FLAGS: list[str] = []  # e.g. ["-X", "importtime"] when profiling by hand


def figures(runs: int = 7) -> list[Figure]:
    folder = Path(os.environ.get("TMPDIR", "/tmp")) / f"deskapp-bench-startup-{os.getpid()}"
    folder.mkdir(exist_ok=True)
    env = demo_env(folder)
    env["XDG_CACHE_HOME"] = str(folder / "cache")  # the first run fills it, as the first start of the day
    painted_after(APP, env)  # the day's backup made once, as the first start of the day would
    floors, apps, floor_cpu, app_cpu = [], [], [], []
    for _ in range(runs):
        floors.append(painted_after(FLOOR, env, floor_cpu))
        apps.append(painted_after(APP, env, app_cpu))
    return [Figure("startup", "`deskapp --as NAME` → home screen with its rows (demo db)", statistics.median(apps),
                   unit="s", floor=statistics.median(floors),
                   floor_what="bare Textual app, same imports, a table", limit=LIMIT, limit_is_ratio=True,
                   cpu=statistics.median(app_cpu), floor_cpu=statistics.median(floor_cpu))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    show("Start-up to the first screen with its data", figures(args.runs))


if __name__ == "__main__":
    sys.exit(main())
