"""Memory the desk takes: the TUI with its queue on screen over many open cases, and the month report
over a large desk, each as its own process and measured by its peak resident size (ru_maxrss).

Floors, measured in the same run: a bare Textual app importing the same libraries, standing on one
screen (for the TUI); `python -c "import sqlmodel, typer"` (for the report, a CLI command).

Run: .venv/bin/python -m benchmarks.memory [--cases 200000] [--open 50000] [--report-cases 1000000]
(the databases are kept in --dir between runs; building the million-case desk takes minutes)
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

from benchmarks.measure import Figure, show
from benchmarks.queue import START, make_desk

TUI_LIMIT_MB, REPORT_LIMIT_MB = 150, 200

# The TUI: signed in, F3, wait until the queue's rows are on screen, then a few seconds of its live
# second, as a desk stands all shift.
_TUI = textwrap.dedent("""
    import asyncio, sys
    from deskapp.app import DeskApp
    from deskapp.screens.queue import QueueScreen
    from benchmarks.queue import START, make_desk
    from pathlib import Path

    async def main():
        desk = make_desk(Path(sys.argv[1]), 0, 0)
        app = DeskApp(desk, "Liu Yang")
        async with app.run_test(size=(120, 35)) as pilot:
            await pilot.press("f3")
            for _ in range(6000):
                screen = app.screen
                if isinstance(screen, QueueScreen) and screen.marker is not None:
                    break
                await pilot.pause(0.01)
            await pilot.pause(3)
    asyncio.run(main())
""")
_BARE = textwrap.dedent("""
    import asyncio
    import sqlmodel, typer, rich  # the libraries the desk imports too
    from textual.app import App
    from textual.widgets import DataTable, Footer, Header

    class Bare(App):
        def compose(self):
            yield Header()
            yield DataTable()
            yield Footer()

    async def main():
        async with Bare().run_test(size=(120, 35)) as pilot:
            await pilot.pause(3)
    asyncio.run(main())
""")


def peak_mb(command: list[str], env: dict[str, str] | None = None) -> float:
    """The peak resident size of one process, run to its end, in MB. Each is measured through a
    wrapper of its own: RUSAGE_CHILDREN is the largest child so far, not the last one."""
    wrapper = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL); "
               "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", wrapper, *command], env=env, check=True, capture_output=True, text=True)
    return int(out.stdout.strip().splitlines()[-1]) / 1024  # Linux gives kilobytes


def report_desk(path: Path, cases: int) -> None:
    if not path.exists():
        from benchmarks.reports import build

        build(path, cases, 30_000)


def figures(cases: int, open_cases: int, report_cases: int, folder: Path) -> list[Figure]:
    env = os.environ | {"TZ": "Asia/Shanghai", "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    tui_db = folder / f"queue-{cases}-{open_cases}.db"
    make_desk(tui_db, cases, open_cases).engine.dispose()
    bare = peak_mb([sys.executable, "-c", _BARE], env)
    tui = peak_mb([sys.executable, "-c", _TUI, str(tui_db)], env | {"DESKAPP_NOW": START.isoformat()})
    report_db = folder / f"report-{report_cases}.db"
    report_desk(report_db, report_cases)
    floor = peak_mb([sys.executable, "-c", "import sqlmodel, typer"], env)
    report = peak_mb([sys.executable, "-m", "deskapp", "report", "month", "--month", "2026-11", "--format", "json",
                      "--db", str(report_db)], env | {"DESKAPP_NOW": "2026-12-01T09:00+08:00"})
    return [
        Figure("memory", f"the TUI, queue on screen, {open_cases:,} open of {cases:,}", tui, unit="MB",
               floor=bare, floor_what="a bare Textual app, same libraries", limit=TUI_LIMIT_MB),
        Figure("memory", f"`report month --format json` at {report_cases:,} cases", report, unit="MB",
               floor=floor, floor_what="import sqlmodel, typer", limit=REPORT_LIMIT_MB),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=200_000)
    parser.add_argument("--open", type=int, default=50_000)
    parser.add_argument("--report-cases", type=int, default=1_000_000)
    parser.add_argument("--dir", type=Path, default=None, help="keep the databases here between runs")
    args = parser.parse_args()
    folder = args.dir or Path(tempfile.mkdtemp(prefix="deskapp-memory-"))
    folder.mkdir(parents=True, exist_ok=True)
    show("Memory (peak resident size)", figures(args.cases, args.open, args.report_cases, folder))
    if args.dir is None:
        import shutil

        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    main()
