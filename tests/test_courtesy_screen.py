"""The apology first and the thanks last, at the read-back: a complaint's read-back opens with the
approved apology and ends with the closing, each with a tick the operator presses as they say it
(`a`, `t`). The ticks never hold a save up: Enter saves, and what was not ticked is recorded as not given.
The approved greeting stands above the form. English and Chinese, keys at full speed."""

from __future__ import annotations

from deskapp.app import DeskApp
from deskapp.domain.enums import Kind
from deskapp.screens.readback import ReadBackScreen
from tests.chinese_screens import screen_text
from tests.conftest import settled, until
from tests.helpers import cases, history, open_intake, send_keys, text_of, type_text

OPERATOR = "Wang Fang"
LEAK = {"kind": "complaint", "severity": "general", "who": "Ms Li", "phone": "13800138000",
        "which": "Tower B 12F 1203", "what": "water dripping from the ceiling again"}
LEAK_ZH = LEAK | {"who": "李女士", "which": "B座12层1203室", "what": "天花板又在滴水"}


async def _fill(pilot, fields: dict[str, str]) -> None:
    screen = await open_intake(pilot)
    form = screen.query_one("#form")
    for name, value in fields.items():
        form.set_field(name, value)
    await settled(pilot)


async def _saved(pilot, desk, before: int):
    await until(pilot, lambda: len(cases(desk)) > before, "the case to be saved", timeout=30)
    await settled(pilot)
    return cases(desk)[-1]


def _body(app) -> list[str]:
    return text_of(app, "#readback-body").splitlines()


async def test_a_complaint_read_back_opens_with_the_apology_and_ends_with_the_thanks_each_a_tick(desk):
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(140, 45)) as pilot:
        await _fill(pilot, LEAK)
        assert "Hello, Customer Service, operator 0XX speaking" in text_of(app, "#greeting")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, ReadBackScreen) and app.screen.query("#readback-body"),
                    "the read-back")
        lines = _body(app)
        assert lines[0].startswith("☐ Apologised first: “I am sorry for the trouble this has caused you.”")
        assert lines[-1].startswith("☐ Thanked the caller: “Thank you for your call. Goodbye.”")
        assert "a: apologised   t: thanked   Enter: confirm and save" in text_of(app, "#readback-keys")
        await pilot.press("a")
        assert _body(app)[0].startswith("☑ Apologised first") and _body(app)[-1].startswith("☐ Thanked")
        await pilot.press("a")  # a slip of the finger is taken back with the same key
        assert _body(app)[0].startswith("☐ Apologised first")


async def test_both_ticks_pressed_the_instant_the_read_back_opens_are_recorded_with_the_complaint(desk):
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(140, 45)) as pilot:
        await _fill(pilot, LEAK)
        before = len(cases(desk))
        # At full speed, as the terminal sends them: no wait between the keys, nor for the read-back to draw.
        await send_keys(pilot, ["ctrl+s", "a", "t", "enter"])
        case = await _saved(pilot, desk, before)
        assert (case.apologised, case.thanked) == (True, True)
        assert case.what == LEAK["what"]  # neither tick leaked into the form as typing
        intake = history(desk, case.id)[0]
        assert intake.action == "intake" and '"apologised": [null, true]' in intake.changes
        assert "recorded" in text_of(app, "#result")


async def test_enter_with_no_tick_saves_the_complaint_with_the_apology_recorded_as_not_given(desk):
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(140, 45)) as pilot:
        await _fill(pilot, LEAK)
        before = len(cases(desk))
        await send_keys(pilot, ["ctrl+s", "enter"])
        case = await _saved(pilot, desk, before)
        assert (case.kind, case.apologised, case.thanked) == (Kind.complaint, False, False)


async def test_a_repair_read_back_asks_only_for_the_thanks_and_a_is_no_tick_there(desk):
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(140, 45)) as pilot:
        await _fill(pilot, {"kind": "repair", "who": "Mr Ma", "phone": "13900139000", "which": "Tower A 3F 301",
                            "what": "the corridor light is out"})
        before = len(cases(desk))
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, ReadBackScreen) and app.screen.query("#readback-body"),
                    "the read-back")
        assert "Apologised" not in text_of(app, "#readback-body")
        assert _body(app)[-1].startswith("☐ Thanked the caller")
        assert text_of(app, "#readback-keys").startswith("t: thanked   Enter")
        await pilot.press("a", "t", "enter")
        case = await _saved(pilot, desk, before)
        assert (case.kind, case.apologised, case.thanked) == (Kind.repair, False, True)


async def test_in_chinese_the_complaint_opens_with_the_apology_and_the_ticks_are_recorded(desk, chinese):
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(140, 45)) as pilot:
        await _fill(pilot, LEAK_ZH)
        assert "您好，客服中心0XX号为您服务。" in text_of(app, "#greeting")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, ReadBackScreen) and app.screen.query("#readback-body"),
                    "the read-back")
        lines = _body(app)
        assert lines[0].startswith("☐ 已先致歉：“对不起，给您带来不便，实在抱歉。”")
        assert lines[-1].startswith("☐ 已致谢：“感谢您的来电，再见。”")
        assert "a：已致歉" in text_of(app, "#readback-keys") and "t：已致谢" in text_of(app, "#readback-keys")
        assert "确认" in screen_text(app)
        before = len(cases(desk))
        await pilot.press("a", "enter")  # apologised, the thanks forgotten
        case = await _saved(pilot, desk, before)
        assert (case.apologised, case.thanked) == (True, False)


async def test_in_chinese_keys_at_full_speed_and_enter_alone_record_the_apology_not_given(desk, chinese):
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(140, 45)) as pilot:
        await _fill(pilot, LEAK_ZH)
        before = len(cases(desk))
        await send_keys(pilot, ["ctrl+s", "t", "enter"])
        case = await _saved(pilot, desk, before)
        assert (case.apologised, case.thanked) == (False, True)


async def test_an_urgent_complaint_shows_urgent_above_the_apology_which_is_still_the_first_thing_said(desk):
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(140, 45)) as pilot:
        await _fill(pilot, LEAK)
        await pilot.press("ctrl+t", "ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, ReadBackScreen) and app.screen.query("#readback-body"),
                    "the read-back")
        lines = _body(app)
        assert lines[0].startswith("URGENT") and lines[2].startswith("☐ Apologised first")


async def test_an_inquiry_answered_on_the_spot_ends_with_the_thanks_tick_and_keeps_it(desk):
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(140, 45)) as pilot:
        await _fill(pilot, {"who": "Ms Chen", "what": "when are the management fees due"})
        await pilot.press("ctrl+f")
        await type_text(pilot, "fee")
        await pilot.press("enter", "n", "n")  # management fees; no and no: the desk answers
        await settled(pilot)
        await pilot.press("ctrl+o")
        await until(pilot, lambda: isinstance(app.screen, ReadBackScreen) and app.screen.query("#readback-body"),
                    "the read-back")
        assert "Apologised" not in text_of(app, "#readback-body")
        assert _body(app)[-1].startswith("☐ Thanked the caller")
        await send_keys(pilot, ["t", "enter"])
        await until(pilot, lambda: "answered and closed" in text_of(app, "#result"), "the answer to be saved", timeout=30)
    [case] = cases(desk)
    assert (case.kind, case.apologised, case.thanked) == (Kind.inquiry, False, True)
