"""The screen pop: the phone rings and the desk shows who it is; Wang Fang answers on her extension and
intake opens with the number filled and the caller's open case beside it; a call answered while she
is typing another waits on the banner until the form is done with. In English and in Chinese."""

from __future__ import annotations

from textual.widgets import Input, OptionList

from deskapp.app import DeskApp
from deskapp.desk.intake import record_intake
from deskapp.domain.enums import Kind, Severity
from deskapp.domain.intake import Intake
from deskapp.reads.calls import call_log
from deskapp.screens.intake import IntakeScreen
from deskapp.screens.phone_pop import PhoneIntakeScreen
from deskapp.screens.readback import ConfirmScreen
from deskapp.widgets.phone_banner import PhoneBanner
from tests.conftest import at, settled
from tests.conftest import until as until_within
from tests.helpers import cases, open_intake, type_text
from tests.phone_helpers import phone_link

ALL_BACKENDS = True
OPERATOR = "Wang Fang"
CALLER = "13800138000"


async def until(pilot, condition, what: str) -> None:
    # The pop waits on a poll, a thread and the server: on a machine running the suite on every core, longer.
    await until_within(pilot, condition, what, timeout=30)


def open_complaint(desk) -> int:
    return record_intake(desk, Intake(kind=Kind.complaint, severity=Severity.general, who="Ms Li", phone=CALLER,
                                      which="Tower B 12F 1203", category="water leak", what="water dripping",
                                      received_at=at("2026-11-23 08:40"))).case.id


def banner(app) -> str:
    found = app.screen.query(PhoneBanner)
    return str(found.first().render()) if found else ""


def phone_field(app) -> str:
    return app.screen.query_one("#f-phone", Input).value


async def popped(pilot, app) -> PhoneIntakeScreen:
    await until(pilot, lambda: isinstance(app.screen, PhoneIntakeScreen) and app.screen.is_mounted, "the intake to pop")
    await settled(pilot)
    options = app.screen.query_one("#caller-cases", OptionList)
    await until(pilot, lambda: options.option_count, "the caller's cases to be looked up")
    return app.screen


async def test_the_call_rings_with_the_known_caller_and_pops_intake_on_the_desk_that_answers(desk):
    old = open_complaint(desk)
    app = DeskApp(desk, OPERATOR)
    async with phone_link(desk) as (_endpoint, pbx), app.run_test(size=(140, 45)) as pilot:
        await settled(pilot)
        await pbx.ring("c1", CALLER, users=[OPERATOR, "Liu Yang"])
        await until(pilot, lambda: "ringing" in banner(app), "the ringing banner")
        assert banner(app) == f"☎ ringing: {CALLER} (Ms Li)"
        await pbx.answer("c1", extension="8001")
        screen = await popped(pilot, app)
        assert phone_field(app) == CALLER
        options = screen.query_one("#caller-cases", OptionList)
        assert [options.get_option_at_index(i).id for i in range(options.option_count)] == [str(old)]
        assert banner(app) == ""  # answered here: the ringing line is gone
        # The call is about the open case: attached to it, and the call log says so.
        screen.query_one("#f-what", Input).value = "still dripping"
        await settled(pilot)
        await pilot.press("ctrl+r")
        await until(pilot, lambda: app.focused is options, "the caller's cases to take the focus")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        await pilot.press("y")
        await settled(pilot)
    [call] = call_log(desk)
    assert (call.answered_by, call.case_id) == (OPERATOR, old)


async def test_a_new_caller_is_recorded_from_the_pop_and_the_call_log_names_the_case(desk):
    app = DeskApp(desk, OPERATOR)
    async with phone_link(desk) as (_endpoint, pbx), app.run_test(size=(140, 45)) as pilot:
        await settled(pilot)
        await pbx.ring("c1", "13900009999")
        await pbx.answer("c1", extension="8001")
        await until(pilot, lambda: isinstance(app.screen, PhoneIntakeScreen) and app.screen.is_mounted, "the pop")
        await settled(pilot)
        app.screen.query_one("IntakeForm").load({"kind": "inquiry", "who": "Mr Sun", "which": "Tower A 3F 301",
                                                 "what": "when is the lift serviced"})
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.screen.query("#readback-body"), "the read-back")
        await pilot.press("enter")
        await settled(pilot)
        await until(pilot, lambda: call_log(desk)[0].case_id is not None, "the call to be linked")
    [call] = call_log(desk)
    assert call.case_id == max(c.id for c in cases(desk))
    assert [c.phone for c in cases(desk)] == ["13900009999"]


async def test_a_call_answered_on_another_desk_does_not_pop_here(desk):
    app = DeskApp(desk, OPERATOR)
    async with phone_link(desk) as (_endpoint, pbx), app.run_test(size=(140, 45)) as pilot:
        await settled(pilot)
        await pbx.ring("c1", CALLER, users=["Liu Yang"])
        await pbx.answer("c1", extension="8002")
        await until(pilot, lambda: call_log(desk)[0].answered_by == "Liu Yang", "the answer to be logged")
        await pilot.pause(0.3)  # three polls
        assert not isinstance(app.screen, IntakeScreen) and banner(app) == ""


async def mid_form_call_waits(pilot, app, pbx, waiting: str) -> None:
    """Intake half typed when the call is answered: the call waits on the line `waiting` says."""
    await open_intake(pilot)
    await pilot.press("tab", "tab", "tab")
    await type_text(pilot, "Mr Zhou")  # another call, half typed
    typed = dict(app.screen.query_one("IntakeForm").typed())
    await pbx.ring("c2", CALLER)
    await pbx.answer("c2", user=OPERATOR)
    await until(pilot, lambda: banner(app) == waiting, f"the banner to say {waiting!r}, not {banner(app)!r}")
    await pilot.pause(0.3)
    assert not isinstance(app.screen, PhoneIntakeScreen)
    assert app.screen.query_one("IntakeForm").typed() == typed  # nothing typed is taken away
    await pilot.press("escape")  # leave the half-typed call: asked first
    await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the discard question")
    assert app.screen_stack[-2].query(PhoneBanner)  # the line stays in view behind the question
    await pilot.press("y")
    await popped(pilot, app)
    assert phone_field(app) == CALLER


async def test_a_call_answered_while_typing_another_waits_on_the_banner_until_the_form_is_done(desk):
    open_complaint(desk)
    app = DeskApp(desk, OPERATOR)
    async with phone_link(desk) as (_endpoint, pbx), app.run_test(size=(140, 45)) as pilot:
        await settled(pilot)
        await mid_form_call_waits(pilot, app, pbx, f"☎ call from {CALLER} answered: intake opens with it once this "
                                  "form is saved or discarded")


async def test_the_banners_and_the_pop_in_chinese(desk, chinese):
    open_complaint(desk)
    app = DeskApp(desk, OPERATOR)
    async with phone_link(desk) as (_endpoint, pbx), app.run_test(size=(140, 45)) as pilot:
        await settled(pilot)
        await pbx.ring("c1", CALLER)
        await until(pilot, lambda: CALLER in banner(app), "the ringing banner")
        assert banner(app) == f"☎ 来电响铃：{CALLER}（Ms Li）"
        await pbx.hang_up("c1", cause="cancel")
        await until(pilot, lambda: banner(app) == "", "the banner to go when the caller gives up")
        await mid_form_call_waits(pilot, app, pbx, f"☎ {CALLER} 的来电已接听：本表保存或放弃后即打开登记")
