"""A script whose dispatch wording promises a time sets that promise when chosen: the fees script's
"we call you back within two working days" is the case's Answer by, and its answer clock runs to it."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import Input

from deskapp.app import DeskApp
from deskapp.domain.calendar import CalendarSpec, WorkCalendar
from deskapp.domain.scripts import Promise, read_promise
from deskapp.models import CaseClock
from tests.conftest import SHANGHAI, at, settled
from tests.helpers import cases, open_intake, tab, type_text

OPERATOR = "Wang Fang"


def test_promises_read_as_the_scripts_write_them():
    assert read_promise("2 working days") == Promise(2, "day", True)
    assert read_promise("4 working hours") == Promise(4, "hour", True)
    assert read_promise("24 hours") == Promise(24, "hour", False)
    assert read_promise("soon") is None and read_promise("0 days") is None


def test_two_working_days_from_friday_afternoon_fall_on_tuesday_at_the_same_time():
    calendar = WorkCalendar(CalendarSpec(tz=SHANGHAI))
    assert Promise(2, "day", True).due(calendar, at("2026-11-20 15:30")) == at("2026-11-24 15:30")
    # Promised after closing: due by the closing of the second working day.
    assert Promise(1, "day", True).due(calendar, at("2026-11-20 21:00")) == at("2026-11-23 19:00")
    assert Promise(24, "hour", False).due(calendar, at("2026-11-20 21:00")) == at("2026-11-21 21:00")


async def test_the_fees_scripts_dispatch_sets_answer_by_and_the_case_runs_its_answer_clock(desk):
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_intake(pilot)
        await tab(pilot, 1)  # past the kind: an inquiry
        await type_text(pilot, "Ms Qian")
        await tab(pilot, 3)
        await type_text(pilot, "Tower A 3F 301")
        await tab(pilot, 1)
        await type_text(pilot, "the overtime air-conditioning charge looks too high")
        await pilot.press("ctrl+f")
        await type_text(pilot, "fee")
        await pilot.press("enter", "y")  # she disputes an amount: it goes to the accounts colleague
        await settled(pilot)
        answer_by = screen.query_one("#f-promised_by", Input)
        assert answer_by.value == "2026-11-25 09:00"  # Monday 09:00 and two working days
        await pilot.press("shift+tab", "backspace")  # the answer taken back: so is the promise it gave
        await settled(pilot)
        assert answer_by.value == ""
        await pilot.press("y")
        await settled(pilot)
        assert answer_by.value == "2026-11-25 09:00"
        await pilot.press("ctrl+s")
        await settled(pilot)
        await pilot.press("enter")
        await settled(pilot)
        said = str(screen.query_one("#result").render())
    assert len(cases(desk)) == 1, said
    [case] = cases(desk)
    assert case.promised_by == at("2026-11-25 09:00")
    with desk.reading() as session:
        due = {c.name: c.due_at for c in session.query(CaseClock).filter(CaseClock.case_id == case.id)}
    assert due["answer"] == at("2026-11-25 09:00") and due["answer"] - at("2026-11-23 09:00") == timedelta(days=2)
