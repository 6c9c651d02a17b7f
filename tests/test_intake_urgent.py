"""Urgent calls and outside parties on the screens, as the night shift meets them: a flood at 22:30 typed
at full speed with ctrl+t among the keys, a lift with people trapped answered from its script, the
read-back that says URGENT and what the script asked, and a neighbour named from the case detail."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlmodel import select

from deskapp.app import DeskApp
from deskapp.desk import drafts
from deskapp.domain.enums import ClockName, Kind, Severity
from deskapp.models import CaseClock
from deskapp.screens.case_detail import CaseDetailScreen
from deskapp.screens.readback import ReadBackScreen
from deskapp.widgets.intake_form import IntakeForm
from tests.conftest import at, settled, until
from tests.helpers import cases, kept_field, open_intake, open_queue, record, tab, text_of, type_text
from tests.test_intake_speed import send

OPERATOR = "Wang Fang"
NIGHT = "2026-11-23 22:30"  # Monday night: the desk opens again at 08:00


def due_times(desk, case_id: int) -> dict[ClockName, datetime]:
    with desk.reading() as session:
        return {row.name: row.due_at for row in session.exec(select(CaseClock).where(CaseClock.case_id == case_id))}


def flood_call(words: dict[str, str], kind_key: str, severity_key: str, urgent_keys: list[str]) -> list[str]:
    """A general complaint in the form's Tab order, ctrl+t straight after the caller's name, then Tab on
    past Channel to the outside party, ctrl+s and Enter on the read-back: never a pause."""
    return ["f2", kind_key, "tab", severity_key, "tab", *words["who"], *urgent_keys, "tab", *words["company"], "tab",
            *"13800138000", "tab", *words["which"], "tab", *words["what"], "tab", *words["why"], "tab", *words["how"],
            *["tab"] * 7, *words["party"], "ctrl+s", "enter"]


ENGLISH = dict(who="Mr Li", company="Initech", which="Tower A 1F 101", what="water pouring through the ceiling",
               why="burst pipe upstairs", how="send someone now", party="water utility")
CHINESE = dict(who="李先生", company="英泰", which="A座1层101室", what="天花板大量漏水", why="楼上水管爆裂",
               how="马上派人", party="自来水公司")


async def saved(pilot, desk):
    await until(pilot, lambda: cases(desk), "the call to be saved", timeout=30)
    [case] = cases(desk)
    return case


def assert_as_said(case, words: dict[str, str]) -> None:
    assert (case.kind, case.severity, case.who, case.company, case.which, case.what, case.why, case.how) == (
        Kind.complaint, Severity.general, words["who"], words["company"], words["which"], words["what"],
        words["why"], words["how"])
    assert case.outside_party == words["party"]


@pytest.mark.parametrize("pause", [0, 0.03], ids=["0ms", "30ms"])
async def test_a_flood_at_2230_marked_urgent_at_full_speed_is_due_to_be_forwarded_by_2235_not_0820(desk, pause):
    desk.clock.set(at(NIGHT))
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await send(pilot, flood_call(ENGLISH, "c", "g", ["ctrl+t"]), pause)
        case = await saved(pilot, desk)
        await until(pilot, lambda: "forward by" in text_of(app, "#result"), "the saved case's deadlines under the form")
    assert_as_said(case, ENGLISH)
    assert case.urgent is True
    due = due_times(desk, case.id)
    assert due[ClockName.forward] == at("2026-11-23 22:35")  # 5 wall-clock minutes, at night too
    assert due[ClockName.contact] == at("2026-11-26 22:30")  # the customer hears back within 3 days


async def test_the_same_flood_typed_in_chinese_at_full_speed_is_urgent_with_every_word_in_its_field(desk, chinese):
    desk.clock.set(at(NIGHT))
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        keys = flood_call(CHINESE, "t", "y", ["ctrl+t"])
        await send(pilot, keys[:-1], 0)  # up to the read-back
        await until(pilot, lambda: isinstance(app.screen, ReadBackScreen) and app.screen.query("#readback-body"),
                    "the read-back")
        assert text_of(app, "#readback-body").startswith("紧急：转派和到场按自然时间分钟计")
        assert "涉及的外部方：自来水公司" in text_of(app, "#readback-body")
        assert app.screen_stack[-2].query_one("#urgent-line").styles.display == "block"
        await send(pilot, keys[-1:], 0)
        case = await saved(pilot, desk)
    assert_as_said(case, CHINESE)
    assert case.urgent is True and due_times(desk, case.id)[ClockName.forward] == at("2026-11-23 22:35")


async def test_ctrl_t_twice_is_not_urgent_and_the_flood_waits_for_the_morning_as_any_general_complaint(desk):
    desk.clock.set(at(NIGHT))
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await send(pilot, flood_call(ENGLISH, "c", "g", ["ctrl+t", "ctrl+t"]), 0)
        case = await saved(pilot, desk)
    assert_as_said(case, ENGLISH)
    assert case.urgent is False
    assert due_times(desk, case.id)[ClockName.forward] == at("2026-11-24 08:20")  # 20 working minutes


async def test_ctrl_t_shows_urgent_on_the_form_the_read_back_says_so_and_esc_keeps_it(desk):
    desk.clock.set(at(NIGHT))
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_intake(pilot)
        line = screen.query_one("#urgent-line")
        assert line.styles.display == "none"  # an ordinary call says nothing of urgency
        await pilot.press("c", "tab", "g", "tab", *"Mr Li", "ctrl+t")
        await settled(pilot)
        assert line.styles.display == "block" and "URGENT" in text_of(app, "#urgent-line")
        assert screen.query_one(IntakeForm).values()["who"] == "Mr Li"  # the key typed nothing into the field
        await tab(pilot, 2)
        await type_text(pilot, "13800138000")
        await tab(pilot, 1)
        await type_text(pilot, "Tower A 1F 101")
        await tab(pilot, 1)
        await type_text(pilot, "water pouring through the ceiling")
        await pilot.press("ctrl+s")
        await settled(pilot)
        assert isinstance(app.screen, ReadBackScreen), text_of(app, "#result")
        read = text_of(app, "#readback-body")
        assert read.startswith("URGENT: forwarded and on site in wall-clock minutes")
        assert "forward to the responsible department by Mon 23 Nov 22:35" in read
        await pilot.press("escape")
        await settled(pilot)
        assert screen.query_one(IntakeForm).urgent  # back to the form: still urgent


async def _trapped_in_the_lift(pilot) -> None:
    """Mr Zhao, a lift stuck in Tower B, the lift script and its first question: yes, people are trapped."""
    await tab(pilot, 1)
    await type_text(pilot, "Mr Zhao")
    await tab(pilot, 2)
    await type_text(pilot, "13800138000")
    await tab(pilot, 1)
    await type_text(pilot, "Tower B 1F")
    await tab(pilot, 1)
    await type_text(pilot, "stuck between floors with two visitors")
    await pilot.press("ctrl+f")
    await type_text(pilot, "lift")
    await pilot.press("enter")
    await settled(pilot)
    await pilot.press("y")  # somebody is trapped
    await settled(pilot)


async def test_people_trapped_make_the_case_urgent_and_the_read_back_shows_what_the_script_asked(desk):
    desk.clock.set(at(NIGHT))
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_intake(pilot)
        await _trapped_in_the_lift(pilot)
        form = screen.query_one(IntakeForm)
        await until(pilot, lambda: form.values()["department"] == "Security", "Security on the form")
        assert form.urgent and "URGENT" in text_of(app, "#urgent-line")
        await pilot.press("ctrl+s")
        await settled(pilot)
        read = text_of(app, "#readback-body")
        assert "URGENT" in read
        assert "Script answers kept with the case:" in read
        assert "Is anyone trapped inside the lift? yes" in read and "Judgement: EMERGENCY (people trapped)" in read
        await pilot.press("enter")
        case = await saved(pilot, desk)
    assert (case.kind, case.urgent) == (Kind.repair, True)
    due = due_times(desk, case.id)
    assert due[ClockName.forward] == at("2026-11-23 22:35") and due[ClockName.arrive] == at("2026-11-23 22:45")


async def test_the_operator_turns_a_script_s_urgency_off_with_ctrl_t_and_the_case_is_saved_not_urgent(desk):
    desk.clock.set(at(NIGHT))
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_intake(pilot)
        await _trapped_in_the_lift(pilot)
        form = screen.query_one(IntakeForm)
        await until(pilot, lambda: form.values()["department"] == "Security", "Security on the form")
        await pilot.press("ctrl+t")  # the caller: "no, they got out, it is just stuck"
        await settled(pilot)
        assert not form.urgent
        await pilot.press("ctrl+s")
        await settled(pilot)
        assert "URGENT" not in text_of(app, "#readback-body")
        await pilot.press("enter")
        case = await saved(pilot, desk)
    assert case.urgent is False
    assert due_times(desk, case.id)[ClockName.arrive] == at("2026-11-24 08:15")  # the usual 15 working minutes


async def test_an_urgent_call_is_kept_urgent_in_its_draft_and_a_restored_draft_is_urgent_again(desk):
    desk.clock.set(at(NIGHT))
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_intake(pilot)
        await pilot.press("c", "tab", "g", "tab", *"Mr Li", "ctrl+t")
        await settled(pilot)
        await until(pilot, lambda: kept_field(desk, OPERATOR, "urgent") == "yes", "the draft to say urgent")
        assert kept_field(desk, OPERATOR, "who") == "Mr Li"
        form = screen.query_one(IntakeForm)
        form.reset()  # the next call starts ordinary
        assert not form.urgent and form.query_one("#urgent-line").styles.display == "none"
        form.load(drafts.load_draft(desk, OPERATOR).fields)  # as the offer of the draft restores it
        await settled(pilot)
        assert form.urgent and form.values()["who"] == "Mr Li"
        assert text_of(app, "#urgent-line").startswith("URGENT")


async def test_the_case_detail_names_an_outside_party_with_i_and_the_contact_clock_starts(desk):
    case_id = record(desk, "2026-11-23 08:50", what="water coming through from the flat above")
    async with DeskApp(desk, OPERATOR).run_test(size=(140, 45)) as pilot:
        await open_queue(pilot)
        await pilot.press("enter")
        await settled(pilot)
        assert isinstance(pilot.app.screen, CaseDetailScreen)
        await pilot.press("i")
        await settled(pilot)
        assert "Outside party case" in text_of(pilot.app, "#action-title")
        await pilot.press("ctrl+s")  # nothing typed: refused beside the field, nothing written
        await settled(pilot)
        assert "outside party involved is needed" in text_of(pilot.app, "#error-outside")  # beside the field
        await type_text(pilot, "neighbouring tenant 1303")
        await pilot.press("enter")
        await settled(pilot)
        assert isinstance(pilot.app.screen, CaseDetailScreen)
    [case] = cases(desk)
    assert case.outside_party == "neighbouring tenant 1303"
    assert due_times(desk, case_id)[ClockName.contact] == at("2026-11-26 09:00")  # 3 days from when it was named


async def test_an_inquiry_has_no_outside_party_refused_in_the_dialog_in_plain_words(desk):
    record(desk, "2026-11-23 08:50", kind=Kind.inquiry, what="when is the water back")
    async with DeskApp(desk, OPERATOR).run_test(size=(140, 45)) as pilot:
        await open_queue(pilot)
        await pilot.press("enter")
        await settled(pilot)
        await pilot.press("i")
        await settled(pilot)
        await type_text(pilot, "water utility")
        await pilot.press("enter")
        await settled(pilot)
        assert "only a complaint involves an outside party" in text_of(pilot.app, "#action-error")
    assert cases(desk)[0].outside_party == ""
