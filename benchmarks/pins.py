"""What a PIN costs the person waiting: a writing command on a desk with PINs proves its operator
(one scrypt check, ~50 ms by design, slow for guessing); before PINs the name alone is taken.

Measures, in one run on one database: proving the operator without a PIN (the floor) and with one,
and a whole `acknowledge` (prove, then write) both ways.

Run: .venv/bin/python -m benchmarks.pins [--runs 20]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from deskapp.cli.operator_proof import proved_operator
from deskapp.desk import workflow
from deskapp.desk.access import set_pin
from deskapp.desk.intake import record_intake
from deskapp.domain.enums import Kind, Severity
from deskapp.domain.intake import Intake
from deskapp.store.clock import DeskClock
from deskapp.upkeep.setup import open_desk

NOW = datetime(2026, 11, 23, 10, 30, tzinfo=ZoneInfo("Asia/Shanghai"))


def _ms(samples: list[float]) -> str:
    return f"median {statistics.median(samples) * 1000:6.1f} ms, worst {max(samples) * 1000:6.1f} ms"


def _timed(runs: int, step) -> list[float]:
    out = []
    for n in range(runs):
        started = time.perf_counter()
        step(n)
        out.append(time.perf_counter() - started)
    return out


def _acknowledge_all(desk, runs: int, by: str) -> list[float]:
    ids = []
    for _ in range(runs):
        case = record_intake(desk, Intake(kind=Kind.complaint, severity=Severity.general, who="Ms Li",
                                          which="Tower B 12F 1203", what="leak", received_at=NOW)).case.id
        workflow.forward(desk, case, "Engineering")
        ids.append(case)
    return _timed(runs, lambda n: workflow.acknowledge(desk, ids[n], by=proved_operator(desk, by)))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    runs = parser.parse_args().runs
    path = Path(tempfile.mkdtemp(prefix="deskapp-bench-")) / "pins.db"
    desk, _ = open_desk(str(path), clock=DeskClock(NOW))
    floor = _timed(runs, lambda _n: proved_operator(desk, "Xu Ming"))
    acknowledge_floor = _acknowledge_all(desk, runs, "Xu Ming")
    set_pin(desk, "Chen Jing", "990011")
    set_pin(desk, "Xu Ming", "271828", by="Chen Jing", by_pin="990011")
    import os

    os.environ["DESKAPP_PIN"] = "271828"
    proved = _timed(runs, lambda _n: proved_operator(desk, "Xu Ming"))
    acknowledge_proved = _acknowledge_all(desk, runs, "Xu Ming")
    print(f"prove the operator, no PINs (floor): {_ms(floor)}")
    print(f"prove the operator with a PIN:       {_ms(proved)}")
    print(f"acknowledge, no PINs (floor):        {_ms(acknowledge_floor)}")
    print(f"acknowledge with a PIN:              {_ms(acknowledge_proved)}")


if __name__ == "__main__":
    main()
