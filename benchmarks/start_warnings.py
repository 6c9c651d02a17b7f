"""What the start-up warnings cost: the check every start pays on unchanged rules (one count of the
open clocks timed under other rules), the home refresh's extra look (the zone and the estimated
years), and what a supervisor waits for before the re-timing question after a policy change (every
open case's clocks planned again), each against its floor in the same run: one query counting the
open cases.

Run: .venv/bin/python -m benchmarks.start_warnings [--open 1000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import tempfile
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from benchmarks.open_desk import count_open, record_complaints, timed
from deskapp.config.datafiles import read_toml
from deskapp.config.paths import data_dir
from deskapp.desk.retime import retime_preview
from deskapp.domain.policy import policy_from_dict
from deskapp.reads.desk_warnings import clocks_on_old_rules, estimated_years, zone_note
from deskapp.store.clock import DeskClock
from deskapp.upkeep.setup import open_desk

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 12, 30, 16, 0, tzinfo=TZ)  # near New Year: some clocks fall due in 2027


def build(path: Path, open_cases: int) -> None:
    record_complaints(path, NOW, open_cases, lambda n: NOW - timedelta(minutes=5 + n % 600))


def shortened_policy():
    raw = read_toml(data_dir() / "policy.toml")
    for rule in raw["clock"]:
        if rule.get("severities") == ["general"] and rule["name"] == "resolve":
            rule["hours"] = 12
    return policy_from_dict(raw)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--open", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "desk.db"
        build(path, args.open)
        desk, _ = open_desk(str(path), clock=DeskClock(NOW))
        estimated_years(desk)  # the holidays package loaded once, as the first home refresh does
        base, n_open = timed(lambda: count_open(desk), args.repeat)
        check, stale = timed(lambda: clocks_on_old_rules(desk), args.repeat)
        look, years = timed(lambda: (zone_note(), estimated_years(desk)), args.repeat)
        edited = replace(desk, policy=shortened_policy())
        preview, moves = timed(lambda: retime_preview(edited), max(1, args.repeat // 2))
        assert stale == 0 and years[1] == [2027], (stale, years)
        print(f"floor (count the open cases, {n_open:,}): {base * 1000:.1f} ms")
        print(f"start-up check on unchanged rules (clocks on old rules: {stale}): {check * 1000:.1f} ms")
        print(f"home refresh's extra look (zone, estimated years {years[1]}): {look * 1000:.1f} ms")
        print(f"before the supervisor's question on a shortened policy ({len(moves):,} clocks move): "
              f"{preview * 1000:.0f} ms")
        desk.engine.dispose()


if __name__ == "__main__":
    main()
