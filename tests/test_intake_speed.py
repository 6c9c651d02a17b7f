"""A call typed at full speed is saved exactly as said: every key in the field that had the focus when
it was typed, straight after F2, straight after a Tab, after a long paste; in English and in Chinese.

The keys go in as the terminal sends them (one at a time, `pause` seconds apart, never waiting for the
app in between), which is how a receptionist's fingers arrive while the caller talks.
"""

from __future__ import annotations

import asyncio

import pytest
from textual import events
from textual.keys import _character_to_key

from deskapp.app import DeskApp
from deskapp.domain.enums import Channel, Kind, Severity
from deskapp.screens.intake import IntakeScreen
from deskapp.screens.readback import ReadBackScreen
from tests.conftest import settled, until
from tests.helpers import cases, kept_field

OPERATOR = "Wang Fang"


def tab() -> list[str]:
    return ["tab"]


def typed(text: str) -> list[str]:
    return list(text)


# A general complaint, field by field in the form's Tab order (kind, severity, who, company, phone,
# which, what, why, how), a slip corrected with Backspace, then ctrl+s and Enter on the read-back.
ENGLISH_CALL = ["f2", "c", *tab(), "g", *tab(), *typed("Mr Li"), *tab(), *typed("Initech"), *tab(),
                *typed("13800138000"), *tab(), *typed("Tower A 1F 1011"), "backspace", *tab(),
                *typed("Door broken"), *tab(), *typed("kicked"), *tab(), *typed("fix today"), "ctrl+s", "enter"]
ENGLISH_SAVED = dict(kind=Kind.complaint, severity=Severity.general, who="Mr Li", company="Initech", phone="13800138000",
                     which="Tower A 1F 101", what="Door broken", why="kicked", how="fix today", channel=Channel.phone)

# The same call in Chinese: the choices by the first letter of their pinyin (t 投诉, y 一般).
CHINESE_CALL = ["f2", "t", *tab(), "y", *tab(), *typed("李先生"), *tab(), *typed("英泰"), *tab(),
                *typed("13800138000"), *tab(), *typed("A座1层101室"), *tab(), *typed("门坏了"), *tab(),
                *typed("被踢坏"), *tab(), *typed("今天修好"), "ctrl+s", "enter"]
CHINESE_SAVED = dict(kind=Kind.complaint, severity=Severity.general, who="李先生", company="英泰", phone="13800138000",
                     which="A座1层101室", what="门坏了", why="被踢坏", how="今天修好", channel=Channel.phone)


def key_event(key: str) -> events.Key:
    if len(key) == 1:
        return events.Key(key if key.isalnum() else _character_to_key(key), key)
    return events.Key(key, None)


async def send(pilot, keys: list[str], pause: float) -> None:
    """Each key as the terminal driver sends it, `pause` seconds after the one before."""
    app = pilot.app
    for key in keys:
        event = key_event(key)
        event.set_sender(app)
        app._driver.send_message(event)
        if pause:
            await asyncio.sleep(pause)


async def saved_case(pilot, desk):
    await until(pilot, lambda: cases(desk), "the call to be saved", timeout=30)
    [case] = cases(desk)
    return case


def assert_saved_as_said(case, said: dict) -> None:
    assert {name: getattr(case, name) for name in said} == said


@pytest.mark.parametrize("pause", [0, 0.01, 0.03, 0.12], ids=["0ms", "10ms", "30ms", "120ms"])
async def test_a_call_typed_at_any_speed_from_f2_on_is_saved_as_said(desk, pause):
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await send(pilot, ENGLISH_CALL, pause)
        assert_saved_as_said(await saved_case(pilot, desk), ENGLISH_SAVED)


@pytest.mark.parametrize("pause", [0, 0.03], ids=["0ms", "30ms"])
async def test_a_call_typed_in_chinese_at_speed_is_saved_as_said(desk, chinese, pause):
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await send(pilot, CHINESE_CALL, pause)
        assert_saved_as_said(await saved_case(pilot, desk), CHINESE_SAVED)


async def test_pilot_presses_with_pauses_land_where_they_were_meant(desk):
    """The same call through Pilot.press, a short pause after each Tab, as a test writer would."""
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        for key in ENGLISH_CALL:
            await pilot.press(key)
            if key == "tab":
                await pilot.pause(0.03)
        assert_saved_as_said(await saved_case(pilot, desk), ENGLISH_SAVED)


# An e-mail the caller sent, pasted into What: 6,000 characters over several lines.
EMAIL = ("Dear desk,\nwater has been dripping from the ceiling near the window since yesterday evening;\n"
         "the carpet is soaked and the tenant asks who pays for it.\n") * 40
EMAIL = EMAIL[:6000]
EMAIL_AS_SAVED = " ".join(line.strip() for line in EMAIL.splitlines() if line.strip())


async def test_a_long_paste_keeps_every_line_and_the_keys_after_it_reach_the_next_field(desk):
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await send(pilot, ["f2", "c", "tab", "g", "tab", *"Mr Li", "tab", "tab", "tab", *"Tower A 1F 101", "tab"], 0)
        await until(pilot, lambda: pilot.app.focused is not None and pilot.app.focused.id == "f-what", "What")
        app.post_message(events.Paste(EMAIL))
        await send(pilot, ["tab", *"burst pipe", "tab", *"fix today", "ctrl+s", "enter"], 0)
        case = await saved_case(pilot, desk)
        assert (case.what, case.why, case.how, case.who) == (EMAIL_AS_SAVED, "burst pipe", "fix today", "Mr Li")


async def test_a_paste_that_arrives_as_six_thousand_keys_goes_whole_into_its_field(desk):
    """tmux send-keys, or a terminal without bracketed paste, sends a paste as keys, Tab after them."""
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        text = EMAIL_AS_SAVED[:6000]
        await send(pilot, ["f2", "i", "tab", *"Ms Wu", "tab", "tab", "tab", "tab", *text, "tab", *"asks", "tab",
                           *"a call back", "ctrl+s", "enter"], 0)
        case = await saved_case(pilot, desk)
        assert (case.kind, case.who, case.what, case.why, case.how) == (Kind.inquiry, "Ms Wu", text, "asks", "a call back")


async def test_the_draft_keeps_up_with_continuous_typing_and_is_written_when_a_field_is_left(desk):
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await send(pilot, ["f2", "i", "tab"], 0)
        await until(pilot, lambda: pilot.app.focused is not None and pilot.app.focused.id == "f-who", "Who")
        # 40 letters at 50 ms, never pausing: drafts are written along the way, not only at a pause.
        words = "water dripping on the desk by the window"
        drafts_seen = set()
        for letter in words:
            await send(pilot, [letter], 0.05)
            drafts_seen.add(kept_field(desk, OPERATOR, "who") or "")
        written = sorted(d for d in drafts_seen if d and d != words)
        assert len(written) >= 2, f"drafts written while typing: {written}"
        assert all(words.startswith(d) for d in written)
        # Leaving the field writes it at once.
        await send(pilot, ["tab", *"Initech", "tab"], 0)
        await until(pilot, lambda: kept_field(desk, OPERATOR, "company") == "Initech", "the company in the draft", timeout=1.0)
        assert kept_field(desk, OPERATOR, "who") == words


async def test_each_f2_after_leaving_is_a_fresh_call_on_the_kept_form(desk):
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await send(pilot, ["f2", "c", "tab", "m", "tab", *"Mr Li"], 0)
        await settled(pilot)
        first = app.screen
        await send(pilot, ["escape", "y"], 0)  # discard it
        await until(pilot, lambda: not isinstance(app.screen, IntakeScreen), "the intake to close")
        await send(pilot, ["f2", "s", "tab", *"Ms Wu"], 0)
        await settled(pilot)
        assert app.screen is first  # the same form, built once
        form = app.screen.query_one("#form").values()
        assert (form["kind"], form["severity"], form["who"]) == ("suggestion", "", "Ms Wu")


async def test_the_form_built_ahead_takes_the_keys_typed_while_the_app_starts(desk):
    """`deskapp` builds the intake as soon as the first screen is up: F2 straight away works the same."""
    app = DeskApp(desk, OPERATOR, build_ahead=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await send(pilot, ENGLISH_CALL, 0.01)
        assert_saved_as_said(await saved_case(pilot, desk), ENGLISH_SAVED)
        assert not isinstance(app.screen, ReadBackScreen)
