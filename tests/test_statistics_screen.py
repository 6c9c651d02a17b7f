"""The supervisor's statistics screen over November built by hand (tests/test_reports.py), where every
figure is known: the desk reads Tuesday 1 December, 09:00, so the screen opens on December and one
step back shows November."""

from __future__ import annotations

import threading

import pytest

from deskapp.app import DeskApp
from deskapp.reads import statistics as figures
from deskapp.screens.case_detail import CaseDetailScreen
from deskapp.screens.statistics import NO_CASES, StatisticsScreen, mark
from deskapp.widgets.case_table import CaseTable
from deskapp.widgets.charts import BarChart
from tests.conftest import settled
from tests.helpers import open_statistics, statistics_text
from tests.report_cases import CALLBACKS, CLOCKS, COUNTS, LATE, november, on_screen, shown_counts

SIZE = (160, 60)


def _period(screen) -> str:
    return statistics_text(screen, "#statistics-period").split("   ")[0]


async def test_novembers_figures_as_the_supervisor_sees_them(desk):
    ids = november(desk)
    app = DeskApp(desk, "Chen Jing")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_statistics(pilot, desk)
        assert _period(screen) == "Month 2026-12"
        await pilot.press("left")
        await settled(pilot)
        assert _period(screen) == "Month 2026-11"
        shown = screen.shown
        assert dict(shown["Cases received"]) == {"cases": "11", "voided (not counted)": "1"}
        for dimension in COUNTS:
            scope = " (complaints)" if dimension in ("severity", "validity") else ""
            assert {k: int(v) for k, v in shown[f"By {dimension}{scope}"]} == shown_counts(dimension)
        counts_text = statistics_text(screen, "#statistics-counts")
        assert "air conditioning" in counts_text and "Customer Service" in counts_text
        clocks = {row[0]: row for row in shown["Clocks due in the period"]}
        for name, (met, late, overdue, rate) in CLOCKS.items():
            assert clocks[name] == (name, str(met), str(late), str(overdue), "0", f"{rate:.1%}")
        assert dict(shown["Callbacks due in the period"])["made on time"] == str(CALLBACKS["on_time"])
        # Every rate is below its target in November: each marked in words, not colour alone.
        lines = [line.strip() for line in statistics_text(screen, "#statistics-targets").splitlines()]
        rates = {line.split("  ")[0]: line.split() for line in lines
                 if line.startswith(("on time", "callback rate", "satisfaction"))}
        assert rates["callback rate"][2:] == ["71.4%", "100.0%", "✖", "BELOW", "TARGET"]
        assert rates["satisfaction"][1:] == ["66.7%", "95.0%", "✖", "BELOW", "TARGET"]
        assert rates["on time: forward"][3:] == ["60.0%", "100.0%", "✖", "BELOW", "TARGET"]
        assert rates["on time: explain"][3:] == ["0.0%", "100.0%", "✖", "BELOW", "TARGET"]
        assert rates["on time: answer"][3:] == ["50.0%", "100.0%", "✖", "BELOW", "TARGET"]
        # Each clock's rate, all clocks, the valid complaints' three, the callbacks' three and satisfaction;
        # no complaint of November involved an outside party: its contact clock has nothing to judge.
        assert len(rates) == 17 and rates["on time: contact"][3:] == ["n/a", "100.0%", "–", "nothing", "due"]
        # B's five clocks, one met (20%); A's four all met; no valid minor complaint.
        assert [rates[f"on time: valid {s}"][4] for s in ("major", "general", "minor")] == ["20.0%", "100.0%", "n/a"]
        assert rates["on time: all clocks"][4:] == ["56.0%", "100.0%", "✖", "BELOW", "TARGET"]  # 14 of 25
        assert rates["callback rate: repairs"][3] == "50.0%" and rates["callback rate: complaints"][3] == "80.0%"
        late = screen.query_one("#statistics-late", CaseTable)
        assert late.row_count == len(LATE)
        rows = [[str(cell) for cell in late.get_row_at(i)] for i in range(late.row_count)]
        assert [(r[0], r[4], r[5], r[7]) for r in rows] == [(str(ids[c]), k, due, on_screen(by)) for c, k, due, _, by in LATE]
        assert rows[3][6] == "not yet" and rows[5][6] == "not yet"
        # The charts: cases per day add up to the month's cases; the departments as counted.
        received = screen.query_one("#chart-received", BarChart)
        assert len(received.labels) == 30 and sum(received.values) == 11 and received.values[1] == 1  # A on 2 Nov
        department = screen.query_one("#chart-department", BarChart)
        assert dict(zip(department.labels, department.values)) == COUNTS["department"]
        weekly = screen.query_one("#chart-weekly", BarChart)
        # Sunday 1 Nov (cut off on its own) had nothing due, so no bar; Mon 30 Nov holds K's two missed clocks.
        assert weekly.labels == ["11-02", "11-09", "11-16", "11-23", "11-30"]
        assert weekly.values[-1] == 0 and all(0 <= v <= 100 for v in weekly.values)


async def test_switching_between_a_day_a_week_and_a_month(desk):
    november(desk)
    app = DeskApp(desk, "Chen Jing")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_statistics(pilot, desk)
        expected = [("d", "Day 2026-12-01"), ("left", "Day 2026-11-30"), ("w", "Week of 2026-11-30"),
                    ("right", "Week of 2026-12-07"), ("m", "Month 2026-12"), ("left", "Month 2026-11"),
                    ("t", "Month 2026-12")]
        for key, label in expected:  # the label changes at the key; figures of a period left follow no one
            await pilot.press(key)
            assert _period(screen) == label, key
        await settled(pilot)
        assert dict(screen.shown["Cases received"])["cases"] == "1"  # December: J only
        # Wednesday 4 November (the report test's day): B came in, its forward was late.
        screen.kind, screen.anchor = "day", figures.date(2026, 11, 4)
        screen.load()
        await settled(pilot)
        assert dict(screen.shown["Cases received"])["cases"] == "1"
        clocks = {row[0]: row for row in screen.shown["Clocks due in the period"]}
        assert clocks["forward"][2] == "1" and clocks["resolve"][1] == "2"
        assert screen.query_one("#chart-received", BarChart).caption == "Cases received per hour"
        assert screen.query_one("#chart-received", BarChart).values[10] == 1  # B at 10:00
        # The six weeks up to that day's: I's forward met in October's last week; in the first week of
        # November 7 clocks of 11 met (A's four, B's escalation, I's resolve and callback).
        weekly = screen.query_one("#chart-weekly", BarChart)
        assert weekly.labels == ["10-26", "11-02"] and weekly.values == [100.0, 63.6]


async def test_enter_on_a_late_case_opens_it(desk):
    ids = november(desk)
    app = DeskApp(desk, "Chen Jing")
    async with app.run_test(size=SIZE) as pilot:
        await open_statistics(pilot, desk, anchor=figures.date(2026, 11, 15))
        await pilot.press("down", "down", "down", "down", "down")  # C's resolve, still overdue
        await pilot.press("enter")
        await settled(pilot)
        assert isinstance(app.screen, CaseDetailScreen) and app.screen.case_id == ids["C"]


async def test_a_period_with_no_cases_says_so(desk):
    app = DeskApp(desk, "Chen Jing")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_statistics(pilot, desk)
        assert statistics_text(screen, "#statistics-status").strip() == NO_CASES
        assert not screen.query_one("#statistics-body").display
        assert not screen.query_one("#statistics-late").display
        await pilot.press("enter", "w", "d")  # nothing to open, nothing to crash on
        await settled(pilot)
        assert statistics_text(screen, "#statistics-status").strip() == NO_CASES and app.screen is screen


async def test_a_loading_line_shows_until_the_figures_arrive(desk, monkeypatch):
    november(desk)
    release = threading.Event()
    slow = figures.statistics

    def held(*args):
        release.wait(5)
        return slow(*args)

    monkeypatch.setattr(figures, "statistics", held)
    app = DeskApp(desk, "Chen Jing")
    async with app.run_test(size=SIZE) as pilot:
        screen = StatisticsScreen(desk, "Chen Jing", anchor=figures.date(2026, 11, 1))
        app.push_screen(screen)
        await pilot.pause()
        assert statistics_text(screen, "#statistics-status").startswith("Loading the figures for 2026-11")
        assert not screen.query_one("#statistics-body").display
        release.set()
        await settled(pilot)
        assert statistics_text(screen, "#statistics-status").startswith("Desk report, month 2026-11: 11 cases, 11 late")
        assert screen.query_one("#statistics-body").display


@pytest.mark.parametrize("value, target, words", [
    (0.9, 0.95, "✖ BELOW TARGET"), (1.0, 1.0, "✔ on target"), (None, 1.0, "– nothing due")])
def test_each_rate_is_marked_in_words(value, target, words):
    shown = mark(figures.Rate("satisfaction", value, target))
    assert shown.plain == words and (shown.style == "bold red") == (words == "✖ BELOW TARGET")
