"""Narrow terminals: the intake says its panels are hidden, the read-back fits 80x24 with its keys on
screen, the statistics' targets keep their labels on one line at 120 columns, and the callback list
shows the customer and their phone at 80."""

from __future__ import annotations

from textual.widgets import DataTable, Input

from deskapp.app import DeskApp
from deskapp.desk.intake import record_intake
from deskapp.domain.enums import Kind, Severity
from deskapp.domain.intake import Intake
from deskapp.i18n import CHINESE, use_language
from deskapp.screens.callbacks import CallbacksScreen
from deskapp.screens.readback import ReadBackScreen
from tests.callback_cases import four_callbacks
from tests.conftest import at, settled, until
from tests.helpers import open_intake, open_statistics, statistics_text, text_of
from tests.report_cases import november

OPERATOR = "Wang Fang"


async def test_a_narrow_intake_says_its_panels_are_hidden_and_which_keys_show_them(desk):
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_intake(pilot)
        hint = screen.query_one("#narrow-hint")
        assert hint.display and hint.region.height == 1 and hint.region.right <= 80
        assert text_of(app, "#narrow-hint") == "Panels hidden: ctrl+r caller's cases · ctrl+f scripts, notices · Esc back"
        assert not screen.query_one("#side").display
    async with DeskApp(desk, OPERATOR).run_test(size=(140, 40)) as pilot:
        screen = await open_intake(pilot)
        assert not screen.query_one("#narrow-hint").display and screen.query_one("#side").display


def _open_complaint(desk) -> int:
    return record_intake(desk, Intake(kind=Kind.complaint, severity=Severity.general, who="Ms Li", phone="13800138000",
                                      which="Tower B 12F 1203", category="water leak", what="water dripping",
                                      received_at=at("2026-11-23 08:40"))).case.id


async def test_a_repeat_caller_is_said_on_the_narrow_hint_and_in_the_read_back(desk):
    old = _open_complaint(desk)
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_intake(pilot)
        screen.query_one("#f-who", Input).value = "Ms Li"
        screen.query_one("#f-phone", Input).value = "13800138000"
        await until(pilot, lambda: "open case" in text_of(app, "#narrow-hint"), "the caller to be looked up")
        assert text_of(app, "#narrow-hint") == f"⚠ this caller has 1 open case (#{old}): ctrl+r to see it"
        assert not screen.query_one("#side").display  # the panel stays hidden: the hint says it instead
        screen.query_one("#f-which", Input).value = "Tower B 12F 1203"
        screen.query_one("#f-what", Input).value = "still dripping"
        await settled(pilot)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, ReadBackScreen), "the read-back")
        assert text_of(app, "#readback-body").startswith(f"⚠ The caller already has open case #{old}: Esc, then ctrl+r")
        await pilot.press("escape")
        await settled(pilot)
        screen.query_one("#f-phone", Input).value = ""  # nobody to look up: the hint is the keys again
        screen.query_one("#f-which", Input).value = ""
        await until(pilot, lambda: "Panels hidden" in text_of(app, "#narrow-hint"), "the hint to go back")


async def test_the_chinese_narrow_hint_says_the_callers_open_case(desk):
    old = _open_complaint(desk)
    with use_language(CHINESE):
        app = DeskApp(desk, OPERATOR)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_intake(pilot)
            screen.query_one("#f-phone", Input).value = "13800138000"
            await until(pilot, lambda: f"#{old}" in text_of(app, "#narrow-hint"), "the caller to be looked up")
            assert text_of(app, "#narrow-hint") == f"⚠ 此来电人有1张未结工单（#{old}）：按 ctrl+r 查看"


async def test_the_read_back_of_a_long_call_fits_80x24_and_keeps_its_keys_in_sight(desk):
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_intake(pilot)
        screen.query_one("#f-who", Input).value = "Ms Li"
        screen.query_one("#f-phone", Input).value = "13800138000"
        screen.query_one("#f-which", Input).value = "Tower B 12F 1203"
        screen.query_one("#f-what", Input).value = "water coming through the ceiling " * 30
        screen.query_one("#f-why", Input).value = "the pipe upstairs " * 10
        await settled(pilot)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, ReadBackScreen), "the read-back")
        await settled(pilot)
        dialog, keys = app.screen.query_one("ReadBackScreen > Vertical"), app.screen.query_one("#readback-keys")
        assert dialog.region.x >= 0 and dialog.region.right <= 80
        assert keys.region.height == 1 and 0 < keys.region.bottom <= 23  # above the footer's line
        assert "Enter: confirm and save" in text_of(app, "#readback-keys")
        scroll = app.screen.query_one("#readback-scroll")
        assert scroll.max_scroll_y > 0  # the rest is a scroll away
        scroll.scroll_end(animate=False)
        await settled(pilot)
        assert scroll.scroll_y == scroll.max_scroll_y


async def test_the_targets_keep_each_label_on_its_line_at_120_columns(desk):
    november(desk)
    app = DeskApp(desk, "Chen Jing")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_statistics(pilot, desk)
        await pilot.press("left")
        await settled(pilot)
        targets = screen.query_one("#statistics-targets")
        lines = statistics_text(screen, "#statistics-targets").splitlines()
        assert any("on time: forward" in line and "BELOW TARGET" in line for line in lines)
        assert targets.region.width >= 54 and targets.region.right <= 120
        assert screen.query_one("#statistics-clocks").region.right <= 120


async def test_the_callback_list_shows_the_customer_and_phone_at_80_columns(desk):
    four_callbacks(desk)
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(CallbacksScreen(desk, OPERATOR))
        await settled(pilot)
        table = app.screen.query_one(DataTable)
        columns = table.ordered_columns
        customer = next(i for i, c in enumerate(columns) if str(c.label) == "customer")
        starts = sum(c.get_render_width(table) for c in columns[:customer])
        shown = str(table.get_row_at(0)[customer])
        assert "13800138000" in shown
        phone_ends = starts + 1 + len(shown.split("13800138000")[0]) + len("13800138000")
        assert phone_ends <= table.region.width
