"""The year's figures beside each month: `deskapp report year` and the statistics screen's `y`.

November is the month built by hand in tests/report_cases.py (every figure known); the desk reads
Tuesday 1 December 2026, 09:00.
"""

from __future__ import annotations

import json
import shutil

import pytest
from sqlmodel import Session, delete

from deskapp.app import DeskApp
from deskapp.config.paths import data_dir
from deskapp.desk import workflow
from deskapp.domain.enums import ClockName
from deskapp.models import CaseClock
from deskapp.reads import statistics
from deskapp.reads.year_figures import year_figures
from deskapp.screens.statistics_year import YearTable
from tests.conftest import at, settled
from tests.helpers import open_statistics, shown_text, statistics_text
from tests.report_cases import CALLBACKS, CLOCKS, COUNTS, NOW, november

ALL_BACKENDS = True
# The keys `report month --json` and each month of `report year --json` share.
SHARED = ("cases", "voided", "counts", "clocks", "rates", "on_time_all_clocks", "valid_complaints",
          "callbacks_by_kind", "satisfaction")


@pytest.fixture
def month(cli, desk, monkeypatch):
    monkeypatch.setenv("DESKAPP_NOW", NOW)
    return november(desk)


def _json(cli, *args: str) -> dict:
    code, out, err = cli("report", *args, "--json")
    assert code == 0, err
    return json.loads(out)


def test_the_year_holds_novembers_figures_as_the_month_report_gives_them(cli, month):
    year = _json(cli, "year", "--year", "2026")
    assert year["year"] == 2026 and [m["month"] for m in year["months"]] == [f"2026-{n:02d}" for n in range(1, 13)]
    november_in_year = year["months"][10]
    report = _json(cli, "month", "--month", "2026-11")
    for key in SHARED:
        assert november_in_year[key] == report[key], key
    assert november_in_year["callbacks"] == {k: v for k, v in report["callbacks"].items() if k != "by_department"}
    assert november_in_year["counts"] == COUNTS | {"ground": {}}
    for name, (met, late, overdue, _rate) in CLOCKS.items():
        got = november_in_year["clocks"][name]
        assert (got["on_time"], got["late"], got["overdue"]) == (met, late, overdue), name
    # October's complaint I came in in October; December's J in December; nothing else in 2026.
    assert year["months"][9]["cases"] == 1 and year["months"][11]["cases"] == 1
    assert year["total"]["cases"] == 13 and year["total"]["voided"] == 1
    assert year["total"]["callbacks"]["due"] == CALLBACKS["due"]  # every callback fell due in November


def test_valid_complaints_per_severity_and_callbacks_by_kind_apart_from_all_clocks(cli, month):
    november_in_year = _json(cli, "year")["months"][10]  # the year we are in, by default
    valid = november_in_year["valid_complaints"]
    # B (major, valid): forwarded, resolved and called back late, its cause never analysed; escalated on time.
    assert (valid["major"]["on_time"], valid["major"]["late"], valid["major"]["overdue"]) == (1, 3, 1)
    assert valid["general"]["rate"] == 1.0 and valid["minor"]["rate"] is None  # A, every clock met; no minor
    assert november_in_year["on_time_all_clocks"]["rate"] == pytest.approx(14 / 25)
    by_kind = november_in_year["callbacks_by_kind"]
    assert by_kind["repair"]["rate"] == 0.5 and by_kind["complaint"]["rate"] == 0.8  # E missed; B late
    rates = {r["name"]: r["value"] for r in november_in_year["rates"]}
    assert rates["callback rate: repairs"] == 0.5 and rates["on time: valid major"] == 0.2
    assert "on time: contact" in rates  # the outside party's clock is judged like the others


def test_a_partly_satisfied_customer_counts_as_the_policy_says(cli, month, tmp_path, monkeypatch):
    satisfaction = _json(cli, "year")["months"][10]["satisfaction"]
    assert satisfaction == {"value": pytest.approx(4 / 6), "target": 0.95, "partly_counts_as": "unsatisfied"}
    _edit_policy(tmp_path, monkeypatch, 'partly_counts_as = "unsatisfied"', 'partly_counts_as = "satisfied"')
    for figures in (_json(cli, "year")["months"][10], _json(cli, "month", "--month", "2026-11")):
        assert figures["satisfaction"]["value"] == pytest.approx(5 / 6)  # B's partly satisfied customer too


def test_the_reports_printed_again_after_the_policy_changes_give_the_same_figures(cli, month, tmp_path, monkeypatch):
    """The due times were recorded when the clocks started: halving the general complaints' resolve
    limit and the callbacks' 24 h afterwards changes no figure of November's or of the year's."""
    before = _json(cli, "month", "--month", "2026-11"), _json(cli, "year", "--year", "2026")
    _edit_policy(tmp_path, monkeypatch, 'severities = ["general"]\nhours = 24', 'severities = ["general"]\nhours = 12')
    after = _json(cli, "month", "--month", "2026-11"), _json(cli, "year", "--year", "2026")
    assert {k: v for k, v in after[0].items() if k != "at"} == {k: v for k, v in before[0].items() if k != "at"}
    assert after[1] == before[1]


def _edit_policy(tmp_path, monkeypatch, old: str, new: str) -> None:
    folder = tmp_path / "data"
    if not folder.exists():
        shutil.copytree(data_dir(), folder)
    policy = folder / "policy.toml"
    text = policy.read_text()
    assert old in text
    policy.write_text(text.replace(old, new))
    monkeypatch.setenv("DESKAPP_DATA", str(folder))


def test_the_year_on_the_terminal_and_in_files(cli, month, tmp_path):
    code, out, err = cli("report", "year", "--year", "2026")
    assert code == 0, err
    assert "Desk report, year 2026" in out and "on time: valid major" in out and "✖ BELOW TARGET" in out
    lines = out.splitlines()
    cases = next(line for line in lines if line.strip().startswith("cases"))
    assert cases.split()[-3:] == ["11", "1", "13"]  # November, December, the year
    for fmt in ("md", "csv", "html"):
        target = tmp_path / f"year.{fmt}"
        code, _, err = cli("report", "year", "--year", "2026", "-o", str(target))
        assert code == 0 and "written to" in err
        assert "on time: all clocks" in target.read_text()


@pytest.mark.parametrize(("args", "message"), [
    (("--year", "1800"), "--year 1800 is out of range; give a year from 1970 to 9998"),
    (("--year", "abc"), "--year 'abc' is not a year; write it as 2026"),
    (("--year", "2026", "--month", "2026-11"), "--month is for `report month`; give a year with --year"),
    (("--year", "2026", "--format", "pdf"), "--format 'pdf' is not one of"),
    (("--json", "--format", "csv"), "--json and --format 'csv' say two formats; give one"),
])
def test_bad_years_are_one_plain_line_and_exit_2(cli, args, message):
    code, out, err = cli("report", "year", *args)
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1 and out == ""


def test_year_is_only_for_the_year_report(cli):
    code, out, err = cli("report", "month", "--year", "2026")
    assert code == 2 and "--year is for `report year`" in err and len(err.strip().splitlines()) == 1


def test_cases_the_database_cannot_judge_alone_count_as_in_the_month(desk):
    """A complaint waiting on the customer (its resolve clock's due moves on while it waits) and a
    repair recorded with no clocks stored (bulk data, an old database) are worked out in Python; the
    year's November still reads as November's own report."""
    ids = november(desk)
    workflow.pause(desk, ids["C"], "tenant away until December", at=at("2026-11-14 10:00"))
    with Session(desk.engine) as session:
        session.exec(delete(CaseClock).where(CaseClock.case_id == ids["D"]))
        session.commit()
    month = statistics.statistics(desk, statistics.month(2026, 11, desk.calendar.tz))
    in_year = year_figures(desk, 2026).months[10]
    # C waits since before its resolve fell due: the due moves on with the wait, out of November.
    assert month.clocks[ClockName.resolve].overdue == 0
    assert in_year.clocks == month.clocks and in_year.valid == month.valid
    assert [(r.name, r.value) for r in in_year.rates] == [(r.name, r.value) for r in month.rates]
    assert in_year.clocks[ClockName.arrive].met == 1  # D's, from the rules


def test_a_year_of_nothing_reads_as_nothing_due(desk):
    figures = year_figures(desk, 2025)
    assert figures.total.cases == 0 and all(r.value is None for r in figures.total.rates)


# ---- the statistics screen's y ---------------------------------------------------------------------

async def test_y_shows_the_year_month_by_month_and_the_arrows_step_years(desk):
    november(desk)
    app = DeskApp(desk, "Chen Jing")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_statistics(pilot, desk)
        await pilot.press("y")
        await settled(pilot)
        table = screen.query_one(YearTable)
        assert table.display and not screen.query_one("#statistics-late").display
        shown = shown_text(table.content, 120)
        assert "Year 2026" in statistics_text(screen, "#statistics-period") and "on time: valid general" in shown
        cases = next(line for line in shown.splitlines() if line.strip().startswith("cases"))
        assert cases.split()[1:] == ["0"] * 9 + ["1", "11", "1", "13"]  # the whole year in one table
        await pilot.press("left")
        await settled(pilot)
        assert "Year 2025" in statistics_text(screen, "#statistics-period")
        assert "Desk report, year 2025" in statistics_text(screen, "#statistics-status")
        await pilot.press("t")
        await settled(pilot)
        assert "Desk report, year 2026" in statistics_text(screen, "#statistics-status")
        await pilot.press("m")
        await settled(pilot)
        assert not table.display and screen.query_one("#statistics-late").display


async def test_at_80_columns_the_year_stands_in_two_half_years(desk):
    november(desk)
    app = DeskApp(desk, "Chen Jing")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_statistics(pilot, desk, kind="year")
        shown = shown_text(screen.query_one(YearTable).content, 80)
        lines = [line for line in shown.splitlines() if line.strip().startswith("cases")]
        assert [line.split()[1:] for line in lines] == [["0"] * 6, ["0"] * 3 + ["1", "11", "1", "13"]]
        assert max(len(line.rstrip()) for line in shown.splitlines()) <= 76
