"""The coordination work order from the case detail: `t` lists the case's actions with their clocks,
`a` adds one, `d` records the highlighted one done; the case detail and the queue show what changed."""

from __future__ import annotations

from textual.widgets import DataTable, Static

from deskapp.app import DeskApp
from deskapp.desk.coordination import add_action, chase
from deskapp.domain.enums import Severity
from deskapp.screens.case_detail import CaseDetailScreen
from deskapp.screens.coordination import CoordinationScreen
from tests.conftest import at, settled
from tests.helpers import actions_of, open_queue, record, rows

OPERATOR = "Chen Jing"


def _cells(table: DataTable) -> list[list[str]]:
    return [[getattr(cell, "plain", str(cell)) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def test_the_supervisor_adds_an_action_and_records_it_done_from_the_case(desk):
    case_id = record(desk, "2026-11-23 08:50", severity=Severity.major, what="water pouring through the ceiling")
    add_action(desk, case_id, "Sun Qiang", "inspect the flat above", at("2026-11-23 12:00"), by="Chen Jing")
    async with DeskApp(desk, OPERATOR).run_test(size=(140, 50)) as pilot:
        await open_queue(pilot)
        await pilot.press("enter")
        await settled(pilot)
        assert isinstance(pilot.app.screen, CaseDetailScreen)
        await pilot.press("t")
        await settled(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, CoordinationScreen)
        table = screen.query_one(DataTable)
        assert _cells(table)[0][:4] == ["1", "action", "Sun Qiang", "inspect the flat above"]

        await pilot.press("a")
        await settled(pilot)
        modal = pilot.app.screen
        modal.query_one("#ask-what").value = "replace the riser valve"
        modal.query_one("#ask-owner").value = "Xu Ming"
        modal.query_one("#ask-due").value = "yesterday 9"  # before it is set: refused beside the field
        await pilot.press("ctrl+s")
        await settled(pilot)
        assert "is not after" in str(modal.query_one("#error-due", Static).content)
        modal.query_one("#ask-due").value = "2026-11-24 17:00"
        await pilot.press("ctrl+s")
        await settled(pilot)
        assert pilot.app.screen is screen
        assert [r[:3] for r in _cells(table)] == [["1", "action", "Sun Qiang"], ["2", "action", "Xu Ming"]]

        table.move_cursor(row=0)
        await pilot.press("d")
        await settled(pilot)
        pilot.app.screen.query_one("#ask-note").value = "nothing leaking upstairs"
        await pilot.press("ctrl+s")
        await settled(pilot)
        assert "met" in _cells(table)[0][5] and _cells(table)[0][6]
        assert actions_of(desk, case_id)[-2:] == ["action", "action_done"]

        await pilot.press("escape")
        await settled(pilot)
        detail = pilot.app.screen
        assert isinstance(detail, CaseDetailScreen)
        from rich.console import Console

        console = Console(width=200, record=True, color_system=None)
        console.print(detail.query_one("#detail-clocks", Static).content)
        clocks = console.export_text()
        assert clocks.count("action") >= 2 and "set by hand" in clocks


async def test_a_chased_case_carries_its_chases_on_the_queue_line(desk):
    case_id = record(desk, "2026-11-23 08:50", what="water dripping from the ceiling")
    chase(desk, case_id, "Ms Li called again", by="Wang Fang")
    chase(desk, case_id, by="Chen Jing")
    async with DeskApp(desk, OPERATOR).run_test(size=(160, 40)) as pilot:
        screen = await open_queue(pilot)
        assert any("⟳2 water dripping" in cell for cell in rows(screen)[0])


async def test_the_work_order_reads_in_chinese(desk):
    from deskapp.i18n import CHINESE, use_language
    from tests.chinese_screens import english_words, screen_text

    case_id = record(desk, "2026-11-23 08:50", severity=Severity.major, what="天花板漏水")
    add_action(desk, case_id, "孙强", "检查楼上住户", at("2026-11-23 12:00"), by="Chen Jing")
    with use_language(CHINESE):
        app = DeskApp(desk, OPERATOR)
        async with app.run_test(size=(140, 50)) as pilot:
            pilot.app.open_case(case_id)
            await settled(pilot)
            await pilot.press("t")
            await settled(pilot)
            assert isinstance(pilot.app.screen, CoordinationScreen)
            text = screen_text(app)
            assert "内部协调工作单" in text and "检查楼上住户" in text and "协调措施" in text
            assert english_words(app, "Tower B 12F 1203") == []  # the place, as the caller said it
