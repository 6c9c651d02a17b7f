"""The accountable steps on a Chinese desk, from the screens as the night duty and the department
head take them: a wrong tick on the manager-call list retracted with its reason, the result signed
from the case detail, the trade's arrival recorded from the queue; each said in Chinese."""

from __future__ import annotations

from deskapp.app import DeskApp
from deskapp.desk import workflow
from deskapp.desk.access import set_pin
from deskapp.domain.enums import Kind
from tests.conftest import at, settled
from tests.helpers import actions_of, open_queue, record
from tests.test_escalation_list import NIGHT_DUTY, _major_complaint, _open_the_list, _rows
from tests.test_who_may_screens import _detail, _forwarded, _offered


def _no_english(text: str, *names: str) -> bool:
    for name in names:
        text = text.replace(name, "")
    return not any(c.isascii() and c.isalpha() for c in text)


async def test_the_night_duty_retracts_a_wrong_tick_in_chinese(desk, chinese):
    case_id = _major_complaint(desk)
    app = DeskApp(desk, NIGHT_DUTY)
    async with app.run_test(size=(140, 34)) as pilot:
        await settled(pilot)
        await _open_the_list(pilot)
        await pilot.press("space")  # the first manager on the list ticked, by mistake
        await settled(pilot)
        await pilot.press("up", "x")
        await settled(pilot)
        await pilot.press(*"点错了行", "enter")
        await settled(pilot)
        status = str(app.screen.query_one("#esc-status").render())
        assert _no_english(status, "Lin Tao"), status
        lin = next(row for row in _rows(app) if "Lin Tao" in row)
        assert lin.startswith("☐") and _no_english(lin, "Lin Tao"), lin
    assert actions_of(desk, case_id)[-2:] == ["notify", "retract_call"]


async def test_the_department_head_signs_the_result_in_chinese(desk, chinese):
    number = _forwarded(desk)
    workflow.resolve(desk, number, "更换了水管接头", by="Xu Ming", at=at("2026-11-23 08:50"))
    set_pin(desk, "Chen Jing", "990011")
    async with DeskApp(desk, "Sun Qiang").run_test(size=(140, 40)) as pilot:
        screen = await _detail(pilot, number)
        assert _offered(screen, "confirm")
        await pilot.press("g")
        await settled(pilot)
        said = [str(n.message) for n in pilot.app._notifications][-1]
        assert str(number) in said and _no_english(said), said
    assert actions_of(desk, number)[-1] == "confirm"


async def test_the_trades_arrival_from_the_queue_in_chinese(desk, chinese):
    desk.clock.set(at("2026-11-23 09:12"))
    case_id = record(desk, "2026-11-23 09:00", kind=Kind.repair, what="水龙头漏水")
    workflow.forward(desk, case_id, "Engineering", at=at("2026-11-23 09:02"), by="Wang Fang")
    async with DeskApp(desk, "Liu Yang").run_test(size=(140, 40)) as pilot:
        await open_queue(pilot)
        await pilot.press("w")
        await settled(pilot)
        said = [str(n.message) for n in pilot.app._notifications][-1]
        assert str(case_id) in said and _no_english(said), said
    assert actions_of(desk, case_id)[-1] == "arrive"
