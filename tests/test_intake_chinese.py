"""The intake screen in Chinese: a whole call typed with Chinese words and times, read back, saved,
escalated; wrong input answered in Chinese; the answer scripts, caller panel and notices in Chinese."""

from __future__ import annotations

from sqlmodel import select
from textual.widgets import Input, OptionList

from deskapp.app import DeskApp
from deskapp.config.scripts import load_scripts
from deskapp.desk.intake import record_intake
from deskapp.desk.notices import add_notice
from deskapp.domain.enums import Channel, Kind, NoteKind, Severity, Status
from deskapp.domain.intake import Intake
from deskapp.domain.scripts import decide, search
from deskapp.models import Note, Notification
from deskapp.screens.home import HomeScreen
from deskapp.screens.intake import IntakeScreen
from deskapp.widgets.intake_form import IntakeForm
from tests.chinese_screens import english_words, has_chinese, screen_text
from tests.conftest import at, settled, until
from tests.helpers import (
    cases,
    history,
    kept_field,
    lookups,
    note,
    open_intake,
    tab,
    text_of,
    type_text,
)

OPERATOR = "Wang Fang"


async def test_a_complaint_is_typed_read_back_and_saved_in_chinese_from_sign_in(desk, chinese):
    app = DeskApp(desk)  # no operator given: the sign-in screen first
    async with app.run_test(size=(140, 45)) as pilot:
        await settled(pilot)
        assert "谁在前台值班" in screen_text(app)
        assert english_words(app) == []
        await pilot.press("down", "enter")  # Wang Fang, second on the list
        await settled(pilot)
        assert isinstance(app.screen, HomeScreen) and app.operator == OPERATOR
        assert "未结" in screen_text(app) and english_words(app) == []

        await open_intake(pilot)
        shown = screen_text(app)
        for words in ("来电登记", "类别", "来电人", "联系电话", "位置", "事项", "受理时间", "话术", "保存"):
            assert words in shown, words
        assert english_words(app) == []

        await type_text(pilot, "t")  # 投诉 (tousu): a choice is taken by its pinyin's first letter
        await tab(pilot, 1)
        await type_text(pilot, "y")  # 一般 (yiban)
        await tab(pilot, 1)
        await type_text(pilot, "李女士")
        await tab(pilot, 2)
        await type_text(pilot, "138 0013 8000")
        await tab(pilot, 1)
        await type_text(pilot, "B座12层1203室")
        await tab(pilot, 1)
        await type_text(pilot, "天花板漏水，滴到办公桌上")
        await tab(pilot, 1)
        await type_text(pilot, "楼上水管漏水")
        await tab(pilot, 1)
        await type_text(pilot, "今天修好")
        await tab(pilot, 1)
        await type_text(pilot, "明天下午3点")
        await settled(pilot)
        assert note(app, "requested_by") == "11月24日 周二 15:00"  # what the words were read as
        assert note(app, "which") == "B座 · 12层 · 1203室"
        assert "重大：因管理责任" in note(app, "severity")  # the manuals' definitions beside the choice

        await pilot.press("ctrl+s")
        await settled(pilot)
        body = text_of(app, "#readback-body")
        assert "向来电人复述确认" in text_of(app, "#readback-title")
        assert body.index("李女士") < body.index("B座12层1203室") < body.index("天花板漏水")
        assert "要求时限  11月24日 周二 15:00" in body
        assert "登记为    一般投诉，来源：电话" in body
        assert "转派责任部门：11月23日 周一 09:20前" in body
        assert "处理完成：11月24日 周二 15:00前" in body
        assert english_words(app, "138 0013 8000") == []

        await pilot.press("enter")
        await settled(pilot)
        [c] = cases(desk)
        assert (c.kind, c.severity, c.channel) == (Kind.complaint, Severity.general, Channel.phone)
        assert (c.who, c.phone, c.building, c.floor, c.unit) == ("李女士", "13800138000", "B座", "12", "1203")
        assert (c.what, c.why, c.how) == ("天花板漏水，滴到办公桌上", "楼上水管漏水", "今天修好")
        assert c.requested_by == at("2026-11-24 15:00") and c.received_at == at("2026-11-23 09:00")
        assert [e.action for e in history(desk, c.id)] == ["intake"]
        result = text_of(app, "#result")
        assert f"工单 #{c.id} 已登记 · 一般投诉 · 首问责任人" in result and "Wang Fang" in result
        assert "转派：11月23日 周一 09:20前" in result
        assert english_words(app) == []


async def test_a_major_complaint_in_chinese_opens_the_managers_to_call(desk, chinese):
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_intake(pilot)
        await type_text(pilot, "t")
        await tab(pilot, 1)
        await type_text(pilot, "z")  # 重大 (zhongda)
        await tab(pilot, 1)
        await type_text(pilot, "周先生")
        await tab(pilot, 3)
        await type_text(pilot, "A座3层301")
        await tab(pilot, 1)
        await type_text(pilot, "在大堂湿滑地面摔倒受伤")
        await pilot.press("ctrl+s")
        await settled(pilot)
        body = text_of(app, "#readback-body")
        assert "登记为    重大投诉，来源：电话" in body
        assert "上报运营管理部及公司领导：11月23日 周一 10:00前" in body
        await pilot.press("enter")
        await settled(pilot)
        assert "重大投诉 #1：请立即致电以下经理" in text_of(app, "#esc-title")
        assert "Lin Tao · 项目经理" in str(app.focused.label)
        assert english_words(app) == []
        await pilot.press("space")
        await settled(pilot)
        assert "已记录：09:00 已致电 Lin Tao（已致电 1 位）" in text_of(app, "#esc-status")
        await pilot.press("escape")
        await settled(pilot)
        assert "工单 #1 已登记 · 重大投诉" in text_of(app, "#result")
    [c] = cases(desk)
    assert (c.kind, c.severity) == (Kind.complaint, Severity.major)
    with desk.reading() as session:
        assert len(session.exec(select(Notification).where(Notification.case_id == c.id)).all()) == 1


async def test_wrong_input_is_answered_in_chinese_beside_each_field(desk, chinese):
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_intake(pilot)
        await type_text(pilot, "t")
        await pilot.press("ctrl+s")  # nothing typed: every requirement of a complaint, in Chinese
        await settled(pilot)
        assert "投诉需要选择等级：重大、一般或轻微" in note(app, "severity")
        assert "投诉需要来电人姓名或联系电话" in note(app, "who")
        assert "投诉需要来电人的位置" in note(app, "which")
        assert "请填写发生了什么或来电人需要什么" in note(app, "what")
        assert "尚未保存：还有 4 项待填写" in text_of(app, "#result")
        assert app.focused.id == "f-severity"
        await tab(pilot, 3)
        await type_text(pilot, "12ab")
        assert "“12ab”不像电话号码" in note(app, "phone")
        form = app.screen.query_one(IntakeForm)
        for typed, said in (("明天25点", "“明天25点”不是有效的时刻（小时 0–23，分钟 0–59）"),
                            ("明天", "“明天”还需要具体时刻，例如 明天9点 或 明天14:30"),
                            ("上午15点", "“上午15点”：上午没有15点"),
                            ("胡乱写的", "无法识别时间“胡乱写的”"),
                            ("今天10点30分", "受理时间在未来；请填“现在”或更早的时间"),
                            ("", "请填写来电时间：现在、9:05 或 2026-11-23 09:05")):
            form.set_field("received_at", typed)
            await pilot.pause()
            assert said in note(app, "received_at"), typed
        form.set_field("received_at", "今天早上8点半")
        form.set_field("requested_by", "今天8点")
        await pilot.pause()
        assert note(app, "received_at") == "11月23日 周一 08:30"
        assert "客户要求的完成时间必须晚于受理时间" in note(app, "requested_by")
        form.set_field("kind", "repair")
        await pilot.pause()
        assert "报修需要填写位置：楼栋、楼层和单元" in note(app, "which")
        assert english_words(app, "12ab") == []
        assert cases(desk) == []


async def test_the_answer_scripts_are_in_chinese_and_close_an_inquiry_on_the_spot(desk, chinese):
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_intake(pilot)
        await pilot.press("ctrl+f")
        await type_text(pilot, "漏水")
        await pilot.press("enter", "space")  # 现在还在进水吗？ yes: an engineer goes
        await settled(pilot)
        decision = text_of(app, "#script-decision")
        assert "转派" in decision and "现在还在进水吗" in decision and decision.endswith("是")
        assert english_words(app) == []
        await pilot.press("ctrl+o")
        await settled(pilot)
        assert "请先选择一条可由前台直接关闭的话术" in text_of(app, "#result")

        await pilot.press("ctrl+g")
        await tab(pilot, 1)
        await type_text(pilot, "陈女士")
        await tab(pilot, 4)
        await type_text(pilot, "物业管理费什么时候交")
        await pilot.press("ctrl+f")
        app.screen.query_one("#script-search", Input).value = ""
        await type_text(pilot, "物业费")
        await pilot.press("enter", "n", "n")  # 否 and 否: the desk answers
        await settled(pilot)
        assert "前台当场答复并关闭 · ctrl+o 答复并关闭" in text_of(app, "#script-decision")
        assert app.screen.query_one("#f-category", Input).value == "费用"
        await pilot.press("ctrl+o")
        await settled(pilot)
        assert "答复并关闭" in text_of(app, "#readback-title")
        body = text_of(app, "#readback-body")
        assert "答复内容（话术：物业管理费与账单）：“物业管理费于每季度第一个工作日出账" in body
        assert "保存即登记此咨询，并以此答复关闭。" in body
        assert english_words(app) == []
        await pilot.press("enter")
        await settled(pilot)
        [c] = cases(desk)
        assert (c.kind, c.category, c.status) == (Kind.inquiry, "费用", Status.closed)
        assert c.outcome.startswith("物业管理费于每季度")
        assert "已答复并关闭" in text_of(app, "#result")


async def test_the_caller_panel_batch_flag_and_notices_speak_chinese(desk, chinese):
    old = record_intake(desk, Intake(kind=Kind.complaint, severity=Severity.general, who="李女士", phone="13800138000",
                                     which="B座12层1203室", category="漏水", what="天花板滴水",
                                     received_at=at("2026-11-23 08:40"))).case.id
    record_intake(desk, Intake(kind=Kind.complaint, severity=Severity.general, who="马先生", phone="13900139000",
                               which="B座12层1210室", category="漏水", what="天花板滴水",
                               received_at=at("2026-11-23 08:50")))
    add_notice(desk, "供水", "水管检修停水", at("2026-11-23 08:00"), at("2026-11-23 12:00"),
                       building="B座", floors="11,12", details="12点前恢复供水。")
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_intake(pilot)
        await tab(pilot, 3)
        await type_text(pilot, "13800138000")
        await tab(pilot, 1)
        await type_text(pilot, "B座12层1203室")
        await tab(pilot, 1)
        await type_text(pilot, "又在滴水了，桶都满了")
        await until(pilot, lambda: app.screen.query_one("#caller-cases", OptionList).option_count,
                    "the caller's cases to be looked up")
        await settled(pilot)
        panel = app.screen.query_one("#caller")
        assert str(panel.border_title) == "来电人 · 未结 1 · 投诉 1 · ctrl+r"
        cases_shown = app.screen.query_one("#caller-cases", OptionList)
        assert "一般投诉 已受理 11月23日 周一 08:40" in str(cases_shown.get_option_at_index(0).prompt)
        listed = app.screen.query_one("#notice-list", OptionList)
        assert "供水：水管检修停水" in str(listed.get_option_at_index(0).prompt)
        assert "B座，楼层：11,12，11月23日 周一 08:00 → 11月23日 周一 12:00" in str(listed.get_option_at_index(0).prompt)
        assert str(app.screen.query_one("#notices").border_title) == "通知 · 1"
        assert english_words(app, "13800138000") == []

        form = app.screen.query_one(IntakeForm)
        form.set_field("kind", "complaint")
        form.set_field("category", "漏水")
        form.set_field("phone", "13700137000")
        await until(pilot, lambda: text_of(app, "#caller-batch"), "the batch warning")
        await settled(pilot)
        assert "⚠ 疑似批量事件：此处已有 3 位来电人反映漏水" in text_of(app, "#caller-batch")

        looked_up = lookups(app.screen)
        form.set_field("phone", "13800138000")
        await until(pilot, lambda: "13800138000" in looked_up, "the caller to be looked up by phone")
        await settled(pilot)
        await pilot.press("ctrl+r", "enter")
        await settled(pilot)
        assert f"把这次来电作为备注附加到工单 #{old} 吗？" in text_of(app, "#confirm-question")
        assert english_words(app, "13800138000") == []
        await pilot.press("y")
        await settled(pilot)
        assert f"来电已作为备注附加到工单 #{old}" in text_of(app, "#result")
    with desk.reading() as session:
        [n] = session.exec(select(Note).where(Note.case_id == old)).all()
    assert n.kind is NoteKind.call and n.text == "联系电话：13800138000 · 位置：B座12层1203室 · 事项：又在滴水了，桶都满了 · 分类：漏水"


async def test_a_notice_answers_the_caller_in_chinese(desk, chinese):
    add_notice(desk, "供水", "水管检修停水", at("2026-11-23 08:00"), at("2026-11-23 12:00"),
                       building="B座", floors="11,12", details="12点前恢复供水。")
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_intake(pilot)
        await tab(pilot, 4)
        await type_text(pilot, "B座12层1203室")
        await tab(pilot, 1)
        await type_text(pilot, "为什么没有水")
        await until(pilot, lambda: app.screen.query_one("#notice-list", OptionList).option_count,
                    "the building's notices to be shown")
        await settled(pilot)
        app.screen.query_one("#notice-list", OptionList).focus()
        await pilot.press("enter")
        await settled(pilot)
        body = text_of(app, "#readback-body")
        assert "答复内容（通知：水管检修停水）：“水管检修停水（11月23日 周一 08:00 至 11月23日 周一 12:00）：12点前恢复供水。”" in body
        await pilot.press("enter")
        await settled(pilot)
    [c] = cases(desk)
    assert (c.kind, c.category, c.status) == (Kind.inquiry, "供水", Status.closed)


async def test_after_hours_the_banner_and_read_back_are_in_chinese(desk, chinese):
    desk.clock.set(at("2026-11-20 19:30"))  # a Friday evening
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_intake(pilot)
        assert "前台下次上班：11月23日 周一 08:00" in text_of(app, "#after-hours")
        form = app.screen.query_one(IntakeForm)
        for name, value in (("kind", "complaint"), ("severity", "general"), ("who", "李女士"),
                            ("which", "B座12层1203室"), ("what", "大堂灯不亮")):
            form.set_field(name, value)
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settled(pilot)
        body = text_of(app, "#readback-body")
        assert "一般和轻微工单的时限从下次上班时开始计时（11月23日 周一 08:00）" in body
        assert english_words(app) == []


async def test_escape_and_a_kept_draft_ask_in_chinese(desk, chinese):
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_intake(pilot)
        await type_text(pilot, "t")
        await tab(pilot, 2)
        await type_text(pilot, "吴先生")
        # The draft is written once typing pauses: until it holds the last words typed.
        await until(pilot, lambda: kept_field(desk, OPERATOR, "who") == "吴先生", "the draft to be kept")
        await settled(pilot)
        await pilot.press("escape")
        await settled(pilot)
        assert "放弃这次来电登记吗？" in text_of(app, "#confirm-question")
        assert english_words(app) == []
        await pilot.press("n")
        await settled(pilot)
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_intake(pilot)
        question = text_of(app, "#confirm-question")
        assert question.startswith("恢复 11月23日 周一 09:00 时正在登记的来电吗")
        assert "投诉 · 吴先生" in str(app.screen.query_one("#confirm-detail").render())
        assert english_words(app) == []
        await pilot.press("y")
        await settled(pilot)
        assert isinstance(app.screen, IntakeScreen)
        assert app.screen.query_one("#f-who", Input).value == "吴先生"


def test_the_chinese_scripts_are_the_english_ones_in_chinese():
    english, chinese_book = load_scripts(language_="en"), load_scripts(language_="zh_CN")
    assert len(chinese_book.scripts) == len(english.scripts)
    assert chinese_book.batch == english.batch and chinese_book.recent == english.recent
    for en, zh in zip(english.scripts, chinese_book.scripts, strict=True):
        assert (zh.kind, zh.dispatch_to) == (en.kind, en.dispatch_to), en.title
        assert [q.dispatch_if for q in zh.questions] == [q.dispatch_if for q in en.questions], en.title
        for text in (zh.title, zh.category, zh.reply, zh.dispatch_reply, *(q.ask for q in zh.questions)):
            assert has_chinese(text), text
    leak = search(chinese_book.scripts, "漏水")[0]
    assert leak.title == "漏水" and search(chinese_book.scripts, "dianti")[0].title == "电梯困人或停运"
    assert not decide(leak, {0: True}).closes and decide(leak, {0: False, 1: False, 2: False}).closes


async def test_chinese_choices_are_taken_by_their_pinyin_and_the_same_letter_again_moves_on(desk, chinese):
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_intake(pilot)
        kind = app.screen.query_one("#f-kind")
        assert [str(prompt) for prompt, _ in kind._options] == ["咨询", "报修", "投诉", "求助", "建议/表扬"]
        await type_text(pilot, "b")
        assert kind.value == "repair"  # 报修 (baoxiu)
        await type_text(pilot, "x")  # no choice's pinyin starts with x: nothing changes
        assert kind.value == "repair"
        channel = app.screen.query_one("#f-channel")
        channel.focus()
        await type_text(pilot, "y")
        assert channel.value == "email"  # 邮件 (youjian)
        await type_text(pilot, "y")
        assert channel.value == "staff"  # 员工报告 (yuangong)
        department = app.screen.query_one("#f-department")
        department.focus()
        await type_text(pilot, "e")  # a department shown in Chinese is also taken by its kept name's letter
        assert department.value == "Engineering"
        assert english_words(app) == []
