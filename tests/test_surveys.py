"""The tenants' satisfaction survey (the building manual's 三): Chen Jing starts the second half-year's
round, Wang Fang records each company's questionnaires as they come back, Chen Jing closes it, and
November's report carries coverage, return and satisfaction beside the callbacks' satisfaction."""

from __future__ import annotations

import json

import pytest

from deskapp.desk.surveys import close_round, record_line, start_round
from deskapp.domain.errors import DeskError, NotAllowed
from deskapp.domain.surveys import Counts, default_name
from deskapp.models import SurveyEvent
from deskapp.reads.survey_figures import round_figures, survey_figures
from tests.conftest import at
from tests.report_cases import NOW, november

ALL_BACKENDS = True


def _events(desk) -> list[tuple[str, str, dict]]:
    from sqlmodel import select

    with desk.reading() as session:
        return [(e.action, e.actor_id, json.loads(e.details)) for e in session.exec(select(SurveyEvent)
                                                                                     .order_by(SurveyEvent.id))]


def _second_half(desk) -> None:
    """The round of 2026's second half: Initech 50 staff, Acme 12, Hooli 30 (only 20 surveyed)."""
    desk.clock.set(at("2026-11-10 09:00"))
    start_round(desk, by="Chen Jing")
    record_line(desk, "Initech", sent=40, returned=38, satisfied=36, partly=2, staff=50, by="Wang Fang")
    record_line(desk, "Acme", sent=10, returned=10, satisfied=10, staff=12, by="Wang Fang")
    record_line(desk, "Hooli", sent=20, returned=16, satisfied=14, partly=1, unsatisfied=1, staff=30, by="Wang Fang")
    desk.clock.set(at("2026-11-20 17:00"))
    close_round(desk, by="Chen Jing")


def test_a_round_from_start_to_close_keeps_every_line_and_its_history(desk):
    _second_half(desk)
    figures = round_figures(desk)
    assert figures.name == "2026-H2" and figures.closed_by == "Chen Jing" and figures.started_by == "Chen Jing"
    assert [company for company, _c in figures.lines] == ["Acme", "Hooli", "Initech"]
    total = figures.total
    assert total == Counts(staff=92, sent=70, returned=64, satisfied=60, partly=3, unsatisfied=1)
    assert total.coverage == pytest.approx(70 / 92) and total.return_rate == pytest.approx(64 / 70)
    assert total.satisfaction == pytest.approx(60 / 64)  # 93.8%: below the manual's 95%
    actions = [a for a, _by, _d in _events(desk)]
    assert actions == ["started", "recorded", "recorded", "recorded", "closed"]
    assert _events(desk)[1][2] == {"company": "Initech", "changes": {
        "staff": [0, 50], "sent": [0, 40], "returned": [0, 38], "satisfied": [0, 36], "partly": [0, 2]}}


def test_a_company_recorded_again_keeps_what_was_not_retyped_and_its_first_spelling(desk):
    start_round(desk, by="Chen Jing")
    record_line(desk, "Initech Ltd", sent=40, returned=30, staff=50)
    done = record_line(desk, "  initech   ltd ", sent=40, returned=38, satisfied=36, partly=2)
    assert (done.line.company, done.line.staff, done.line.returned, done.line.satisfied) == ("Initech Ltd", 50, 38, 36)
    assert _events(desk)[-1][2]["changes"] == {"returned": [30, 38], "satisfied": [0, 36], "partly": [0, 2]}


def test_the_next_round_carries_each_companys_head_count(desk):
    _second_half(desk)
    desk.clock.set(at("2027-03-01 09:00"))
    assert start_round(desk, by="Chen Jing").name == "2027-H1"
    done = record_line(desk, "ACME", sent=11, returned=11, satisfied=11)
    assert (done.line.staff, done.staff_from) == (12, "2026-H2")


@pytest.mark.parametrize("figures, message", [
    (dict(sent=60, returned=10, staff=50), "60 questionnaires sent to a company of 50 staff"),
    (dict(sent=10, returned=11, staff=50), "11 questionnaires returned but only 10 sent"),
    (dict(sent=10, returned=8, satisfied=6, partly=2, unsatisfied=1, staff=50), "9 satisfaction answers counted"),
    (dict(sent=10, returned=8), "head count is needed the first time"),
    (dict(sent=-1, returned=0, staff=5), "questionnaires sent cannot be below 0"),
])
def test_figures_that_cannot_be_true_are_refused_and_nothing_is_written(desk, figures, message):
    start_round(desk, by="Chen Jing")
    with pytest.raises(DeskError, match=message):
        record_line(desk, "Initech", **figures)
    assert round_figures(desk).lines == [] and len(_events(desk)) == 1


def test_only_a_supervisor_starts_and_closes_and_one_round_is_open_at_a_time(desk):
    with pytest.raises(NotAllowed, match=r"Wang Fang \(receptionist\) cannot start or close a survey round: "
                                         r"that is for a supervisor \(Chen Jing\)"):
        start_round(desk, by="Wang Fang")
    with pytest.raises(DeskError, match="no survey round is open"):
        record_line(desk, "Initech", sent=1, returned=1, staff=2)
    start_round(desk, name="Autumn 2026", by="Chen Jing")
    with pytest.raises(DeskError, match="survey round Autumn 2026 is still open"):
        start_round(desk, by="Chen Jing")
    with pytest.raises(DeskError, match="has no company recorded yet"):
        close_round(desk, by="Chen Jing")
    record_line(desk, "Initech", sent=40, returned=38, satisfied=30, staff=50)
    with pytest.raises(DeskError, match="Initech: 8 returned questionnaires have no satisfaction counted yet"):
        close_round(desk, by="Chen Jing")
    with pytest.raises(NotAllowed, match="cannot start or close"):
        close_round(desk, by="Wang Fang")
    assert round_figures(desk).closed_at is None


def test_the_rounds_default_name_is_its_part_of_the_year():
    from datetime import date

    assert [default_name(date(2026, m, 1), 2) for m in (1, 6, 7, 12)] == ["2026-H1", "2026-H1", "2026-H2", "2026-H2"]
    assert default_name(date(2026, 8, 1), 4) == "2026-Q3" and default_name(date(2026, 8, 1), 1) == "2026"


def test_a_round_counts_in_the_period_it_closed_in(desk):
    _second_half(desk)
    november_figures = survey_figures(desk, at("2026-11-01 00:00"), at("2026-12-01 00:00"))
    assert [r.name for r in november_figures.rounds] == ["2026-H2"]
    assert survey_figures(desk, at("2026-10-01 00:00"), at("2026-11-01 00:00")).rounds == []


def test_novembers_report_carries_the_survey_beside_the_callbacks_satisfaction(cli, desk, monkeypatch):
    _second_half(desk)
    november(desk)
    monkeypatch.setenv("DESKAPP_NOW", NOW)
    code, out, err = cli("report", "month", "--month", "2026-11", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    names = [r["name"] for r in data["rates"]]
    assert names[names.index("satisfaction"):] == ["satisfaction", "survey coverage", "survey return",
                                                   "survey satisfaction"]
    rates = {r["name"]: r for r in data["rates"]}
    assert rates["survey coverage"]["value"] == pytest.approx(70 / 92) and not rates["survey coverage"]["below_target"]
    assert rates["survey return"]["value"] == pytest.approx(64 / 70) and rates["survey return"]["target"] == 0.9
    assert rates["survey satisfaction"]["value"] == pytest.approx(60 / 64) and rates["survey satisfaction"]["below_target"]
    survey = data["survey"]
    [rounded] = survey["rounds"]
    assert rounded["name"] == "2026-H2" and rounded["closed_at"].startswith("2026-11-20T17:00")
    assert [c["company"] for c in rounded["companies"]] == ["Acme", "Hooli", "Initech"]
    assert rounded["companies"][1] | {} == {"company": "Hooli", "staff": 30, "sent": 20, "returned": 16, "satisfied": 14,
                                           "partly": 1, "unsatisfied": 1, "coverage": 20 / 30, "return_rate": 0.8,
                                           "satisfaction": 14 / 16}
    assert survey["total"]["sent"] == 70 and survey["targets"] == {"rounds_per_year": 2, "coverage": 0.7,
                                                                   "return_rate": 0.9, "satisfaction": 0.95}
    assert survey["below_target"] == ["survey satisfaction"]
    code, out, err = cli("report", "month", "--month", "2026-11")
    assert "survey satisfaction" in out and "93.8%" in out
    code, out, err = cli("report", "month", "--month", "2026-10", "--format", "json")
    assert json.loads(out)["survey"]["rounds"] == [] and "survey coverage" not in out


def test_the_survey_from_the_command_line(cli):
    code, out, err = cli("survey", "start", "--by", "Chen Jing")
    assert code == 0 and "survey round 2026-H2 started" in out, err
    code, out, err = cli("survey", "record", "Initech", "--sent", "40", "--returned", "38", "--satisfied", "36",
                         "--partly", "1", "--dissatisfied", "1", "--staff", "50")
    assert code == 0 and "Initech: 40 sent, 38 returned (36 satisfied, 1 partly, 1 unsatisfied) of 50 staff" in out, err
    code, out, err = cli("survey", "show")
    assert code == 0 and "Initech" in out and "coverage 80.0% (target 70.0%): on target" in out, out
    assert "satisfaction 94.7% (target 95.0%): BELOW TARGET" in out
    code, out, err = cli("survey", "close", "--by", "Chen Jing")
    assert code == 0 and "survey round 2026-H2 closed" in out, err
    shown = json.loads(cli("survey", "show", "--json")[1])
    assert shown["closed_by"] == "Chen Jing" and shown["total"]["unsatisfied"] == 1
    code, out, err = cli("survey", "history")
    assert [line.split()[2] for line in out.splitlines()] == ["started", "recorded", "closed"]
    assert "returned 0 → 38" in out.splitlines()[1] and "Wang Fang" in out.splitlines()[1]


@pytest.mark.parametrize("args, message", [
    (["record", "Initech", "--sent", "40", "--returned", "38", "--staff", "50"], "no survey round is open"),
    (["start", "--by", "Wang Fang"], "cannot start or close a survey round"),
    (["close", "--by", "Chen Jing"], "no survey round is open"),
    (["record", "Initech", "--sent", "40"], "--returned"),
    (["record", "Initech", "--sent", "-3", "--returned", "0"], "--sent"),
    (["record", "Initech", "--sent", "many", "--returned", "0"], "--sent"),
    (["show", "--round", "9"], "there is no survey round 9"),
    (["history", "--round", "9"], "there is no survey round 9"),
])
def test_bad_survey_commands_are_one_plain_line_and_nothing_is_written(cli, args, message):
    code, out, err = cli("survey", *args)
    assert code == 2 and err.count("\n") == 1 and err.startswith("error: ") and message in err, err
    assert json.loads(cli("survey", "show", "--json")[1]) is None


def test_bad_returns_in_an_open_round_are_refused_and_the_line_is_unchanged(cli):
    cli("survey", "start", "--by", "Chen Jing")
    assert cli("survey", "record", "Initech", "--sent", "40", "--returned", "30", "--staff", "50")[0] == 0
    code, out, err = cli("survey", "record", "Initech", "--sent", "40", "--returned", "41")
    assert code == 2 and err.count("\n") == 1 and "41 questionnaires returned but only 40 sent" in err
    [line] = json.loads(cli("survey", "show", "--json")[1])["companies"]
    assert line["returned"] == 30


def test_the_survey_in_chinese(cli, monkeypatch):
    monkeypatch.setenv("DESKAPP_LANG", "zh_CN")
    code, out, err = cli("survey", "start", "--by", "Chen Jing")
    assert code == 0 and "满意度调查" in out, out
    code, out, err = cli("survey", "record", "英泰", "--sent", "40", "--returned", "41", "--staff", "50")
    assert code == 2 and "回收" in err and err.count("\n") == 1, err
    cli("survey", "record", "英泰", "--sent", "40", "--returned", "38", "--satisfied", "38", "--staff", "50")
    code, out, err = cli("survey", "show")
    assert "英泰" in out and "发放率" in out and "达标" in out, out


def test_the_year_report_gives_the_rounds_closed_in_the_year_beside_the_callbacks_satisfaction(desk):
    from deskapp.output.year_report import as_json, sections, write
    from deskapp.reads.year_figures import year_figures

    _second_half(desk)
    desk.clock.set(at("2026-12-01 09:00"))
    figures = year_figures(desk, 2026)
    survey = as_json(figures)["survey"]
    assert [r["name"] for r in survey["rounds"]] == ["2026-H2"]
    total = survey["total"]  # 92 staff, 70 sent, 64 returned, 60 satisfied and 3 partly of 64 who answered
    assert (total["staff"], total["sent"], total["returned"], total["satisfied"]) == (92, 70, 64, 60)
    assert survey["targets"] == {"rounds_per_year": 2, "coverage": 0.7, "return_rate": 0.9, "satisfaction": 0.95}
    [section] = [s for s in sections(figures) if s.title == "Satisfaction survey"]
    assert section.headers[1:] == ("2026-H2", "year", "target")
    rows = {row[0]: row[1:] for row in section.rows}
    assert rows["coverage"] == ("76.1%", "76.1%", "70.0%")  # 70 of 92
    assert rows["return"] == ("91.4%", "91.4%", "90.0%")  # 64 of 70
    assert rows["satisfaction at the callbacks"][0] == ""  # the callbacks are the year's, not a round's
    assert "## Satisfaction survey" in write(figures, "md")
    assert as_json(year_figures(desk, 2025))["survey"]["rounds"] == []
    assert not [s for s in sections(year_figures(desk, 2025)) if s.title == "Satisfaction survey"]
