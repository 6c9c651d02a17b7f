"""What the app says when it starts: the supervisor is offered to re-time clocks given under rules
that changed since, anyone else is told a supervisor may; a clock falling due in a year the calendar
only estimates is warned of once."""

from __future__ import annotations

from textual.widgets import Static

from deskapp.app import DeskApp
from deskapp.i18n import CHINESE, use_language
from deskapp.screens.home import HomeScreen
from deskapp.screens.retime_dialog import RetimeDialog
from tests.conftest import at, settled
from tests.helpers import actions_of, record
from tests.test_stored_due import due, edited_policy, under


def _warnings(app) -> str:
    box = app.screen.query_one("#desk-warnings", Static)
    return str(box.render()) if box.display else ""


def _told(app, words: str) -> list[str]:
    return [str(n.message) for n in app._notifications if words in str(n.message)]


async def test_chen_jing_starts_on_the_shortened_policy_and_retimes_the_open_clocks(desk):
    case_id = record(desk, "2026-11-23 08:30")
    edited = under(desk, edited_policy(resolve_hours=12))
    async with DeskApp(edited, "Chen Jing").run_test(size=(120, 34)) as pilot:
        await settled(pilot)
        dialog = pilot.app.screen
        assert isinstance(dialog, RetimeDialog)
        title = str(dialog.query_one("#retime-title", Static).render())
        assert "2 open clocks would move under today's rules (1 case)" in title
        moves = str(dialog.query_one("#retime-moves", Static).render())
        assert f"case {case_id} resolve: Wed 25 Nov 10:30 → Tue 24 Nov 09:30" in moves
        await pilot.press("y")
        await settled(pilot)
        assert isinstance(pilot.app.screen, HomeScreen)
        assert _told(pilot.app, "re-timed 2 clocks") and _warnings(pilot.app) == ""
    assert actions_of(desk, case_id)[-1] == "retime"
    assert due(edited, case_id, "resolve") == at("2026-11-24 09:30")


async def test_chen_jing_leaves_the_clocks_and_home_says_they_wait_for_a_supervisor(desk):
    case_id = record(desk, "2026-11-23 08:30")
    edited = under(desk, edited_policy(resolve_hours=12))
    async with DeskApp(edited, "Chen Jing").run_test(size=(120, 34)) as pilot:
        await settled(pilot)
        assert isinstance(pilot.app.screen, RetimeDialog)
        await pilot.press("n")
        await settled(pilot)
        assert isinstance(pilot.app.screen, HomeScreen)
        assert "2 open clocks would move under today's rules" in _warnings(pilot.app)
    assert "retime" not in actions_of(desk, case_id)
    assert due(edited, case_id, "resolve") == at("2026-11-25 10:30")


async def test_wang_fang_is_not_asked_and_reads_that_a_supervisor_may_retime(desk):
    case_id = record(desk, "2026-11-23 08:30")
    async with DeskApp(under(desk, edited_policy(resolve_hours=12)), "Wang Fang").run_test(size=(120, 34)) as pilot:
        await settled(pilot)
        assert isinstance(pilot.app.screen, HomeScreen)
        said = _warnings(pilot.app)
        assert "The policy or calendar has changed: 2 open clocks would move" in said
        assert "until a supervisor re-times them (`deskapp retime --open`)" in said
        assert said.count("\n") == 0
    assert "retime" not in actions_of(desk, case_id)


async def test_a_desk_on_the_rules_its_clocks_were_given_under_asks_nothing(desk):
    record(desk, "2026-11-23 08:30")
    async with DeskApp(desk, "Chen Jing").run_test(size=(120, 34)) as pilot:
        await settled(pilot)
        assert isinstance(pilot.app.screen, HomeScreen) and _warnings(pilot.app) == ""


async def test_a_case_open_on_30_december_due_in_2027_is_warned_of_once(desk):
    desk.clock.set(at("2026-12-30 17:00"))
    record(desk, "2026-12-30 17:00")  # 24 working hours: due in January 2027, a year only estimated
    async with DeskApp(desk, "Wang Fang").run_test(size=(120, 34)) as pilot:
        await settled(pilot)
        [said] = _told(pilot.app, "2027")
        assert said.startswith("Open clocks fall due in 2027, which the calendar only estimates")
        assert "`deskapp calendar 2027`" in said
        pilot.app.screen.action_refresh()  # the half-minute refresh finds it again: not said again
        await settled(pilot)
        assert len(_told(pilot.app, "2027")) == 1
        assert _warnings(pilot.app) == ""  # a toast, not a line that stays


async def test_clocks_due_in_an_officially_noticed_year_are_not_warned_of(desk):
    record(desk, "2026-11-23 08:30")
    async with DeskApp(desk, "Wang Fang").run_test(size=(120, 34)) as pilot:
        await settled(pilot)
        assert _told(pilot.app, "only estimates") == []


async def test_the_chinese_desk_asks_the_supervisor_in_chinese(desk):
    record(desk, "2026-11-23 08:30")
    with use_language(CHINESE):
        async with DeskApp(under(desk, edited_policy(resolve_hours=12)), "Chen Jing").run_test(size=(120, 34)) as pilot:
            await settled(pilot)
            dialog = pilot.app.screen
            assert isinstance(dialog, RetimeDialog)
            assert "时限规则或日历已更改：按现行规则有2个未结时限会变动" in str(dialog.query_one("#retime-title").render())
            assert "Enter 或 y 重新计时 · n 或 Esc 保留原截止时间" in str(dialog.query_one("#retime-keys").render())
            await pilot.press("escape")
            await settled(pilot)
            assert "在主管重新计时之前，它们保留原截止时间" in _warnings(pilot.app)
