"""The screens on a desk with PINs: each person is offered only the steps they may take, a refusal
says who may, a first sign-in chooses its PIN, and home says when nobody has a PIN yet."""

from __future__ import annotations

from textual.widgets import Input, Static

from deskapp.app import DeskApp
from deskapp.desk import workflow
from deskapp.desk.access import set_pin, sign_in
from deskapp.i18n import CHINESE, use_language
from deskapp.screens.case_detail import CaseDetailScreen
from deskapp.screens.home import HomeScreen
from tests.conftest import at, settled
from tests.helpers import actions_of, choose_person, record


def _forwarded(desk) -> int:
    number = record(desk, "2026-11-23 08:30")
    workflow.forward(desk, number, "Engineering", at=at("2026-11-23 08:40"))
    return number


async def _detail(pilot, case_id: int) -> CaseDetailScreen:
    pilot.app.open_case(case_id)
    await settled(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, CaseDetailScreen)
    return screen


def _offered(screen, step: str) -> bool:
    return bool(screen.check_action("case_action", (step,)))


async def test_wu_gang_is_not_offered_engineerings_acknowledgement_and_xu_ming_is(desk):
    number = _forwarded(desk)
    set_pin(desk, "Chen Jing", "990011")
    for who, offered in (("Wu Gang", False), ("Xu Ming", True), ("Chen Jing", True)):
        async with DeskApp(desk, who).run_test(size=(140, 40)) as pilot:
            screen = await _detail(pilot, number)
            assert _offered(screen, "acknowledge") is offered, who
            await pilot.press("a")  # a key not offered does nothing
            await settled(pilot)
    assert actions_of(desk, number)[-1] == "acknowledge"  # Xu Ming's; Wu Gang's press wrote nothing


async def test_only_the_supervisor_is_offered_void_and_the_receptionist_keeps_her_everyday_keys(desk):
    number = _forwarded(desk)
    set_pin(desk, "Chen Jing", "990011")
    async with DeskApp(desk, "Wang Fang").run_test(size=(140, 40)) as pilot:
        screen = await _detail(pilot, number)
        assert not _offered(screen, "void") and not _offered(screen, "validity")
        assert _offered(screen, "note") and _offered(screen, "escalate")
        screen.operator = "Chen Jing"  # the supervisor takes the keyboard
        screen.refresh_bindings()
        await settled(pilot)
        screen.check_action("case_action", ("void",))
        await settled(pilot)
        assert _offered(screen, "void")


async def test_sun_qiang_signs_the_result_from_the_case_detail(desk):
    number = _forwarded(desk)
    workflow.resolve(desk, number, "pipe joint replaced", by="Xu Ming", at=at("2026-11-23 08:50"))
    set_pin(desk, "Chen Jing", "990011")
    async with DeskApp(desk, "Sun Qiang").run_test(size=(140, 40)) as pilot:
        screen = await _detail(pilot, number)
        assert _offered(screen, "confirm")
        await pilot.press("g")
        await settled(pilot)
        assert any(f"case {number}'s result confirmed" in str(n.message) for n in pilot.app._notifications)
    assert actions_of(desk, number)[-1] == "confirm"


async def test_validity_without_its_ground_is_refused_beside_the_field_and_nothing_is_written(desk):
    number = _forwarded(desk)
    set_pin(desk, "Chen Jing", "990011")
    async with DeskApp(desk, "Sun Qiang").run_test(size=(140, 40)) as pilot:
        await _detail(pilot, number)
        await pilot.press("v")
        await settled(pilot)
        modal = pilot.app.screen
        modal.query_one("#ask-validity").value = "invalid"
        modal.query_one("#ask-reason", Input).value = "the tenant's own tap"
        await pilot.press("ctrl+s")
        await settled(pilot)
        said = str(modal.query_one("#error-ground", Static).render())
        assert said.startswith("pick the ground of the decision: a misunderstanding of the rules")
        modal.query_one("#ask-ground").value = "rules_misunderstood"
        await pilot.press("ctrl+s")
        await settled(pilot)
    assert actions_of(desk, number)[-1] == "validity"


async def test_liu_yang_chooses_her_pin_at_her_first_sign_in(desk):
    set_pin(desk, "Chen Jing", "990011")
    app = DeskApp(desk)
    async with app.run_test(size=(120, 34)) as pilot:
        await settled(pilot)
        await choose_person(pilot, "Liu Yang")
        await pilot.press("enter")
        await settled(pilot)
        said = str(app.screen.query_one("#sign-in-error").render())
        assert "Liu Yang has no PIN yet: choose one of 6 digits and type it twice" in said
        assert app.focused.id == "sign-in-new"
        await pilot.press(*"314159", "enter", *"314158", "enter")
        await settled(pilot)
        assert "the two PINs differ" in str(app.screen.query_one("#sign-in-error").render())
        await pilot.press(*"314159", "enter", *"314159", "enter")
        await settled(pilot)
        assert app.operator == "Liu Yang" and isinstance(app.screen, HomeScreen)
    assert sign_in(desk, "Liu Yang", "314159").name == "Liu Yang"


async def test_the_chinese_home_names_the_command_that_sets_the_first_pin(desk):
    with use_language(CHINESE):
        async with DeskApp(desk, "Wang Fang").run_test(size=(80, 24)) as pilot:
            await settled(pilot)
            notice = pilot.app.screen.query_one("#no-pins", Static)
            lines = [notice.render_line(y).text.strip() for y in range(notice.region.height)]
    said = "".join(lines)
    assert "`deskapp pin NAME`" in said and "设置密码的命令" not in said
    assert not any(line.startswith(("）", ")")) for line in lines)  # no bracket left alone on a line


async def test_home_says_when_nobody_has_a_pin_in_either_language(desk):
    for language, words in (("en", "Nobody has a PIN yet"), (CHINESE, "尚无人设置PIN码")):
        with use_language(language):
            async with DeskApp(desk, "Wang Fang").run_test(size=(140, 34)) as pilot:
                await settled(pilot)
                notice = pilot.app.screen.query_one("#no-pins", Static)
                assert notice.display and words in str(notice.render())
    set_pin(desk, "Chen Jing", "990011")
    async with DeskApp(desk, "Chen Jing").run_test(size=(140, 34)) as pilot:
        await settled(pilot)
        assert not pilot.app.screen.query_one("#no-pins", Static).display
