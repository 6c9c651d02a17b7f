"""A worker's answer that arrives after its screen has closed is dropped, not a crash.

Workers answer by posting a message to their screen. Textual takes a screen's messages in order until
the screen closes and drops what comes after, so an answer is either shown while every widget of the
screen is still there, or not at all: never into a screen half taken apart, which is where a late
answer used to crash the app (its panels gone, the screen not yet).
"""

from __future__ import annotations

import asyncio
import threading

from textual.widgets import Input

from deskapp.app import DeskApp
from deskapp.reads import callers
from deskapp.screens.intake import IntakeScreen, LookedUp
from tests.conftest import settled
from tests.helpers import open_intake

NOTHING_KNOWN = LookedUp(history=None, batch=[], category="", found=[])


async def test_the_callers_history_coming_back_after_the_intake_closed_is_dropped(desk, monkeypatch):
    asked, answer = threading.Event(), threading.Event()
    real_history = callers.caller_history

    def slow_history(*args, **kwargs):
        asked.set()
        answer.wait(10)  # the database takes its time; meanwhile the operator leaves the screen
        return real_history(*args, **kwargs)

    monkeypatch.setattr(callers, "caller_history", slow_history)
    app = DeskApp(desk, "Wang Fang")
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_intake(pilot)
        screen.query_one("#f-phone", Input).value = "13800138000"  # the caller's number: a lookup starts
        await asyncio.to_thread(asked.wait, 10)
        await app.pop_screen()
        await pilot.pause()
        answer.set()
        await settled(pilot)
        assert app.is_running and screen not in app.screen_stack
        assert not any(isinstance(s, IntakeScreen) for s in app.screen_stack)
        assert app.screen.query("#counts")  # the home screen, as it was


async def test_an_answer_arriving_while_the_intake_is_taken_apart_is_dropped_or_shown_whole(desk):
    app = DeskApp(desk, "Wang Fang")
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_intake(pilot)
        closing = app.pop_screen()
        # The answer lands at every moment of the screen's removal, from another thread as a worker's does.
        for _moment in range(20):
            await asyncio.to_thread(screen.post_message, LookedUp(history=None, batch=[], category="", found=[]))
            await asyncio.sleep(0)
        await closing
        await settled(pilot)
        assert app.is_running and screen not in app.screen_stack
        assert screen.post_message(NOTHING_KNOWN) is False  # closed: Textual takes nothing more
