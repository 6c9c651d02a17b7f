"""Place and category figures: what each keystroke in the Which and the Category costs now that they are
read against the place register and the category list, and what the lookups matching on the canonical
place wait for on a large database. Each figure beside its floor, measured in the same run.

Run: .venv/bin/python -m benchmarks.places [--cases 100000] [--runs 200]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from rich.console import Console
from rich.table import Table

from benchmarks.intake import NOW, TZ, build_desk, ms
from deskapp.domain.batch import BatchRule
from deskapp.domain.intake import split_which
from deskapp.reads import callers
from deskapp.reads.history_source import HistoryFilter, HistorySource
from deskapp.reads.queries import list_cases
from deskapp.widgets.intake_reading import read_form

FORM = {"kind": "complaint", "severity": "general", "channel": "phone", "who": "Ms Li", "phone": "13800138000",
        "which": "B座12层1203室", "what": "water dripping from the ceiling", "category": "air-conditioning",
        "received_at": "2026-11-23 08:55"}


def timed(work: Callable[[], object], runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        samples.append(time.perf_counter() - started)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    table = Table("what the operator waits for", "median ms", "p95 ms", "max ms")
    read_form(FORM, TZ, NOW)  # the register and the list are read once per process, as at start-up
    table.add_row("a keystroke's reading of the form (place register, category list)",
                  *ms(timed(lambda: read_form(FORM, TZ, NOW), args.runs)))
    table.add_row("  floor: splitting the Which alone", *ms(timed(lambda: split_which(FORM["which"]), args.runs)))
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        desk = build_desk(Path(folder), args.cases)
        print(f"built {args.cases:,} cases in {time.perf_counter() - started:.0f} s")
        runs = max(args.runs // 10, 10)
        table.add_row("caller's cases by unit (B座12层1203室 = Tower B 12F 1203)",
                      *ms(timed(lambda: callers.caller_history(desk, "", "B座", "12", "1203"), runs)))
        table.add_row("  floor: caller's cases by phone",
                      *ms(timed(lambda: callers.caller_history(desk, "13800138000"), runs)))
        rule = BatchRule(window=__import__("datetime").timedelta(minutes=60), callers=3)
        table.add_row("batch check by floor and category",
                      *ms(timed(lambda: callers.batch_check(desk, "B座", "12", "空调", "13700137000", rule), runs)))
        table.add_row("queue search for a place (Tower B 12F)",
                      *ms(timed(lambda: list_cases(desk, open_only=True, search="Tower B 12F", limit=100), runs)))
        table.add_row("  floor: queue search for a word (leak)",
                      *ms(timed(lambda: list_cases(desk, open_only=True, search="leak", limit=100), runs)))
        table.add_row("history count and first page for a place (Tower B 12F)",
                      *ms(timed(lambda: _history(desk, "Tower B 12F"), runs)))
        table.add_row("  floor: the same for a word (leak)", *ms(timed(lambda: _history(desk, "leak"), runs)))
    Console().print(table)


def _history(desk, text: str) -> None:
    source = HistorySource(desk, HistoryFilter(text=text))
    source.row_count()
    source.keys(0, 40)


if __name__ == "__main__":
    main()
