"""The home screen reads its summary only while it is on screen: covered by the queue, its
refresh waits (at 50,000 open cases one summary costs seconds), and it reads afresh on return."""

from __future__ import annotations

import asyncio

from deskapp.app import DeskApp
from deskapp.screens import home
from tests.conftest import at, settled
from tests.helpers import open_queue, record


async def test_the_home_summary_waits_while_the_queue_covers_it(desk, monkeypatch):
    desk.clock.set(at("2026-11-23 10:00"))
    record(desk, "2026-11-23 09:50")
    reads = []
    real = home.desk_summary
    monkeypatch.setattr(home, "desk_summary", lambda *a, **k: reads.append(1) or real(*a, **k))
    monkeypatch.setattr(home, "REFRESH_SECONDS", 0.2)
    async with DeskApp(desk, "Liu Yang").run_test(size=(140, 30)) as pilot:
        await settled(pilot)
        await asyncio.sleep(0.5)
        assert len(reads) >= 2  # on screen: read every 0.2 s
        await open_queue(pilot)
        covered = len(reads)
        await asyncio.sleep(1.0)
        assert len(reads) == covered
        await pilot.press("escape")
        await settled(pilot)
        assert type(pilot.app.screen).__name__ == "HomeScreen"
        assert len(reads) > covered  # back on screen: read at once, then every 0.2 s again
