"""November's report (tests/test_reports.py) printed in Chinese, in every format, and the cases
exported for a spreadsheet: the same figures as in English, every word the desk's, the names of the
departments and the categories' values in the manuals' terms, and the late list lined up in cells.

What the test typed stays as it was typed: the categories ("water leak") and the staff's names.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re

import pytest
from openpyxl import load_workbook

from deskapp.words.widths import cells
from tests.report_cases import (
    CALLBACK_ROWS,
    CALLBACKS,
    CATEGORIES,
    CHINESE_COUNTS,
    CLOCK_NAMES,
    CLOCKS,
    LATE,
    LATE_HEADERS,
    NOW,
    late_by,
    november,
)

TYPED = {word for category in CATEGORIES for word in re.findall(r"[A-Za-z]+", category)} | {"Ms", "Li"}
TITLE = "客服中心月报：2026年11月"


def english_words(text: str) -> set[str]:
    """Words of Latin letters left, besides what the test typed."""
    return set(re.findall(r"[A-Za-z]{2,}", text)) - TYPED


@pytest.fixture
def zh(cli, desk, monkeypatch):
    """`deskapp --lang zh_CN ARGS` over November, the desk reading 1 December 09:00."""
    monkeypatch.setenv("DESKAPP_NOW", NOW)
    ids = november(desk)

    def run(*args: str) -> tuple[int, str, str]:
        return cli("--lang", "zh_CN", *args)

    run.ids = ids
    return run


def test_the_month_in_chinese_csv(zh):
    code, out, err = zh("report", "month", "--month", "2026-11", "--format", "csv")
    assert code == 0, err
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["栏目", "项目", "指标", "数值"]
    figures = {(section, item, figure): value for section, item, figure, value in rows[1:]}
    assert figures[("受理工单", "工单数", "数量")] == "11" and figures[("受理工单", "已作废（不计入）", "数量")] == "1"
    for section, counts in CHINESE_COUNTS.items():
        assert {k[1]: int(v) for k, v in figures.items() if k[0] == section} == counts, section
    for name, (met, late, overdue, rate) in CLOCKS.items():
        row = {k[2]: v for k, v in figures.items() if k[:2] == ("本期到期的时限", CLOCK_NAMES[name])}
        assert row == {"按时完成": str(met), "超时完成": str(late), "仍超时未完成": str(overdue), "未到期": "0",
                       "按时率": f"{rate:.1%}"}, name
        assert figures[("各项指标与目标", f"{CLOCK_NAMES[name]}按时率", "达标情况")] == "未达标"
    for key, value in CALLBACKS.items():
        assert figures[("本期到期的回访", CALLBACK_ROWS[key], "数量")] == str(value)
    assert figures[("各项指标与目标", "满意率", "实际")] == "66.7%"
    assert figures[("各项指标与目标", "满意率", "目标")] == "95.0%"
    assert figures[("各项指标与目标", "回访率", "达标情况")] == "未达标"
    late = [(item, value) for section, item, figure, value in rows[1:] if section == "超时工单" and figure == "超时时长"]
    assert late == [(str(zh.ids[c]), late_by(by)) for c, _, _, _, by in LATE]
    clocks = [value for section, _, figure, value in rows[1:] if section == "超时工单" and figure == "时限"]
    assert clocks == [CLOCK_NAMES[clock] for _, clock, _, _, _ in LATE]
    met = [value for section, _, figure, value in rows[1:] if section == "超时工单" and figure == "完成时间"]
    assert met == [m or "尚未完成" for _, _, _, m, _ in LATE]
    assert english_words(out) == set()


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_month_in_chinese_markdown_and_html(zh, tmp_path, fmt):
    target = tmp_path / f"十一月.{fmt}"
    code, _, err = zh("report", "month", "--month", "2026-11", "--format", fmt, "--output", str(target))
    assert code == 0 and f"{TITLE} 已写入 {target}" in err, err
    text = target.read_text(encoding="utf-8")
    row = "| {} |" if fmt == "md" else "<td>{}</td>"
    for c, clock, due, _, by in LATE:
        for cell in (str(zh.ids[c]), CLOCK_NAMES[clock], due, late_by(by)):
            assert row.format(cell) in text, cell
    for shown in ("60.0%", "66.7%", "71.4%", "95.0%", "未达标", "尚未完成", "回访率", "满意率", "漏水", "injury（不在分类表中）", "未转派部门"):
        assert shown in text, shown
    if fmt == "md":
        assert text.startswith(f"# {TITLE}\n") and "## 超时工单\n" in text and "## 按投诉等级（投诉）\n" in text
        assert "| " + " | ".join(LATE_HEADERS) + " |" in text
        words = text
    else:
        assert '<html lang="zh-CN">' in text and f"<title>{TITLE}</title>" in text and f"<h1>{TITLE}</h1>" in text
        assert "".join(f"<th>{h}</th>" for h in LATE_HEADERS) in text
        assert '<td class="below">未达标</td>' in text
        body = text.split("<body>")[1]
        words = html.unescape(re.sub(r"<[^>]+>", " ", body))
    assert english_words(words) == set()


def test_json_is_the_same_in_both_languages(zh, cli):
    """JSON is for scripts: English keys and identifiers, whatever the desk's language."""
    code, chinese, err = zh("report", "month", "--month", "2026-11", "--format", "json")
    assert code == 0, err
    code, english, err = cli("--lang", "en", "report", "month", "--month", "2026-11", "--format", "json")
    assert code == 0, err
    data = json.loads(chinese)
    assert data == json.loads(english)
    assert data["counts"]["kind"]["suggestion"] == 1 and data["counts"]["department"]["no department"] == 5
    assert data["rates"][0]["name"] == "on time: forward" and data["late"][0]["clock"] == "forward"


def test_the_month_on_the_terminal_lines_up_in_cells(zh):
    code, out, err = zh("report", "month", "--month", "2026-11")
    assert code == 0, err
    assert TITLE in out and "超时工单（11）" in out and "各项指标与目标" in out and "未达标" in out
    assert english_words(out) == set()
    lines = out.splitlines()
    head = next(i for i, line in enumerate(lines) if line.startswith("工单号"))
    late = lines[head:head + 1 + len(LATE)]

    def slots(line: str) -> list[str]:
        """The line as terminal cells: a wide character fills two."""
        return [slot for ch in line for slot in ([ch] if cells(ch) == 1 else [ch, ""])]

    header = slots(late[0])
    starts = [n for n, slot in enumerate(header) if slot.strip() and (n == 0 or header[n - 1] == " ")]
    assert len(starts) == len(LATE_HEADERS)
    for line in late[1:]:
        row = slots(line)
        for start in starts[1:]:
            assert row[start - 1] == " ", (line, start)  # every column begins at the header's cell
        for column in (0, 1, 3, 4, 5, 6, 7):  # never empty (a repair has no severity)
            assert row[starts[column]].strip(), (line, LATE_HEADERS[column])
    assert [line.split()[-1] for line in late[1:]] == [late_by(by) for *_, by in LATE]


def test_the_export_in_chinese_csv_and_xlsx_hold_the_same_rows(zh, tmp_path):
    code, _, err = zh("export", "--from", "2026-11-01", "--to", "2026-11-30", "--output", str(tmp_path / "工单.csv"))
    assert code == 0, err
    # The byte-order mark is what makes Excel read UTF-8 rather than the system's code page.
    assert (tmp_path / "工单.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO((tmp_path / "工单.csv").read_text(encoding="utf-8-sig"))))
    header = rows[0]
    assert header[:5] == ["工单号", "来源渠道", "类别", "投诉等级", "分类"]
    assert {"首问责任人", "受理时间", "责任部门", "状态", "有效性", "非工作时间", "联系电话"} <= set(header)
    assert not english_words(" ".join(header)) and len(set(header)) == len(header)
    cases = [dict(zip(header, row)) for row in rows[1:]]
    first = cases[0]
    assert first["工单号"] == str(zh.ids["A"]) and first["受理时间"] == "2026-11-02 09:00:00"
    assert (first["类别"], first["投诉等级"], first["有效性"], first["来源渠道"]) == ("投诉", "一般", "有效", "电话")
    assert first["责任部门"] == "工程部" and first["状态"] == "已关闭" and first["首问责任人"]
    assert first["非工作时间"] == "否" and first["联系电话"] == "138****8000" and first["分类"] == "water leak"
    by_id = {case["工单号"]: case for case in cases}
    assert by_id[str(zh.ids["G"])]["类别"] == "建议/表扬" and by_id[str(zh.ids["G"])]["来源渠道"] == "信函"
    assert by_id[str(zh.ids["H"])]["状态"] == "已作废"
    for case in cases:  # the category values in Chinese, never the stored identifiers
        assert not english_words(" ".join(case[h] for h in ("来源渠道", "类别", "投诉等级", "状态", "有效性", "责任部门")))
    code, _, err = zh("export", "--from", "2026-11-01", "--to", "2026-11-30", "--output", str(tmp_path / "工单.xlsx"))
    assert code == 0, err
    sheet = load_workbook(tmp_path / "工单.xlsx", read_only=True).active
    # The xlsx holds real booleans (shown by Excel in its own language); the csv says 是/否.
    as_csv = {True: "是", False: "否", None: ""}
    assert [[as_csv[v] if v is None or isinstance(v, bool) else str(v) for v in row]
            for row in sheet.iter_rows(values_only=True)] == rows
