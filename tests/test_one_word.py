"""One word per idea: the same case reads the same on home, in the queue, in its detail and in the CLI.

Ms Li's general complaint came in on Friday at 19:30; on Monday at 09:00 its forward clock is 40
minutes overdue. Mr Zhang's minor complaint is waiting on the customer. Every place the desk shows them writes
the kind from words.wording.kind_words and the state from words.deadline's table, in either language.
"""

from __future__ import annotations

import pytest
from textual.widgets import DataTable

from deskapp.app import DeskApp
from deskapp.desk import workflow
from deskapp.desk.intake import record_intake
from deskapp.domain.enums import ClockState, Kind, Severity
from deskapp.domain.intake import Intake
from deskapp.domain.shifts import Shift
from deskapp.i18n import CHINESE, ENGLISH, use_language
from deskapp.screens.case_detail import CaseDetailScreen
from deskapp.screens.queue import QueueScreen
from deskapp.widgets.case_table import CaseTable
from deskapp.words import deadline
from deskapp.words.wording import kind_words
from tests.chinese_screens import screen_text
from tests.conftest import at, settled

OPERATOR = "Liu Yang"


def _complaints(desk) -> tuple[int, int]:
    late = record_intake(desk, Intake(kind=Kind.complaint, severity=Severity.general, who="Ms Li", which="Tower B 12F 1203",
                                      what="water dripping from the ceiling", received_at=at("2026-11-20 19:30"))).case.id
    waiting = record_intake(desk, Intake(kind=Kind.complaint, severity=Severity.minor, who="Mr Zhang", which="Tower A 3F 301",
                                         what="the lobby floor is flooded", received_at=at("2026-11-23 08:00"))).case.id
    workflow.forward(desk, waiting, "Engineering", at=at("2026-11-23 08:05"))
    workflow.pause(desk, waiting, "tenant away until noon", at=at("2026-11-23 08:30"))
    return late, waiting


@pytest.mark.parametrize("language", [ENGLISH, CHINESE])
async def test_the_same_case_reads_the_same_on_home_queue_and_detail(desk, language):
    late, waiting = _complaints(desk)
    with use_language(language):
        general, minor = kind_words(Kind.complaint, Severity.general), kind_words(Kind.complaint, Severity.minor)
        overdue, paused = deadline.mark(ClockState.overdue), deadline.mark(ClockState.waiting)
        async with DeskApp(desk, OPERATOR).run_test(size=(160, 40)) as pilot:
            await settled(pilot)
            home = pilot.app.screen.query_one("#next-due", DataTable)
            by_case = {str(home.get_row_at(i)[0]): [str(c) for c in home.get_row_at(i)] for i in range(home.row_count)}
            assert by_case[str(late)][4] == general and by_case[str(waiting)][4] == minor
            assert by_case[str(late)][1].startswith(overdue.split()[0]) and overdue.split()[-1] in by_case[str(late)][1]

            await pilot.press("f3")
            await settled(pilot)
            assert isinstance(pilot.app.screen, QueueScreen)
            table = pilot.app.screen.query_one("#queue", CaseTable)
            # The queue's narrow column abbreviates the severity in English; it is still kind_words.
            assert table.get_cell(late, "kind").plain == kind_words(Kind.complaint, Severity.general, short=True)
            clock = table.get_cell(late, "clock").plain
            assert clock.startswith(deadline.symbol(ClockState.overdue)) and clock.endswith(deadline.word(ClockState.overdue))
            assert table.get_cell(waiting, "clock").plain.endswith(deadline.word(ClockState.waiting))

            for case_id, kind, state in ((late, general, overdue), (waiting, minor, paused)):
                pilot.app.open_case(case_id)
                await settled(pilot)
                assert isinstance(pilot.app.screen, CaseDetailScreen)
                text = screen_text(pilot.app)
                assert kind in text and state in text, (case_id, kind, state)
                await pilot.press("escape")
                await settled(pilot)
    if language == ENGLISH:
        assert (general, overdue, paused) == ("complaint (general)", "✖ OVERDUE", "‖ waiting")
    else:
        assert (general, overdue, paused) == ("一般投诉", "✖ 已超时", "‖ 等待客户")


@pytest.mark.parametrize("language", [ENGLISH, CHINESE])
def test_the_command_line_writes_the_same_words(desk, cli, monkeypatch, language):
    late, waiting = _complaints(desk)
    monkeypatch.setenv("DESKAPP_NOW", "2026-11-23T09:00+08:00")
    code, shown, err = cli("--lang", language, "show", str(late))
    assert code == 0, err
    code, listed, err = cli("--lang", language, "list")
    assert code == 0, err
    code, other, err = cli("--lang", language, "show", str(waiting))
    assert code == 0, err
    with use_language(language):
        general, minor = kind_words(Kind.complaint, Severity.general), kind_words(Kind.complaint, Severity.minor)
        assert general in shown and general in listed and minor in other and minor in listed
        assert deadline.symbol(ClockState.overdue) in shown and deadline.word(ClockState.overdue) in shown
        assert deadline.symbol(ClockState.waiting) in other and deadline.word(ClockState.waiting) in other


def test_every_state_has_one_symbol_word_and_style_name():
    looks = deadline.LOOKS
    assert set(ClockState) <= set(looks) and {deadline.MORNING, deadline.NO_CLOCK} <= set(looks)
    assert len({look.symbol for look in looks.values()}) == len(looks)
    assert len({look.style_name for look in looks.values()}) == len(looks)
    assert all(look.style_name.startswith("deadline-") for look in looks.values())
    with use_language(CHINESE):
        assert deadline.mark(ClockState.on_time, morning=True) == "☾ 待上班"
        assert deadline.mark(None) == "– 无计时"


async def test_home_shows_a_friday_night_case_waiting_for_the_morning_as_the_queue_does(desk):
    late, _waiting = _complaints(desk)
    desk.clock.set(at("2026-11-23 07:30"))  # Monday, the day shift in early, before the desk opens
    async with DeskApp(desk, OPERATOR, Shift.day).run_test(size=(160, 40)) as pilot:
        await settled(pilot)
        home = pilot.app.screen.query_one("#next-due", DataTable)
        row = next(home.get_row_at(i) for i in range(home.row_count) if str(home.get_row_at(i)[0]) == str(late))
        morning = pilot.app.screen.get_component_rich_style("deadline--morning", partial=True)
        assert str(row[1]) == "☾ forward morning" and row[1].style == morning  # the theme's, as on the queue
