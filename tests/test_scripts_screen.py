"""The intake's answer scripts, suggestions and place warnings, driven through the real app."""

from __future__ import annotations

from textual.widgets import Input, Select

from deskapp.app import DeskApp
from deskapp.domain.enums import Kind
from deskapp.reads.queries import case_detail
from deskapp.words.history import event_words
from tests.conftest import settled, until
from tests.helpers import cases, history, note, open_intake, tab, text_of, type_text

OPERATOR = "Wang Fang"


async def _lift_script(pilot) -> None:
    await pilot.press("ctrl+f")
    await type_text(pilot, "lift")
    await pilot.press("enter")
    await settled(pilot)


async def test_a_lift_script_with_nothing_asked_decides_nothing_and_cannot_be_closed(desk):
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_intake(pilot)
        await _lift_script(pilot)
        assert "not decided yet: ask Is anyone trapped inside the lift?" in text_of(app, "#script-decision")
        assert "closes it now" not in text_of(app, "#script-decision") and text_of(app, "#script-reply") == ""
        await pilot.press("ctrl+o")
        await settled(pilot)
        assert "The script is not decided yet" in text_of(app, "#result")
        await pilot.press("n")  # nobody trapped; the second question is still to ask
        await settled(pilot)
        assert "not decided yet: ask Is a lift stopped" in text_of(app, "#script-decision")
        await pilot.press("ctrl+o")
        await settled(pilot)
        assert "The script is not decided yet" in text_of(app, "#result") and cases(desk) == []
        await pilot.press("n")
        await settled(pilot)
        assert "the desk answers and closes it now" in text_of(app, "#script-decision")


async def test_people_trapped_sends_security_says_whom_to_call_and_keeps_the_answers(desk):
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_intake(pilot)
        await tab(pilot, 1)
        await type_text(pilot, "Mr Zhao")
        await tab(pilot, 2)
        await type_text(pilot, "13800138000")
        await tab(pilot, 1)
        await type_text(pilot, "Tower B 1F")
        await tab(pilot, 1)
        await type_text(pilot, "stuck between floors with two visitors")
        await _lift_script(pilot)
        await pilot.press("y")  # somebody is trapped
        await settled(pilot)
        decision = text_of(app, "#script-decision")
        assert "EMERGENCY (people trapped): send Security now" in decision
        assert "Call Security now: 021-5550 1100" in decision
        form_department = screen.query_one("#f-department", Select)
        await until(pilot, lambda: form_department.value == "Security", "Security on the form")
        assert screen.query_one("#f-kind", Select).value == Kind.repair.value
        await pilot.press("ctrl+s")
        await settled(pilot)
        await pilot.press("enter")
        await settled(pilot)
    [c] = cases(desk)
    assert (c.kind, c.category) == (Kind.repair, "lift")
    intake = history(desk, c.id)[0]
    assert intake.note.startswith("Script: Lift stuck or out of service · Is anyone trapped inside the lift? yes")
    assert "Judgement: EMERGENCY (people trapped)" in intake.note
    shown = [event_words(line, desk.calendar.tz) for line in case_detail(desk, c.id).history]
    assert any("Is anyone trapped inside the lift? yes" in line for line in shown)  # in its detail and history
    assert "forward" in [e.action for e in history(desk, c.id)]


async def test_the_category_is_suggested_from_the_list_and_taken_with_right(desk):
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_intake(pilot)
        category = screen.query_one("#f-category", Input)
        category.focus()
        await type_text(pilot, "air")
        await until(pilot, lambda: category._suggestion == "air conditioning", "the suggestion")
        await pilot.press("right")
        await settled(pilot)
        assert category.value == "air conditioning"
        category.value = ""
        await type_text(pilot, "Air-Conditioning")
        await settled(pilot)
        assert note(app, "category") == "kept as air conditioning"
        category.value = ""
        await type_text(pilot, "pigeons")
        await settled(pilot)
        assert "not in the category list" in note(app, "category")


async def test_an_unknown_building_is_warned_about_and_a_known_one_read_in_either_language(desk):
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_intake(pilot)
        which = screen.query_one("#f-which", Input)
        which.focus()
        await type_text(pilot, "Tower Z 99F")
        await settled(pilot)
        assert "'Tower Z' is not a building the desk knows" in note(app, "which")
        assert screen.query_one("#note-which").has_class("warning")
        which.value = ""
        await type_text(pilot, "B座12层1203室")
        await settled(pilot)
        assert note(app, "which") == "Tower B · floor 12 · unit 1203"
        which.value = ""
        await type_text(pilot, "Tow")
        await until(pilot, lambda: which._suggestion == "Tower A ", "a building suggested")


async def test_a_repair_takes_the_scripts_department_once_an_answer_dispatches_it(desk):
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_intake(pilot)
        await pilot.press("r")  # a repair: the trade row is on the form
        await settled(pilot)
        await pilot.press("ctrl+f")
        await type_text(pilot, "leak")
        await pilot.press("enter", "y")  # water still coming in
        await settled(pilot)
        assert "dispatch to Engineering" in text_of(app, "#script-decision")
        department = screen.query_one("#f-department", Select)
        await until(pilot, lambda: department.value == "Engineering", "Engineering on the form")
        await pilot.press("shift+tab", "backspace")  # back to the question (y moved on), its answer taken back
        await settled(pilot)
        assert "not decided yet" in text_of(app, "#script-decision")


async def test_in_chinese_an_unknown_building_is_warned_about_and_people_trapped_call_security(desk, chinese):
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_intake(pilot)
        which = screen.query_one("#f-which", Input)
        which.focus()
        await type_text(pilot, "Z座99层")
        await settled(pilot)
        assert "'Z座'不是登记的楼栋（A座, B座, C座, 裙楼），请与来电人核实" in note(app, "which")
        which.value = ""
        await type_text(pilot, "Tower B 12F 1203")
        await settled(pilot)
        assert note(app, "which").startswith("B座")
        await pilot.press("ctrl+f")
        await type_text(pilot, "电梯")
        await pilot.press("enter", "y")
        await settled(pilot)
        decision = text_of(app, "#script-decision")
        assert "紧急情况（有人被困）：立即派安保部" in decision and "立即致电安保部：021-5550 1100" in decision
