"""The app as the desk sees it, driven with Textual's Pilot."""

from __future__ import annotations

from textual.widgets import DataTable, Static

from deskapp.app import DeskApp
from deskapp.desk import workflow
from deskapp.desk.intake import record_intake
from deskapp.domain.enums import Kind, Severity
from deskapp.domain.intake import Intake
from tests.conftest import at, settled


def _complaint(desk, received: str, severity=Severity.general, who="Ms Li"):
    return record_intake(desk, Intake(kind=Kind.complaint, severity=severity, who=who, which="Tower B 12F 1203",
                                      what="water dripping from the ceiling", received_at=at(received))).case.id


def _text(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_home_shows_counts_and_the_most_urgent_case_first(desk):
    late = _complaint(desk, "2026-11-20 19:30", who="Ms Li")  # forward was due Mon 08:20: overdue at 09:00
    fresh = _complaint(desk, "2026-11-23 08:59", severity=Severity.major, who="Mr Zhang")
    workflow.forward(desk, fresh, "Engineering", at=at("2026-11-23 09:00"))
    app = DeskApp(desk, "Wang Fang")
    async with app.run_test(size=(120, 30)) as pilot:
        await settled(pilot)
        assert _text(app, "#count-open").startswith("2")
        assert _text(app, "#count-overdue").startswith("1")
        assert _text(app, "#count-overnight").startswith("1")  # Friday 19:30, still open on Monday morning
        assert app.screen.query_one("#count-overdue").has_class("overdue")
        table = app.screen.query_one(DataTable)
        assert table.row_count == 2
        first = [str(cell) for cell in table.get_row_at(0)]
        assert first[0] == str(late)
        assert "OVERDUE" in first[1] and first[2] == "40m work"
        second = [str(cell) for cell in table.get_row_at(1)]
        assert second[0] == str(fresh) and "escalate" in second[1]


async def test_refresh_key_picks_up_a_case_recorded_elsewhere(desk):
    app = DeskApp(desk, "Wang Fang")
    async with app.run_test(size=(120, 30)) as pilot:
        await settled(pilot)
        assert app.screen.query_one(DataTable).row_count == 0
        assert _text(app, "#count-open").startswith("0")
        _complaint(desk, "2026-11-23 08:50")
        await pilot.press("r")
        await settled(pilot)
        assert app.screen.query_one(DataTable).row_count == 1
        assert _text(app, "#count-received_today").startswith("1")
        await pilot.press("q")
    assert app.return_code == 0


async def test_enter_on_a_row_opens_the_case_and_the_palette_goes_to_a_case_by_number(desk):
    from deskapp.screens.case_detail import CaseDetailScreen

    late = _complaint(desk, "2026-11-20 19:30")
    app = DeskApp(desk, "Wang Fang")
    async with app.run_test(size=(120, 30)) as pilot:
        await settled(pilot)
        await pilot.press("enter")
        await settled(pilot)
        assert isinstance(app.screen, CaseDetailScreen) and app.screen.case_id == late
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*str(late))
        await settled(pilot)
        await pilot.press("enter")
        await settled(pilot)
        assert isinstance(app.screen, CaseDetailScreen) and app.screen.case_id == late
