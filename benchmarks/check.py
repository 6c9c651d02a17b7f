"""What `deskapp check` costs once it replays every case and can prove an anchor: its parts, timed
on one generated desk, with the floor (reading every history row with bare sqlite3) in the same run.

Run: .venv/bin/python -m benchmarks.check [--cases 20000] [--dir /tmp/deskapp-bench]

The desk is benchmarks.history's, which writes a few cases' who and what straight into the table
(its Chinese search phrase): the replay rightly reports those, so `ok` is False here.
"""

from __future__ import annotations

import argparse
import sqlite3
import time
from pathlib import Path

from benchmarks.history import build, new_desk
from deskapp.reads.anchor import take_anchor
from deskapp.upkeep.check import check
from deskapp.upkeep.replay import replay_check


def _timed(run) -> tuple[float, object]:
    began = time.perf_counter()
    result = run()
    return time.perf_counter() - began, result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=20_000)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/deskapp-bench"))
    args = parser.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    path = args.dir / f"check-{args.cases}.db"
    build(path, args.cases)
    desk = new_desk(path)
    with sqlite3.connect(path) as bare:
        floor, events = _timed(lambda: len(bare.execute("SELECT id, case_id, seq, hash, changes FROM history").fetchall()))
    whole, report = _timed(lambda: check(desk))
    replay, _found = _timed(lambda: replay_check(desk))
    with desk.reading() as session:
        anchor, _taken = _timed(lambda: take_anchor(session, desk.now()))
    print(f"{args.cases:,} cases, {events:,} events; ok={report.ok}")
    print(f"floor (bare sqlite3 read of every history row): {floor:.2f} s")
    print(f"deskapp check, everything:                     {whole:.2f} s")
    print(f"  of which the replay of cases against rows:   {replay:.2f} s")
    print(f"taking the anchor:                              {anchor:.2f} s")


if __name__ == "__main__":
    main()
