"""Sign-in, home and night duty in Chinese, at an injected time of day."""

from __future__ import annotations

from sqlmodel import Session, select
from textual.widgets import DataTable

from deskapp.app import DeskApp
from deskapp.desk.access import set_pin
from deskapp.desk.intake import record_intake
from deskapp.domain.enums import Kind, Severity
from deskapp.domain.intake import Intake
from deskapp.domain.shifts import Shift
from deskapp.models import Notification
from deskapp.screens.home import HomeScreen
from deskapp.screens.night import NightScreen
from deskapp.screens.sign_in import SignInScreen
from tests.chinese_screens import english_words, has_chinese, screen_text
from tests.conftest import at, settled
from tests.helpers import choose_person


def _rows(app) -> list[list[str]]:
    table = app.screen.query_one(DataTable)
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


async def test_night_duty_in_chinese_sees_tonight_and_calls_the_managers(desk, chinese):
    desk.clock.set(at("2026-11-23 23:30"))  # a Monday night
    record_intake(desk, Intake(kind=Kind.complaint, severity=Severity.general, who="李先生", which="A座3层",
                               what="酒吧噪音太大，一直到深夜还在放音乐，影响休息，已经连续三天了",
                               received_at=at("2026-11-23 20:10")), by="Zhao Lei")
    major = record_intake(desk, Intake(kind=Kind.complaint, severity=Severity.major, who="孙女士",
                                       which="B座12层1203室", what="水管爆裂，机房进水",
                                       received_at=at("2026-11-23 23:20")), by="Zhao Lei").case.id
    record_intake(desk, Intake(kind=Kind.inquiry, what="白天的咨询", received_at=at("2026-11-23 15:00")))
    app = DeskApp(desk, "Zhao Lei")
    async with app.run_test(size=(130, 36)) as pilot:
        await settled(pilot)
        assert isinstance(app.screen, NightScreen)
        shown = screen_text(app)
        assert "夜间值班" in shown
        banner = str(app.screen.query_one("#night-banner").render())
        assert banner.startswith("夜间值班自 周一 19:00 起，白班 11月24日 周二 08:00 接班。")
        assert "每个来电都要登记（F2）。" in banner
        assert "重大投诉请立即致电各经理" in banner
        assert "Lin Tao（项目经理）13800138020" in str(app.screen.query_one("#night-managers").render())
        header = [str(c.label) for c in app.screen.query_one(DataTable).columns.values()]
        assert header == ["#", "受理时间", "类别", "已致电", "下一时限", "剩余/超时", "来电人 / 位置", "事项"]
        rows = _rows(app)
        assert [r[0] for r in rows] == [str(major), str(major - 1)]  # tonight's only, newest first
        assert rows[0][1:4] == ["周一 23:20", "重大投诉", "☎ 0"] and rows[0][6] == "孙女士 · B座12层1203室"
        # The next clock and its time left as the queue says them: the major complaint's 10 wall minutes
        # to forward run out now; the general one's 20 working minutes wait for the morning.
        assert rows[0][4:6] == ["▲ 转派 即将到期", "0分钟"] and rows[1][4:6] == ["☾ 转派 待上班", "20工作分钟"]
        assert rows[1][7].endswith("…")  # a long Chinese description is cut whole characters at a time
        assert english_words(app) == []
        await pilot.press("enter")  # the major complaint: the managers to call
        await settled(pilot)
        assert "重大投诉 #2：请立即致电以下经理" in str(app.screen.query_one("#esc-title").render())
        assert english_words(app) == []
        await pilot.press("space")
        await settled(pilot)
        await pilot.press("escape")
        await settled(pilot)
        assert _rows(app)[0][3] == "☎ 1"
    with Session(desk.engine) as s:
        [call] = s.exec(select(Notification)).all()
        assert call.case_id == major


async def test_a_quiet_night_says_so_in_chinese(desk, chinese):
    desk.clock.set(at("2026-11-24 02:00"))
    app = DeskApp(desk, "Zhao Lei")
    async with app.run_test(size=(130, 36)) as pilot:
        await settled(pilot)
        assert "今晚尚无登记" in screen_text(app)
        assert english_words(app) == []


async def test_sign_in_in_chinese_takes_the_night_shift_by_its_pinyin(desk, chinese):
    app = DeskApp(desk)
    async with app.run_test(size=(120, 34)) as pilot:
        await settled(pilot)
        assert isinstance(app.screen, SignInScreen)
        shown = screen_text(app)
        for words in ("谁在前台值班", "班次", "白班", "b / y 选择白班 / 夜班", "登录"):
            assert words in shown, words
        assert "Zhao Lei · 夜间值班" in shown and "Chen Jing · 客服主管" in shown
        assert english_words(app) == []
        await choose_person(pilot, "Zhao Lei")
        await pilot.press("tab", "y", "ctrl+s")  # 夜班 (yeban)
        await settled(pilot)
        assert isinstance(app.screen, NightScreen) and app.shift is Shift.night


async def test_a_pin_is_asked_for_in_chinese(desk, chinese):
    set_pin(desk, "Chen Jing", "258025")
    app = DeskApp(desk)
    async with app.run_test(size=(120, 34)) as pilot:
        await settled(pilot)
        await choose_person(pilot, "Chen Jing")
        assert "Chen Jing · 客服主管 · PIN码" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused.id == "sign-in-pin"
        await pilot.press(*"111111", "enter")
        await settled(pilot)
        refused = str(app.screen.query_one("#sign-in-error").render())
        assert "Chen Jing" in refused and has_chinese(refused)
        assert english_words(app) == []
        await pilot.press(*"258025", "enter")
        await settled(pilot)
        assert app.operator == "Chen Jing" and isinstance(app.screen, HomeScreen)


async def test_home_in_chinese_shows_the_counts_and_what_falls_due_next(desk, chinese):
    record_intake(desk, Intake(kind=Kind.complaint, severity=Severity.general, who="王先生", which="C座8层801室",
                               what="卫生间水龙头一直滴水，找了两次都没有人来修，非常不满意",
                               received_at=at("2026-11-23 08:30")))
    app = DeskApp(desk, "Wang Fang")
    async with app.run_test(size=(140, 34)) as pilot:
        await settled(pilot)
        assert isinstance(app.screen, HomeScreen)
        shown = screen_text(app)
        for words in ("未结", "已超时", "即将到期", "待回访", "今日受理", "下一时限", "剩余/超时", "到期"):
            assert words in shown, words
        [row] = _rows(app)
        assert row[1].endswith("转派 已超时") and row[4] == "一般投诉"
        assert row[6].endswith("…")
        assert english_words(app) == []
