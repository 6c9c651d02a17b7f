"""The manuals' paper records, printed: Ms Li's complaint about water from the ceiling goes from the
call to Engineering's signature and the callback, and every step is on her complaint record, in
English and in Chinese, read back from the PDF the way a person would (pdftotext)."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess

import pytest

from deskapp.domain.errors import DeskError
from deskapp.output.form_pdf import chinese_font, column_widths
from deskapp.output.forms import Table
from tests.helpers import ADD


def _has_font() -> bool:
    try:
        chinese_font()
    except DeskError:
        return False
    return True


pytestmark = [
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed"),
    pytest.mark.skipif(not _has_font(), reason="no font with Chinese to print with (fonts-wqy-microhei)"),
]
ALL_BACKENDS = True


def text_of(path) -> str:
    """The PDF's words as pdftotext reads them, one space between words."""
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(out.split())


@pytest.fixture
def handled(cli):
    """Ms Li's complaint forwarded, signed for by Engineering, judged valid, resolved and called back."""
    steps = [
        ADD,
        ("forward", "1", "--to", "Engineering", "--person", "Xu Ming", "--at", "2026-11-20T19:40+08:00"),
        ("acknowledge", "1", "--by", "Xu Ming", "--at", "2026-11-23T08:35+08:00"),
        ("validity", "1", "valid", "--reason", "maintenance missed the joint", "--at", "2026-11-23T09:00+08:00"),
        ("resolve", "1", "--outcome", "pipe joint replaced", "--at", "2026-11-23T15:00+08:00"),
        ("callback", "1", "--reached", "--satisfied", "--at", "2026-11-24T10:00+08:00"),
        ("add", "--kind", "repair", "--who", "Mr Wu", "--which", "Tower A 3F 301", "--what", "no power in the pantry",
         "--phone", "18227024298", "--received", "2026-11-24T09:00+08:00"),
    ]
    for step in steps:
        code, _, err = cli(*step)
        assert code == 0, (step, err)
    return cli


def test_the_complaint_record_carries_every_step_and_the_three_signature_lines(handled, tmp_path):
    path = tmp_path / "record.pdf"
    code, out, err = handled("print", "1", "--form", "complaint-record", "-o", str(path))
    assert code == 0, err
    assert "Complaint handling record written to" in out
    text = text_of(path)
    for expected in ("Complaint handling record", "No. QR/GR-018", "Case #1", "Ms Li", "13800138000",
                     "Tower B 12F unit 1203", "water dripping from the ceiling", "valid",
                     "maintenance missed the joint", "forwarded to Engineering", "Xu Ming",
                     "resolved: pipe joint replaced", "satisfied",
                     "Recorded by (reception): ____", "Head of the responsible department: ____", "Customer: ____"):
        assert expected in text, expected
    # Filed for years: every time on the paper says its year (forwarded Friday 20 November, 19:40).
    assert "2026-11-20 Fri 19:40" in text and "Fri 20 Nov" not in text
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600  # names and phone numbers: the desk account's only


def test_the_complaint_record_in_chinese_uses_the_manuals_names(handled, tmp_path):
    path = tmp_path / "record.pdf"
    code, _, err = handled("--lang", "zh_CN", "print", "1", "-o", str(path))
    assert code == 0, err
    text = text_of(path)
    for expected in ("顾客投诉记录", "编号：QR/GR-018", "工单 #1", "一般投诉", "投诉内容", "投诉判定", "有效",
                     "转交工程部", "接收部门签字确认", "回访", "满意", "记录人（前台）", "责任部门负责人", "顾客",
                     "2026-11-20 周五 19:40"):
        assert expected in text, expected


def test_the_work_order_comes_back_with_the_result_and_asks_paid_or_free(handled, tmp_path):
    path = tmp_path / "order.pdf"
    assert handled("print", "2", "--form", "work-order", "-o", str(path))[0] == 0
    text = text_of(path)
    for expected in ("Service work order", "Case #2", "repair", "Mr Wu", "18227024298", "no power in the pantry",
                     "Paid or free", "□ free □ paid", "Quoted price", "Returned with the result",
                     "Received by (department): ____", "Done by: ____", "Customer's confirmation: ____"):
        assert expected in text, expected
    zh = tmp_path / "order-zh.pdf"
    assert handled("--lang", "zh_CN", "print", "2", "--form", "work-order", "-o", str(zh))[0] == 0
    assert all(w in text_of(zh) for w in ("派工单", "报修", "有偿/无偿", "报价", "顾客确认"))


def test_the_coordination_order_leaves_rows_for_each_action_and_its_owner(handled, tmp_path):
    path = tmp_path / "coordination.html"
    assert handled("print", "1", "--form", "coordination", "-o", str(path))[0] == 0
    page = path.read_text("utf-8")
    assert "Internal coordination work order" in page and "No. QR/GR-008" in page
    assert page.count('<td class="blank"></td>') == 5 * 4  # five actions to write in, four columns each
    assert "Person responsible" in page and "Issued by: ____" in page
    pdf = tmp_path / "coordination.pdf"
    assert handled("--lang", "zh_CN", "print", "1", "--form", "coordination", "-o", str(pdf))[0] == 0
    assert all(w in text_of(pdf) for w in ("内部协调工作单", "解决措施", "责任人", "完成时限", "签发人"))


def test_the_days_information_record_lists_each_call_with_a_line_to_sign(handled, tmp_path):
    path = tmp_path / "day.pdf"
    assert handled("print", "--form", "information-record", "--date", "2026-11-24", "-o", str(path))[0] == 0
    text = text_of(path)
    assert "Customer information record" in text and "No. QR/GR-017" in text and "2026-11-24 Tue" in text
    assert "no power in the pantry" in text and "18227024298" in text  # the phone number whole
    assert "water dripping" not in text  # Ms Li called on the 20th
    assert "Received by" in text and "(signature)" in text  # a heading may wrap in its cell
    zh = tmp_path / "day-zh.pdf"
    assert handled("--lang", "zh_CN", "print", "--form", "information-record", "--date", "2026-11-20", "-o", str(zh))[0] == 0
    assert all(w in text_of(zh) for w in ("顾客信息记录表", "2026-11-20 周五", "接收人签字", "water dripping"))


def test_the_callback_sheet_holds_what_is_due_by_the_end_of_the_day(cli, tmp_path):
    for step in (ADD, ("resolve", "1", "--outcome", "pipe joint replaced", "--at", "2026-11-23T15:00+08:00")):
        assert cli(*step)[0] == 0
    path = tmp_path / "callbacks.pdf"
    assert cli("print", "--form", "callback-sheet", "--date", "2026-11-24", "-o", str(path))[0] == 0
    text = text_of(path)
    assert "Callback sheet" in text and "13800138000" in text and "pipe joint replaced" in text
    early = tmp_path / "early.pdf"
    assert cli("print", "--form", "callback-sheet", "--date", "2026-11-23", "-o", str(early))[0] == 0
    assert "13800138000" not in text_of(early)  # due on the 24th: not on the 23rd's sheet


@pytest.mark.parametrize("args, message", [
    (("print", "1", "--form", "receipt", "-o", "x.pdf"), "--form 'receipt' is not one of"),
    (("print", "1"), "say where to write the form"),
    (("print", "1", "-o", "x.txt"), "does not end in .pdf or .html"),
    (("print", "--form", "work-order", "-o", "x.pdf"), "give the case number"),
    (("print", "1", "--form", "information-record", "-o", "x.pdf"), "give --date, not a case number"),
    (("print", "--form", "information-record", "--date", "24/11", "-o", "x.pdf"), "is not a day such as"),
    (("print", "2", "-o", "x.pdf"), "is not a complaint but repair"),
    (("print", "9", "-o", "x.pdf"), "there is no case 9"),
])
def test_a_wrong_request_is_one_plain_line_exit_2_and_no_file(handled, tmp_path, monkeypatch, args, message):
    folder = tmp_path / "prints"
    folder.mkdir()
    monkeypatch.chdir(folder)
    code, out, err = handled(*args)
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1, err
    assert list(folder.iterdir()) == []


def test_a_long_what_wraps_but_a_phone_number_keeps_its_width():
    table = Table(("case", "phone", "what"), (("1", "18227024298", "water " * 60),))
    widths = column_widths(table, room=40)
    assert widths[1] >= len("18227024298")
    assert widths[2] < len("water " * 60)


def test_a_font_that_is_not_there_is_said_in_one_line(handled, tmp_path, monkeypatch):
    monkeypatch.setenv("DESKAPP_FONT", str(tmp_path / "missing.ttf"))
    code, _, err = handled("print", "1", "-o", str(tmp_path / "record.pdf"))
    assert code == 2 and "no such font file" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "record.pdf").exists()
