"""What a screen shows follows what was asked for: filters, the period and the side panels are
state, and setting the state (from a key or from code) is all it takes to redraw."""

from __future__ import annotations

from datetime import date

from textual.widgets import Static

from deskapp.app import DeskApp
from deskapp.domain.enums import Kind
from deskapp.reads.history_source import HistoryFilter
from deskapp.reads.queue import QueueFilter
from deskapp.screens.history import HistoryScreen
from deskapp.screens.intake import IntakeScreen
from deskapp.screens.statistics import StatisticsScreen, period_of
from deskapp.widgets.hint import HintLine
from tests.conftest import at, settled
from tests.helpers import open_queue, record, rows

OPERATOR = "Liu Yang"


def _said(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def test_the_queue_shows_whatever_filter_it_is_given(desk):
    desk.clock.set(at("2026-11-23 10:00"))
    record(desk, "2026-11-23 09:30", who="Ms Water", what="leak in the pantry")
    lift = record(desk, "2026-11-23 09:55", kind=Kind.repair, who="Ms Lift", what="lift stuck on 3F")
    async with DeskApp(desk, OPERATOR).run_test(size=(140, 30)) as pilot:
        screen = await open_queue(pilot)
        screen.filter = QueueFilter(kind=Kind.repair)  # as the k key would, twice
        await pilot.pause()
        assert [int(r[0]) for r in rows(screen)] == [lift]
        assert "repair" in screen.query_one("#queue-filters", HintLine).plain
        await pilot.press("c")
        assert screen.filter == QueueFilter() and len(rows(screen)) == 2


async def test_the_history_reads_a_new_source_for_a_new_filter_and_none_for_the_same(desk):
    desk.clock.set(at("2026-11-23 10:00"))
    record(desk, "2026-11-23 09:30")
    record(desk, "2026-11-23 09:55", kind=Kind.repair, what="lift stuck on 3F")
    async with DeskApp(desk, OPERATOR).run_test(size=(150, 30)) as pilot:
        screen = HistoryScreen(desk, OPERATOR)
        app = pilot.app
        app.push_screen(screen)
        await settled(pilot)
        assert _said(screen, "#history-count").startswith("2 cases recorded")
        screen.filter = screen.filter.but(kind=Kind.repair)
        assert _said(screen, "#history-count") == "counting…"  # at once, before the worker is back
        await settled(pilot)
        assert _said(screen, "#history-count").startswith("1 case shown")
        first = screen.source
        screen.filter = screen.filter.but(kind=Kind.repair)  # the same again: nothing to read
        await settled(pilot)
        assert screen.source is first
        screen.filter = HistoryFilter()
        await settled(pilot)
        assert _said(screen, "#history-count").startswith("2 cases recorded")


async def test_the_statistics_follow_their_period_and_r_reads_it_afresh(desk):
    async with DeskApp(desk, "Chen Jing").run_test(size=(160, 60)) as pilot:
        screen = StatisticsScreen(desk, "Chen Jing", anchor=date(2026, 11, 4))
        pilot.app.push_screen(screen)
        await settled(pilot)
        assert _said(screen, "#statistics-period").startswith("Month 2026-11")
        screen.period = period_of("day", date(2026, 11, 4), desk.calendar.tz)  # as the d key does
        assert _said(screen, "#statistics-status").startswith("Loading the figures for 2026-11-04")
        await settled(pilot)
        assert _said(screen, "#statistics-period").startswith("Day 2026-11-04")
        await pilot.press("w")
        await settled(pilot)
        assert _said(screen, "#statistics-period").startswith("Week of 2026-11-02")
        shown_at = screen.loading_placed_at
        await pilot.press("r")  # the same period: its loading line again, and its figures read afresh
        await settled(pilot)
        assert screen.loading_placed_at > shown_at and _said(screen, "#statistics-period").startswith("Week of")


async def test_the_narrow_intake_shows_the_side_panels_while_they_are_in_use(desk):
    async with DeskApp(desk, OPERATOR).run_test(size=(80, 24)) as pilot:
        await pilot.press("f2")
        await settled(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, IntakeScreen) and not screen.side_shown
        side, form = screen.query_one("#side"), screen.query_one("#form-column")
        screen.side_shown = True
        await pilot.pause()
        assert screen.has_class("-side-shown") and side.display and not form.display
        await pilot.press("escape")  # from a side panel, back to the form first
        await pilot.pause()
        assert not screen.side_shown and form.display and not side.display
        assert pilot.app.screen is screen
