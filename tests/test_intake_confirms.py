"""The intake's questions at full speed: ctrl+q mid-call asks as Esc does, Enter always gives the
safe answer and every dialog names its keys, and a repeat call attached keeps everything typed."""

from __future__ import annotations

from sqlmodel import select
from textual.widgets import Input, OptionList

from deskapp.app import DeskApp
from deskapp.desk import drafts
from deskapp.desk.intake import record_intake
from deskapp.domain.enums import Kind, NoteKind, Severity
from deskapp.domain.intake import Intake
from deskapp.models import Note
from deskapp.screens.intake import IntakeScreen
from deskapp.screens.intake_answers import call_note
from deskapp.screens.readback import ConfirmScreen
from tests.conftest import at, settled, until
from tests.helpers import cases, open_intake, text_of

OPERATOR = "Wang Fang"


def _asking(app) -> bool:
    return isinstance(app.screen, ConfirmScreen)


async def test_ctrl_q_in_the_middle_of_a_call_asks_and_enter_keeps_typing(desk):
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_intake(pilot)
        await pilot.press("tab", *"Ms Li", "ctrl+q", "enter")  # Enter out of habit, straight after the question
        await settled(pilot)
        assert app.return_code is None  # still running
        assert isinstance(app.screen, IntakeScreen)
        assert app.screen.query_one("#f-who", Input).value == "Ms Li"

        await pilot.press("ctrl+q")
        await until(pilot, lambda: _asking(app), "the question")
        assert "Discard this call?" in text_of(app, "#confirm-question")
        assert text_of(app, "#confirm-keys") == "y: discard · Enter / n / Esc: keep typing"
        await pilot.press("ctrl+q")  # pressed again while asked: still one question, still running
        assert len([s for s in app.screen_stack if isinstance(s, ConfirmScreen)]) == 1
        await pilot.press("y")
        await until(pilot, lambda: app.return_code is not None, "the app to quit")
    assert drafts.load_draft(desk, OPERATOR) is None  # discarded, as Esc's yes does: not offered again
    assert cases(desk) == []


async def test_ctrl_q_with_nothing_typed_quits_at_once(desk):
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_intake(pilot)
        await pilot.press("ctrl+q")
        await until(pilot, lambda: app.return_code is not None, "the app to quit")
        assert not _asking(app)


async def test_enter_at_the_offer_of_a_draft_keeps_it(desk):
    drafts.save_draft(desk, OPERATOR, {"kind": "repair", "who": "Mr Wu", "which": "Tower C 8F 801"})
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.press("f2")
        await until(pilot, lambda: _asking(app), "the offer of the draft")
        assert text_of(app, "#confirm-keys") == "y / Enter: restore it · n / Esc: start afresh (it is discarded)"
        await pilot.press("enter")
        await settled(pilot)
        assert app.screen.query_one("#f-who", Input).value == "Mr Wu"
        assert app.screen.query_one("#f-which", Input).value == "Tower C 8F 801"


def _leak(desk) -> int:
    return record_intake(desk, Intake(kind=Kind.complaint, severity=Severity.general, who="Ms Li", phone="13800138000",
                                      which="Tower B 12F 1203", category="water leak", what="water dripping",
                                      received_at=at("2026-11-23 08:40"))).case.id


async def test_a_repeat_call_attached_keeps_every_field_typed_and_enter_attaches_nothing(desk):
    old = _leak(desk)
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_intake(pilot)
        # Kind, then Who, Company, Phone, Which, What, Why, How, Wanted by, Appointment, Answer by, Special.
        await pilot.press("tab", *"Ms Li", "tab", "tab", *"13800138000", "tab", *"Tower B 12F 1203",
                          "tab", *"still dripping, bucket is full", "tab", *"the pipe above was never fixed",
                          "tab", *"send someone today", "tab", "tab", "tab", "tab", *"call after 3, in a meeting")
        options = app.screen.query_one("#caller-cases", OptionList)
        await until(pilot, lambda: options.option_count, "the caller's cases to be looked up")
        await settled(pilot)
        await pilot.press("ctrl+r")
        await until(pilot, lambda: app.focused is options, "the caller's cases to take the focus")
        await pilot.press("enter", "enter")  # the case chosen, then Enter straight away at the question: the safe no
        await settled(pilot)
        assert not _asking(app) and isinstance(app.screen, IntakeScreen)
        assert app.screen.query_one("#f-what", Input).value == "still dripping, bucket is full"
        with desk.reading() as session:
            assert session.exec(select(Note).where(Note.case_id == old)).all() == []

        await pilot.press("ctrl+r")
        await until(pilot, lambda: app.focused is options, "the caller's cases to take the focus")
        await pilot.press("enter")
        await until(pilot, lambda: _asking(app), "the question")
        assert "Attach this call to case" in text_of(app, "#confirm-question")
        assert text_of(app, "#confirm-keys") == "y: attach · Enter / n / Esc: cancel, back to the form"
        await pilot.press("y")
        await settled(pilot)
    assert [c.id for c in cases(desk)] == [old]  # no new case
    with desk.reading() as session:
        [n] = session.exec(select(Note).where(Note.case_id == old)).all()
    assert n.kind is NoteKind.call
    assert n.text == ("Who: Ms Li · Phone: 13800138000 · Which: Tower B 12F 1203 · What: still dripping, bucket is full"
                      " · Why: the pipe above was never fixed · How: send someone today · Special: call after 3, in a meeting")


def test_a_call_with_nothing_typed_is_noted_as_a_call_again():
    assert call_note({"who": "  ", "what": ""}) == "called again about this case"


async def test_the_discard_question_names_its_keys_in_chinese(desk, chinese):
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_intake(pilot)
        await pilot.press("tab", *"Li", "ctrl+q")
        await until(pilot, lambda: _asking(app), "the question")
        assert text_of(app, "#confirm-keys") == "按 y：放弃 · 按 Enter / n / Esc：继续填写"
        await pilot.press("enter")
        await settled(pilot)
        assert app.return_code is None and app.screen.query_one("#f-who", Input).value == "Li"
