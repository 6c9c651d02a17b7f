"""The history's rows: every case, newest first, read a page at a time, filtered and searched."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

import pytest

from deskapp.domain.enums import Kind, Status
from deskapp.generate.bulk import fill_bulk
from deskapp.reads.history_source import PAGE, HistoryFilter, HistorySource
from deskapp.store import db

CASES = 450


@pytest.fixture
def filled(desk):
    fill_bulk(desk, CASES, open_cases=40, pending_callbacks=20, seed=3)
    with desk.transaction() as session:  # a few cases told in Chinese, as the desk records them
        connection = session.connection()
        connection.exec_driver_sql("UPDATE cases SET who = '王小明', what = '电梯门关不上' WHERE id IN (10, 200, 420)")
        connection.exec_driver_sql("UPDATE cases SET what = '空调漏水' WHERE id = 300")
    return desk


def every_id_newest_first(desk, where: str = "1") -> list[int]:
    path = db.sqlite_path(str(desk.engine.url))
    with sqlite3.connect(path) as c:
        return [r[0] for r in c.execute(f"SELECT id FROM cases WHERE {where} ORDER BY received_at DESC, id DESC")]


def test_every_case_newest_first_in_any_order_of_reading(filled):
    expected = every_id_newest_first(filled)
    source = HistorySource(filled)
    assert source.row_count() == CASES
    assert source.keys(0, 30) == expected[:30]
    # Jump to the end first (read from the oldest side), then the middle, then page up from the end.
    assert source.keys(CASES - 25, CASES + 10) == expected[-25:]
    assert source.keys(217, 263) == expected[217:263]
    assert source.keys(CASES - 2 * PAGE - 7, CASES - PAGE) == expected[CASES - 2 * PAGE - 7 : CASES - PAGE]
    # And page by page from the top, by keyset from the page before.
    fresh = HistorySource(filled)
    walked = [key for start in range(0, CASES, 37) for key in fresh.keys(start, start + 37)]
    assert walked == expected


def test_paging_down_reads_one_page_at_a_time_and_keeps_what_it_read(filled):
    source = HistorySource(filled)
    source.keys(0, 30)
    assert source.queries == 1
    source.keys(90, 130)  # across into the second page
    assert source.queries == 2
    source.keys(0, 30)
    assert source.queries == 2


def test_the_rows_know_their_case_and_where_they_are(filled):
    source = HistorySource(filled, cells=lambda row: [str(row.case.id), row.case.status.value])
    first = source.keys(0, 1)[0]
    assert source.cells(first)[0] == str(first)
    assert source.index_of(first) == 0
    assert source.index_of(-5) is None
    newest = [source.row(i) for i in source.keys(0, 40)]
    assert all(row.case.status.is_open for row in newest)
    assert any(row.next is not None for row in newest)  # open cases have running clocks
    oldest = source.row(source.keys(CASES - 1, CASES)[0])
    assert oldest.case.status is Status.closed and oldest.next is None


def test_filters_narrow_the_rows_and_the_count(filled):
    expected = every_id_newest_first(filled, "kind = 'complaint'")
    source = HistorySource(filled, HistoryFilter(kind=Kind.complaint))
    assert source.row_count() == len(expected) > 0
    assert source.keys(0, len(expected)) == expected
    closed = HistorySource(filled, HistoryFilter(status=Status.closed))
    assert closed.row_count() == CASES - 40 - 20


def test_a_date_range_and_the_jump_to_a_date(filled):
    source = HistorySource(filled)
    ids = source.keys(0, CASES)
    middle = source.row(ids[200]).case.received_at
    # Jump to the date: the row of the newest case received at or before that moment.
    assert source.index_at(middle) == 200
    recent = HistorySource(filled, HistoryFilter(since=middle))
    assert recent.row_count() == 201 and recent.keys(0, 300) == ids[:201]
    week = HistorySource(filled, HistoryFilter(since=middle - timedelta(days=7), until=middle))
    assert all(middle - timedelta(days=7) <= week.row(i).case.received_at < middle for i in week.keys(0, 500))


def test_search_finds_a_phone_a_name_and_a_chinese_phrase_with_their_count(filled):
    source = HistorySource(filled)
    some = source.row(source.keys(123, 124)[0]).case
    by_phone = HistorySource(filled, HistoryFilter(text=some.phone))
    assert some.id in by_phone.keys(0, 50) and by_phone.row_count() >= 1
    chinese = HistorySource(filled, HistoryFilter(text="电梯门"))
    assert chinese.row_count() == 3 and chinese.keys(0, 10) == [i for i in every_id_newest_first(filled) if i in (10, 200, 420)]
    short = HistorySource(filled, HistoryFilter(text="漏水"))  # two characters: shorter than a trigram
    assert short.keys(0, 10) == [300]
    name = HistorySource(filled, HistoryFilter(text="王小明 电梯"))
    assert name.row_count() == 3
    nothing = HistorySource(filled, HistoryFilter(text="no such thing anywhere"))
    assert nothing.row_count() == 0 and nothing.keys(0, 10) == []


def test_search_and_filters_together(filled):
    words = HistorySource(filled, HistoryFilter(text="电梯门", status=Status.closed))
    assert set(words.keys(0, 10)) <= {10, 200, 420}
    assert words.row_count() == len(every_id_newest_first(filled, "id IN (10, 200, 420) AND status = 'closed'"))
