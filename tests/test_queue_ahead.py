"""The queue built ahead, as `deskapp` runs: once home has shown its counts the queue is built and
loaded off stage, standing still (no tick, no probe) until F3 shows it with its rows; a case
recorded meanwhile is on it as soon as it is shown."""

from __future__ import annotations

from deskapp.app import DeskApp
from deskapp.screens.queue import QueueScreen
from tests.conftest import settled, until
from tests.helpers import record, rows


async def test_f3_shows_the_queue_built_ahead_with_its_rows_and_what_came_in_since(desk):
    first = record(desk, "2026-11-23 08:30")
    app = DeskApp(desk, "Wang Fang", build_ahead=True)
    async with app.run_test(size=(140, 40)) as pilot:
        await settled(pilot)
        await until(pilot, lambda: app.is_screen_installed("queue") and app.get_screen("queue").marker is not None,
                    "the queue loaded off stage")
        queue = app.get_screen("queue")
        assert isinstance(queue, QueueScreen) and app.screen is not queue
        assert all(not timer._active.is_set() for timer in queue._live_timers)  # still while off stage
        later = record(desk, "2026-11-23 08:45")
        await pilot.press("f3")
        await settled(pilot)
        assert app.screen is queue
        await until(pilot, lambda: len(rows(queue)) == 2, "the case recorded meanwhile")
        assert {row[0] for row in rows(queue)} == {str(first), str(later)}
        assert all(timer._active.is_set() for timer in queue._live_timers)
