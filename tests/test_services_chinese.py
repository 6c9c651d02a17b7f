"""The services and the domain speaking Chinese: refusals, messages, history notes, the handover summary,
the check report and the demo, with every value filled in and no English left over.

The history keeps what happened as data and the operator's note as typed: an event written by a
desk speaking Chinese reads in English to an English reader and in Chinese to a Chinese one, and
the hash chain holds whichever language wrote it.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import text
from sqlmodel import Session, col, select

from deskapp.config.datafiles import StaffEntry, StaffList
from deskapp.desk import workflow
from deskapp.desk.access import set_pin, sign_in
from deskapp.desk.callbacks import record_callback
from deskapp.desk.handover import acknowledge_handover, hand_over
from deskapp.desk.intake import record_intake
from deskapp.desk.notices import add_notice
from deskapp.desk.operation import may
from deskapp.domain.enums import (
    AttemptResult,
    ClockState,
    Kind,
    NoteKind,
    Role,
    Satisfaction,
    Severity,
    Status,
)
from deskapp.domain.errors import Conflict, DeskError, NotAllowed, NotFound
from deskapp.domain.intake import Intake
from deskapp.domain.policy import PolicyError, policy_from_dict
from deskapp.domain.shifts import span_at
from deskapp.generate import demo, demo_zh
from deskapp.generate.demo import fill_demo
from deskapp.i18n import CHINESE, ENGLISH, use_language
from deskapp.models import Department, HistoryEvent, Staff
from deskapp.reads.queries import case_detail, list_cases
from deskapp.reads.queue import QueueFilter, count, directory, line_at, load_open
from deskapp.reads.shift_summary import shift_summary, summary_sections
from deskapp.store.clock import DeskClock
from deskapp.upkeep.check import check
from deskapp.upkeep.restore import restore
from deskapp.upkeep.setup import open_desk, sync_staff
from deskapp.words.history import event_words, sentence
from deskapp.words.shifts import span_label
from tests.conftest import at, shanghai_zone

# Words that stay as they are in a Chinese sentence: the staff's names (data), program names.
STAFF = {"Wang", "Fang", "Liu", "Yang", "Chen", "Jing", "Zhao", "Lei", "Huang", "Sun", "Qiang", "Zhou", "Min",
         "Gang", "Jun", "Lin", "Tao", "Ming", "Ping"}
KEPT = STAFF | {"PIN", "SQLite", "PostgreSQL", "deskapp", "init"}
_LATIN = re.compile(r"[A-Za-z]{3,}")


def english_left(message: str, *also: str) -> list[str]:
    """Runs of three or more Latin letters that are not names or typed data."""
    return [w for w in _LATIN.findall(message) if w not in KEPT and w not in also]


def chinese_sentence(message: str, *also: str) -> str:
    """The message, checked: Chinese, every placeholder filled, no English words left."""
    assert re.search(r"[\u4e00-\u9fff]", message), message
    assert "{" not in message and "}" not in message, message
    assert english_left(message, *also) == [], message
    return message


def complaint(**fields) -> Intake:
    values = dict(kind=Kind.complaint, severity=Severity.general, who="李娜", which="A座12层1203室",
                  what="天花板漏水", phone="138 0013 8000", received_at=at("2026-11-23 08:00"))
    values.update(fields)
    return Intake(**values)


def notes(desk, case_id) -> list[str]:
    """The notes as stored: what the operator typed, nothing composed."""
    with Session(desk.engine) as s:
        return list(s.exec(select(HistoryEvent.note).where(HistoryEvent.case_id == case_id)
                           .order_by(col(HistoryEvent.id))))


def said(desk, case_id) -> list[str]:
    """Each event's sentence as the case detail words it, in the language the reader speaks now."""
    return [sentence(line, desk.calendar.tz) for line in case_detail(desk, case_id).history]


# ---- refusals ---------------------------------------------------------------------------------


def test_a_status_refusal_names_the_case_and_why(desk, chinese):
    case_id = record_intake(desk, complaint()).case.id
    with pytest.raises(NotAllowed) as refused:
        workflow.resume(desk, case_id)
    assert chinese_sentence(refused.value.message) == f"工单{case_id}不能恢复处理：尚未转派"
    with pytest.raises(NotAllowed) as refused:
        record_callback(desk, case_id, AttemptResult.reached, Satisfaction.satisfied)
    assert refused.value.message == f"工单{case_id}不能回访：尚未转派"


def test_a_permission_refusal_names_who_may_and_the_role_in_chinese(desk, chinese):
    case_id = record_intake(desk, complaint()).case.id
    workflow.forward(desk, case_id, "工程部", at=at("2026-11-23 08:05"))
    expected = "只有客服主管可以作废工单（客服主管：Chen Jing）；当前操作人：Zhao Lei（夜间值班）"
    with pytest.raises(NotAllowed) as refused:
        workflow.void(desk, case_id, "录错了", by="Zhao Lei")
    assert chinese_sentence(refused.value.message) == expected
    assert may(desk, "Zhao Lei", "void", case_id) == expected  # asked before the form opens
    with pytest.raises(NotAllowed) as refused:
        workflow.set_severity(desk, case_id, Severity.major, "机房进水", by="Wang Fang")
    assert refused.value.message.startswith("工单转派后，只有客服主管可以调整投诉等级（客服主管：Chen Jing）")


def test_a_missing_answer_is_named_beside_its_field(desk, chinese):
    case_id = record_intake(desk, complaint()).case.id
    with pytest.raises(DeskError) as refused:
        workflow.resolve(desk, case_id, "  ")
    assert (refused.value.message, refused.value.field) == ("请填写处理结果", "outcome")
    with pytest.raises(DeskError) as refused:
        workflow.void(desk, case_id, "", by="Chen Jing")
    assert (refused.value.message, refused.value.field) == ("请填写作废原因", "reason")
    with pytest.raises(DeskError) as refused:
        workflow.add_note(desk, case_id, "坏\x07字符")
    assert refused.value.field == "text" and "备注内容" in refused.value.message


def test_names_that_are_not_there_list_the_ones_that_are(desk, chinese):
    case_id = record_intake(desk, complaint()).case.id
    with pytest.raises(NotFound) as refused:
        workflow.forward(desk, case_id, "物业部")
    message = chinese_sentence(refused.value.message)
    assert message == "没有'物业部'这个部门（部门：保洁部、安保部、客服中心、工程部、运营管理部）"
    with pytest.raises(NotFound) as refused:
        workflow.forward(desk, case_id, "工程部", person="王小明")
    assert chinese_sentence(refused.value.message).startswith("员工名单上没有'王小明'（员工：Chen Jing、He Ping、")
    with pytest.raises(NotFound) as refused:
        workflow.resolve(desk, 999, "修好了")
    assert refused.value.message == "工单999不存在"


def test_times_in_refusals_are_the_desks_own(desk, chinese):
    case_id = record_intake(desk, complaint()).case.id
    workflow.forward(desk, case_id, "工程部", at=at("2026-11-23 08:30"))
    with pytest.raises(DeskError) as refused:
        workflow.resolve(desk, case_id, "已修好", at=at("2026-11-23 08:10"))
    assert chinese_sentence(refused.value.message) == \
        "处理完成时间2026-11-23 08:10早于该工单的上一步（2026-11-23 08:30 转派）"
    with pytest.raises(DeskError) as refused:
        workflow.resolve(desk, case_id, "已修好", at=at("2026-11-22 08:10"))
    assert refused.value.message == f"处理完成时间2026-11-22 08:10早于工单{case_id}的受理时间（2026-11-23 08:00）"
    workflow.escalate(desk, case_id, at=at("2026-11-23 08:40"))
    with pytest.raises(NotAllowed) as refused:
        workflow.escalate(desk, case_id)
    assert refused.value.message == f"工单{case_id}已于2026-11-23 08:40上报"


def test_a_stale_version_says_who_changed_it_and_when_by_the_desks_clock(desk, chinese):
    view = record_intake(desk, complaint())
    workflow.add_note(desk, view.case.id, "租户又来电了", by="Liu Yang")  # recorded at the desk's 09:00
    with pytest.raises(Conflict) as refused:
        workflow.add_note(desk, view.case.id, "我的备注", expected_version=view.case.version)
    assert chinese_sentence(refused.value.message) == \
        f"工单{view.case.id}已被 Liu Yang 于 09:00 修改；已重新加载，请核对"


def test_the_wrong_kind_of_case_is_named_by_its_chinese_kind(desk, chinese):
    repair = record_intake(desk, complaint(kind=Kind.repair, severity=None)).case.id
    with pytest.raises(DeskError) as refused:
        workflow.set_severity(desk, repair, Severity.major, "很严重")
    assert chinese_sentence(refused.value.message) == f"工单{repair}是报修；只有投诉才有投诉等级"
    inquiry = record_intake(desk, complaint(kind=Kind.inquiry, severity=None)).case.id
    workflow.forward(desk, inquiry, "客服中心", at=at("2026-11-23 08:05"))
    with pytest.raises(DeskError) as refused:
        workflow.record_arrival(desk, inquiry)
    assert refused.value.message == f"工单{inquiry}是咨询，不是报修"
    complaint_id = record_intake(desk, complaint()).case.id
    with pytest.raises(DeskError) as refused:
        workflow.set_severity(desk, complaint_id, Severity.general, "维持")
    assert refused.value.message == f"工单{complaint_id}的等级已经是一般"


def test_pins_and_sign_in_in_chinese(desk, chinese):
    set_pin(desk, "Chen Jing", "990011")
    set_pin(desk, "Wang Fang", "246802", by="Chen Jing", by_pin="990011")
    with pytest.raises(NotAllowed) as refused:
        sign_in(desk, "Wang Fang", None)
    assert chinese_sentence(refused.value.message) == "Wang Fang：需要输入PIN码登录"
    with pytest.raises(NotAllowed) as refused:
        sign_in(desk, "wang fang", "111111")
    assert refused.value.message == "Wang Fang：PIN码错误"
    with pytest.raises(DeskError) as refused:
        set_pin(desk, "Liu Yang", "12")
    assert refused.value.message == "PIN码为6位数字"
    with pytest.raises(NotAllowed) as refused:
        set_pin(desk, "Liu Yang", "135790", by="Wang Fang", by_pin="246802")
    assert refused.value.message == "只有本人或客服主管可以设置PIN码（Liu Yang）"


def test_notices_take_their_topic_in_either_language(desk, chinese):
    starts, ends = at("2026-11-23 13:00"), at("2026-11-23 17:00")
    posted = add_notice(desk, "供水", "管道维修停水", starts, ends, building="B座", announce_ahead=timedelta(hours=24))
    assert posted.notice.topic == "water"
    assert chinese_sentence(posted.warning) == f"公告{posted.notice.id}距开始不足24小时；规定须提前24小时通知"
    with pytest.raises(DeskError) as refused:
        add_notice(desk, "燃气", "停气", starts, ends)
    assert chinese_sentence(refused.value.message) == "'燃气'不是公告类别；请用：供水、供电、电梯、保洁、其他"
    with pytest.raises(DeskError) as refused:
        add_notice(desk, "water", " ", starts, ends)
    assert refused.value.message == "公告需要标题，例如“管道维修停水”"


# ---- what the history keeps ---------------------------------------------------------------


def test_an_event_reads_in_the_readers_language_whichever_desk_wrote_it(desk):
    english = record_intake(desk, complaint()).case.id
    workflow.forward(desk, english, "Engineering", person="Xu Ming", at=at("2026-11-23 08:05"))
    with use_language(CHINESE):
        chinese = record_intake(desk, complaint()).case.id
        workflow.forward(desk, chinese, "工程部", person="Xu Ming", at=at("2026-11-23 08:05"))
        workflow.notify(desk, chinese, "Sun Qiang", note="已电话告知", at=at("2026-11-23 08:06"))
        workflow.add_note(desk, chinese, "已安排整改", NoteKind.corrective, at=at("2026-11-23 08:07"))
        # Written in English, read by a Chinese desk: in Chinese.
        assert said(desk, english)[1] == "转派至工程部 / Xu Ming"
        assert said(desk, chinese)[1:] == ["转派至工程部 / Xu Ming", "已致电：Sun Qiang（部门经理，13800138011）：已电话告知",
                                           "纠正措施：已安排整改"]
        assert case_detail(desk, english).view.department == "工程部"  # the shown name follows the desk
    # Written in Chinese, read by an English desk: in English, the operator's own words as typed.
    assert said(desk, chinese)[1:] == ["forwarded to Engineering / Xu Ming",
                                       "called Sun Qiang (department manager, 13800138011): 已电话告知",
                                       "corrective: 已安排整改"]
    assert said(desk, english)[1] == "forwarded to Engineering / Xu Ming"
    assert case_detail(desk, chinese).view.department == "Engineering"
    # Stored: identifiers and names, and only what was typed.
    assert notes(desk, chinese) == ["", "", "已电话告知", "已安排整改"]
    with Session(desk.engine) as s:
        changes = s.exec(select(HistoryEvent.changes).where(HistoryEvent.case_id == chinese,
                                                            HistoryEvent.action == "forward")).one()
    assert '"department": [null, "Engineering"]' in changes and "工程部" not in changes
    assert check(desk).ok  # the chain holds, whichever language wrote it


def test_the_same_case_detail_reads_in_either_language(desk):
    """The whole history column of one case, as the detail screen and `show` word it."""
    with use_language(CHINESE):
        case_id = record_intake(desk, complaint(received_at=at("2026-11-20 09:00"))).case.id
        workflow.forward(desk, case_id, "工程部", note="请带梯子", at=at("2026-11-20 09:05"))
        workflow.resolve(desk, case_id, "已修好", by="Xu Ming", at=at("2026-11-20 15:00"))
    desk.clock.set(at("2026-11-23 09:00"))
    record_callback(desk, case_id, AttemptResult.no_answer, by="Huang Li")
    tz = desk.calendar.tz
    english = [event_words(line, tz) for line in case_detail(desk, case_id).history]
    assert english[0] == "case opened"
    assert english[1] == ("forwarded to Engineering: 请带梯子\n"
                          "department: – → Engineering; forwarded: – → Fri 20 Nov 09:05; status: received → forwarded")
    assert english[2].startswith("已修好\n")
    assert english[3].startswith("no answer; next try Mon 11:00")
    with use_language(CHINESE):
        chinese = [event_words(line, tz) for line in case_detail(desk, case_id).history]
    assert chinese[0] == "建立工单"
    assert chinese[1] == "转派至工程部：请带梯子\n责任部门：– → 工程部；转派时间：– → 11月20日 周五 09:05；状态：已受理 → 已转派"
    assert chinese[3].startswith("无人接听；下次回访周一 11:00")
    assert all(chinese_sentence(text) for text in chinese)


def test_callback_notes_and_the_flag_in_chinese(desk, chinese):
    case_id = record_intake(desk, complaint(received_at=at("2026-11-20 09:00"))).case.id
    workflow.forward(desk, case_id, "工程部", at=at("2026-11-20 09:05"))
    workflow.resolve(desk, case_id, "已修好", by="Xu Ming", at=at("2026-11-20 15:00"))
    for minute in ("09:00", "11:10", "13:20"):
        desk.clock.set(at(f"2026-11-23 {minute}"))
        record_callback(desk, case_id, AttemptResult.no_answer, by="Huang Li")
    tries = said(desk, case_id)[-3:]
    assert tries[0] == "无人接听；下次回访周一 11:00"
    assert all(chinese_sentence(n) for n in tries)
    assert case_detail(desk, case_id).view.case.flagged == "回访3次未成功"
    desk.clock.set(at("2026-11-23 16:00"))
    with pytest.raises(DeskError) as refused:
        record_callback(desk, case_id, AttemptResult.reached, None, by="Huang Li")
    assert (refused.value.message, refused.value.field) == ("请选择客户满意、基本满意还是不满意", "satisfaction")
    record_callback(desk, case_id, AttemptResult.reached, Satisfaction.unsatisfied, note="再派人检查", by="Huang Li")
    assert said(desk, case_id)[-2:] == ["客户不满意：再派人检查", "回访后重新处理：再派人检查"]
    assert notes(desk, case_id)[-2:] == ["再派人检查", "再派人检查"]  # as typed, once per event


# ---- the handover, the queue, shifts ------------------------------------------------------


def test_the_handover_summary_and_its_refusals_in_chinese(desk, chinese):
    desk.clock.set(at("2026-11-23 18:50"))
    old = record_intake(desk, complaint(received_at=at("2026-11-20 09:00"), what="周五的投诉")).case.id
    major = record_intake(desk, complaint(severity=Severity.major, received_at=at("2026-11-23 09:00"),
                                          what="机房被淹")).case.id
    workflow.escalate(desk, major, at=at("2026-11-23 09:10"))
    workflow.notify(desk, major, "Sun Qiang", at=at("2026-11-23 09:15"))
    day = (at("2026-11-23 08:00"), at("2026-11-23 19:00"))
    sections = dict(summary_sections(shift_summary(desk, *day), desk.calendar.tz))
    assert sections["本班受理"] == ["共1件", "按类别：投诉1件", "按投诉等级：重大1件", "按来源渠道：电话1件"]
    assert sections["当前超时（2）"][0] == f"#{old} 一般投诉：周五的投诉 · 转派 · 已超时（周五 09:20），超时 20个工作小时30分钟"
    assert sections["重大投诉（1）"] == [f"#{major} 机房被淹 · 周一 09:10已上报 · Sun Qiang 周一 09:15"]
    for title, lines in sections.items():
        for line in (title, *lines):
            chinese_sentence(line)
    written = hand_over(desk, *day, "注意B座漏水", by="Wang Fang")
    assert [title for title, _lines in written.sections][0] == "本班受理"  # kept as handed over
    with pytest.raises(NotAllowed) as refused:
        hand_over(desk, *day, "", by="Liu Yang")
    assert chinese_sentence(refused.value.message) == "本班已由 Wang Fang 于 周一 18:50 交班"
    with pytest.raises(NotAllowed) as refused:
        acknowledge_handover(desk, written.id, by="Wang Fang")
    assert refused.value.message == "这份交班由 Wang Fang 填写，应由接班人签收"
    acknowledge_handover(desk, written.id, by="Zhao Lei")
    with pytest.raises(NotAllowed) as refused:
        acknowledge_handover(desk, written.id, by="Liu Yang")
    assert refused.value.message == "这份交班已由 Zhao Lei 于 周一 18:50 签收"
    assert span_label(span_at(desk.calendar, at("2026-11-23 09:00")), desk.calendar.tz) == "白班 11月23日 周一 08:00 – 19:00"
    assert span_label(span_at(desk.calendar, at("2026-11-23 20:00")), desk.calendar.tz) == \
        "夜班 11月23日 周一 19:00 – 11月24日 周二 08:00"


def test_the_queue_counts_filters_and_forms_in_chinese(desk, chinese):
    record_intake(desk, complaint(received_at=at("2026-11-20 09:00")))
    entries, _marker = load_open(desk)
    lines = [line_at(e, desk.policy, desk.calendar, desk.now()) for e in entries]
    assert count(lines).sentence() == "1件超时 · 0件即将到期 · 1件未结"
    shown = QueueFilter(kind=Kind.complaint, severity=Severity.major, state=ClockState.overdue, department="工程部",
                        owner="Wang Fang", after_hours=True, text="漏水").words()
    assert shown == ["类别：投诉", "等级：重大", "时限：已超时", "部门：工程部", "首问责任人：Wang Fang", "非工作时间", "“漏水”"]
    assert set(directory(desk).departments) == {"客服中心", "工程部", "保洁部", "安保部", "运营管理部"}
    workflow.forward(desk, entries[0].case.id, "工程部", at=at("2026-11-23 08:05"))
    entries, _marker = load_open(desk, QueueFilter(department="工程部"))
    assert [e.department for e in entries] == ["工程部"]


# ---- the records' own reports ---------------------------------------------------------------


def test_the_check_report_and_backup_refusals_in_chinese(desk, chinese, tmp_path):
    case_id = record_intake(desk, complaint()).case.id
    workflow.forward(desk, case_id, "工程部", at=at("2026-11-23 08:05"))
    with desk.engine.begin() as c:
        c.execute(text(f"UPDATE history SET note = '无事发生' WHERE case_id = {case_id} AND action = 'forward'"))
    report = check(desk)
    assert report.history == [f"工单{case_id}：第2条历史记录（转派）写入后被改动过"]
    with pytest.raises(DeskError) as refused:
        restore(desk, tmp_path / "missing.bak", "20261123-0900")
    assert refused.value.message == f"{tmp_path / 'missing.bak'}处没有备份"
    chinese_sentence(refused.value.message.replace(str(tmp_path / "missing.bak"), ""))
    (tmp_path / "junk.bak").write_text("not a database")
    with pytest.raises(DeskError) as refused:
        restore(desk, tmp_path / "junk.bak", "20261123-0900")
    assert "不是deskapp备份" in refused.value.message


def test_the_policy_file_is_explained_in_chinese(chinese):
    with pytest.raises(PolicyError) as refused:
        policy_from_dict({"clock": [{"name": "forward", "kinds": ["complaint"]}]})
    assert str(refused.value) == "第1个时钟（forward）需要时限：minutes、hours 或 days"
    with pytest.raises(PolicyError) as refused:
        policy_from_dict({"clock": [{"name": "forward", "kinds": ["gripe"], "hours": 2}]})
    assert str(refused.value).startswith("第1个时钟（forward） kinds：'gripe' 不是 ")


def test_english_is_unchanged(desk):
    case_id = record_intake(desk, complaint()).case.id
    with pytest.raises(NotAllowed, match=f"^case {case_id} cannot be resumed: it has not been forwarded yet$"):
        workflow.resume(desk, case_id)
    with pytest.raises(NotFound, match=r"^'Nowhere' is not a department \(departments: Customer Service, Engineering, "):
        workflow.forward(desk, case_id, "Nowhere")
    workflow.forward(desk, case_id, "工程部", at=at("2026-11-23 08:05"))  # a Chinese name is understood in English too
    assert said(desk, case_id)[-1] == "forwarded to Engineering"
    assert directory(desk).departments == ("Customer Service", "Engineering", "Housekeeping", "Operations Management",
                                           "Security")


# ---- the demo ---------------------------------------------------------------------------------

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
DAYS, PER_DAY = 6, 12


@pytest.fixture(scope="module")
def demo_desks(tmp_path_factory):
    """A demo made in English and the same seed made in Chinese."""
    folder, desks = tmp_path_factory.mktemp("demo_zh"), {}
    with shanghai_zone():
        for language in (ENGLISH, CHINESE):
            desk, _notice = open_desk(str(folder / f"{language}.db"), clock=DeskClock(NOW))
            with use_language(language):
                fill_demo(desk, days=DAYS, per_day=PER_DAY)
            desks[language] = desk
        yield desks
    for desk in desks.values():
        desk.engine.dispose()


def test_the_chinese_tables_match_the_english_row_for_row():
    english, chinese = demo.words(False), demo.words(True)
    for name in ("buildings", "companies", "surnames", "given", "who", "repairs", "complaints", "major", "inquiries",
                 "assistance", "suggestions", "how", "waits"):
        mine, theirs = getattr(chinese, name), getattr(english, name)
        assert len(mine) == len(theirs), name
        assert [len(row) for row in mine if isinstance(row, tuple)] == \
               [len(row) for row in theirs if isinstance(row, tuple)], name
    assert set(chinese.say) == set(english.say)
    for key, said in english.say.items():
        assert set(re.findall(r"\{\w+\}", said)) == set(re.findall(r"\{\w+\}", chinese.say[key])), key
    assert [row[1] for row in chinese.suggestions] == [row[1] for row in english.suggestions]
    assert set(demo_zh.DEPARTMENT.values()) <= {"Customer Service", "Engineering", "Housekeeping", "Security"}
    assert {row[0] for row in chinese.repairs} - set(demo_zh.DEPARTMENT) == {"漏水", "空调", "照明", "电梯", "门锁",
                                                                           "卫生间", "供电"}  # to Engineering


def test_the_chinese_demo_is_chinese_through_and_through(demo_desks, chinese):
    desk = demo_desks[CHINESE]
    views = list_cases(desk, limit=None)
    assert views and {v.case.kind for v in views} == set(Kind)
    for v in views:
        c = v.case
        for value in (c.who, c.company, c.which, c.building, c.category, c.what, c.why, c.how, c.special_requests,
                      c.outcome, c.void_reason, c.validity_reason):
            assert english_left(value) == [], (c.id, value)
        assert re.fullmatch(r"[ABC]座\d+层\d+室|裙楼\d层\d+室", c.which), c.which
    assert {v.department for v in views if v.department} <= {"工程部", "安保部", "保洁部", "客服中心"}
    assert any(re.fullmatch(r"[\u4e00-\u9fff]{2,3}", v.case.who) for v in views)  # 张伟, 李娜
    with Session(desk.engine) as s:
        typed = s.exec(select(HistoryEvent.note).where(HistoryEvent.note != "")).all()
    assert typed and all(english_left(note) == [] for note in typed)  # what the Chinese operators typed
    lines = [text for v in views[:40] for text in said(desk, v.case.id)]
    assert all(english_left(text) == [] for text in lines), lines
    assert any(text.startswith("转派至") for text in lines)
    report = check(desk)
    assert report.ok, report.history[:3] + report.database[:3]


def test_the_same_seed_makes_the_same_cases_in_either_language(demo_desks):
    def shape(desk):
        return [(v.case.received_at, v.case.kind, v.case.severity, v.case.status, v.case.phone, v.case.floor,
                 v.case.unit) for v in list_cases(desk, limit=None)]

    assert shape(demo_desks[CHINESE]) == shape(demo_desks[ENGLISH])
    english = list_cases(demo_desks[ENGLISH], limit=None)
    assert all(english_left(v.case.which, "Tower", "Podium") == [] for v in english)  # "Tower B 12F 1203"


def test_a_staff_file_written_in_chinese_runs_the_demo_too(tmp_path, chinese):
    """A building whose staff file names its departments 工程部, 安保部 ...: the demo forwards to them."""
    with shanghai_zone():
        desk, _notice = open_desk(str(tmp_path / "desk.db"), clock=DeskClock(NOW))
        departments = (("客服中心", "021-5550 1000"), ("工程部", "021-5550 1200"), ("保洁部", "021-5550 1300"),
                       ("安保部", "021-5550 1100"))
        people = (StaffEntry("王芳", Role.receptionist, "客服中心", "13800138001"),
                  StaffEntry("赵磊", Role.night_duty, "安保部", "13800138003"),
                  StaffEntry("陈静", Role.supervisor, "客服中心", "13800138004"),
                  StaffEntry("孙强", Role.department_manager, "工程部", "13800138011"),
                  StaffEntry("周敏", Role.department_manager, "保洁部", "13800138012"),
                  StaffEntry("吴刚", Role.department_manager, "安保部", "13800138013"),
                  StaffEntry("黄丽", Role.department_manager, "客服中心", "13800138010"),
                  StaffEntry("林涛", Role.project_manager, None, "13800138020"))
        with Session(desk.engine) as s:
            for model in (Staff, Department):  # this building has only its own people and departments
                for row in s.exec(select(model)).all():
                    row.active = False
                    s.add(row)
            sync_staff(s, StaffList(departments, people))
            s.commit()
        try:
            made = fill_demo(desk, days=3, per_day=10)
            views = list_cases(desk, limit=None)
            assert made == len(views) > 0
            assert {v.department for v in views if v.department} <= {"工程部", "安保部", "保洁部", "客服中心"}
            assert {v.owner for v in views} <= {"王芳", "赵磊"}
            with pytest.raises(NotAllowed) as refused:
                workflow.void(desk, views[0].case.id, "录错了", by="王芳")
            assert "（客服主管：陈静）；当前操作人：王芳（前台接待）" in refused.value.message
            assert check(desk).ok
        finally:
            desk.engine.dispose()


def test_open_cases_are_no_longer_english_once_the_desk_speaks_chinese(demo_desks, chinese):
    """What is rebuilt for display follows the desk: the Chinese demo's departments and the queue's words."""
    desk = demo_desks[ENGLISH]
    entries, _marker = load_open(desk)
    assert {e.department for e in entries if e.department} <= {"工程部", "安保部", "保洁部", "客服中心"}
    view = next(v for v in list_cases(desk, limit=None) if v.case.status is Status.resolved)
    assert view.department in {"工程部", "安保部", "保洁部", "客服中心"}
