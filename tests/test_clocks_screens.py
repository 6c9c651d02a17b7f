"""The urgent key on the intake form, and an urgent case on the night view, driven by the keyboard."""

from __future__ import annotations

from deskapp.app import DeskApp
from deskapp.desk.intake import record_intake
from deskapp.domain.enums import Kind
from deskapp.domain.intake import Intake
from deskapp.screens.night import NightScreen
from tests.conftest import at, settled
from tests.helpers import cases, open_intake, tab, text_of, type_text
from tests.test_intake_screen import choose_kind

OPERATOR = "Wang Fang"


async def _lift_call(pilot) -> None:
    await open_intake(pilot)
    await choose_kind(pilot, "r")
    await pilot.press("tab", "enter")
    await type_text(pilot, "e")  # Engineering: the work order goes with the call
    await pilot.press("enter", "tab")
    await type_text(pilot, "Mr Wu")
    await tab(pilot, 3)
    await type_text(pilot, "Tower A lift 2")
    await pilot.press("tab")
    await type_text(pilot, "two people trapped in the lift")


async def test_ctrl_t_marks_a_lift_call_at_2230_urgent_and_the_trade_is_due_at_2245_not_next_morning(desk):
    desk.clock.set(at("2026-11-23 22:30"))
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(140, 45)) as pilot:
        await _lift_call(pilot)
        await pilot.press("ctrl+t", "ctrl+s")
        await settled(pilot)
        assert "trade on site by Mon 23 Nov 22:45" in text_of(app, "#readback-body")
        await pilot.press("enter")
        await settled(pilot)
    [case] = cases(desk)
    assert case.urgent and case.kind is Kind.repair


async def test_without_the_key_the_same_call_waits_for_the_morning(desk):
    desk.clock.set(at("2026-11-23 22:30"))
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(140, 45)) as pilot:
        await _lift_call(pilot)
        await pilot.press("ctrl+t", "ctrl+t", "ctrl+s")  # marked, then unmarked
        await settled(pilot)
        assert "trade on site by Tue 24 Nov 08:15" in text_of(app, "#readback-body")


async def test_the_night_view_marks_an_urgent_case_for_the_managers_to_be_called(desk):
    desk.clock.set(at("2026-11-23 22:40"))
    record_intake(desk, Intake(kind=Kind.repair, what="water pouring from the ceiling", which="Tower B 3F",
                               who="Ms Li", received_at=at("2026-11-23 22:35"), urgent=True))
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(140, 40)) as pilot:
        await settled(pilot)
        app.push_screen(NightScreen(desk, OPERATOR))
        await settled(pilot)
        row = [str(cell) for cell in app.screen.query_one("#night-cases").get_row_at(0)]
        assert row[2].startswith("URGENT") and row[5] == "0 called"
