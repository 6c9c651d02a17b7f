"""The history over 200,000 cases, as the desk uses it: F7, page down, the scrollbar, end and home, a
jump to a date, a search by phone, by name, in Chinese and in free text. Every time, the case numbers
on screen are the ones the database itself gives for that place in the list, newest first.

The database is made once for the session (tests/scale_db.py); these tests only read it.
"""

from __future__ import annotations

import json
import re
import sqlite3
from contextlib import closing
from datetime import UTC, datetime, time, timedelta

import pytest
from sqlmodel import col, select
from textual.widgets import Input, Static

from deskapp.app import DeskApp
from deskapp.desk.history import event_hash
from deskapp.generate.bulk import fill_bulk
from deskapp.models import Case, HistoryEvent
from deskapp.reads.search import FIELDS
from deskapp.screens.history import HistoryScreen
from deskapp.upkeep.check import check
from deskapp.widgets.case_table import CaseTable
from tests.conftest import settled
from tests.scale_db import CASES, CHINESE_EVERY, CHINESE_WHO, scale_db, scale_desk  # noqa: F401 (fixtures)

# Minutes of building 200,000 cases: `pytest -m "not slow"` leaves these out while working on the rest.
pytestmark = pytest.mark.slow

OPERATOR = "Liu Yang"
SIZE = (150, 30)


# ---- what the database says ------------------------------------------------------------------------

def ids(path, where: str = "1", args: tuple = ()) -> list[int]:
    with closing(sqlite3.connect(path)) as c:
        return [r[0] for r in c.execute(f"SELECT id FROM cases WHERE {where} ORDER BY received_at DESC, id DESC", args)]


def holding(path, text: str) -> list[int]:
    """Cases whose searched fields hold every word of `text`, in any case: what the search promises,
    asked of the fields themselves rather than of the search index."""
    fields = " || ' ' || ".join(f'"{f}"' for f in FIELDS)
    words = text.lower().split()
    return ids(path, " AND ".join(f"instr(lower({fields}), ?) > 0" for _ in words), tuple(words))


@pytest.fixture(scope="module")
def newest_first(scale_db) -> list[int]:
    return ids(scale_db)


# ---- what the screen shows ---------------------------------------------------------------------------

async def open_history(pilot) -> HistoryScreen:
    await pilot.press("f7")
    await settled(pilot)
    assert isinstance(pilot.app.screen, HistoryScreen)
    return pilot.app.screen


async def search(pilot, screen: HistoryScreen, text: str) -> None:
    """As a number or a name pasted into the search: one search, not one a keystroke (typing is
    tests/test_history_screen.py's); Enter goes back to the table."""
    await pilot.press("slash")
    screen.query_one("#history-search", Input).value = text
    await pilot.press("enter")
    await settled(pilot)


def shown(screen: HistoryScreen) -> list[int]:
    """The case numbers on screen, read from the lines drawn (the first is the heading)."""
    table = screen.query_one("#history", CaseTable)
    numbers = []
    for y in range(1, table.size.height):
        words = table.render_line(y).text.split()
        if words and words[0].isdigit():
            numbers.append(int(words[0]))
    return numbers


def top(screen: HistoryScreen) -> int:
    return int(screen.table.scroll_offset.y)


def counted(screen: HistoryScreen) -> int:
    """The number the count line leads with ('200,000 cases recorded', '12 matches for ...')."""
    text = str(screen.query_one("#history-count", Static).render())
    return int(re.search(r"[\d,]+", text).group().replace(",", ""))


def rows_match(screen: HistoryScreen, expected: list[int]) -> None:
    on_screen = shown(screen)
    assert len(on_screen) > 15
    assert on_screen == expected[top(screen): top(screen) + len(on_screen)]


# ---- scrolling ---------------------------------------------------------------------------------------

async def test_f7_opens_on_the_newest_of_200000_cases_and_pages_down(scale_desk, newest_first):
    async with DeskApp(scale_desk, OPERATOR).run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        table = screen.table
        assert counted(screen) == CASES
        assert top(screen) == 0
        rows_match(screen, newest_first)
        for _ in range(3):
            before, page = table.cursor_row, len(shown(screen))
            await pilot.press("pagedown")
            await pilot.pause()
            assert table.cursor_row - before >= page - 2  # a screenful further down
            assert table.cursor_key == newest_first[table.cursor_row]
            rows_match(screen, newest_first)


async def test_the_scrollbar_reaches_any_case_of_the_years(scale_desk, newest_first):
    async with DeskApp(scale_desk, OPERATOR).run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        for y in (123_456, 7_890, CASES - 100):
            screen.table.scroll_to(y=y, animate=False)
            await pilot.pause()
            assert top(screen) == y
            rows_match(screen, newest_first)


async def test_end_goes_to_the_first_case_ever_and_home_comes_back(scale_desk, newest_first):
    async with DeskApp(scale_desk, OPERATOR).run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        await pilot.press("end")
        await pilot.pause()
        assert screen.table.cursor_key == newest_first[-1] == min(newest_first)
        assert shown(screen)[-1] == newest_first[-1]
        rows_match(screen, newest_first)
        await pilot.press("home")
        await pilot.pause()
        assert screen.table.cursor_key == newest_first[0]
        rows_match(screen, newest_first)


async def test_a_date_years_back_puts_that_day_s_newest_case_at_the_top(scale_desk, scale_db, newest_first):
    tz = scale_desk.calendar.tz
    with closing(sqlite3.connect(scale_db)) as c:
        received, = c.execute("SELECT received_at FROM cases WHERE id = ?", (newest_first[CASES // 2],)).fetchone()
    day = datetime.fromisoformat(received).replace(tzinfo=UTC).astimezone(tz).date()
    day_ends = datetime.combine(day + timedelta(days=1), time(), tz).astimezone(UTC)
    later = ids(scale_db, "received_at >= ?", (f"{day_ends:%Y-%m-%d %H:%M:%S.%f}",))
    async with DeskApp(scale_desk, OPERATOR).run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        await pilot.press("g", *f"{day:%Y-%m-%d}", "enter")
        await pilot.pause()
        assert screen.table.cursor_key == newest_first[len(later)]
        assert shown(screen)[0] == newest_first[len(later)]
        rows_match(screen, newest_first)
        newest_that_day = screen.source.row(screen.table.cursor_key).case
        assert newest_that_day.received_at.astimezone(tz).date() == day


# ---- searching ---------------------------------------------------------------------------------------

async def test_a_phone_number_finds_its_caller(scale_desk, scale_db, newest_first):
    with closing(sqlite3.connect(scale_db)) as c:
        phone, = c.execute("SELECT phone FROM cases WHERE id = ?", (newest_first[77_777],)).fetchone()
    expected = holding(scale_db, phone)
    async with DeskApp(scale_desk, OPERATOR).run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        await search(pilot, screen, phone)
        assert newest_first[77_777] in expected
        assert counted(screen) == len(expected)
        assert shown(screen) == expected


async def test_a_surname_counts_every_case_and_reaches_the_oldest(scale_desk, scale_db):
    expected = holding(scale_db, "zhang")
    async with DeskApp(scale_desk, OPERATOR).run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        await search(pilot, screen, "Zhang")
        assert 5_000 < counted(screen) == len(expected)
        rows_match(screen, expected)
        await pilot.press("end")
        await pilot.pause()
        assert screen.table.cursor_key == expected[-1]
        rows_match(screen, expected)


async def test_a_chinese_phrase_and_a_two_character_name(scale_desk, scale_db):
    told_in_chinese = ids(scale_db, "id % ? = 7", (CHINESE_EVERY,))
    assert len(told_in_chinese) == CASES // CHINESE_EVERY
    async with DeskApp(scale_desk, OPERATOR).run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        await search(pilot, screen, "电梯门")  # three characters and more: the trigram index
        assert counted(screen) == len(told_in_chinese)
        assert shown(screen) == told_in_chinese == holding(scale_db, "电梯门")
        assert CHINESE_WHO in screen.table.render_line(1).text
        await search(pilot, screen, "小明")  # two: shorter than a trigram, the fields are read
        assert shown(screen) == told_in_chinese


async def test_free_text_of_two_words_finds_the_cases_holding_both(scale_desk, scale_db):
    expected = holding(scale_db, "ceiling pantry")
    async with DeskApp(scale_desk, OPERATOR).run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        await search(pilot, screen, "ceiling pantry")
        assert counted(screen) == len(expected) > 1_000
        rows_match(screen, expected)


# ---- the generated records -------------------------------------------------------------------------

def test_the_generated_histories_chain_as_the_services_write_them(scale_desk, newest_first):
    sample = newest_first[::997]  # some of every age and stage, open ones first
    with scale_desk.reading() as session:
        versions = dict(session.exec(select(Case.id, Case.version).where(col(Case.id).in_(sample))).all())
        events = session.exec(select(HistoryEvent).where(col(HistoryEvent.case_id).in_(sample))
                              .order_by(col(HistoryEvent.id))).all()
    previous: dict[int, str] = {}
    previous_seq: dict[int, int] = {}
    for e in events:
        assert e.prev_hash == previous.get(e.case_id, "")
        assert e.seq == previous_seq.get(e.case_id, 0) + 1
        assert e.hash == event_hash(e)
        assert e.changes == json.dumps(json.loads(e.changes), ensure_ascii=False, sort_keys=True)
        assert e.details == json.dumps(json.loads(e.details), ensure_ascii=False, sort_keys=True)
        previous[e.case_id], previous_seq[e.case_id] = e.hash, e.seq
    assert {case_id: sum(e.case_id == case_id for e in events) for case_id in sample} == versions


def test_a_generated_desk_passes_the_desks_own_check(desk):
    fill_bulk(desk, 3_000, open_cases=200, pending_callbacks=50, seed=4)
    report = check(desk)
    assert report.ok, report.history[:3] + report.database[:3]
    assert report.cases == 3_000
