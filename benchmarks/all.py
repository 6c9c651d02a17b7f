"""Every benchmark in benchmarks/, one after the other, and the README's figures table from what they print.

Run: .venv/bin/python -m benchmarks.all [--quick] [--only cli,startup] [--no-readme]

The benchmarks that measure against a floor (`figures()` in cli, startup, core, queue, history)
are called in this process and each prints figure, floor, ratio, load average and processor time;
the others run as their own `python -m benchmarks.NAME` and print their own tables, with the load
average and the processor time of the whole run printed after them. The table of figures-with-floors
is written into README.md between the `figures` markers (--no-readme leaves the README alone).
--quick runs smaller databases (minutes instead of most of an hour); the sizes are in each row.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time
from pathlib import Path

from benchmarks import cli, core, history, queue, startup
from benchmarks.measure import PYTHON, Figure, load_average, markdown, show

README = Path(__file__).resolve().parent.parent / "README.md"
BEGIN, END = "<!-- figures: written by `python -m benchmarks.all` -->", "<!-- /figures -->"


def floored(quick: bool) -> dict[str, object]:
    """The benchmarks with floors: name → a call returning its figures."""
    return {
        "cli": lambda: cli.figures(runs=5 if quick else 9),
        "startup": lambda: startup.figures(runs=3 if quick else 7),
        "core": lambda: core.figures(cases=20_000 if quick else 100_000),
        "queue": lambda: queue.figures(cases=20_000 if quick else 200_000, seconds=3 if quick else 10,
                                       opens=[2_500, 10_000] if quick else None),
        "history": lambda: history.figures(sizes=[100_000] if quick else [1_000_000]),
    }


# The others, as their own processes, with their arguments for --quick. Every other module of
# benchmarks/ is run too (with its defaults), so a benchmark added later is not left out.
QUICK_ARGS = {
    "intake": ["--cases", "20000"],
    "callbacks": ["--cases", "20000"],
    "reports": ["--cases", "100000", "--in-month", "9000", "--runs", "1"],
    "statistics_screen": ["--cases", "100000", "--in-month", "9000"],
    "load": ["--desks", "4", "--cases", "200", "--race", "10"],
    "crash": ["--rounds", "5"],
    "places": ["--cases", "20000", "--runs", "50"],
    "restore": ["--fill", "5000", "--seconds", "3"],
    "two_desks": ["--saves", "10"],
    "report_year": ["--cases", "50000", "--runs", "1"],
    "memory": ["--cases", "20000", "--open", "5000", "--report-cases", "100000"],
}
NOT_BENCHMARKS = {"__init__", "all", "measure", "race"}  # race runs inside load


def own_tables() -> list[str]:
    here = Path(__file__).resolve().parent
    return sorted(p.stem for p in here.glob("*.py") if p.stem not in NOT_BENCHMARKS | set(floored(False)))


def run_own_table(name: str, quick: bool) -> Figure:
    command = [PYTHON, "-m", f"benchmarks.{name}", *(QUICK_ARGS.get(name, []) if quick else [])]
    print(f"\n$ python -m benchmarks.{name} {' '.join(command[3:])}", flush=True)
    load = load_average()
    began = time.perf_counter()
    before = _children_cpu()
    code = subprocess.run(command).returncode
    wall, cpu = time.perf_counter() - began, _children_cpu() - before
    print(f"(benchmarks.{name}: {wall:.1f} s, processor {cpu:.1f} s, load average {load:.1f} → "
          f"{load_average():.1f}{'' if code == 0 else f', exit code {code}'})")
    return Figure(name, f"the whole benchmark ({' '.join(command[3:]) or 'full size'}), its own table above",
                  wall, unit="s", load=load, cpu=cpu)


def _children_cpu() -> float:
    import resource

    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def write_readme(figures: list[Figure]) -> None:
    text = README.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(BEGIN) + ".*?" + re.escape(END), re.DOTALL)
    if not pattern.search(text):
        print(f"README.md has no {BEGIN!r} marker; table not written")
        return
    stamp = time.strftime("%Y-%m-%d %H:%M %Z")
    table = f"{BEGIN}\nMeasured {stamp} by `python -m benchmarks.all`:\n\n{markdown(figures)}\n{END}"
    README.write_text(pattern.sub(lambda _m: table, text), encoding="utf-8")
    print(f"README.md: {len(figures)} figures written")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller databases")
    parser.add_argument("--only", help="comma-separated names, e.g. cli,startup,queue")
    parser.add_argument("--no-readme", action="store_true")
    args = parser.parse_args()
    chosen = set(args.only.split(",")) if args.only else None
    found: list[Figure] = []
    for name, figures in floored(args.quick).items():
        if chosen is None or name in chosen:
            print(f"\n== benchmarks.{name} ==", flush=True)
            these = figures()
            show(f"benchmarks.{name}", these)
            found += these
    for name in own_tables():
        if chosen is None or name in chosen:
            found.append(run_own_table(name, args.quick))
    show("every benchmark", found)
    if not args.no_readme:
        write_readme(found)


if __name__ == "__main__":
    sys.exit(main())
