"""The supervisor's statistics screen in Chinese, over November built by hand (tests/test_reports.py):
the same figures as in English, every word on the screen Chinese but what the test typed (the
categories), the staff's names and the key names."""

from __future__ import annotations

import threading

from deskapp.app import DeskApp
from deskapp.reads import statistics as figures
from deskapp.screens.statistics import StatisticsScreen, mark
from deskapp.widgets.case_table import CaseTable
from deskapp.widgets.charts import BarChart
from tests.chinese_screens import english_words, has_chinese, screen_text
from tests.conftest import settled
from tests.helpers import open_statistics, statistics_text
from tests.report_cases import (
    CALLBACK_ROWS,
    CALLBACKS,
    CATEGORIES,
    CHINESE_COUNTS,
    CLOCK_NAMES,
    CLOCKS,
    LATE,
    LATE_HEADERS,
    november,
    on_screen,
)

SIZE = (160, 60)
NOVEMBER = figures.date(2026, 11, 15)


def _no_english(app) -> None:
    left = english_words(app, *CATEGORIES)
    assert left == [], f"English left on the Chinese statistics screen: {left}\n{screen_text(app)}"


async def test_novembers_figures_in_chinese(desk, chinese):
    ids = november(desk)
    app = DeskApp(desk, "Chen Jing")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_statistics(pilot, desk, anchor=NOVEMBER)
        assert statistics_text(screen, "#statistics-period").startswith("月报 2026年11月")
        assert statistics_text(screen, "#statistics-status").startswith(
            "客服中心月报：2026年11月：共11件，11项超时（截至12月1日 周二 09:00）")
        shown = screen.shown
        assert dict(shown["受理工单"]) == {"工单数": "11", "已作废（不计入）": "1"}
        for section, counts in CHINESE_COUNTS.items():
            assert {k: int(v) for k, v in shown[section]} == counts, section
        clocks = {row[0]: row for row in shown["本期到期的时限"]}
        for name, (met, late, overdue, rate) in CLOCKS.items():
            chinese_name = CLOCK_NAMES[name]
            assert clocks[chinese_name] == (chinese_name, str(met), str(late), str(overdue), "0", f"{rate:.1%}")
        callbacks = dict(shown["本期到期的回访"])
        assert {key: callbacks[CALLBACK_ROWS[key]] for key in CALLBACKS} == {k: str(v) for k, v in CALLBACKS.items()}
        # Every rate below its target, marked in words beside the colour.
        targets = statistics_text(screen, "#statistics-targets")
        assert "各项指标与目标" in targets and "指标" in targets and "目标" in targets
        rates = {line.split()[0]: line.split()[1:] for line in targets.splitlines() if "按时率" in line or "回访率" in line
                 or "满意率" in line}
        assert rates["回访率"] == ["71.4%", "100.0%", "✖", "未达标"] and rates["满意率"] == ["66.7%", "95.0%", "✖", "未达标"]
        assert rates["转派按时率"] == ["60.0%", "100.0%", "✖", "未达标"] and len(rates) == 17
        assert rates["有效重大投诉按时率"][0] == "20.0%" and rates["投诉回访率"][0] == "80.0%"
        # The late list: Chinese headers, clocks, kinds, departments and how late; times as numbers.
        late = screen.query_one("#statistics-late", CaseTable)
        assert [column.heading for column in late.columns] == LATE_HEADERS
        rows = [[str(cell) for cell in late.get_row_at(i)] for i in range(late.row_count)]
        assert [(r[0], r[4], r[5], r[7]) for r in rows] == [
            (str(ids[c]), CLOCK_NAMES[k], due, on_screen(by, chinese=True)) for c, k, due, _, by in LATE]
        assert rows[0][1:4] == ["投诉", "重大", "安保部"] and rows[6][1:4] == ["报修", "", "工程部"]
        assert rows[3][6] == "尚未完成" and rows[7][3] == "未转派部门"
        text = screen_text(app)
        for words in ("超时工单（11），按到期时间排列", "工单号", "超时时长", "118工时", "上一期", "下一期", "返回",
                      "统计", "m 月 · w 周 · d 日", "本期到期的回访", "按来源渠道", "员工报告"):
            assert words in text, words
        _no_english(app)
        # The charts: Chinese captions and the departments by their Chinese names.
        received = screen.query_one("#chart-received", BarChart)
        assert received.caption == "每日受理工单" and sum(received.values) == 11
        department = screen.query_one("#chart-department", BarChart)
        assert dict(zip(department.labels, department.values)) == CHINESE_COUNTS["按部门"]
        screen.query_one("#statistics-body").scroll_end(animate=False)
        await pilot.pause()
        text = screen_text(app)
        for words in ("每日受理工单", "每周按时率（全部时限，%）", "各部门工单", "未转派部门", "按时率 %", "基本满意"):
            assert words in text, words
        _no_english(app)


async def test_a_day_and_a_week_in_chinese(desk, chinese):
    november(desk)
    app = DeskApp(desk, "Chen Jing")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_statistics(pilot, desk, anchor=figures.date(2026, 11, 4))
        for key, heading in (("d", "日报 2026年11月4日"), ("w", "周报 2026年11月2日起一周"), ("left", "周报 2026年10月26日起一周"),
                             ("t", "周报 2026年11月30日起一周"), ("m", "月报 2026年12月")):
            await pilot.press(key)
            assert statistics_text(screen, "#statistics-period").startswith(heading), key
        screen.kind, screen.anchor = "day", figures.date(2026, 11, 4)
        screen.load()
        await settled(pilot)
        assert statistics_text(screen, "#statistics-status").startswith("客服中心日报：2026年11月4日：共1件，1项超时")
        assert screen.query_one("#chart-received", BarChart).caption == "每小时受理工单"
        assert dict(screen.shown["按类别"]) == {"投诉": "1"}
        _no_english(app)
        screen.kind = "week"
        screen.load()
        await settled(pilot)
        assert statistics_text(screen, "#statistics-status").startswith("客服中心周报：2026年11月2日起一周：")
        _no_english(app)


async def test_an_empty_period_and_the_loading_line_in_chinese(desk, chinese, monkeypatch):
    november(desk)
    release = threading.Event()
    slow = figures.statistics

    def held(*args):
        release.wait(5)
        return slow(*args)

    monkeypatch.setattr(figures, "statistics", held)
    app = DeskApp(desk, "Chen Jing")
    async with app.run_test(size=SIZE) as pilot:
        screen = StatisticsScreen(desk, "Chen Jing", anchor=NOVEMBER)
        app.push_screen(screen)
        await pilot.pause()
        assert statistics_text(screen, "#statistics-status").startswith("正在统计2026年11月的数据")
        _no_english(app)
        release.set()
        await settled(pilot)
        await pilot.press("left", "left", "left")  # August: nothing came in, nothing fell due
        await settled(pilot)
        assert statistics_text(screen, "#statistics-status").strip() == "本期没有工单"
        await pilot.press("enter")
        await pilot.pause()
        assert [n.message for n in app._notifications] == ["没有可打开的超时工单"]
        assert "打开工单" in screen_text(app)  # the footer's Enter
        _no_english(app)


def test_each_rate_is_marked_in_chinese_words(chinese):
    assert mark(figures.Rate("satisfaction", 0.9, 0.95)).plain == "✖ 未达标"
    assert mark(figures.Rate("satisfaction", 1.0, 1.0)).plain == "✔ 达标"
    assert mark(figures.Rate("satisfaction", None, 1.0)).plain == "– 无到期"
    assert has_chinese(mark(figures.Rate("satisfaction", None, 1.0)).plain)
