"""Saves the README's screenshots: the app on demo data at a fixed instant.

Run: .venv/bin/python docs/screenshots.py
"""

from __future__ import annotations

import asyncio
import tempfile
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from deskapp.app import DeskApp
from deskapp.datafiles import calendar_spec, read_toml
from deskapp.desk.clock import DeskClock
from deskapp.desk.demo import fill_demo
from deskapp.desk.setup import open_desk
from deskapp.domain.calendar import WorkCalendar
from deskapp.paths import data_dir

HERE = Path(__file__).resolve().parent
SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 23, 10, 30, tzinfo=SHANGHAI)


async def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="deskapp-shots-"))
    desk, _ = open_desk(str(folder / "shots.db"), clock=DeskClock(NOW))
    raw = read_toml(data_dir() / "calendar.toml") | {"timezone": "Asia/Shanghai"}
    desk.calendar = WorkCalendar(calendar_spec(raw))
    fill_demo(desk)
    app = DeskApp(desk)
    async with app.run_test(size=(120, 34)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        app.save_screenshot(str(HERE / "home.svg"))
    print(f"saved {HERE / 'home.svg'}")


if __name__ == "__main__":
    asyncio.run(main())
