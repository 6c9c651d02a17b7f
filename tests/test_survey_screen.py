"""Wang Fang types the returned questionnaires into the survey screen as Chen Jing counts them out:
each company's line at full speed (Tab between the fields, Enter saves), a slip refused beside its
field with what was typed kept, a line brought back to correct it; opened from the statistics (s)
and from the command palette."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Input

from deskapp.app import DeskApp
from deskapp.desk.surveys import record_line, start_round
from deskapp.reads.survey_figures import round_figures
from deskapp.screens.survey import SurveyScreen
from tests.conftest import settled, until
from tests.test_intake_speed import send


def _line(desk, company: str):
    figures = round_figures(desk)
    return dict(figures.lines).get(company) if figures else None


def _field(app, name: str) -> str:
    return app.screen.query_one(f"#survey-{name}", Input).value


async def _open_from_statistics(pilot) -> None:
    await settled(pilot)
    await pilot.press("f6")
    await settled(pilot)
    await pilot.press("s")
    await settled(pilot)
    assert isinstance(pilot.app.screen, SurveyScreen)


@pytest.mark.parametrize("pause", [0, 0.03], ids=["0ms", "30ms"])
async def test_two_companies_typed_at_full_speed_are_saved_as_counted(desk, pause):
    start_round(desk, by="Chen Jing")
    app = DeskApp(desk, "Wang Fang")
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_from_statistics(pilot)
        assert "Survey round 2026-H2, open since" in str(app.screen.query_one("#survey-title").render())
        await send(pilot, [*"Initech", "tab", *"50", "tab", *"40", "tab", *"38", "tab", *"36", "tab", *"2", "enter"],
                   pause)
        await until(pilot, lambda: _line(desk, "Initech") is not None, "Initech's line to be saved")
        await settled(pilot)
        await send(pilot, [*"Acme", "tab", *"12", "tab", *"10", "tab", *"10", "tab", *"10", "enter"], pause)
        await until(pilot, lambda: _line(desk, "Acme") is not None, "Acme's line to be saved")
        await settled(pilot)
        initech, acme = _line(desk, "Initech"), _line(desk, "Acme")
        assert (initech.staff, initech.sent, initech.returned, initech.satisfied, initech.partly) == (50, 40, 38, 36, 2)
        assert (acme.staff, acme.sent, acme.returned, acme.satisfied, acme.partly) == (12, 10, 10, 10, 0)
        table = app.screen.query_one("#survey-lines", DataTable)
        assert [str(table.get_row_at(i)[0]) for i in range(table.row_count)] == ["Acme", "Initech", "all companies"]
        assert all(_field(app, name) == "" for name in ("company", "staff", "sent", "returned"))
        assert app.focused.id == "survey-company"
        figures = str(app.screen.query_one("#survey-figures").render())
        assert "coverage 80.6% (target 70.0%): on target" in figures and "satisfaction 95.8%" in figures


async def test_a_slip_is_refused_beside_its_field_and_what_was_typed_stays(desk):
    start_round(desk, by="Chen Jing")
    app = DeskApp(desk, "Wang Fang")
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_from_statistics(pilot)
        await send(pilot, [*"Hooli", "tab", *"30", "tab", *"20", "tab", *"21", "enter"], 0)
        await until(pilot, lambda: "21 questionnaires returned but only 20 sent" in str(
            app.screen.query_one("#survey-said").render()), "the refusal")
        assert app.focused.id == "survey-returned" and app.focused.has_class("-invalid")
        assert (_field(app, "company"), _field(app, "staff"), _field(app, "sent"), _field(app, "returned")) == (
            "Hooli", "30", "20", "21")
        assert _line(desk, "Hooli") is None
        await send(pilot, ["backspace", "backspace", *"16", "tab", *"14", "tab", *"1", "tab", *"1", "enter"], 0)
        await until(pilot, lambda: _line(desk, "Hooli") is not None, "the corrected line to be saved")
        assert _line(desk, "Hooli").returned == 16 and _line(desk, "Hooli").unsatisfied == 1


async def test_enter_on_a_line_brings_it_back_to_correct(desk):
    start_round(desk, by="Chen Jing")
    record_line(desk, "Initech", sent=40, returned=30, staff=50)
    app = DeskApp(desk, "Wang Fang")
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_from_statistics(pilot)
        app.screen.query_one("#survey-lines", DataTable).focus()
        await pilot.press("enter")
        await settled(pilot)
        assert (_field(app, "company"), _field(app, "staff"), _field(app, "returned")) == ("Initech", "50", "30")
        assert app.focused.id == "survey-sent"
        await send(pilot, ["tab", *["backspace"] * 2, *"38", "tab", *"38", "enter"], 0)
        await until(pilot, lambda: _line(desk, "Initech").returned == 38, "the correction to be saved")
        assert _line(desk, "Initech").satisfied == 38
        await pilot.press("escape")
        await settled(pilot)
        from deskapp.screens.statistics import StatisticsScreen

        assert isinstance(app.screen, StatisticsScreen)  # back where it was opened from


async def test_the_command_palette_opens_it_and_says_when_no_round_is_open(desk):
    app = DeskApp(desk, "Wang Fang")
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Satisfaction survey")
        await settled(pilot)
        await pilot.press("enter")
        await settled(pilot)
        assert isinstance(app.screen, SurveyScreen)
        assert "no survey round is open" in str(app.screen.query_one("#survey-title").render())
        await send(pilot, [*"Initech", "tab", *"50", "tab", *"40", "tab", *"38", "enter"], 0)
        await until(pilot, lambda: "no survey round is open" in str(app.screen.query_one("#survey-said").render()),
                    "the refusal")


async def test_the_screen_in_chinese(desk, chinese):
    start_round(desk, by="Chen Jing")
    app = DeskApp(desk, "Wang Fang")
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_from_statistics(pilot)
        await send(pilot, [*"英泰", "tab", *"50", "tab", *"40", "tab", *"38", "tab", *"38", "enter"], 0)
        await until(pilot, lambda: _line(desk, "英泰") is not None, "the line to be saved")
        await settled(pilot)
        assert "满意度调查" in str(app.screen.query_one("#survey-title").render())
        assert "发放率" in str(app.screen.query_one("#survey-figures").render())


async def test_the_months_statistics_show_the_survey_beside_the_callbacks_satisfaction(desk):
    from deskapp.screens.statistics import StatisticsScreen
    from tests.report_cases import november
    from tests.test_surveys import _second_half

    _second_half(desk)
    november(desk)  # the desk reads Tuesday 1 December
    app = DeskApp(desk, "Chen Jing")
    async with app.run_test(size=(140, 45)) as pilot:
        await settled(pilot)
        await pilot.press("f6")
        await settled(pilot)
        await pilot.press("left")  # back to November, the month the round closed in
        await settled(pilot)
        screen = app.screen
        assert isinstance(screen, StatisticsScreen) and screen.period.label == "2026-11"
        rates = {row[0]: row[1:] for row in screen.shown["Rates against targets"]}
        names = list(rates)
        assert names[names.index("satisfaction"):] == ["satisfaction", "survey coverage", "survey return",
                                                       "survey satisfaction"]
        assert rates["survey satisfaction"] == ("93.8%", "95.0%", "BELOW TARGET")
        assert rates["survey coverage"][2] == ""  # 76.1% of the staff: on target
