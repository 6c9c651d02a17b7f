"""A deadline's colour is the theme's: decided once in app.tcss from the $deadline-* theme variables,
so a change of theme, or a theme with colours of its own for the deadlines, reaches every table; and
the home screen marks the night's calls waiting for the morning as the queue does."""

from __future__ import annotations

from rich.color import Color
from textual.theme import BUILTIN_THEMES, Theme
from textual.widgets import DataTable

from deskapp.app import DeskApp
from deskapp.domain.shifts import Shift
from tests.conftest import at, settled
from tests.helpers import open_queue, record

OPERATOR = "Liu Yang"

NIGHT_DESK = Theme(name="night-desk", primary="#004578", dark=True,
                   variables={"deadline-overdue": "#ff00ff", "deadline-morning": "#00ffff"})


def colour_of(table, state: str) -> str:
    return table.get_component_rich_style(f"deadline--{state}", partial=True).color.triplet.hex.lower()


async def test_a_change_of_theme_recolours_the_queues_deadlines(desk):
    desk.clock.set(at("2026-11-23 10:00"))
    record(desk, "2026-11-23 09:30", who="Mr Late")  # overdue by ten minutes
    async with DeskApp(desk, OPERATOR).run_test(size=(140, 30)) as pilot:
        screen = await open_queue(pilot)
        before = colour_of(screen.table, "overdue")
        pilot.app.theme = "textual-light"
        await pilot.pause()
        after = colour_of(screen.table, "overdue")
        assert before != after
        assert after == pilot.app.theme_variables["deadline-overdue"].lower()
        assert after == Color.parse(pilot.app.theme_variables["text-error"]).triplet.hex.lower()


async def test_a_theme_may_give_the_deadlines_colours_of_its_own(desk):
    desk.clock.set(at("2026-11-23 10:00"))
    record(desk, "2026-11-23 09:30", who="Mr Late")
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(140, 30)) as pilot:
        app.register_theme(NIGHT_DESK)
        app.theme = "night-desk"
        screen = await open_queue(pilot)
        assert colour_of(screen.table, "overdue") == "#ff00ff"
        assert colour_of(screen.table, "morning") == "#00ffff"
        assert colour_of(screen.table, "on-time") == Color.parse(app.theme_variables["text-success"]).triplet.hex.lower()


async def test_the_home_screen_marks_a_friday_night_complaint_as_waiting_for_the_morning(desk):
    night = record(desk, "2026-11-20 19:30", who="Ms Late")  # Friday night: the clock starts at Monday's opening
    desk.clock.set(at("2026-11-23 07:30"))  # Monday, before the desk opens: the day shift comes in early
    app = DeskApp(desk, OPERATOR, Shift.day)
    app.register_theme(NIGHT_DESK)
    app.theme = "night-desk"
    async with app.run_test(size=(140, 30)) as pilot:
        await settled(pilot)
        table = app.screen.query_one("#next-due", DataTable)
        row = table.get_row(str(night))
        assert row[1].plain == "☾ forward morning"  # as the queue shows it
        assert row[1].style.color.triplet.hex.lower() == "#00ffff"
        await pilot.press("f3")
        await settled(pilot)
        assert app.screen.table.get_cell(night, "clock").plain == "☾ forward morning"


async def test_every_theme_textual_ships_gives_the_deadlines_their_colours(desk):
    desk.clock.set(at("2026-11-23 10:00"))
    record(desk, "2026-11-23 09:30", who="Mr Late")
    async with DeskApp(desk, OPERATOR).run_test(size=(140, 30)) as pilot:
        screen = await open_queue(pilot)
        for name in BUILTIN_THEMES:  # the terminal's own colours (ansi-dark) included
            pilot.app.theme = name
            await pilot.pause()
            overdue = screen.table.get_component_rich_style("deadline--overdue", partial=True)
            assert overdue.color is not None and overdue.bold, name
