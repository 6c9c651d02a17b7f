"""A worker's answer that arrives after its screen has closed is dropped, not a crash."""

from __future__ import annotations

from deskapp.app import DeskApp
from deskapp.screens.delivery import gone
from tests.test_intake_screen import open_intake, settle


async def test_a_lookup_answer_after_the_intake_screen_closed_is_dropped(desk):
    app = DeskApp(desk, "Wang Fang")
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_intake(pilot)
        assert not gone(screen)
        screen.dismiss()
        await settle(pilot)
        assert gone(screen)
        # What the lookup worker would deliver had the caller's history come back just now.
        assert screen._looked_up(None, [], "", []) is None
        assert screen._saved(None) is None


async def test_a_screen_being_taken_apart_counts_as_gone(desk):
    app = DeskApp(desk, "Wang Fang")
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_intake(pilot)
        # Textual marks a screen and its widgets as pruning before it removes the widgets, which is
        # the moment the failing answer used to arrive: its panels were gone, the screen not yet.
        screen._pruning = True
        try:
            assert gone(screen)
        finally:
            screen._pruning = False
