"""The first call of the shift: while it rings the desk builds its pop screen off stage, so the answer
only shows it; a desk whose telephone never rings builds nothing."""

from __future__ import annotations

from deskapp.app import DeskApp
from deskapp.screens.phone_pop import PhoneIntakeScreen
from deskapp.screens.phone_watch import KEPT
from tests.conftest import settled
from tests.conftest import until as until_within
from tests.phone_helpers import phone_link
from tests.test_phone_pop import CALLER, OPERATOR, banner, open_complaint, phone_field, popped


async def until(pilot, condition, what: str) -> None:
    await until_within(pilot, condition, what, timeout=30)


async def test_the_pop_screen_is_built_while_the_first_call_rings_and_shown_when_it_is_answered(desk):
    open_complaint(desk)  # the caller has a case open: the pop shows it
    app = DeskApp(desk, OPERATOR)
    async with phone_link(desk) as (_endpoint, pbx), app.run_test(size=(140, 45)) as pilot:
        await settled(pilot)
        assert not app.is_screen_installed(KEPT)  # no call yet: nothing built
        await pbx.ring("c1", CALLER)
        await until(pilot, lambda: "ringing" in banner(app), "the ringing banner")
        await until(pilot, lambda: app.is_screen_installed(KEPT) and app.get_screen(KEPT).is_mounted,
                    "the pop screen built while it rings")
        built = app.get_screen(KEPT)
        assert isinstance(built, PhoneIntakeScreen) and app.screen is not built  # off stage, the home screen shown
        await pbx.answer("c1", extension="8001")
        screen = await popped(pilot, app)
        assert screen is built and phone_field(app) == CALLER


async def test_a_call_answered_at_once_pops_once_its_screen_is_built(desk):
    """Answered before the screen begun at the ring is built: the answer waits for it, then pops."""
    open_complaint(desk)  # the caller has a case open: the pop shows it
    app = DeskApp(desk, OPERATOR)
    async with phone_link(desk) as (_endpoint, pbx), app.run_test(size=(140, 45)) as pilot:
        await settled(pilot)
        await pbx.ring("c1", CALLER)
        await pbx.answer("c1", extension="8001")
        screen = await popped(pilot, app)
        assert screen is app.get_screen(KEPT) and phone_field(app) == CALLER
        assert "answered" not in banner(app)
