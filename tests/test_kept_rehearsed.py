"""The intake built ahead (as the queue is) is laid out and drawn off stage at the terminal's size, so
that the first F2 of the shift only shows it, as the next ones do: the first opening of the
intake used to lay out and restyle its ~130 widgets while the operator waited."""

from __future__ import annotations

import pytest

from deskapp.app import DeskApp
from deskapp.screens.intake import IntakeScreen
from tests.conftest import settled, until

OPERATOR = "Wang Fang"


def rehearsed(app: DeskApp, name: str) -> bool:
    return app.is_screen_installed(name) and tuple(app.get_screen(name).size) == tuple(app.size)


@pytest.mark.parametrize(("width", "narrow"), [(120, False), (80, True)])
async def test_the_intake_built_ahead_is_laid_out_at_the_terminals_width_before_the_first_f2(desk, width, narrow):
    app = DeskApp(desk, OPERATOR, build_ahead=True)
    async with app.run_test(size=(width, 40)) as pilot:
        await settled(pilot)
        await until(pilot, lambda: rehearsed(app, "intake") and (app.get_screen("intake").has_class("-wide")
                                                                    or app.get_screen("intake").has_class("-narrow")),
                    "the intake laid out off stage")
        intake = app.get_screen("intake")
        assert app.screen is not intake  # still off stage
        assert intake.has_class("-narrow") is narrow and intake.has_class("-wide") is not narrow
        kind = intake.query_one("#f-kind")
        assert kind.region.width > 0  # placed: the first opening need not lay it out
        await pilot.press("f2")
        await settled(pilot)
        assert isinstance(app.screen, IntakeScreen) and app.screen.focused is kind  # the call starts on Kind


async def test_a_form_shown_before_it_was_rehearsed_is_not_rehearsed_over(desk):
    """Tests build the intake at the first F2: the rehearsal is for screens waiting off stage only."""
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f2")
        await settled(pilot)
        intake = app.screen
        assert isinstance(intake, IntakeScreen) and intake.focused is intake.query_one("#f-kind")
        await pilot.press(*"Mr")
        await settled(pilot)
        assert intake.query_one("#f-kind").value == "repair"  # the keys went to Kind, as always
