"""The case detail: every field, every clock with how it was computed, the history, and actions from there."""

from __future__ import annotations

from textual.widgets import Static

from deskapp.app import DeskApp
from deskapp.desk import workflow
from deskapp.i18n import CHINESE, use_language
from deskapp.screens.case_detail import CaseDetailScreen
from tests.conftest import at, settled, until
from tests.helpers import actions_of, open_queue, palette_found, record

OPERATOR = "Liu Yang"


def _plain(widget: Static) -> str:
    from rich.console import Console

    console = Console(width=200, record=True, color_system=None)
    console.print(widget.content)
    return console.export_text()


async def test_enter_opens_the_case_with_its_clocks_explained_and_its_history(desk):
    # A general complaint at 19:30 on Friday is due to be forwarded at 08:20 on Monday.
    case_id = record(desk, "2026-11-20 19:30", who="Ms Li <b>[red]", what="water [bold]dripping[/bold]")
    workflow.forward(desk, case_id, "Engineering", at=at("2026-11-23 08:10"), by="Wang Fang")
    workflow.pause(desk, case_id, "waiting for the tenant to open the unit", at=at("2026-11-23 08:30"))
    workflow.resume(desk, case_id, at=at("2026-11-23 09:00"))
    desk.clock.set(at("2026-11-23 10:00"))
    async with DeskApp(desk, OPERATOR).run_test(size=(140, 50)) as pilot:
        await open_queue(pilot)
        await pilot.press("enter")
        await settled(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, CaseDetailScreen)
        fields = _plain(screen.query_one("#detail-fields", Static))
        assert "Ms Li <b>[red]" in fields and "water [bold]dripping[/bold]" in fields  # shown as typed, not markup
        assert "Engineering" in fields and "(after hours)" in fields
        clocks = _plain(screen.query_one("#detail-clocks", Static))
        assert "forward" in clocks and "met Mon 23 Nov 08:10" in clocks
        assert "20 working minutes from Fri 19:30 → Mon 23 Nov 08:20" in clocks
        assert "24 working hours from Fri 19:30" in clocks and "30 minutes waiting" in clocks
        history = _plain(screen.query_one("#detail-history", Static))
        for action in ("recorded", "forwarded", "waiting on the customer", "resumed"):  # the actions by their labels
            assert action in history
        assert "Wang Fang" in history and "status: received → forwarded" in history

        # An edit from here is a history event too, and shows on return.
        await pilot.press("n")
        await settled(pilot)
        pilot.app.screen.query_one("#ask-text").value = "tenant called again"
        await pilot.press("ctrl+s")
        await settled(pilot)
        assert pilot.app.screen is screen
        assert actions_of(desk, case_id)[-1] == "note"
        assert "tenant called again" in _plain(screen.query_one("#detail-history", Static))

        await pilot.press("escape")
        assert type(pilot.app.screen).__name__ == "QueueScreen"  # back on the queue


async def test_the_palette_goes_to_a_case_by_number_and_offers_its_actions(desk):
    case_id = record(desk, "2026-11-23 08:50")
    async with DeskApp(desk, OPERATOR).run_test(size=(140, 40)) as pilot:
        await open_queue(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"resolve")
        await until(pilot, lambda: palette_found(pilot.app, "resolve"), "the palette to find resolve")
        await pilot.press("enter")
        await settled(pilot)
        assert pilot.app.screen.query_one("#action-title", Static)  # the resolve modal for the selected case
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await pilot.press(*f"go to case {case_id}")
        await until(pilot, lambda: palette_found(pilot.app, f"go to case {case_id}"),
                    f"the palette to offer case {case_id}")
        await pilot.press("enter")
        await settled(pilot)
        assert isinstance(pilot.app.screen, CaseDetailScreen) and pilot.app.screen.case_id == case_id


async def test_a_case_that_does_not_exist_says_so(desk):
    async with DeskApp(desk, OPERATOR).run_test(size=(120, 30)) as pilot:
        pilot.app.open_case(999)
        await settled(pilot)
        assert "there is no case 999" in _plain(pilot.app.screen.query_one("#detail-title", Static))


async def _history_shown(desk) -> str:
    async with DeskApp(desk, OPERATOR).run_test(size=(160, 50)) as pilot:
        await open_queue(pilot)
        await pilot.press("enter")
        await settled(pilot)
        assert isinstance(pilot.app.screen, CaseDetailScreen)
        return " ".join(_plain(pilot.app.screen.query_one("#detail-history", Static)).split())


async def test_a_case_written_by_a_chinese_desk_reads_in_english_and_in_chinese(desk):
    """The same case detail on two desks: each reads the history in its own language, the notes as typed."""
    with use_language(CHINESE):
        case_id = record(desk, "2026-11-23 08:00")
        workflow.forward(desk, case_id, "工程部", person="Xu Ming", note="请带梯子", at=at("2026-11-23 08:10"))
        workflow.notify(desk, case_id, "Sun Qiang", note="已电话告知", at=at("2026-11-23 08:20"))
    english = await _history_shown(desk)
    assert "forwarded to Engineering / Xu Ming: 请带梯子" in english
    assert "called Sun Qiang (department manager, 13800138011): 已电话告知" in english
    assert "status: received → forwarded" in english
    assert "转派" not in english and "工程部" not in english
    with use_language(CHINESE):
        chinese = await _history_shown(desk)
    assert "转派至工程部 / Xu Ming：请带梯子" in chinese
    assert "已致电：Sun Qiang（部门经理，13800138011）：已电话告知" in chinese
    assert "状态：已受理 → 已转派" in chinese
    assert "forwarded to" not in chinese and "Engineering" not in chinese
