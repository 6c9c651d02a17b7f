"""November at the desk, built by hand through the desk's services so that every figure of its report
is known (tests/test_reports.py and the statistics screen's tests), and those figures as the Chinese
report names them.

The desk reads Tuesday 1 December, 09:00: every clock due in November is met, late or still overdue.
"""

from __future__ import annotations

from deskapp.desk import workflow
from deskapp.desk.callbacks import record_callback
from deskapp.desk.intake import record_intake
from deskapp.domain.enums import (
    AttemptResult,
    Channel,
    Kind,
    NoteKind,
    Satisfaction,
    Severity,
    Validity,
)
from deskapp.domain.intake import Intake
from tests.conftest import at

NOW = "2026-12-01T09:00+08:00"


def report_case(desk, kind, received, channel=Channel.phone, severity=None, category="", promised=None, requested=None):
    intake = Intake(kind=kind, severity=severity, channel=channel, category=category, who="Ms Li",
                    which="Tower B 12F 1203", what="a problem", phone="13800138000", received_at=at(received),
                    promised_by=at(promised) if promised else None, requested_by=at(requested) if requested else None)
    return record_intake(desk, intake).case.id


def called_back(desk, case_id, when, satisfaction, **more):
    record_callback(desk, case_id, AttemptResult.reached, satisfaction, at=at(when), **more)


def november(desk) -> dict[str, int]:
    desk.clock.set(at("2026-12-01 09:00"))
    f, ids = workflow, {}
    # A: a general complaint, every clock met, the customer satisfied.
    ids["A"] = a = report_case(desk, Kind.complaint, "2026-11-02 09:00", severity=Severity.general, category="water leak")
    f.forward(desk, a, "Engineering", at=at("2026-11-02 09:10"))  # due 09:20
    f.set_validity(desk, a, Validity.valid, "pipe not maintained", at=at("2026-11-02 12:00"))
    f.resolve(desk, a, "pipe replaced", at=at("2026-11-02 15:00"))  # due Wed 11:00
    called_back(desk, a, "2026-11-03 10:00", Satisfaction.satisfied)  # due Tue 15:00
    f.add_note(desk, a, "pipes added to the monthly rounds", NoteKind.corrective, at=at("2026-11-04 09:00"))  # due Thu 12:00
    # B: a major complaint forwarded 20 min late, resolved 2 h late, visited 3 h late, partly satisfied;
    # valid, and its cause never analysed (due Sun 8 Nov 09:00).
    ids["B"] = b = report_case(desk, Kind.complaint, "2026-11-04 10:00", Channel.visit, Severity.major, "noise")
    f.forward(desk, b, "Security", at=at("2026-11-04 10:30"))  # due 10:10
    f.escalate(desk, b, at=at("2026-11-04 10:40"))  # due 11:00
    f.set_validity(desk, b, Validity.valid, "night works without a permit", at=at("2026-11-05 09:00"))
    f.resolve(desk, b, "works stopped at night", at=at("2026-11-06 12:00"))  # due Fri 10:00
    called_back(desk, b, "2026-11-07 15:00", Satisfaction.partly, signed=True)  # due Sat 12:00
    # C: a minor complaint, invalid, explained 4 h late, never resolved: overdue since Mon 16 Nov 12:00.
    ids["C"] = c = report_case(desk, Kind.complaint, "2026-11-12 10:00", Channel.email, Severity.minor, "cleaning")
    f.forward(desk, c, "Housekeeping", at=at("2026-11-12 10:10"))  # due 10:30
    f.set_validity(desk, c, Validity.invalid, "cleaning rota as agreed", at=at("2026-11-12 11:00"))
    f.add_note(desk, c, "the rota read out to the tenant", NoteKind.explanation, at=at("2026-11-13 15:00"))  # due 11:00
    # D: a repair on time throughout.
    ids["D"] = d = report_case(desk, Kind.repair, "2026-11-09 09:00", category="air-conditioning")
    f.forward(desk, d, "Engineering", at=at("2026-11-09 09:05"))  # arrival due 09:20
    f.record_arrival(desk, d, at=at("2026-11-09 09:15"))
    f.resolve(desk, d, "filter cleaned", at=at("2026-11-09 11:00"))  # callback due Wed 13:00
    called_back(desk, d, "2026-11-10 10:00", Satisfaction.satisfied)
    # E: a repair whose trade arrived 30 min late and whose callback was never made (due Thu 19 18:00).
    ids["E"] = e = report_case(desk, Kind.repair, "2026-11-17 14:00", category="lift")
    f.forward(desk, e, "Engineering", at=at("2026-11-17 14:05"))
    f.record_arrival(desk, e, at=at("2026-11-17 14:50"))
    f.resolve(desk, e, "lift reset", at=at("2026-11-17 16:00"))
    # M: an inquiry answered before the time promised; N: an assistance request answered 16 h after it.
    ids["M"] = m = report_case(desk, Kind.inquiry, "2026-11-10 09:00", category="parking", promised="2026-11-11 12:00")
    f.resolve(desk, m, "two bays free on B2", at=at("2026-11-11 10:00"))
    ids["N"] = n = report_case(desk, Kind.assistance, "2026-11-18 09:00", category="moving", promised="2026-11-19 17:00")
    f.resolve(desk, n, "the goods lift booked", at=at("2026-11-20 09:00"))
    # F, G: an inquiry and a suggestion, no clocks.
    ids["F"] = report_case(desk, Kind.inquiry, "2026-11-20 10:00")
    ids["G"] = report_case(desk, Kind.suggestion, "2026-11-25 10:00", Channel.letter)
    # H: recorded by mistake and voided: not counted.
    ids["H"] = h = report_case(desk, Kind.complaint, "2026-11-26 10:00", severity=Severity.general)
    f.void(desk, h, "duplicate of an earlier call", by="Chen Jing", at=at("2026-11-26 10:05"))
    # I: October's complaint whose resolve (Wed 4 Nov 09:00) and callback fall due in November.
    ids["I"] = i = report_case(desk, Kind.complaint, "2026-10-30 18:00", severity=Severity.general, category="water leak")
    f.forward(desk, i, "Engineering", at=at("2026-10-30 18:10"))
    f.resolve(desk, i, "valve closed", at=at("2026-11-03 10:00"))
    called_back(desk, i, "2026-11-04 09:00", Satisfaction.satisfied)  # due Wed 10:00
    # K: a major complaint at 22:00 on the last night, neither forwarded nor escalated by morning.
    ids["K"] = report_case(desk, Kind.complaint, "2026-11-30 22:00", severity=Severity.major, category="injury")
    # L: not satisfied at the first callback, reopened, resolved again and satisfied.
    ids["L"] = l_ = report_case(desk, Kind.complaint, "2026-11-23 10:00", Channel.staff, Severity.general, "attitude")
    f.forward(desk, l_, "Customer Service", at=at("2026-11-23 10:05"))
    f.resolve(desk, l_, "apology", at=at("2026-11-23 15:00"))
    called_back(desk, l_, "2026-11-24 11:00", Satisfaction.unsatisfied, note="retrain the guard")
    f.resolve(desk, l_, "guard retrained", at=at("2026-11-25 10:00"))
    called_back(desk, l_, "2026-11-25 16:00", Satisfaction.satisfied)
    # J: December's: neither counted nor judged in November.
    ids["J"] = report_case(desk, Kind.complaint, "2026-12-01 08:00", severity=Severity.general)
    return ids


COUNTS = {
    "kind": {"complaint": 5, "repair": 2, "inquiry": 2, "assistance": 1, "suggestion": 1},
    "severity": {"general": 2, "major": 2, "minor": 1},
    # Counted by the category list's names (data/categories.toml): "air-conditioning" typed is "air conditioning".
    "category": {"uncategorised": 2, "water leak": 1, "noise": 1, "cleaning": 1, "air conditioning": 1,
                 "lift": 1, "injury": 1, "staff attitude": 1, "parking": 1, "moving furniture": 1},
    "department": {"Engineering": 3, "no department": 5, "Security": 1, "Housekeeping": 1, "Customer Service": 1},
    "validity": {"undecided": 2, "valid": 2, "invalid": 1},
    "channel": {"phone": 7, "visit": 1, "email": 1, "letter": 1, "staff": 1},
}
# The reports show a category by its label (deskapp.words.labels), which differs from the stored value
# (the JSON's key) for these two; a category not in the list is marked for the supervisor.
SHOWN = {"kind": {"suggestion": "suggestion/praise"}, "channel": {"staff": "staff report"},
         "category": {"injury": "injury (not in the list)"}}


def shown_counts(dimension: str) -> dict[str, int]:
    """COUNTS[dimension] keyed as the report's and the screen's tables show it in English."""
    return {SHOWN.get(dimension, {}).get(k, k): n for k, n in COUNTS[dimension].items()}


# clock: (on time, late, still overdue, rate)
CLOCKS = {"forward": (3, 1, 1, 0.6), "escalate": (1, 0, 1, 0.5), "resolve": (3, 1, 1, 0.6),
          "callback": (4, 1, 1, 4 / 6), "arrive": (1, 1, 0, 0.5),
          "explain": (0, 1, 0, 0.0), "analyse": (1, 0, 1, 0.5), "answer": (1, 1, 0, 0.5)}
CALLBACKS = {"due": 7, "made": 6, "on_time": 5, "satisfied": 4, "partly": 1, "unsatisfied": 1}
# case, clock, due, met ("" when still not met), late by: in the clock's own counting, as the queue says it
LATE = [("B", "forward", "2026-11-04 10:10", "2026-11-04 10:30", "20 min"),
        ("B", "resolve", "2026-11-06 10:00", "2026-11-06 12:00", "2 h"),
        ("B", "callback", "2026-11-07 12:00", "2026-11-07 15:00", "3 h"),
        ("B", "analyse", "2026-11-08 09:00", "", "23 days"),
        ("C", "explain", "2026-11-13 11:00", "2026-11-13 15:00", "4 h"),
        ("C", "resolve", "2026-11-16 12:00", "", "118 working h"),
        ("E", "arrive", "2026-11-17 14:20", "2026-11-17 14:50", "30 working min"),
        ("N", "answer", "2026-11-19 17:00", "2026-11-20 09:00", "16 h"),
        ("E", "callback", "2026-11-19 18:00", "", "79 working h"),
        ("K", "forward", "2026-11-30 22:10", "", "10 h 50 min"),
        ("K", "escalate", "2026-11-30 23:00", "", "10 h")]


# ---- the same figures as the Chinese report names them ---------------------------------------------

# The categories the test typed, by the category list's Chinese names; "injury" is not in the list.
CATEGORIES = {"漏水", "噪音", "保洁", "空调", "电梯", "injury（不在分类表中）", "服务态度", "停车", "搬运家具"}

CHINESE_COUNTS = {
    "按类别": {"投诉": 5, "报修": 2, "咨询": 2, "求助": 1, "建议/表扬": 1},
    "按投诉等级（投诉）": {"一般": 2, "重大": 2, "轻微": 1},
    "按分类": {"未分类": 2} | dict.fromkeys(CATEGORIES, 1),
    "按部门": {"工程部": 3, "未转派部门": 5, "安保部": 1, "保洁部": 1, "客服中心": 1},
    "按有效性（投诉）": {"待定": 2, "有效": 2, "无效": 1},
    "按来源渠道": {"电话": 7, "来访": 1, "邮件": 1, "信函": 1, "员工报告": 1},
}
CLOCK_NAMES = {"forward": "转派", "escalate": "上报", "resolve": "处理完成", "callback": "回访", "arrive": "到场",
               "explain": "解释说明", "analyse": "原因分析", "answer": "答复"}
CALLBACK_ROWS = {"due": "应回访", "made": "已回访", "on_time": "按时回访", "satisfied": "满意", "partly": "基本满意",
                 "unsatisfied": "不满意"}
LATE_HEADERS = ["工单号", "类别", "投诉等级", "部门", "时限", "到期时间", "完成时间", "超时时长"]


def late_by(english: str) -> str:
    """'10 h 50 min' as the Chinese report writes it: '10小时50分钟'; '118 working h': '118个工作小时'."""
    units = {"days": "天", "day": "天", "h": "小时", "min": "分钟"}
    words = english.split()
    working = "working" in words
    words = [w for w in words if w != "working"]
    shown = "".join(n + ("个工作" + units[u] if working else units[u]) if i == 0 or not working else n + units[u]
                    for i, (n, u) in enumerate(zip(words[::2], words[1::2], strict=True)))
    return shown


def on_screen(english: str, chinese: bool = False) -> str:
    """How late as the statistics screen's late list says it, in the short words of every screen's
    table: '10 h 50 min' → '10h 50m' / '10小时50分'; '118 working h' → '118h work' / '118工时'."""
    words = english.split()
    working = "working" in words
    numbers = [w for w in words if w.isdigit()]
    units = [w for w in words if not w.isdigit() and w != "working"]
    short = {"days": "d", "day": "d", "h": "h", "min": "m"}
    if chinese:
        if working:
            zh = {"h": "工时", "min": "工作分钟"} if len(numbers) == 1 else {"h": "工时", "min": "分"}
        else:
            zh = {"days": "天", "day": "天", "h": "小时", "min": "分钟" if len(numbers) == 1 else "分"}
        return "".join(n + zh[u] for n, u in zip(numbers, units, strict=True))
    shown = " ".join(n + short[u] for n, u in zip(numbers, units, strict=True))
    return f"{shown} work" if working else shown
