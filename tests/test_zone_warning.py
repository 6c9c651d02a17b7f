"""The desk's zone on a server in another one: the shipped calendar names Asia/Shanghai, so a UTC
server counts Shanghai's working hours; a calendar.toml that leaves the zone to the machine is said, in
one line, by `deskapp check` and on the home screen. Each run is a fresh process with its own TZ, as a
server is (the zone is read once per process)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from deskapp.config.datafiles import read_toml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"

# The home screen's warning line in a fresh app on the given data folder and database.
HOME = """
import asyncio, sys
from deskapp.app import DeskApp
from deskapp.upkeep.setup import open_desk

async def main():
    desk, _ = open_desk(sys.argv[1], data=__import__("pathlib").Path(sys.argv[2]))
    async with DeskApp(desk, "Wang Fang").run_test(size=(200, 30)) as pilot:
        for _ in range(200):
            await pilot.pause(0.02)
            box = pilot.app.screen.query_one("#desk-warnings")
            if not any(not w.is_finished for w in pilot.app.workers) and pilot.app.screen.query_one("#count-open").render() != "…":
                break
        print(str(box.render()) if box.display else "")
    desk.engine.dispose()

asyncio.run(main())
"""


def _run(args: list[str], zone: str, data: Path, tmp_path: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TZ": zone, "DESKAPP_DATA": str(data),
           "XDG_CACHE_HOME": str(tmp_path / "cache"), "DESKAPP_NOW": "2026-11-20T17:00+08:00"}  # day in Shanghai, London and UTC
    env.pop("DESKAPP_DB", None)
    return subprocess.run([sys.executable, *args], env=env, capture_output=True, text=True, timeout=120)


@pytest.fixture
def machine_zone_data(tmp_path) -> Path:
    """data/ as a desk that left calendar.toml's zone empty: the machine's zone is used."""
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder, ignore=shutil.ignore_patterns("*.db*"))
    path = folder / "calendar.toml"
    text = path.read_text(encoding="utf-8")
    assert 'timezone = "Asia/Shanghai"' in text
    path.write_text(text.replace('timezone = "Asia/Shanghai"', 'timezone = ""', 1), encoding="utf-8")
    return folder


def test_the_shipped_calendar_names_shanghai():
    assert read_toml(DATA / "calendar.toml")["timezone"] == "Asia/Shanghai"


def test_a_utc_server_on_the_shipped_calendar_keeps_friday_1930_outside_working_hours(tmp_path):
    script = ("from datetime import datetime\nfrom zoneinfo import ZoneInfo\n"
              "from deskapp.config.datafiles import load_calendar\n"
              "c = load_calendar()\n"
              "friday = datetime(2026, 11, 20, 19, 30, tzinfo=ZoneInfo('Asia/Shanghai'))\n"
              "print(c.tz.key, c.is_working_time(friday), c.next_opening(friday).isoformat())\n")
    done = _run(["-c", script], "UTC", DATA, tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["Asia/Shanghai", "False", "2026-11-23T08:00:00+08:00"]


def test_check_on_a_utc_server_says_the_zone_is_the_machines_in_one_line(machine_zone_data, tmp_path):
    db = str(tmp_path / "desk.db")
    assert _run(["-m", "deskapp", "init", "--db", db], "UTC", machine_zone_data, tmp_path).returncode == 0
    done = _run(["-m", "deskapp", "check", "--db", db], "UTC", machine_zone_data, tmp_path)
    assert done.returncode == 0, done.stderr
    [line] = [line for line in done.stderr.splitlines() if "time zone" in line]
    assert "UTC" in line and "CN" in line and 'timezone = "Asia/Shanghai"' in line


def test_check_on_a_shanghai_machine_says_nothing_of_the_zone(machine_zone_data, tmp_path):
    db = str(tmp_path / "desk.db")
    assert _run(["-m", "deskapp", "init", "--db", db], "Asia/Shanghai", machine_zone_data, tmp_path).returncode == 0
    done = _run(["-m", "deskapp", "check", "--db", db], "Asia/Shanghai", machine_zone_data, tmp_path)
    assert done.returncode == 0 and "time zone" not in done.stderr


@pytest.mark.parametrize(("zone", "warned"), [("UTC", True), ("Europe/London", True), ("Asia/Shanghai", False)])
def test_home_says_in_one_line_when_the_machine_is_not_in_the_calendars_country(machine_zone_data, tmp_path,
                                                                                zone, warned):
    done = _run(["-c", HOME, str(tmp_path / "desk.db"), str(machine_zone_data)], zone, machine_zone_data, tmp_path)
    assert done.returncode == 0, done.stderr
    said = done.stdout.strip()
    if not warned:
        assert said == ""
        return
    assert said.count("\n") == 0
    assert said.startswith(f"Time zone: this machine is on {zone}, not a zone of CN")


def test_home_is_quiet_about_the_zone_when_the_calendar_names_it(tmp_path):
    done = _run(["-c", HOME, str(tmp_path / "desk.db"), str(DATA)], "UTC", DATA, tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""
