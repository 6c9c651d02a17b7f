"""Whatever is typed or sent is stored exactly and shown exactly, or refused in plain words."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.widgets import DataTable

from deskapp.app import DeskApp
from deskapp.desk import workflow
from deskapp.desk.intake import record_intake
from deskapp.domain.enums import Kind, Severity
from deskapp.domain.errors import BadInput, DeskError
from deskapp.domain.intake import Intake, text_problem
from deskapp.reads.queries import case_detail
from deskapp.words.history import event_words
from tests.conftest import at, settled

ALL_BACKENDS = True  # also on PostgreSQL when .ci/run started one

HOSTILE = [
    "[red]x[/red]", "[bold]Ms Li[/]", "[@click=app.quit]quit[/]", "李小姐 (华信贸易)", "مرحبا بالعالم", "שלום",
    "👩‍🔧 water 💧 everywhere", "Robert'); DROP TABLE cases;--", "%s %d {0} {name}", "\\ \\n \\x00", "x" * 5000,
    "  spaced  ", "tab\tseparated", "two\nlines", "\u200bzero width", "Ｆｕｌｌｗｉｄｔｈ",
]
# Anything a person or a phone system might send, surrogates aside (they cannot be encoded at all).
ANY_TEXT = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=300)
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _intake(**fields) -> Intake:
    values = dict(kind=Kind.complaint, severity=Severity.general, who="Ms Li", which="Tower B 12F 1203",
                  what="noise", received_at=at("2026-11-23 08:00"))
    return Intake(**(values | fields))


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_stored_exactly(desk, text):
    view = record_intake(desk, _intake(who=text, what=text))
    stored = case_detail(desk, view.case.id).view.case
    assert stored.who == text.strip() and stored.what == text.strip()


@SETTINGS
@given(text=ANY_TEXT)
def test_any_text_is_stored_exactly_or_refused_in_plain_words(desk, text):
    if text_problem(text, "what"):
        with pytest.raises(BadInput) as refused:
            record_intake(desk, _intake(what=text))
        assert "control character" in str(refused.value) or "too long" in str(refused.value)
        return
    if not text.strip():
        with pytest.raises(BadInput, match="say what happened"):
            record_intake(desk, _intake(what=text))
        return
    view = record_intake(desk, _intake(what=text))
    assert case_detail(desk, view.case.id).view.case.what == text.strip()


@SETTINGS
@given(text=ANY_TEXT)
def test_any_note_is_stored_exactly_or_refused(desk, text):
    case_id = record_intake(desk, _intake()).case.id
    try:
        workflow.add_note(desk, case_id, text)
    except DeskError as e:
        assert text_problem(text, "text of the note") or not text.strip(), e.message
        return
    line = case_detail(desk, case_id).history[-1]
    assert line.note == text.strip()  # as typed; the kind is data
    assert event_words(line, desk.calendar.tz) == f"progress: {text.strip()}"


def test_markup_in_a_name_is_shown_literally_by_the_cli(cli):
    code, out, err = cli("add", "--kind", "complaint", "--severity", "minor", "--who", "[red]x[/red]",
                         "--which", "[bold]Tower B[/bold]", "--what", "[blink]noise[/blink]", "--json")
    assert code == 0, err
    assert json.loads(out)["who"] == "[red]x[/red]"
    code, out, _ = cli("show", "1")
    assert "[red]x[/red]" in out and "[blink]noise[/blink]" in out
    code, out, _ = cli("list")
    assert "[red]x[/red]" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["show", "99999999999999999999999"], "there is no case"),
        (["show", "5x"], "not a case number"),
        (["show", "-5"], "No such option: -5"),
        (["list", "--limit", "10000000000"], "--limit"),
        (["add", "--kind", "inquiry", "--what", "bell\x07"], "control character"),
        (["add", "--kind", "inquiry", "--what", "x", "--received", "2026-03-08T02:30-05:00"], None),
    ],
)
def test_hostile_command_lines_are_refused_in_one_line(cli, args, message):
    code, out, err = cli(*args)
    if message is None:
        assert code == 0, err  # a time with an explicit offset is never ambiguous
        return
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1


async def test_markup_in_a_name_is_shown_literally_on_screen(desk):
    record_intake(desk, _intake(who="[red]x[/red]", which="[i]B[/i]", what="[b]noise[/b]"))
    app = DeskApp(desk, "Wang Fang")
    async with app.run_test(size=(140, 30)) as pilot:
        await settled(pilot)
        row = [str(cell) for cell in app.screen.query_one(DataTable).get_row_at(0)]
        assert "[red]x[/red] · [i]B[/i]" in row
        assert "[b]noise[/b]" in row
