"""The command line as a script meets it: each command a whole process, from `exec` to exit, against
the floor `python -c "import sqlmodel, typer"` timed in turn with it in the same run.

Run: .venv/bin/python -m benchmarks.cli [--runs 9]

The database is the demo (`deskapp init` then `deskapp demo`, three weeks of cases) in a temporary
folder, the desk's clock pinned so every run sees the same cases. Target: every command other than
the app within 1.2× the floor (the floor is what any Typer command on SQLModel must import).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import tempfile
from pathlib import Path

from benchmarks.measure import PYTHON, Figure, interleaved, show, whole_process

NOW = "2026-11-23T09:00+08:00"
FLOOR = [PYTHON, "-c", "import sqlmodel, typer"]
LIMIT = 1.2
DESKAPP = [PYTHON, "-m", "deskapp"]
ADD = ["add", "--kind", "complaint", "--severity", "general", "--who", "Ms Li", "--which", "Tower B 12F unit 1203",
       "--what", "water dripping from the ceiling", "--phone", "13800138000"]
# Each command as a script or a cron job runs it.
COMMANDS = {
    "import deskapp.cli": [PYTHON, "-c", "import deskapp.cli"],
    "deskapp add --json": [*DESKAPP, *ADD, "--json"],
    "deskapp add": [*DESKAPP, *ADD],
    "deskapp list --json": [*DESKAPP, "list", "--limit", "50", "--json"],
    "deskapp show 1 --json": [*DESKAPP, "show", "1", "--json"],
    "deskapp callbacks": [*DESKAPP, "callbacks"],
    "deskapp report day": [*DESKAPP, "report", "day"],
    "deskapp calendar 2026": [*DESKAPP, "calendar", "2026"],
    "deskapp check": [*DESKAPP, "check"],
    "deskapp --help": [*DESKAPP, "--help"],
}


def demo_env(folder: Path) -> dict[str, str]:
    # An installed deskapp has its bytecode (pip compiles it): time that, not compiling deskapp's
    # modules from source on every run, as a shell with PYTHONDONTWRITEBYTECODE=1 would. The
    # bytecode goes to a folder of the run's own, so the checkout is left as it was.
    env = dict(os.environ, DESKAPP_DB=str(folder / "cli.db"), DESKAPP_NOW=NOW, TZ="Asia/Shanghai", COLUMNS="120",
               PYTHONPYCACHEPREFIX=str(folder / "bytecode"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    for step in (["init"], ["demo"]):
        subprocess.run([*DESKAPP, *step], env=env, check=True, capture_output=True)
    return env


def figures(runs: int = 9) -> list[Figure]:
    env = demo_env(Path(tempfile.mkdtemp(prefix="deskapp-bench-cli-")))
    processors: dict[str, list[float]] = {}

    def timed(name: str, command: list[str]):
        def run() -> float:
            wall, cpu = whole_process(command, env)
            processors.setdefault(name, []).append(cpu)
            return wall
        return run

    for command in (FLOOR, *COMMANDS.values()):  # each once untimed: its bytecode written, its files in the cache
        whole_process(command, env)
    medians = interleaved({"floor": timed("floor", FLOOR), **{n: timed(n, c) for n, c in COMMANDS.items()}}, runs)
    floor = medians.pop("floor")
    floor_cpu = statistics.median(processors["floor"])
    return [Figure("cli", f"`{name}`, whole process", seconds, unit="s", floor=floor,
                   floor_what="import sqlmodel, typer", limit=LIMIT, limit_is_ratio=True,
                   cpu=statistics.median(processors[name]), floor_cpu=floor_cpu)
            for name, seconds in medians.items()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    show("The command line, whole processes", figures(args.runs))


if __name__ == "__main__":
    main()
