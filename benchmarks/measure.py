"""What every benchmark prints: the figure, the floor it is measured against in the same run, their
ratio, the load average and the processor time, so a figure taken on a busy machine says so.

A benchmark's `figures(...)` returns a list of `Figure`; `show(title, figures)` prints them and
`benchmarks.all` writes them into the README's figures table.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field


def load_average() -> float:
    return os.getloadavg()[0]


def processor_seconds() -> float:
    """This process and the children it has waited for, user and system time."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


@dataclass
class Figure:
    """One measured figure: `value` and `floor` in `unit` (ms or s); `limit` is the target, either
    an absolute bound (`< 300 ms`) or a ratio to the floor (`≤ 1.2×`)."""

    script: str
    what: str
    value: float
    unit: str = "ms"
    floor: float | None = None
    floor_what: str = ""
    limit: float | None = None
    limit_is_ratio: bool = False
    load: float = field(default_factory=load_average)
    cpu: float | None = None  # processor seconds the measurement took, when the benchmark knows
    floor_cpu: float | None = None  # the floor's processor seconds, when it is a process too

    @property
    def ratio(self) -> float | None:
        return None if not self.floor else self.value / self.floor

    @property
    def met(self) -> bool | None:
        if self.limit is None:
            return None
        if self.limit_is_ratio:
            return self.ratio is not None and self.ratio <= self.limit
        return self.value < self.limit

    def number(self, value: float | None) -> str:
        if value is None:
            return ""
        return f"{value:.2f} {self.unit}" if self.unit == "s" else f"{value:.1f} {self.unit}"

    def target(self) -> str:
        if self.limit is None:
            return ""
        shown = f"≤ {self.limit:g}×" if self.limit_is_ratio else f"< {self.number(self.limit)}"
        return shown + {True: " ✔", False: " ✖", None: ""}[self.met]

    def cells(self) -> list[str]:
        ratio = "" if self.ratio is None else f"{self.ratio:.2f}×"
        floor = self.number(self.floor) + (f" ({self.floor_what})" if self.floor_what else "")
        cpu = "" if self.cpu is None else f"{self.cpu:.2f} s"
        if self.cpu is not None and self.floor_cpu:
            # On a loaded machine the wall clock waits for other work; processor time much less.
            cpu += f" vs {self.floor_cpu:.2f} s ({self.cpu / self.floor_cpu:.2f}×)"
        return [self.script, self.what, self.number(self.value), floor, ratio, self.target(),
                f"{self.load:.1f}", cpu]


HEADERS = ["script", "figure", "measured", "floor (same run)", "ratio", "target", "load", "processor (vs floor's)"]


def show(title: str, figures: Sequence[Figure]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title)
    for header in HEADERS:
        table.add_column(header, justify="left" if header in ("script", "figure", "floor (same run)") else "right")
    for f in figures:
        table.add_row(*f.cells())
    Console(width=max(160, Console().width)).print(table)
    print(f"(load average {load_average():.1f} on {os.cpu_count()} processors; "
          f"processor time so far {processor_seconds():.1f} s)")


def markdown(figures: Sequence[Figure]) -> str:
    lines = ["| " + " | ".join(HEADERS) + " |", "|" + "---|" * len(HEADERS)]
    lines += ["| " + " | ".join(c.replace("|", "\\|") for c in f.cells()) + " |" for f in figures]
    return "\n".join(lines)


def whole_process(command: Sequence[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall seconds and processor seconds of one fresh process, start to exit."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    subprocess.run(list(command), env=env, check=True, capture_output=True)
    wall = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def interleaved(subjects: dict[str, Callable[[], float]], runs: int) -> dict[str, float]:
    """The median of `runs` timings of each subject, taken in turn (a, b, c, a, b, c, ...), so a
    burst of load from elsewhere falls on all of them alike rather than on one."""
    samples: dict[str, list[float]] = {name: [] for name in subjects}
    for _ in range(runs):
        for name, subject in subjects.items():
            samples[name].append(subject())
    return {name: statistics.median(values) for name, values in samples.items()}


PYTHON = sys.executable
