"""The intake screen as the receptionist uses it: keyboard only, while the caller talks."""

from __future__ import annotations

import json

from sqlmodel import select
from textual.widgets import Input, OptionList

from deskapp.app import DeskApp
from deskapp.desk import drafts
from deskapp.desk.intake import record_intake
from deskapp.desk.notices import add_notice
from deskapp.domain.enums import Kind, NoteKind, Severity, Status
from deskapp.domain.intake import Intake
from deskapp.models import Note, Notification, Staff
from deskapp.reads.queries import case_detail
from deskapp.screens.intake import IntakeScreen
from deskapp.screens.readback import ConfirmScreen, ReadBackScreen
from deskapp.words.history import event_words
from tests.conftest import at, settled, until
from tests.helpers import (
    cases,
    history,
    kept_field,
    note,
    open_intake,
    tab,
    text_of,
    type_text,
)

OPERATOR = "Wang Fang"


class Keys:
    """Presses keys and counts those that are not the caller's words typed in."""

    def __init__(self, pilot):
        self.pilot = pilot
        self.extra = 0

    async def type(self, text: str) -> None:
        await type_text(self.pilot, text)

    async def press(self, *keys: str) -> None:
        self.extra += len(keys)
        await self.pilot.press(*keys)

    async def settle(self) -> None:
        await settled(self.pilot)


def shown(desk, case_id: int) -> list[str]:
    """The case's history as the case detail words it."""
    return [event_words(line, desk.calendar.tz) for line in case_detail(desk, case_id).history]


async def test_a_general_complaint_typed_with_the_keyboard_alone_is_recorded_with_its_history(desk):
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_intake(pilot)
        keys = Keys(pilot)
        await keys.press("enter")  # open the Kind list
        await keys.type("c")  # type-to-search: complaint
        await keys.press("enter", "tab", "enter")
        await keys.type("g")  # general
        await keys.press("enter", "tab")
        await keys.type("Ms Li")
        await keys.press("tab", "tab")
        await keys.type("138 0013 8000")
        await keys.press("tab")
        await keys.type("Tower B 12F 1203")
        await keys.press("tab")
        await keys.type("water dripping from the ceiling")
        await keys.press("tab")
        await keys.type("pipe above leaks since morning")
        await keys.press("tab")
        await keys.type("fix it today")
        await keys.press("ctrl+s")
        await keys.settle()
        body = text_of(app, "#readback-body")
        assert body.index("Ms Li") < body.index("Tower B") < body.index("water dripping")
        assert "forward to the responsible department by Mon 23 Nov 09:20" in body
        assert "resolve by Wed 25 Nov 11:00" in body
        await keys.press("enter")
        await keys.settle()
        assert keys.extra <= 40, keys.extra
        print(f"keystrokes beyond the typed text: {keys.extra}")
        saved = cases(desk)
        assert len(saved) == 1
        c = saved[0]
        assert (c.kind, c.severity, c.who, c.phone) == (Kind.complaint, Severity.general, "Ms Li", "13800138000")
        assert (c.building, c.floor, c.unit) == ("Tower B", "12", "1203")
        assert c.why == "pipe above leaks since morning" and c.how == "fix it today"
        assert c.received_at == at("2026-11-23 09:00") and not c.after_hours
        with desk.reading() as session:
            owner = session.get(Staff, c.received_by_id)
        assert owner.name == OPERATOR
        events = history(desk, c.id)
        assert [e.action for e in events] == ["intake"]
        assert json.loads(events[0].changes)["what"] == [None, "water dripping from the ceiling"]
        result = text_of(app, "#result")
        assert f"Case #{c.id} recorded" in result and "forward by Mon 23 Nov 09:20" in result
        # The form is fresh for the next call and the draft is gone.
        assert app.screen.query_one("#f-what", Input).value == ""
        assert drafts.load_draft(desk, OPERATOR) is None


async def choose_kind(pilot, letter: str) -> None:
    await pilot.press("enter")
    await type_text(pilot, letter)
    await pilot.press("enter")


async def test_a_repair_is_recorded_with_its_work_order_to_the_trade(desk):
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_intake(pilot)
        await choose_kind(pilot, "r")
        await pilot.press("tab", "enter")
        await type_text(pilot, "e")  # Engineering
        await pilot.press("enter", "tab")
        await type_text(pilot, "Mr Zhang")
        await tab(pilot, 3)
        await type_text(pilot, "Tower A 5F 502")
        await pilot.press("tab")
        await type_text(pilot, "light in the meeting room flickers")
        await pilot.press("ctrl+s")
        await settled(pilot)
        body = text_of(app, "#readback-body")
        assert "trade on site by Mon 23 Nov 09:15" in body
        await pilot.press("enter")
        await settled(pilot)
        [c] = cases(desk)
        assert (c.kind, c.building, c.floor, c.unit, c.status) == (Kind.repair, "Tower A", "5", "502", Status.forwarded)
        assert c.forwarded_at == at("2026-11-23 09:00")
        assert [e.action for e in history(desk, c.id)] == ["intake", "forward"]
        assert shown(desk, c.id)[1].startswith("forwarded to Engineering: work order from intake\n")


async def test_an_inquiry_is_answered_from_a_script_and_closed_on_the_spot(desk):
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_intake(pilot)
        await tab(pilot, 1)
        await type_text(pilot, "Ms Chen")
        await tab(pilot, 4)
        await type_text(pilot, "when are the management fees due")
        await pilot.press("ctrl+f")
        await type_text(pilot, "fee")
        await pilot.press("enter", "n", "n")  # the best match: management fees; no and no: the desk answers
        await settled(pilot)
        assert "closes it now" in text_of(app, "#script-decision")
        assert app.screen.query_one("#f-category", Input).value == "fees"
        await pilot.press("ctrl+o")
        await settled(pilot)
        assert "Management fees are billed" in text_of(app, "#readback-body")
        await pilot.press("enter")
        await settled(pilot)
        [c] = cases(desk)
        assert (c.kind, c.category, c.status) == (Kind.inquiry, "fees", Status.closed)
        assert c.outcome.startswith("Management fees are billed")
        assert [e.action for e in history(desk, c.id)] == ["intake", "resolve"]
        assert history(desk, c.id)[0].note == ("Script: Management fees and bills · Does the caller dispute an amount "
                                               "on their bill? no · Do they need a copy of an invoice or receipt? no · "
                                               "Judgement: the desk answers and closes it now")
        assert "answered and closed" in text_of(app, "#result")


async def test_a_script_whose_answers_call_for_dispatch_cannot_be_closed_on_the_spot(desk):
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_intake(pilot)
        await pilot.press("ctrl+f")
        await type_text(pilot, "leak")
        await pilot.press("enter", "space")  # "Is water still coming in now?" yes
        await settled(pilot)
        assert "dispatch to Engineering" in text_of(app, "#script-decision")
        await pilot.press("ctrl+o")
        await settled(pilot)
        assert "Choose a script whose rule lets the desk close it" in text_of(app, "#result")
        assert cases(desk) == []


async def test_every_validation_message_appears_beside_its_field_and_keeps_what_was_typed(desk):
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_intake(pilot)
        await choose_kind(pilot, "c")
        await pilot.press("ctrl+s")  # nothing typed yet: every requirement of a complaint is named
        await settled(pilot)
        assert "a complaint needs a severity" in note(app, "severity")
        assert "caller's name or a contact phone" in note(app, "who")
        assert "where the caller is from" in note(app, "which")
        assert "say what happened" in note(app, "what")
        assert app.focused.id == "f-severity"  # the first thing to complete
        assert cases(desk) == []
        await tab(pilot, 3)
        await type_text(pilot, "12ab")
        assert "does not look like a phone number" in note(app, "phone")
        assert app.screen.query_one("#f-phone", Input).value == "12ab"
        form = app.screen.query_one("#form")
        form.set_field("received_at", "tomorrow")
        await pilot.pause()
        assert "needs a time of day" in note(app, "received_at")
        form.set_field("received_at", "25:00")
        await pilot.pause()
        assert "not a time of day" in note(app, "received_at")
        form.set_field("received_at", "2026-11-23 10:30")
        await pilot.pause()
        assert "in the future" in note(app, "received_at")
        form.set_field("received_at", "08:30")
        form.set_field("requested_by", "08:00")
        await pilot.pause()
        assert note(app, "received_at") == "Mon 23 Nov 08:30"  # the parsed value shown beside the field
        assert "must be after the time the call was received" in note(app, "requested_by")
        form.set_field("kind", "inquiry")
        form.set_field("severity", "")
        await pilot.pause()
        form.set_field("kind", "repair")
        await pilot.pause()
        assert "a repair needs where it is" in note(app, "which")
        assert app.screen.query_one("#f-phone", Input).value == "12ab"


async def test_a_draft_survives_the_app_being_killed_and_is_offered_back(desk):
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_intake(pilot)
        await choose_kind(pilot, "c")
        await tab(pilot, 2)
        await type_text(pilot, "Mr Wu")
        await tab(pilot, 3)
        await type_text(pilot, "Tower C 8F 801")
        # The draft is written once typing pauses: until it holds the last words typed.
        await until(pilot, lambda: kept_field(desk, OPERATOR, "which") == "Tower C 8F 801", "the draft to be kept")
        await settled(pilot)
    # The app is gone without saving, as if the terminal were closed.
    assert cases(desk) == []
    kept = drafts.load_draft(desk, OPERATOR)
    assert kept.fields["who"] == "Mr Wu" and kept.fields["kind"] == "complaint"
    assert drafts.load_draft(desk, "Liu Yang") is None  # another operator is not offered it

    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_intake(pilot)
        assert "Restore the call you were typing" in text_of(app, "#confirm-question")
        await pilot.press("y")
        await settled(pilot)
        assert app.screen.query_one("#f-who", Input).value == "Mr Wu"
        assert app.screen.query_one("#f-which", Input).value == "Tower C 8F 801"
        assert app.screen.query_one("#row-severity").display  # the complaint's rows are back too


async def test_escape_asks_before_discarding_a_call_in_progress(desk):
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_intake(pilot)
        await tab(pilot, 1)
        await type_text(pilot, "Ms Li")
        await pilot.press("escape")
        await settled(pilot)
        assert "Discard this call?" in text_of(app, "#confirm-question")
        await pilot.press("n")
        await settled(pilot)
        assert app.screen.query_one("#f-who", Input).value == "Ms Li"
        await pilot.press("escape", "enter")  # Enter out of habit keeps the call: only y discards it
        await settled(pilot)
        assert app.screen.query_one("#f-who", Input).value == "Ms Li"
        await pilot.press("escape", "y")
        await settled(pilot)
        assert not isinstance(app.screen, IntakeScreen)
    assert drafts.load_draft(desk, OPERATOR) is None


def _complaint(desk, phone: str, who: str, which="Tower B 12F 1203", category="water leak", received="2026-11-23 08:40"):
    return record_intake(desk, Intake(kind=Kind.complaint, severity=Severity.general, who=who, phone=phone, which=which,
                                      category=category, what="water dripping", received_at=at(received))).case.id


async def test_a_repeat_caller_sees_their_cases_and_the_call_is_attached_as_a_note(desk):
    old = _complaint(desk, "13800138000", "Ms Li")
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_intake(pilot)
        await tab(pilot, 3)
        await type_text(pilot, "13800138000")
        options = app.screen.query_one("#caller-cases", OptionList)
        await until(pilot, lambda: options.option_count, "the caller's cases to be looked up")
        await settled(pilot)
        assert options.option_count == 1 and options.get_option_at_index(0).id == str(old)
        assert "1 open" in str(app.screen.query_one("#caller").border_title)
        await pilot.press("tab")
        await type_text(pilot, "Tower B 12F 1203")
        await pilot.press("tab")
        await type_text(pilot, "still dripping, bucket is full")
        await settled(pilot)  # the unit typed looks the caller up again: the list is refilled
        await pilot.press("ctrl+r")  # the caller's cases; Enter once they have the focus (issue 16, item 1)
        await until(pilot, lambda: app.focused is options, "the caller's cases to take the focus")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        assert "Attach this call to case" in text_of(app, "#confirm-question")
        await pilot.press("y")
        await settled(pilot)
        assert cases(desk)[-1].id == old  # no new case
        with desk.reading() as session:
            [n] = session.exec(select(Note).where(Note.case_id == old)).all()
        assert n.kind is NoteKind.call and "still dripping, bucket is full" in n.text
        assert history(desk, old)[-1].action == "note"


async def test_after_a_save_the_caller_panel_forgets_the_last_callers_counts(desk):
    _complaint(desk, "13800138000", "Ms Li")
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_intake(pilot)
        panel = screen.query_one("#caller")
        for field, value in (("who", "Ms Li"), ("phone", "13800138000"), ("which", "Tower B 12F 1203"),
                             ("what", "the lift light is out")):
            screen.query_one(f"#f-{field}", Input).value = value
        await until(pilot, lambda: "1 open" in str(panel.border_title), "the caller's cases to be looked up")
        await settled(pilot)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, ReadBackScreen), "the read-back")
        await pilot.press("enter")
        await until(pilot, lambda: "recorded" in text_of(app, "#result"), "the case to be saved")
        await settled(pilot)
        assert str(panel.border_title) == "Caller · ctrl+r"
        assert "type a phone or a unit" in text_of(app, "#caller-empty")


async def test_several_callers_about_the_same_problem_are_flagged_as_a_possible_batch_incident(desk):
    _complaint(desk, "13800138000", "Ms Li")
    _complaint(desk, "13900139000", "Mr Ma", received="2026-11-23 08:50")
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_intake(pilot)
        form = app.screen.query_one("#form")
        form.set_field("kind", "complaint")
        form.set_field("phone", "13700137000")
        form.set_field("which", "Tower B 12F 1210")
        form.set_field("category", "water leak")
        await until(pilot, lambda: "batch" in text_of(app, "#caller-batch"), "the batch warning")
        await settled(pilot)
        assert "possible batch incident: 3 callers about water leak" in text_of(app, "#caller-batch")


async def test_a_major_complaint_shows_the_managers_to_call_and_records_each_call(desk):
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_intake(pilot)
        await choose_kind(pilot, "c")
        await pilot.press("tab", "enter")
        await type_text(pilot, "m")
        await pilot.press("enter", "tab")
        await type_text(pilot, "Mr Zhou")
        await tab(pilot, 3)
        await type_text(pilot, "Tower A 3F 301")
        await pilot.press("tab")
        await type_text(pilot, "slipped on a wet floor, injured")
        await pilot.press("ctrl+s")
        await settled(pilot)
        assert "escalate to operations management and leadership by Mon 23 Nov 10:00" in text_of(app, "#readback-body")
        await pilot.press("enter")
        await settled(pilot)
        assert "Major complaint" in text_of(app, "#esc-title")
        assert "Lin Tao · project manager" in str(app.focused.label)
        await pilot.press("space")  # Lin Tao called
        await settled(pilot)
        await pilot.press("space")  # the next manager down the list
        await settled(pilot)
        assert "called at 09:00" in text_of(app, "#esc-status")
        await pilot.press("escape")
        await settled(pilot)
    [c] = cases(desk)
    with desk.reading() as session:
        calls = session.exec(select(Notification).where(Notification.case_id == c.id)).all()
    assert len(calls) == 2
    notes = [words for e, words in zip(history(desk, c.id), shown(desk, c.id), strict=True) if e.action == "notify"]
    assert notes[0].startswith("called Lin Tao (project manager, 13800138020)")


async def test_notices_for_the_callers_building_are_shown_and_answer_the_call(desk):
    add_notice(desk, "water", "Water off for pipe repair", at("2026-11-23 08:00"), at("2026-11-23 12:00"),
                       building="Tower B", floors="11,12F", details="Water returns by 12:00.")
    add_notice(desk, "power", "Power shutdown", at("2026-11-23 08:00"), at("2026-11-23 12:00"), building="Tower A")
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_intake(pilot)
        await tab(pilot, 4)
        await type_text(pilot, "Tower B 12F 1203")
        await pilot.press("tab")
        await type_text(pilot, "why is there no water")
        shown = app.screen.query_one("#notice-list", OptionList)
        await until(pilot, lambda: shown.option_count, "the building's notices to be shown")
        await settled(pilot)
        assert shown.option_count == 1
        assert "Water off for pipe repair" in str(shown.get_option_at_index(0).prompt)
        shown.focus()
        await pilot.press("enter")  # answer with it
        await settled(pilot)
        assert "Water returns by 12:00" in text_of(app, "#readback-body")
        await pilot.press("enter")
        await settled(pilot)
    [c] = cases(desk)
    assert (c.kind, c.category, c.status) == (Kind.inquiry, "water supply", Status.closed)  # the topic, by the category list


async def test_after_hours_the_banner_shows_and_the_read_back_says_when_clocks_start(desk):
    desk.clock.set(at("2026-11-20 19:30"))  # a Friday evening
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_intake(pilot)
        assert "After hours" in text_of(app, "#after-hours")
        assert app.screen.query_one("#after-hours").has_class("shown")
        form = app.screen.query_one("#form")
        for name, value in (("kind", "complaint"), ("severity", "general"), ("who", "Ms Li"),
                            ("which", "Tower B 12F 1203"), ("what", "lobby lights off")):
            form.set_field(name, value)
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settled(pilot)
        body = text_of(app, "#readback-body")
        assert "general and minor clocks start at the next opening, Mon 23 Nov 08:00" in body
        assert "forward to the responsible department by Mon 23 Nov 08:20" in body
        await pilot.press("enter")
        await settled(pilot)
    [c] = cases(desk)
    assert c.after_hours


async def test_the_not_saved_banner_goes_once_the_form_is_complete(desk):
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_intake(pilot)
        await choose_kind(pilot, "c")
        await pilot.press("tab", "g", "tab")
        await type_text(pilot, "Ms Li")
        await pilot.press("ctrl+s")
        await settled(pilot)
        result = app.screen.query_one("#result")
        assert "Not saved yet" in text_of(app, "#result") and result.has_class("shown")
        assert app.focused.id == "f-which"  # saving moved to the first thing to complete
        await type_text(pilot, "Tower B 12F 1203")
        await pilot.press("tab")
        await type_text(pilot, "water dripping")
        await settled(pilot)
        from deskapp.widgets.intake_form import IntakeForm

        assert app.screen.query_one(IntakeForm).reading.problems == {}
        assert not result.has_class("shown")
