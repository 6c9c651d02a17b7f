"""The history as the desk sees it: every case, newest first; scroll, page, jump, search, open."""

from __future__ import annotations

import sqlite3

import pytest
from textual.widgets import Input, Static

from deskapp.app import DeskApp
from deskapp.domain.enums import Kind
from deskapp.generate.bulk import fill_bulk
from deskapp.screens.case_detail import CaseDetailScreen
from deskapp.screens.history import HistoryScreen
from deskapp.store import db
from deskapp.widgets.case_table import CaseTable
from deskapp.words.deadline import LOOKS
from tests.conftest import settled, until

OPERATOR = "Liu Yang"
CASES = 400


@pytest.fixture
def filled(desk):
    fill_bulk(desk, CASES, open_cases=30, pending_callbacks=10, seed=5)
    with desk.transaction() as session:
        session.connection().exec_driver_sql("UPDATE cases SET who = '王小明', what = '电梯门关不上' WHERE id IN (7, 250)")
    return desk


def newest_first(desk) -> list[int]:
    with sqlite3.connect(db.sqlite_path(str(desk.engine.url))) as c:
        return [r[0] for r in c.execute("SELECT id FROM cases ORDER BY received_at DESC, id DESC")]


async def open_history(pilot) -> HistoryScreen:
    screen = HistoryScreen(pilot.app.desk, OPERATOR)
    pilot.app.push_screen(screen)
    await settled(pilot)
    return screen


def shown(screen) -> list[int]:
    """The case numbers on screen, read from the lines drawn."""
    table = screen.query_one("#history", CaseTable)
    numbers = []
    for y in range(1, table.size.height):
        text = table.render_line(y).text.split()
        if text and text[0].isdigit():
            numbers.append(int(text[0]))
    return numbers


def count(screen) -> str:
    return str(screen.query_one("#history-count", Static).render())


async def test_the_newest_cases_first_then_scroll_and_page(filled):
    expected = newest_first(filled)
    async with DeskApp(filled, OPERATOR).run_test(size=(150, 30)) as pilot:
        screen = await open_history(pilot)
        table = screen.table
        assert f"{CASES} cases recorded" in count(screen)
        on_screen = shown(screen)
        assert on_screen == expected[: len(on_screen)] and len(on_screen) > 15
        await pilot.press("down", "down")
        assert table.cursor_key == expected[2]
        await pilot.press("pagedown")
        await pilot.pause()
        page = table.size.height - 1
        assert table.cursor_key == expected[2 + page]
        assert shown(screen)[-1] == expected[2 + page]
        table.scroll_to(y=200, animate=False)
        await pilot.pause()
        assert shown(screen)[0] == expected[200]


async def test_open_cases_show_the_queue_s_symbols_and_closed_ones_none(filled):
    async with DeskApp(filled, OPERATOR).run_test(size=(150, 30)) as pilot:
        screen = await open_history(pilot)
        table = screen.table
        clocks = [table.get_row_at(i)[2].plain for i in range(25)]
        assert any(c[0] in {shown.symbol for shown in LOOKS.values()} for c in clocks)
        assert table.get_row_at(CASES - 1)[2].plain.startswith("– no clock")
        styled = [table.get_row_at(i)[2] for i in range(25) if table.get_row_at(i)[2].plain[0] == "✖"]
        assert all(str(cell.style) == "deadline--overdue" for cell in styled)  # the theme's overdue (app.tcss)


async def test_end_and_home_jump_over_every_case(filled):
    expected = newest_first(filled)
    async with DeskApp(filled, OPERATOR).run_test(size=(150, 30)) as pilot:
        screen = await open_history(pilot)
        await pilot.press("end")
        await pilot.pause()
        assert screen.table.cursor_key == expected[-1]
        assert shown(screen)[-1] == expected[-1]
        await pilot.press("home")
        await pilot.pause()
        assert shown(screen)[0] == expected[0]


async def test_jump_to_a_date(filled):
    expected = newest_first(filled)
    async with DeskApp(filled, OPERATOR).run_test(size=(150, 30)) as pilot:
        screen = await open_history(pilot)
        target = screen.source.row(expected[150]).case.received_at.astimezone(filled.calendar.tz)
        await pilot.press("g")
        await pilot.press(*"not a date", "enter")
        assert "YYYY-MM-DD" in str(screen.query_one("#history-date-error", Static).render())
        screen.query_one("#history-date", Input).value = f"{target:%Y-%m-%d}"
        await pilot.press("enter")
        await pilot.pause()
        key = screen.table.cursor_key
        day = screen.source.row(key).case.received_at.astimezone(filled.calendar.tz).date()
        assert day == target.date()
        assert shown(screen)[0] == key
        index = expected.index(key)
        assert index == 0 or screen.source.row(expected[index - 1]).case.received_at.astimezone(filled.calendar.tz).date() > day


async def test_search_as_you_type_shows_matches_and_their_count(filled):
    async with DeskApp(filled, OPERATOR).run_test(size=(150, 30)) as pilot:
        screen = await open_history(pilot)
        await pilot.press("slash", *"电梯门")
        assert "电梯门" not in count(screen)  # the search waits for a pause in the typing
        await until(pilot, lambda: "电梯门" in count(screen), "the search to run once the typing pauses")
        await settled(pilot)
        assert "2 matches for '电梯门'" in count(screen)
        assert sorted(shown(screen)) == [7, 250]
        await pilot.press("enter")  # back to the table
        await pilot.press("k")  # a filter on top of the search
        await settled(pilot)
        assert f"filters: {list(Kind)[0].value}" in str(screen.query_one("#history-filters", Static).render())
        await pilot.press("c")
        await settled(pilot)
        assert f"{CASES} cases recorded" in count(screen)


async def test_enter_opens_the_case(filled):
    expected = newest_first(filled)
    async with DeskApp(filled, OPERATOR).run_test(size=(150, 30)) as pilot:
        await open_history(pilot)
        await pilot.press("down", "enter")
        await settled(pilot)
        assert isinstance(pilot.app.screen, CaseDetailScreen)
        assert pilot.app.screen.case_id == expected[1]
