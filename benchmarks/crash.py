"""Crash test: a desk killed with SIGKILL in the middle of a stream of saves, again and again.

Run: .venv/bin/python -m benchmarks.crash [--rounds 20] [--db PATH]
Afterwards the database must pass its integrity check and hold every save that had returned.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sqlmodel import Session, col, select

from deskapp.models import Case
from deskapp.upkeep.check import check
from deskapp.upkeep.setup import open_desk

_WRITER = """
import sys
from datetime import datetime, timezone
from deskapp.desk.intake import record_intake
from deskapp.upkeep.setup import open_desk
from deskapp.domain.enums import Kind
from deskapp.domain.intake import Intake
desk, _ = open_desk(sys.argv[1])
n = 0
while True:
    name = f"crash-{sys.argv[2]}-{n}"
    record_intake(desk, Intake(kind=Kind.inquiry, who=name, what="how late is the car park open?",
                               received_at=desk.now()))
    print(name, flush=True)  # printed only once the save has returned
    n += 1
"""


def crash_rounds(path: Path, rounds: int, seed: int = 1) -> tuple[int, list[str]]:
    """Kill a writer `rounds` times; returns the saves it reported and any that are missing."""
    rng = random.Random(seed)
    desk, _ = open_desk(str(path))
    reported: list[str] = []
    for round_no in range(rounds):
        writer = subprocess.Popen([sys.executable, "-c", _WRITER, str(path), str(round_no)],
                                  stdout=subprocess.PIPE, text=True, env=dict(os.environ))
        # Wait for the first save, then kill at a random moment in the stream.
        first = writer.stdout.readline().strip()
        if first:
            reported.append(first)
        time.sleep(rng.uniform(0.05, 0.4))
        writer.send_signal(signal.SIGKILL)
        rest, _ = writer.communicate()
        reported += [line for line in rest.splitlines() if line.strip()]
    with Session(desk.engine) as s:
        stored = set(s.exec(select(Case.who).where(col(Case.who).like("crash-%"))).all())
    return len(reported), [name for name in reported if name not in stored]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--db", help="SQLite file (default: a new one)")
    args = parser.parse_args()
    path = Path(args.db or Path(tempfile.mkdtemp(prefix="deskapp-crash-")) / "crash.db")
    saved, missing = crash_rounds(path, args.rounds)
    desk, _ = open_desk(str(path))
    report = check(desk)
    print(f"{args.rounds} kills; {saved} saves had returned; missing afterwards: {len(missing)}; "
          f"integrity and history check: {'passed' if report.ok else 'FAILED'}")
    for problem in report.database + report.history + missing[:5]:
        print("  ", problem)
    sys.exit(0 if report.ok and not missing else 1)


if __name__ == "__main__":
    main()
