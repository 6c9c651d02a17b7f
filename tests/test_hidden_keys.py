"""A key hidden from the signed-in person (data/permissions.toml) says who may take its step when it is
pressed anyway, in one line, and writes nothing: silence would read as a key that is broken."""

from __future__ import annotations

from deskapp.app import DeskApp
from deskapp.desk import workflow
from deskapp.desk.access import set_pin
from deskapp.domain.enums import Kind
from deskapp.i18n import CHINESE, use_language
from tests.conftest import at, settled
from tests.helpers import actions_of, record
from tests.test_who_may_screens import _detail, _forwarded, _offered


def _said(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_wu_gang_presses_a_on_engineerings_work_order_and_is_told_who_may(desk):
    number = _forwarded(desk)
    set_pin(desk, "Chen Jing", "990011")
    async with DeskApp(desk, "Wu Gang").run_test(size=(140, 40)) as pilot:
        screen = await _detail(pilot, number)
        assert not _offered(screen, "acknowledge")
        await pilot.press("a")
        await settled(pilot)
        [said] = _said(pilot.app)
        assert said.startswith("Wu Gang (department manager, Security) cannot acknowledge a forwarded case: "
                               "that is for the people of Engineering (Sun Qiang, Xu Ming)")
        assert "a supervisor (Chen Jing)" in said and "\n" not in said
    assert actions_of(desk, number)[-1] == "forward"


async def test_wang_fang_presses_x_in_the_queue_and_is_told_voiding_is_the_supervisors(desk):
    number = _forwarded(desk)
    set_pin(desk, "Chen Jing", "990011")
    async with DeskApp(desk, "Wang Fang").run_test(size=(140, 40)) as pilot:
        await pilot.press("f3")
        await settled(pilot)
        await pilot.press("x")
        await settled(pilot)
        assert any("cannot void a case: that is for a supervisor (Chen Jing)" in s for s in _said(pilot.app))
    assert "void" not in actions_of(desk, number)


async def test_a_key_the_person_may_use_is_not_answered_with_a_refusal(desk):
    number = _forwarded(desk)
    set_pin(desk, "Chen Jing", "990011")
    async with DeskApp(desk, "Xu Ming").run_test(size=(140, 40)) as pilot:
        await _detail(pilot, number)
        await pilot.press("a")
        await settled(pilot)
        assert not any("cannot" in s for s in _said(pilot.app))
    assert actions_of(desk, number)[-1] == "acknowledge"


async def test_signing_the_result_of_a_repair_says_only_complaints_are_signed(desk):
    number = record(desk, "2026-11-23 08:30", kind=Kind.repair)
    workflow.forward(desk, number, "Engineering", at=at("2026-11-23 08:40"))
    set_pin(desk, "Chen Jing", "990011")
    async with DeskApp(desk, "Sun Qiang").run_test(size=(140, 40)) as pilot:
        await _detail(pilot, number)
        await pilot.press("g")
        await settled(pilot)
        assert f"case {number} is a repair: only a complaint's result is signed" in _said(pilot.app)


async def test_the_chinese_desk_says_who_may_in_chinese(desk):
    number = _forwarded(desk)
    set_pin(desk, "Chen Jing", "990011")
    with use_language(CHINESE):
        async with DeskApp(desk, "Wu Gang").run_test(size=(140, 40)) as pilot:
            await _detail(pilot, number)
            await pilot.press("a")
            await settled(pilot)
            [said] = _said(pilot.app)
            assert "不能签收转派的工单：此事应由工程部人员（Sun Qiang、Xu Ming）或客服主管（Chen Jing）办理" in said
