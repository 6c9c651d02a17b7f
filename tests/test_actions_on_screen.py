"""What was CLI-only, now from the queue and the case detail: the trade's arrival, a complaint's
severity revised with its reason, and a manager called later than at intake."""

from __future__ import annotations

from sqlmodel import select
from textual.widgets import Static

from deskapp.app import DeskApp
from deskapp.desk import workflow
from deskapp.domain.enums import Kind, Severity
from deskapp.models import Case, Notification
from deskapp.screens.case_detail import CaseDetailScreen
from tests.conftest import at, settled
from tests.helpers import actions_of, open_queue, record

OPERATOR = "Liu Yang"


def case_row(desk, case_id: int) -> Case:
    with desk.reading() as session:
        return session.get(Case, case_id)


async def test_the_trades_arrival_from_the_queue_is_recorded_at_once(desk):
    desk.clock.set(at("2026-11-23 09:12"))
    case_id = record(desk, "2026-11-23 09:00", kind=Kind.repair, what="tap leaking")
    workflow.forward(desk, case_id, "Engineering", at=at("2026-11-23 09:02"), by="Wang Fang")
    async with DeskApp(desk, OPERATOR).run_test(size=(140, 40)) as pilot:
        await open_queue(pilot)
        await pilot.press("w")
        await settled(pilot)
    assert case_row(desk, case_id).arrived_at == at("2026-11-23 09:12")
    assert actions_of(desk, case_id)[-1] == "arrive"


async def test_arrival_on_a_complaint_is_refused_in_words_and_nothing_is_written(desk):
    desk.clock.set(at("2026-11-23 09:12"))
    case_id = record(desk, "2026-11-23 09:00")
    workflow.forward(desk, case_id, "Engineering", at=at("2026-11-23 09:02"), by="Wang Fang")
    async with DeskApp(desk, OPERATOR).run_test(size=(140, 40)) as pilot:
        await open_queue(pilot)
        await pilot.press("w")
        await settled(pilot)
        assert any("not a repair" in n.message for n in pilot.app._notifications)
    assert case_row(desk, case_id).arrived_at is None and actions_of(desk, case_id)[-1] == "forward"


async def test_severity_revised_from_the_case_detail_with_its_reason_typed_at_full_speed(desk):
    desk.clock.set(at("2026-11-23 09:20"))
    case_id = record(desk, "2026-11-23 09:00")
    async with DeskApp(desk, OPERATOR).run_test(size=(140, 40)) as pilot:
        await open_queue(pilot)
        await pilot.press("enter")
        await settled(pilot)
        assert isinstance(pilot.app.screen, CaseDetailScreen)
        await pilot.press("l")
        await settled(pilot)
        pilot.app.screen.query_one("#ask-severity").value = "major"
        await pilot.press("tab", *"tenant says water reaches the switchboard")
        await pilot.press("ctrl+s")
        await settled(pilot)
        assert isinstance(pilot.app.screen, CaseDetailScreen)
    case = case_row(desk, case_id)
    assert case.severity is Severity.major
    assert actions_of(desk, case_id)[-1] == "severity"


async def test_a_manager_called_later_is_recorded_from_the_case_detail_in_chinese(desk, chinese):
    desk.clock.set(at("2026-11-23 22:50"))
    case_id = record(desk, "2026-11-23 22:30", severity=Severity.major)
    async with DeskApp(desk, OPERATOR).run_test(size=(140, 40)) as pilot:
        await open_queue(pilot)
        await pilot.press("enter")
        await settled(pilot)
        await pilot.press("u")
        await settled(pilot)
        title = str(pilot.app.screen.query_one("#action-title", Static).content)
        pilot.app.screen.query_one("#ask-manager").value = "Sun Qiang"
        await pilot.press("ctrl+s")
        await settled(pilot)
        assert isinstance(pilot.app.screen, CaseDetailScreen)
        assert not any(c.isascii() and c.isalpha() for c in title.replace(str(case_id), "")), title
    with desk.reading() as session:
        [called] = session.exec(select(Notification).where(Notification.case_id == case_id)).all()
    assert called.at == at("2026-11-23 22:50") and actions_of(desk, case_id)[-1] == "notify"

