"""A worker's answer that arrives after its screen has closed is dropped, not a crash.

Workers answer by posting a message to their screen. Textual takes a screen's messages in order until
the screen closes and drops what comes after, so an answer is either shown while every widget of the
screen is still there, or not at all: never into a screen half taken apart, which is where a late
answer used to crash the app (its panels gone, the screen not yet). The intake is kept built between
calls instead, so its answers always land whole; one that belongs to a call already closed is not shown
on the next.
"""

from __future__ import annotations

import asyncio
import threading

import pytest
from textual.widgets import Input, OptionList, Static

from deskapp.app import DeskApp
from deskapp.reads import callers
from deskapp.screens.intake import LOOKUP_DELAY, IntakeScreen
from tests.conftest import settled
from tests.helpers import open_intake, record


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


@pytest.mark.parametrize("arrives", ["while the intake is closed", "once the next call is open"])
async def test_a_callers_cases_found_after_the_call_closed_are_not_shown_on_the_next_call(desk, monkeypatch, arrives):
    # The intake is kept built between calls, so a lookup still on its way when the operator leaves
    # answers a screen that is alive: the next caller must not be shown the last caller's cases.
    record(desk, "2026-11-20 19:30", phone="13800138000")  # Ms Li's open case
    asked, answer = threading.Event(), threading.Event()
    real_history = callers.caller_history

    def slow_history(*args, **kwargs):
        if not answer.is_set():  # the first call's lookup is slow; the next call's is not held
            asked.set()
            answer.wait(10)
        return real_history(*args, **kwargs)

    monkeypatch.setattr(callers, "caller_history", slow_history)
    app = DeskApp(desk, "Wang Fang")
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_intake(pilot)
        screen.query_one("#f-phone", Input).value = "13800138000"
        await asyncio.to_thread(asked.wait, 10)
        await pilot.press("escape", "y")  # discard this call while its lookup is still out
        await pilot.pause()
        assert not any(isinstance(s, IntakeScreen) for s in app.screen_stack)
        if arrives == "while the intake is closed":
            answer.set()
            await settled(pilot)
        await pilot.press("f2")  # the next call, on the same kept screen
        await pilot.pause()
        assert app.screen is screen
        answer.set()
        await settled(pilot)
        cases = screen.query_one("#caller-cases", OptionList)
        assert not cases.display and cases.option_count == 0
        assert "type a phone" in str(screen.query_one("#caller-empty", Static).render())

        screen.query_one("#f-phone", Input).value = "13800138000"  # this caller's own lookup is shown
        await pilot.pause(LOOKUP_DELAY * 2)  # the lookup waits for typing to pause
        await settled(pilot)
        assert cases.display and cases.option_count == 1
