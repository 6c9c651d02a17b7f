"""The night duty's list of managers to call about a major complaint: who was called stays ticked,
with when, and a manager is called (and recorded) once from the list."""

from __future__ import annotations

from sqlmodel import select
from textual.widgets import DataTable

from deskapp.app import DeskApp
from deskapp.desk import workflow
from deskapp.desk.intake import record_intake
from deskapp.domain.enums import Kind, Severity
from deskapp.domain.intake import Intake
from deskapp.models import Notification
from deskapp.screens.escalation import CallRow, EscalationScreen
from deskapp.screens.night import NightScreen
from tests.chinese_screens import english_words
from tests.conftest import at, settled

NIGHT_DUTY = "Zhao Lei"


def _major_complaint(desk, forwarded_to: str | None = None) -> int:
    desk.clock.set(at("2026-11-23 22:30"))  # a Monday night
    case_id = record_intake(desk, Intake(kind=Kind.complaint, severity=Severity.major, who="Ms Sun",
                                         which="Tower B 12F 1203", what="burst pipe flooding the server room",
                                         received_at=at("2026-11-23 22:20")), by=NIGHT_DUTY).case.id
    if forwarded_to:
        workflow.forward(desk, case_id, forwarded_to, by=NIGHT_DUTY)
    return case_id


def _rows(app) -> list[str]:
    return [str(row.label) for row in app.screen.query(CallRow).results(CallRow)]


def _status(app) -> str:
    return str(app.screen.query_one("#esc-status").render())


def _calls(desk, case_id: int) -> list[Notification]:
    with desk.reading() as session:
        return list(session.exec(select(Notification).where(Notification.case_id == case_id)).all())


async def _open_the_list(pilot) -> None:
    await pilot.press("enter")  # on the night view: the major complaint's managers to call
    await settled(pilot)
    assert isinstance(pilot.app.screen, EscalationScreen)


async def test_a_manager_called_stays_ticked_with_the_time_and_is_not_recorded_twice(desk):
    case_id = _major_complaint(desk)
    app = DeskApp(desk, NIGHT_DUTY)
    async with app.run_test(size=(120, 34)) as pilot:
        await settled(pilot)
        await _open_the_list(pilot)
        assert _rows(app)[0].startswith("☐ to call · Lin Tao · project manager")
        await pilot.press("space")  # Lin Tao called
        await settled(pilot)
        await pilot.press("escape")
        await settled(pilot)
        assert isinstance(app.screen, NightScreen)
        assert str(app.screen.query_one(DataTable).get_row_at(0)[3]) == "☎ 1"
        desk.clock.set(at("2026-11-23 22:45"))
        await _open_the_list(pilot)  # the list again, a quarter of an hour later
        assert _rows(app)[0].startswith("✔ called 22:30 · Lin Tao · project manager")
        assert all(row.startswith("☐ to call · ") for row in _rows(app)[1:])
        assert "Lin Tao" not in str(app.focused.label)  # the cursor waits on the first still to call
        await pilot.press("up")  # back to Lin Tao
        assert "Lin Tao" in str(app.focused.label)
        await pilot.press("space")
        await settled(pilot)
        assert "Lin Tao was already called at 22:30; not recorded again" in _status(app)
        assert _rows(app)[0].startswith("✔ called 22:30 · Lin Tao")
    assert len(_calls(desk, case_id)) == 1


async def test_the_arrow_keys_move_and_space_ticks_only_the_row_under_the_cursor(desk):
    case_id = _major_complaint(desk)
    app = DeskApp(desk, NIGHT_DUTY)
    async with app.run_test(size=(120, 34)) as pilot:
        await settled(pilot)
        await _open_the_list(pilot)
        await pilot.press("down", "down")
        third = app.focused
        await pilot.press("space")
        await settled(pilot)
        ticked = [row for row in _rows(app) if row.startswith("✔ called 22:30 · ")]
        assert ticked == [str(third.label)] and len(_rows(app)) > 3
    [call] = _calls(desk, case_id)
    assert call.staff_id is not None


async def test_the_managers_this_case_needs_come_first(desk):
    _major_complaint(desk, forwarded_to="Engineering")
    app = DeskApp(desk, NIGHT_DUTY)
    async with app.run_test(size=(120, 34)) as pilot:
        await settled(pilot)
        await _open_the_list(pilot)
        rows = _rows(app)
        assert rows[0].startswith("☐ to call · Sun Qiang · department manager · ☎ 13800138011 · Engineering")
        assert rows[1].startswith("☐ to call · Lin Tao · project manager")
        assert len(rows) == 6  # the four other department managers follow, to call if need be


async def test_a_manager_called_from_the_command_line_is_shown_called(desk):
    case_id = _major_complaint(desk)
    workflow.notify(desk, case_id, "Wu Gang", by=NIGHT_DUTY, at=at("2026-11-23 22:25"))
    app = DeskApp(desk, NIGHT_DUTY)
    async with app.run_test(size=(120, 34)) as pilot:
        await settled(pilot)
        assert str(app.screen.query_one(DataTable).get_row_at(0)[3]) == "☎ 1"
        await _open_the_list(pilot)
        assert [row for row in _rows(app) if row.startswith("✔")] == [
            "✔ called 22:25 · Wu Gang · department manager · ☎ 13800138013 · Security"]


async def test_called_and_to_call_read_in_chinese(desk, chinese):
    case_id = _major_complaint(desk)
    app = DeskApp(desk, NIGHT_DUTY)
    async with app.run_test(size=(120, 34)) as pilot:
        await settled(pilot)
        await _open_the_list(pilot)
        assert _rows(app)[0].startswith("☐ 待致电 · Lin Tao · 项目经理")
        await pilot.press("space")
        await settled(pilot)
        await pilot.press("escape")
        await settled(pilot)
        await _open_the_list(pilot)
        await pilot.press("up")
        await pilot.press("space")
        await settled(pilot)
        assert _rows(app)[0].startswith("✔ 22:30 已致电 · Lin Tao · 项目经理")
        assert "Lin Tao 已于 22:30 致电，不再重复登记" in _status(app)
        assert english_words(app, "burst pipe flooding the server room") == []  # the night view behind: the case's what
    assert len(_calls(desk, case_id)) == 1
