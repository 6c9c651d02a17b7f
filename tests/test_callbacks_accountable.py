"""The callback list on a desk with PINs: the people the list names make the call, each ticked as
present; the customer confirms; the number is never cut."""

from __future__ import annotations

from sqlmodel import Session, col, select
from textual.widgets import DataTable

from deskapp.app import DeskApp
from deskapp.desk import workflow
from deskapp.desk.access import set_pin
from deskapp.desk.callbacks import confirm_result
from deskapp.desk.intake import record_intake
from deskapp.domain.enums import Kind, Severity, Status
from deskapp.domain.intake import Intake
from deskapp.models import CallbackAttempt
from deskapp.reads.queries import case_detail
from deskapp.screens.callbacks import CallbacksScreen
from tests.callback_cases import four_callbacks
from tests.conftest import at, settled


def _open(desk, operator):
    app = DeskApp(desk, operator)

    async def open_list(pilot):
        app.push_screen(CallbacksScreen(desk, operator))
        await settled(pilot)

    return app, open_list


def _attempts(desk):
    with Session(desk.engine) as s:
        return list(s.exec(select(CallbackAttempt).order_by(col(CallbackAttempt.id))))


async def test_at_120_columns_the_callback_list_shows_the_whole_number(desk):
    case_id = record_intake(desk, Intake(kind=Kind.complaint, severity=Severity.general,
                                         who="Mr Ouyang Zhenhua of Greenfield Trading", which="Tower B 12F unit 1203",
                                         what="lift stuck", phone="18227024298", received_at=at("2026-11-23 08:00"))).case.id
    workflow.forward(desk, case_id, "Engineering", at=at("2026-11-23 08:05"))
    workflow.resolve(desk, case_id, "lift restarted", by="Xu Ming", at=at("2026-11-23 08:30"))
    app, open_list = _open(desk, "Wang Fang")
    async with app.run_test(size=(120, 30)) as pilot:
        await open_list(pilot)
        table = app.screen.query_one(DataTable)
        customer = str(table.get_row_at(0)[2])
        assert customer.startswith("18227024298 · Mr Ouyang")
        columns = table.ordered_columns
        starts_at = sum(c.get_render_width(table) for c in columns[:2])
        assert starts_at + len("18227024298") <= 120  # on screen without scrolling


async def test_sun_qiang_records_his_callback_with_the_customers_confirmation(desk):
    ids = four_callbacks(desk)
    set_pin(desk, "Chen Jing", "990011")  # the desk now holds everyone to the rules
    confirm_result(desk, ids["overdue"], by="Sun Qiang")
    app, open_list = _open(desk, "Sun Qiang")
    async with app.run_test(size=(140, 44)) as pilot:
        await open_list(pilot)
        await pilot.press("enter")  # the overdue general complaint, Engineering's
        await pilot.pause()
        assert app.screen.query_one(".caller").value is True  # Sun Qiang ticked: he is at the desk
        await pilot.press("enter", "tab", "enter")  # reached, satisfied
        await pilot.press("ctrl+s")
        await settled(pilot)
        assert "say how the customer confirmed" in str(app.screen.query_one("#error").render())
        assert _attempts(desk) == []
        await pilot.press("tab", "tab", "enter", "ctrl+s")  # note, then "confirmed by phone"
        await settled(pilot)
    [attempt] = _attempts(desk)
    assert (attempt.present, attempt.confirmed_how) == ("Sun Qiang", "phone")
    assert case_detail(desk, ids["overdue"]).view.case.status is Status.closed


async def test_a_receptionist_at_the_list_is_told_who_makes_the_callback(desk):
    ids = four_callbacks(desk)
    set_pin(desk, "Chen Jing", "990011")
    confirm_result(desk, ids["overdue"], by="Sun Qiang")
    app, open_list = _open(desk, "Wang Fang")
    async with app.run_test(size=(140, 44)) as pilot:
        await open_list(pilot)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("enter", "tab", "enter", "tab", "tab", "enter", "ctrl+s")
        await settled(pilot)
        shown = str(app.screen.query_one("#error").render())
        assert "callback is made by the manager of Engineering (Sun Qiang)" in shown
    assert _attempts(desk) == []
