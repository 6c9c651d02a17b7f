"""The queue on a big desk: ten thousand open cases appear, the once-a-second probe never cancels the
first load however long it takes, and a long first load says how far it has come."""

from __future__ import annotations

import asyncio
import re
import time

from textual.widgets import Static

from deskapp.app import DeskApp
from deskapp.generate.bulk import fill_bulk
from deskapp.reads import queue_keys
from deskapp.screens import queue_feed
from deskapp.screens.queue import QueueScreen
from deskapp.widgets.case_table import CaseTable

OPERATOR = "Wang Fang"


async def open_queue(pilot) -> QueueScreen:
    await pilot.press("f3")
    [screen] = [s for s in pilot.app.screen_stack if isinstance(s, QueueScreen)]
    return screen


async def until_loaded(pilot, screen: QueueScreen, seconds: float = 60) -> list[str]:
    """Wait for the first load's rows, noting every loading line shown meanwhile."""
    seen, ends = [], time.monotonic() + seconds
    while screen.marker is None:
        assert time.monotonic() < ends, f"the queue was still loading after {seconds} s: {seen[-1:]}"
        await asyncio.sleep(0.05)
        seen.append(str(screen.query_one("#queue-counts", Static).render()))
    await pilot.pause()
    return seen


async def test_ten_thousand_open_cases_appear_in_the_queue(desk):
    fill_bulk(desk, 10_000, open_cases=10_000, pending_callbacks=0, seed=3)
    async with DeskApp(desk, OPERATOR).run_test(size=(140, 30)) as pilot:
        screen = await open_queue(pilot)
        await until_loaded(pilot, screen)
        table = screen.query_one("#queue", CaseTable)
        assert table.row_count == 10_000
        first = [cell.plain for cell in table.get_row_at(0)]
        assert first[0].isdigit() and first[1]  # the case nearest its deadline, with its clock
        assert "10000 open" in str(screen.query_one("#queue-counts", Static).render())


async def test_a_first_load_slower_than_the_probe_is_not_cancelled_and_says_it_is_reading(desk, monkeypatch):
    fill_bulk(desk, 50, open_cases=50, pending_callbacks=0, seed=4)
    real_load = queue_feed.load_open_keys

    def slow_load(*args, **kwargs):
        time.sleep(2.5)  # two and a half probes' worth: a big desk on a busy server
        return real_load(*args, **kwargs)

    monkeypatch.setattr(queue_feed, "load_open_keys", slow_load)
    async with DeskApp(desk, OPERATOR).run_test(size=(140, 30)) as pilot:
        screen = await open_queue(pilot)
        seen = await until_loaded(pilot, screen)
        assert screen.query_one("#queue", CaseTable).row_count == 50
        assert any(re.fullmatch(r"loading: reading the open cases \(\d s\)", line) for line in seen), seen[-3:]


async def test_a_long_first_load_counts_the_cases_read(desk, monkeypatch):
    fill_bulk(desk, 3_000, open_cases=3_000, pending_callbacks=0, seed=5)
    real_key_of = queue_keys.key_of

    def slow_key_of(*args, **kwargs):
        time.sleep(0.0005)  # a database that takes its time: a slow machine
        return real_key_of(*args, **kwargs)

    monkeypatch.setattr(queue_keys, "key_of", slow_key_of)
    monkeypatch.setattr(queue_feed, "PROGRESS_AFTER", 0.0)  # the count from the start, not after a second
    shown = []  # every loading line as the screen writes it: a look every 50 ms can miss them all on a busy machine
    real_show = QueueScreen._show_progress

    def noted_show(screen) -> None:
        real_show(screen)
        shown.append(str(screen.query_one("#queue-counts", Static).render()))

    monkeypatch.setattr(QueueScreen, "_show_progress", noted_show)
    async with DeskApp(desk, OPERATOR).run_test(size=(140, 30)) as pilot:
        screen = await open_queue(pilot)
        seen = await until_loaded(pilot, screen) + shown
        counted = [line for line in seen if re.fullmatch(r"loading: [\d,]+ of 3,000 open cases", line)]
        assert counted, seen[-3:]
        assert screen.query_one("#queue", CaseTable).row_count == 3_000
