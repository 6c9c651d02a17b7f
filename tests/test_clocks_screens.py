"""An urgent case on the night view, for the managers to be called."""

from __future__ import annotations

from deskapp.app import DeskApp
from deskapp.desk.intake import record_intake
from deskapp.domain.enums import Kind
from deskapp.domain.intake import Intake
from deskapp.screens.night import NightScreen
from tests.conftest import at, settled

OPERATOR = "Wang Fang"


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
        assert row[2].startswith("URGENT") and row[3] == "☎ 0"
