"""The callback list as the desk works it: grouped, coloured, and every attempt recorded."""

from __future__ import annotations

from sqlmodel import Session, col, select

from deskapp.app import DeskApp
from deskapp.domain.enums import AttemptResult, ClockState, Satisfaction, Status
from deskapp.models import CallbackAttempt, Case, HistoryEvent
from deskapp.reads.callback_list import Due, pending_callbacks
from deskapp.reads.queries import case_detail
from deskapp.screens.callbacks import CallbacksScreen
from tests.callback_cases import four_callbacks
from tests.conftest import at, settled


def test_the_list_groups_callbacks_by_when_they_fall_due(desk):
    ids = four_callbacks(desk)
    items = pending_callbacks(desk)
    assert [(i.case.id, i.group) for i in items] == [
        (ids["overdue"], Due.overdue), (ids["today"], Due.today), (ids["tomorrow"], Due.tomorrow),
        (ids["later"], Due.later)]
    today = items[1]
    assert [str(c) for c in today.callers] == ["department manager: Sun Qiang", "project manager: Lin Tao"]
    assert items[2].callers[0].name == "Zhou Min"  # Housekeeping's manager
    assert today.resolved_by == "Xu Ming"
    desk.clock.set(at("2026-11-24 09:00"))
    assert [i.group for i in pending_callbacks(desk)] == [Due.overdue, Due.overdue, Due.overdue, Due.tomorrow]


def test_filters_mine_method_kind(desk):
    ids = four_callbacks(desk)
    assert [i.case.id for i in pending_callbacks(desk, caller="Zhou Min")] == [ids["tomorrow"]]
    assert [i.case.id for i in pending_callbacks(desk, caller="lin tao")] == [ids["today"]]
    from deskapp.domain.enums import CallbackMethod, Kind

    assert [i.case.id for i in pending_callbacks(desk, method=CallbackMethod.on_site)] == [ids["today"]]
    assert [i.case.id for i in pending_callbacks(desk, kind=Kind.repair)] == [ids["later"]]


def _screen_app(desk, operator="Wang Fang", tmp_path=None):
    app = DeskApp(desk, operator)

    async def open_list(pilot):
        app.push_screen(CallbacksScreen(desk, operator, export_dir=tmp_path))
        await settled(pilot)

    return app, open_list


def _rows(app):
    from textual.widgets import DataTable

    table = app.screen.query_one(DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


def _attempts(desk):
    with Session(desk.engine) as s:
        return list(s.exec(select(CallbackAttempt).order_by(col(CallbackAttempt.id))))


async def test_screen_shows_each_group_with_its_symbol_in_order(desk):
    ids = four_callbacks(desk)
    app, open_list = _screen_app(desk)
    async with app.run_test(size=(140, 30)) as pilot:
        await open_list(pilot)
        rows = _rows(app)
        assert [r[1] for r in rows] == [str(ids[k]) for k in ("overdue", "today", "tomorrow", "later")]
        assert [r[0] for r in rows] == ["✖ overdue", "▲ due today", "● due tomorrow", "● later"]
        assert rows[1][4] == "Sun Qiang, Lin Tao" and rows[1][5] == "on-site visit"  # the method by its label
        counts = str(app.screen.query_one("#callbacks-counts").render())
        assert counts.startswith("1 overdue · 1 due today · 1 due tomorrow · 1 later")


async def test_no_answer_is_recorded_from_the_keyboard_and_three_failures_flag_the_case(desk):
    ids = four_callbacks(desk)
    app, open_list = _screen_app(desk)
    async with app.run_test(size=(140, 40)) as pilot:
        await open_list(pilot)
        for attempt in range(3):
            await pilot.press("enter")  # the overdue callback is first
            await pilot.pause()
            await pilot.press("down", "enter", "ctrl+s")  # "No answer", save
            await settled(pilot)
        assert [a.result for a in _attempts(desk)] == [AttemptResult.no_answer] * 3
        assert _rows(app)[0][6] == "3 no answer; next Mon 11:00"  # a failed try says when the next is
    with Session(desk.engine) as s:
        assert s.get(Case, ids["overdue"]).flagged == "callback failed 3 times"
        actions = s.exec(select(HistoryEvent.action).where(HistoryEvent.case_id == ids["overdue"])).all()
    assert actions.count("callback") == 3


async def test_saving_without_an_answer_says_what_is_missing_and_writes_nothing(desk):
    four_callbacks(desk)
    app, open_list = _screen_app(desk)
    async with app.run_test(size=(140, 40)) as pilot:
        await open_list(pilot)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settled(pilot)
        assert "choose how the call went" in str(app.screen.query_one("#error").render())
        await pilot.press("down", "down", "down", "down", "enter")  # "Asked to be called later"
        await pilot.press("tab")
        await pilot.press(*"soon")
        await pilot.press("ctrl+s")
        await settled(pilot)
        assert "when to call again" in str(app.screen.query_one("#error").render())
        assert app.screen.query_one("#later").value == "soon"  # what was typed is kept
        await pilot.press("escape")
    assert _attempts(desk) == []


async def test_not_satisfied_reopens_the_case_with_a_fresh_resolve_clock(desk):
    ids = four_callbacks(desk)
    app, open_list = _screen_app(desk, operator="Huang Li")
    async with app.run_test(size=(140, 40)) as pilot:
        await open_list(pilot)
        await pilot.press("down", "down")  # the Housekeeping complaint due tomorrow
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("enter")  # "Reached the customer"
        await pilot.press("tab", "down", "down", "enter")  # "Not satisfied"
        await pilot.press("tab")
        await pilot.press(*"still dirty: deep clean tonight")
        await pilot.press("ctrl+s")
        await settled(pilot)
        assert [r[1] for r in _rows(app)] == [str(ids["overdue"]), str(ids["today"]), str(ids["later"])]
    view = case_detail(desk, ids["tomorrow"]).view
    assert view.case.status is Status.in_progress and view.case.reopen_count == 1
    resolve = next(c for c in view.clocks if c.name.value == "resolve")
    assert resolve.start == at("2026-11-23 09:00") and resolve.state is ClockState.on_time
    assert _attempts(desk)[0].satisfaction is Satisfaction.unsatisfied


async def test_an_on_site_callback_needs_the_signature_answer(desk):
    ids = four_callbacks(desk)
    app, open_list = _screen_app(desk, operator="Lin Tao")
    async with app.run_test(size=(140, 44)) as pilot:
        await open_list(pilot)
        await pilot.press("m")  # only the project manager's own callbacks
        await settled(pilot)
        assert [r[1] for r in _rows(app)] == [str(ids["today"])]
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("enter", "tab", "enter")  # reached, satisfied
        await pilot.press("ctrl+s")
        await settled(pilot)
        assert "signed the record" in str(app.screen.query_one("#error").render())
        assert _attempts(desk) == []
        await pilot.press("tab", "enter", "ctrl+s")  # signed
        await settled(pilot)
    [attempt] = _attempts(desk)
    assert attempt.signed is True and attempt.satisfaction is Satisfaction.satisfied
    assert case_detail(desk, ids["today"]).view.case.status is Status.closed


async def test_export_writes_the_printable_list(desk, tmp_path):
    four_callbacks(desk)
    app, open_list = _screen_app(desk, tmp_path=tmp_path)
    async with app.run_test(size=(140, 30)) as pilot:
        await open_list(pilot)
        await pilot.press("e")
        await pilot.pause()
    [written] = list(tmp_path.glob("callbacks-*.md"))
    text = written.read_text()
    assert "| case | due | group | name | unit | phone |" in text
    assert "Ms Li" in text and "| 13800138000 |" in text


async def test_the_attempt_choices_are_there_after_the_intake_screen_was_opened(desk):
    """Once opened, a screen's stylesheet applies app-wide: intake's must not hide this dialog's parts."""
    from textual.widgets import RadioSet

    four_callbacks(desk)
    app = DeskApp(desk, "Wang Fang")
    async with app.run_test(size=(140, 40)) as pilot:
        await settled(pilot)
        await pilot.press("f2")
        await settled(pilot)
        await pilot.press("f4")
        await settled(pilot)
        await pilot.press("enter")
        await settled(pilot)
        choices = app.screen.query_one("#attempt-result", RadioSet)
        assert choices.display and choices.region.height >= 5


async def test_every_column_is_as_wide_as_its_widest_cell_in_either_language(desk):
    """Set with the rows: a kept screen shown again used to keep columns as narrow as the headings."""
    from textual.widgets import DataTable

    from deskapp.i18n import CHINESE, use_language
    from deskapp.words.widths import cells

    four_callbacks(desk)
    for language in ("en", CHINESE):
        with use_language(language):
            app, open_list = _screen_app(desk)
            async with app.run_test(size=(160, 30)) as pilot:
                await open_list(pilot)
                table = app.screen.query_one(DataTable)
                assert table.row_count == 4
                for column in table.ordered_columns:
                    widest = max(cells(str(table.get_cell(row, column.key))) for row in table.rows)
                    assert column.width >= widest, (language, str(column.label))
