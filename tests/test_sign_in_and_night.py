"""Signing in at the start of a shift, and night duty's view."""

from __future__ import annotations

import stat

from sqlmodel import Session, select
from textual.widgets import DataTable, Input, OptionList

from deskapp.app import DeskApp
from deskapp.config.last_operator import last_operator, remember_operator, state_dir
from deskapp.desk.access import set_pin
from deskapp.desk.intake import record_intake
from deskapp.domain.enums import Kind, Severity
from deskapp.domain.intake import Intake
from deskapp.domain.shifts import Shift
from deskapp.models import HistoryEvent, Notification
from deskapp.screens.home import HomeScreen
from deskapp.screens.night import NightScreen
from deskapp.screens.sign_in import SignInScreen
from tests.conftest import at, settled
from tests.helpers import choose_person


async def test_without_a_name_the_app_asks_who_is_at_the_desk(desk):
    app = DeskApp(desk)
    async with app.run_test(size=(120, 34)) as pilot:
        await settled(pilot)
        assert isinstance(app.screen, SignInScreen)
        assert app.sub_title.startswith("not signed in")
        await choose_person(pilot, "Liu Yang")
        await pilot.press("enter")
        await settled(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.operator == "Liu Yang" and app.shift is Shift.day  # Monday 09:00: the day shift
        assert app.sub_title == "Liu Yang · day shift · Mon 23 Nov 09:00"


async def test_a_pin_is_asked_for_and_a_wrong_one_refused(desk):
    set_pin(desk, "Chen Jing", "258025")
    app = DeskApp(desk)
    async with app.run_test(size=(120, 34)) as pilot:
        await settled(pilot)
        await choose_person(pilot, "Chen Jing")
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused.id == "sign-in-pin"
        await pilot.press(*"111111", "enter")
        await settled(pilot)
        assert "wrong PIN for Chen Jing" in str(app.screen.query_one("#sign-in-error").render())
        assert app.screen.query_one("#sign-in-pin", Input).value == ""
        await pilot.press(*"258025", "enter")
        await settled(pilot)
        assert app.operator == "Chen Jing" and isinstance(app.screen, HomeScreen)


async def test_choosing_the_night_shift_opens_the_night_view(desk):
    app = DeskApp(desk)
    async with app.run_test(size=(120, 34)) as pilot:
        await settled(pilot)
        await choose_person(pilot, "Zhao Lei")
        await pilot.press("tab", "n", "ctrl+s")
        await settled(pilot)
        assert isinstance(app.screen, NightScreen) and app.shift is Shift.night


async def test_night_duty_sees_tonight_and_calls_the_managers_for_a_major_complaint(desk):
    desk.clock.set(at("2026-11-23 23:30"))
    record_intake(desk, Intake(kind=Kind.complaint, severity=Severity.general, who="Mr Li", which="Tower A 3F",
                               what="noise from the bar", received_at=at("2026-11-23 20:10")), by="Zhao Lei")
    major = record_intake(desk, Intake(kind=Kind.complaint, severity=Severity.major, who="Ms Sun",
                                       which="Tower B 12F 1203", what="burst pipe flooding the server room",
                                       received_at=at("2026-11-23 23:20")), by="Zhao Lei").case.id
    record_intake(desk, Intake(kind=Kind.inquiry, what="yesterday's question", received_at=at("2026-11-23 15:00")))
    app = DeskApp(desk, "Zhao Lei")
    async with app.run_test(size=(130, 36)) as pilot:
        await settled(pilot)
        assert isinstance(app.screen, NightScreen)  # 23:30 on a Monday: night duty
        table = app.screen.query_one(DataTable)
        rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        assert [r[0] for r in rows] == [str(major), str(major - 1)]  # tonight's only, newest first
        assert rows[0][3] == "☎ 0"  # managers called, beside the kind
        banner = str(app.screen.query_one("#night-banner").render())
        assert "Night duty since Mon 19:00" in banner and "Tue 24 Nov 08:00" in banner
        assert "Lin Tao (project manager) 13800138020" in str(app.screen.query_one("#night-managers").render())
        await pilot.press("enter")  # the major complaint: the managers to call
        await settled(pilot)
        await pilot.press("space")  # tick the first manager as called
        await settled(pilot)
        await pilot.press("escape")
        await settled(pilot)
        assert [str(c) for c in app.screen.query_one(DataTable).get_row_at(0)][3] == "☎ 1"
    with Session(desk.engine) as s:
        [call] = s.exec(select(Notification)).all()
        assert call.case_id == major
        assert "notify" in s.exec(select(HistoryEvent.action).where(HistoryEvent.case_id == major)).all()


async def test_nothing_opens_before_someone_signs_in(desk):
    """Otherwise a note or a case would be recorded under nobody's (or the default) name."""
    app = DeskApp(desk)
    async with app.run_test(size=(120, 34)) as pilot:
        await settled(pilot)
        for key in ("f2", "f3", "f4", "f5", "f6", "f7", "ctrl+p"):
            await pilot.press(key)
            await settled(pilot)
            assert isinstance(app.screen, SignInScreen), key
        assert len(app.screen_stack) == 1
        await pilot.press("enter")  # the first person on the list signs in
        await settled(pilot)
        await pilot.press("f3")
        await settled(pilot)
        assert type(app.screen).__name__ == "QueueScreen"


async def test_the_sign_in_starts_on_whoever_last_signed_in_at_this_terminal(desk):
    first = DeskApp(desk)
    async with first.run_test(size=(120, 34)) as pilot:
        await settled(pilot)
        await choose_person(pilot, "Liu Yang")
        await pilot.press("enter")
        await settled(pilot)
    assert last_operator() == "Liu Yang"
    assert stat.S_IMODE((state_dir() / "last_operator").stat().st_mode) == 0o600  # this user's alone
    # The next morning Liu Yang opens the app and presses Enter at once: it is them who signs in.
    again = DeskApp(desk)
    async with again.run_test(size=(120, 34)) as pilot:
        await settled(pilot)  # the staff list in (keys pressed before it loads are not kept yet)
        await pilot.press("enter")
        await settled(pilot)
        assert again.operator == "Liu Yang" and isinstance(again.screen, HomeScreen)


async def test_someone_no_longer_on_the_staff_list_leaves_the_sign_in_at_the_top(desk):
    remember_operator("Someone Who Left")
    app = DeskApp(desk)
    async with app.run_test(size=(120, 34)) as pilot:
        await settled(pilot)
        assert app.screen.query_one(OptionList).highlighted == 0
        first = app.screen.people[0][0]
        await pilot.press("enter")
        await settled(pilot)
        assert app.operator == first
