"""Chen Jing, the supervisor, starts the half-year's survey round from the survey returns screen
(Ctrl+N) and closes it once the returns are in (Ctrl+L, asked first: a closed round is final); Wang
Fang at reception is told who may, and no round is started or closed by her. Keys at full speed,
straight after the screen opens."""

from __future__ import annotations

from deskapp.app import DeskApp
from deskapp.desk.surveys import record_line, start_round
from deskapp.i18n import CHINESE, use_language
from deskapp.reads.survey_figures import round_figures
from deskapp.screens.survey import SurveyScreen
from deskapp.screens.survey_rounds import CloseRoundDialog
from tests.conftest import settled, until
from tests.helpers import text_of


async def _survey_screen(pilot) -> None:
    await settled(pilot)
    pilot.app.action_open_survey()
    assert isinstance(pilot.app.screen, SurveyScreen)  # the keys below come before its round is read


async def test_chen_jing_starts_the_half_years_round_with_ctrl_n(desk):
    async with DeskApp(desk, "Chen Jing").run_test(size=(120, 40)) as pilot:
        await _survey_screen(pilot)
        await pilot.press("ctrl+n")
        await until(pilot, lambda: round_figures(desk) is not None, "the round to start")
        await settled(pilot)
        assert text_of(pilot.app, "#survey-said") == "survey round 2026-H2 started: type each company's returns below"
        assert text_of(pilot.app, "#survey-title").startswith("Survey round 2026-H2, open since")
        await pilot.press("ctrl+n")  # one round open at a time
        await settled(pilot)
        assert text_of(pilot.app, "#survey-said") == (
            "survey round 2026-H2 is still open; close it first (`deskapp survey close`)")
    assert round_figures(desk).closed_at is None


async def test_closing_asks_first_and_n_keeps_the_round_open(desk):
    start_round(desk, by="Chen Jing")
    record_line(desk, "Initech", sent=40, returned=38, satisfied=37, partly=1, unsatisfied=0, staff=50)
    async with DeskApp(desk, "Chen Jing").run_test(size=(120, 40)) as pilot:
        await _survey_screen(pilot)
        await settled(pilot)
        await pilot.press("ctrl+l", "n")
        await settled(pilot)
        assert isinstance(pilot.app.screen, SurveyScreen)
        assert round_figures(desk).closed_at is None
        await pilot.press("ctrl+l")
        await settled(pilot)
        assert isinstance(pilot.app.screen, CloseRoundDialog)
        assert text_of(pilot.app, "#close-round-title") == (
            "Close survey round 2026-H2? Its figures become final; a closed round cannot be opened again")
        await pilot.press("y")
        await until(pilot, lambda: round_figures(desk).closed_at is not None, "the round to close")
        await settled(pilot)
        said = text_of(pilot.app, "#survey-said")
        assert said.startswith("survey round 2026-H2 closed: its figures are final\ncoverage 80.0% (target 70.0%)")
        assert text_of(pilot.app, "#survey-title").startswith("no survey round is open; a supervisor starts one")
        await pilot.press("ctrl+l")
        await settled(pilot)
        assert text_of(pilot.app, "#survey-said") == "no survey round is open to close"


async def test_a_round_with_a_return_not_counted_is_not_closed_and_says_why(desk):
    start_round(desk, by="Chen Jing")
    record_line(desk, "Initech", sent=40, returned=38, staff=50)
    async with DeskApp(desk, "Chen Jing").run_test(size=(120, 40)) as pilot:
        await _survey_screen(pilot)
        await settled(pilot)
        await pilot.press("ctrl+l", "enter")
        await until(pilot, lambda: "no satisfaction counted" in text_of(pilot.app, "#survey-said"), "the refusal")
        assert text_of(pilot.app, "#survey-said").startswith("Initech: 38 returned questionnaires have no satisfaction")
    assert round_figures(desk).closed_at is None


async def test_wang_fang_is_told_the_rounds_are_the_supervisors(desk):
    start_round(desk, by="Chen Jing")
    record_line(desk, "Initech", sent=40, returned=38, satisfied=38, staff=50)
    async with DeskApp(desk, "Wang Fang").run_test(size=(120, 40)) as pilot:
        await _survey_screen(pilot)
        await settled(pilot)
        await pilot.press("ctrl+l")
        await until(pilot, lambda: "cannot start or close" in text_of(pilot.app, "#close-round-refusal"),
                    "the refusal in the dialog")
        assert "that is for a supervisor (Chen Jing)" in text_of(pilot.app, "#close-round-refusal")
        await pilot.press("y")  # does nothing: the dialog waits for Esc
        await settled(pilot)
        assert isinstance(pilot.app.screen, CloseRoundDialog)
        await pilot.press("escape", "ctrl+n")
        await until(pilot, lambda: "cannot start or close" in text_of(pilot.app, "#survey-said"), "the refusal")
    assert round_figures(desk).closed_at is None and round_figures(desk).name == "2026-H2"


async def test_the_round_keys_in_chinese(desk):
    with use_language(CHINESE):
        async with DeskApp(desk, "Chen Jing").run_test(size=(120, 40)) as pilot:
            await _survey_screen(pilot)
            await pilot.press("ctrl+n")
            await until(pilot, lambda: round_figures(desk) is not None, "the round to start")
            await settled(pilot)
            assert text_of(pilot.app, "#survey-said") == "满意度调查 2026-H2 已开始：请在下方录入各单位的回收问卷"
            record_line(desk, "英泰", sent=40, returned=38, satisfied=38, staff=50)
            await pilot.press("ctrl+l")
            await settled(pilot)
            assert text_of(pilot.app, "#close-round-title") == "结束满意度调查 2026-H2？结束后其数字即为定稿，已结束的一轮不能再打开"
            await pilot.press("y")
            await until(pilot, lambda: round_figures(desk).closed_at is not None, "the round to close")
            await settled(pilot)
            assert text_of(pilot.app, "#survey-said").startswith("满意度调查 2026-H2 已结束：其数字即为定稿")
