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
from deskapp.config.datafiles import calendar_spec, read_toml
from deskapp.config.paths import data_dir
from deskapp.domain.calendar import WorkCalendar
from deskapp.generate.demo import fill_demo
from deskapp.i18n import CHINESE, use_language
from deskapp.store.clock import DeskClock
from deskapp.upkeep.setup import open_desk

HERE = Path(__file__).resolve().parent
SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 23, 10, 30, tzinfo=SHANGHAI)
SIZE = (130, 38)


def demo_desk():
    folder = Path(tempfile.mkdtemp(prefix="deskapp-shots-"))
    desk, _ = open_desk(str(folder / "shots.db"), clock=DeskClock(NOW))
    raw = read_toml(data_dir() / "calendar.toml") | {"timezone": "Asia/Shanghai"}
    desk.calendar = WorkCalendar(calendar_spec(raw))
    fill_demo(desk)
    return desk


async def settle(pilot) -> None:
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def shoot(desk, name: str, keys: list[str], operator: str | None = "Wang Fang") -> None:
    app = DeskApp(desk, operator)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        app.save_screenshot(str(HERE / f"{name}.svg"))
    print(f"saved {HERE / name}.svg")


async def main() -> None:
    desk = demo_desk()
    await shoot(desk, "sign-in", [], operator=None)
    await shoot(desk, "home", [])
    await shoot(desk, "queue", ["f3"])
    await shoot(desk, "case", ["f3", "enter"])
    await shoot(desk, "intake", ["f2"])
    await shoot(desk, "callbacks", ["f4"])
    await shoot(desk, "callback-record", ["f4", "enter"])
    await shoot(desk, "handover", ["f5"])
    await shoot(desk, "statistics", ["f6"])
    await shoot(desk, "history", ["f7"])
    desk.clock.set(NOW.replace(hour=22, minute=40))
    await shoot(desk, "night", [], operator="Zhao Lei")
    # The Chinese interface on a demo made in Chinese (callers, units and notes in Chinese).
    with use_language(CHINESE):
        desk = demo_desk()
        await shoot(desk, "zh-home", [])
        await shoot(desk, "zh-queue", ["f3"])
        await shoot(desk, "zh-case", ["f3", "enter"])
        await shoot(desk, "zh-intake", ["f2"])


if __name__ == "__main__":
    asyncio.run(main())
