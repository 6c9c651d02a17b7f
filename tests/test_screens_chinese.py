"""The queue, case, callbacks, handover and history screens in both languages, with Chinese case data.

Each flow runs in English and in Chinese. In Chinese every word on the screen is Chinese except what
the test typed, the staff's names, key names and the app's own name; in English every Chinese word
on the screen is case data the test typed.
"""

from __future__ import annotations

import io
import re

import pytest
from rich.console import Console
from textual.widgets import DataTable, Input, Select, Static, TextArea

from deskapp.app import DeskApp
from deskapp.config.datafiles import load_staff
from deskapp.config.paths import data_dir
from deskapp.desk import workflow
from deskapp.desk.intake import record_intake
from deskapp.domain.enums import Channel, Kind, Severity, Status
from deskapp.domain.intake import Intake
from deskapp.i18n import CHINESE, ENGLISH, use_language
from deskapp.models import Case
from deskapp.reads.shift_summary import handovers
from deskapp.screens.callbacks import CallbacksScreen
from deskapp.screens.case_detail import CaseDetailScreen
from deskapp.screens.handover import HandoverScreen
from deskapp.screens.history import HistoryScreen
from deskapp.screens.queue import QueueScreen
from deskapp.widgets.case_table import CaseTable
from tests.conftest import at, settled, until
from tests.helpers import palette_offers

LANGUAGES = [ENGLISH, CHINESE]
OPERATOR = "Liu Yang"
SUPERVISOR = "Chen Jing"

# What people type: Chinese, Latin and both, as a building's records are.
LEAK = {"who": "王女士", "which": "B座12楼1203室", "what": "服务器机房天花板漏水，水滴到机柜上", "phone": "13912345678"}
COLD = {"who": "Mr Smith 史密斯", "which": "A座3楼301", "what": "空调太冷 air-con too cold"}
LIFT = {"who": "李先生", "which": "裙楼1层", "what": "电梯门关不上"}

# Words that stay as they are in either language.
KEY_NAMES = {"Enter", "Esc", "Tab", "ctrl", "Ctrl", "esc", "enter", "tab"}
PROPER_NOUNS = {"deskapp", "csv", "SVG"}  # the app's name; file types
STAFF = {word for entry in load_staff(data_dir()).staff for word in entry.name.split()}
_LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
_CHINESE_RUN = re.compile(r"[\u3400-\u9fff]+")


def screen_text(app) -> str:
    """Everything the terminal shows, as plain text (a modal's screen with what is under it)."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), record=True, color_system=None,
                      legacy_windows=False, force_terminal=True)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text()


def english_left(text: str, *data: str) -> set[str]:
    """Runs of three or more Latin letters that are neither typed data, staff names, key names nor
    proper nouns: words the Chinese interface forgot to translate."""
    typed = {word for value in data for word in _LATIN_WORD.findall(value)}
    return {w for w in _LATIN_WORD.findall(text)} - typed - STAFF - KEY_NAMES - PROPER_NOUNS


def chinese_left(text: str, *data: str) -> set[str]:
    """Chinese on an English screen that is not part of what was typed."""
    return {run for run in _CHINESE_RUN.findall(text) if not any(run in value for value in data)}


def assert_in_language(language: str, text: str, *data: str) -> None:
    if language == CHINESE:
        assert not english_left(text, *data), f"English left on a Chinese screen: {english_left(text, *data)}\n{text}"
    else:
        assert not chinese_left(text, *data), f"Chinese on an English screen: {chinese_left(text, *data)}\n{text}"


def data_of(*cases: dict) -> list[str]:
    return [value for case in cases for value in case.values()]


def record(desk, received: str, kind=Kind.complaint, severity=Severity.general, **words) -> int:
    return record_intake(desk, Intake(kind=kind, severity=severity if kind is Kind.complaint else None,
                                      received_at=at(received), **words)).case.id


def table_row(app, index: int) -> list[str]:
    return [str(cell) for cell in app.screen.query_one(DataTable).get_row_at(index)]


def notifications(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


# ---- the queue: filters, an action modal ---------------------------------------------------------

WORDS = {
    ENGLISH: {"title": "Queue", "counts": "1 overdue · 1 due soon", "overdue": "OVERDUE", "filter_kind": "kind repair",
              "filter_state": "state OVERDUE", "no_filter": "no filter", "forward": "Forward case {n}",
              "forwarded": "case {n} forwarded", "department": "Engineering", "void_confirm": "Press Enter again",
              "footer": "Forward", "kind": "complaint gen", "status": "forwarded"},
    CHINESE: {"title": "工单队列", "counts": "1件超时 · 1件即将到期", "overdue": "已超时", "filter_kind": "类别：报修",
              "filter_state": "时限：已超时", "no_filter": "未筛选", "forward": "转派：工单 {n}",
              "forwarded": "工单 {n} 已转派", "department": "工程部", "void_confirm": "确定作废工单",
              "footer": "转派", "kind": "一般投诉", "status": "已转派"},
}


def the_queue_s_cases(desk) -> dict[str, int]:
    desk.clock.set(at("2026-11-23 10:00"))
    return {
        "leak": record(desk, "2026-11-23 09:30", **LEAK),  # forward due 09:50: overdue
        "cold": record(desk, "2026-11-23 09:44", **COLD),  # 4 min left of 20: due soon
        "lift": record(desk, "2026-11-23 09:55", kind=Kind.repair, **LIFT),
    }


@pytest.mark.parametrize("language", LANGUAGES)
async def test_the_queue_its_filters_and_an_action_in_either_language(desk, language):
    ids = the_queue_s_cases(desk)
    data = data_of(LEAK, COLD, LIFT)
    words = WORDS[language]
    with use_language(language):
        app = DeskApp(desk, OPERATOR)
        async with app.run_test(size=(120, 30)) as pilot:
            await pilot.press("f3")
            await settled(pilot)
            screen = pilot.app.screen
            assert isinstance(screen, QueueScreen)
            text = screen_text(app)
            assert words["title"] in text and words["counts"] in text and words["overdue"] in text
            assert words["no_filter"] in text and words["footer"] in text
            assert_in_language(language, text, *data)

            # At 120 columns the English what column holds the first four characters of a Chinese description.
            await pilot.press("k", "k")  # inquiry, then repair
            text = screen_text(app)
            assert words["filter_kind"] in text and "电梯门" in text and "服务器机" not in text
            assert_in_language(language, text, *data)
            await pilot.press("c", "t")  # clear; overdue only
            text = screen_text(app)
            assert words["filter_state"] in text and "服务器机" in text and "电梯门" not in text
            assert_in_language(language, text, *data)
            await pilot.press("c", "slash", *"13912")  # digits find the phone
            assert [int(r[0].plain) for r in (screen.table.get_row_at(i) for i in range(screen.table.row_count))] \
                == [ids["leak"]]
            await pilot.press("enter")
            assert screen.focused is screen.table

            # Forward the leak: the modal's words, the choices by their shown names, the notice.
            await pilot.press("f")
            await settled(pilot)
            modal = pilot.app.screen
            text = screen_text(app)
            assert words["forward"].format(n=ids["leak"]) in text
            assert_in_language(language, text, *data)
            choices = modal.query_one("#ask-department", Select)
            assert words["department"] in [str(prompt) for prompt, _value in choices._options]
            choices.value = words["department"]
            modal.query_one("#ask-note", Input).value = "机房漏水，请尽快处理"
            await pilot.press("ctrl+s")
            await settled(pilot)
            assert pilot.app.screen is screen
            assert words["forwarded"].format(n=ids["leak"]) in notifications(app)
            with desk.reading() as session:
                assert session.get(Case, ids["leak"]).status is Status.forwarded
            await pilot.press("c")
            await settled(pilot)
            cells = [c.plain for c in screen.table.get_row(ids["leak"])]
            assert cells[9] == words["status"] and cells[8].startswith(words["department"][:3])
            assert [c.plain for c in screen.table.get_row(ids["cold"])][4] == words["kind"]
            assert_in_language(language, screen_text(app), *data, "机房漏水，请尽快处理")

            # Voiding asks first, in the desk's language.
            screen.operator = SUPERVISOR
            screen.table.move_cursor(row=screen.table.get_row_index(ids["lift"]))
            await pilot.press("x")
            await settled(pilot)
            pilot.app.screen.query_one("#ask-reason", Input).value = "重复登记"
            await pilot.press("ctrl+s")
            await settled(pilot)
            text = screen_text(app)
            assert words["void_confirm"] in text
            assert_in_language(language, text, *data, "重复登记")
            await pilot.press("escape")


@pytest.mark.parametrize("language", LANGUAGES)
async def test_the_case_detail_and_the_palette_in_either_language(desk, language):
    ids = the_queue_s_cases(desk)
    data = data_of(LEAK, COLD, LIFT) + ["请带水桶", "客户外出"]
    with use_language(language):  # the history keeps the words of the desk that wrote it
        workflow.forward(desk, ids["leak"], "Engineering", note="请带水桶", at=at("2026-11-23 09:40"), by="Wang Fang")
        workflow.pause(desk, ids["leak"], "客户外出", at=at("2026-11-23 09:45"))
        app = DeskApp(desk, OPERATOR)
        async with app.run_test(size=(140, 50)) as pilot:
            pilot.app.open_case(ids["leak"])
            await settled(pilot)
            assert isinstance(pilot.app.screen, CaseDetailScreen)
            text = screen_text(app)
            if language == CHINESE:
                for word in ("工单", "一般投诉", "等待客户", "首问责任人", "时限", "处理完成", "‖ 等待客户", "转派", "来电人"):
                    assert word in text, word
            else:
                for word in ("complaint (general)", "waiting", "Owner", "Clocks", "resolve", "‖ waiting", "forwarded"):
                    assert word in text, word
            assert_in_language(language, text, *data)
            await pilot.press("ctrl+p")
            forward = "转派：工单" if language == CHINESE else "Forward case"
            # The palette's providers answer one by one: until the case's own actions are among them.
            await until(pilot, lambda: any(forward in offer for offer in palette_offers(app)),
                        "the palette to offer the case's actions")
            text = screen_text(app)
            assert forward in text
            assert_in_language(language, text, *data)
            await pilot.press(*str(ids["lift"]))
            await until(pilot, lambda: any(str(ids["lift"]) in o for o in palette_offers(app)),
                        "the palette to offer the case by its number")
            assert ("打开工单" if language == CHINESE else "Go to case") in screen_text(app)
            await pilot.press("enter")
            await settled(pilot)
            assert pilot.app.screen.case_id == ids["lift"]


# ---- callbacks: recording an attempt --------------------------------------------------------------

def resolved_for_callback(desk) -> int:
    case_id = record(desk, "2026-11-22 10:00", severity=Severity.major, **LEAK)
    workflow.forward(desk, case_id, "Engineering", at=at("2026-11-22 10:05"))
    workflow.resolve(desk, case_id, "已更换漏水管件，机房已清理", by="Xu Ming", at=at("2026-11-22 12:00"))
    return case_id


@pytest.mark.parametrize("language", LANGUAGES)
async def test_recording_a_callback_attempt_in_either_language(desk, language, tmp_path):
    case_id = resolved_for_callback(desk)
    data = data_of(LEAK) + ["已更换漏水管件，机房已清理"]
    chinese = language == CHINESE
    with use_language(language):
        app = DeskApp(desk, "Lin Tao")
        async with app.run_test(size=(140, 44)) as pilot:
            pilot.app.push_screen(CallbacksScreen(desk, "Lin Tao", export_dir=tmp_path))
            await settled(pilot)
            # The row's words, read from the table: a DataTable widens its columns to new rows only
            # when it is next idle, which under load can come after the screen is read.
            row = table_row(app, 0)
            assert row[0].endswith("今天到期" if chinese else "due today")
            assert row[5] == ("上门回访" if chinese else "on-site visit")
            assert row[7].startswith("重大投诉：" if chinese else "complaint (major): ")
            assert_in_language(language, screen_text(app), *data)

            await pilot.press("enter")
            await pilot.pause()
            text = screen_text(app)
            for word in (("回访结果如何？", "无人接听", "请客户在回访记录上签字", "处理情况") if chinese else
                         ("How did the call go?", "no answer", "ask the customer to sign", "What was done")):
                assert word in text, word
            assert_in_language(language, text, *data)
            await pilot.press("ctrl+s")
            await settled(pilot)
            assert ("请选择回访结果" if chinese else "choose how the call went") in screen_text(app)
            await pilot.press("down", "enter", "ctrl+s")  # no answer, save
            await settled(pilot)
            assert pilot.app.screen.query_one(DataTable).row_count == 1
            assert (f"工单 {case_id} 的回访已记录" if chinese else f"callback for case {case_id} recorded") \
                in notifications(app)
            await until(pilot, lambda: table_row(app, 0)[6] != ("0 次" if chinese else "0"),
                        "the list to reload after the save")
            # A failed try says when the next one is.
            assert table_row(app, 0)[6].startswith("1 次，无人接听；下次 " if chinese else "1 no answer; next ")
            assert_in_language(language, screen_text(app), *data)

            await pilot.press("e")  # the printable list, headed in the desk's language
            await pilot.pause()
    [written] = list(tmp_path.glob("callbacks-*.md"))
    assert ("# 回访清单" if chinese else "# Callbacks at") in written.read_text(encoding="utf-8")


# ---- handover: notes and the acknowledgement ------------------------------------------------------

def a_day_at_the_desk(desk) -> None:
    desk.clock.set(at("2026-11-23 18:50"))
    record(desk, "2026-11-23 09:30", **LEAK)
    record(desk, "2026-11-23 10:00", severity=Severity.major, **COLD)
    record(desk, "2026-11-23 11:00", kind=Kind.repair, channel=Channel.email, **LIFT)


@pytest.mark.parametrize("language", LANGUAGES)
async def test_a_handover_with_notes_and_its_acknowledgement_in_either_language(desk, language):
    a_day_at_the_desk(desk)
    notes_typed = "3号电梯困人已处理；B座漏水待工程部回复 (call Mr Smith)"
    data = data_of(LEAK, COLD, LIFT) + [notes_typed]
    chinese = language == CHINESE
    with use_language(language):
        app = DeskApp(desk, "Wang Fang")
        async with app.run_test(size=(160, 50)) as pilot:
            pilot.app.push_screen(HandoverScreen(desk, "Wang Fang"))
            await settled(pilot)
            text = screen_text(app)
            for word in (("白班 11月23日 周一 08:00 – 19:00", "（本班）", "留给接班人的交接事项", "尚未交班")
                         if chinese else ("day shift Mon 23 Nov 08:00 – 19:00", "(ending)",
                                          "Notes for the incoming operator", "not handed over yet")):
                assert word in text, word
            assert_in_language(language, text, *data)
            notes = pilot.app.screen.query_one("#handover-notes", TextArea)
            notes.focus()
            notes.insert(notes_typed)
            await pilot.press("ctrl+s")
            await settled(pilot)
            status = str(pilot.app.screen.query_one("#handover-status", Static).render())
            assert ("Wang Fang 于 11月23日 周一 18:50 交班" if chinese else
                    "handed over by Wang Fang at Mon 23 Nov 18:50") in status
            assert ("尚未签收" if chinese else "not yet acknowledged") in status
            assert_in_language(language, screen_text(app), *data)

        desk.clock.set(at("2026-11-23 19:03"))
        app = DeskApp(desk, "Zhao Lei")
        async with app.run_test(size=(160, 50)) as pilot:
            pilot.app.push_screen(HandoverScreen(desk, "Zhao Lei"))
            await settled(pilot)
            pending = str(pilot.app.screen.query_one("#handover-pending", Static).render())
            assert ("待签收：11月23日 周一 白班，Wang Fang 于 18:50 交班" if chinese else
                    "to be acknowledged: day shift Mon 23 Nov, handed over by Wang Fang at 18:50") in pending
            assert_in_language(language, screen_text(app), *data)
            await pilot.press("ctrl+g")  # the handover whole, to read to its end
            await settled(pilot)
            assert notes_typed in screen_text(app)
            assert_in_language(language, screen_text(app), *data)
            await pilot.press("ctrl+g")  # it fits at 160×50: read as soon as shown
            await settled(pilot)
            assert ("Zhao Lei 已签收白班交班" if chinese else "day shift taken over by Zhao Lei") in notifications(app)
            [record_] = handovers(desk, 5)
            assert record_.incoming == "Zhao Lei" and record_.notes == notes_typed
            await pilot.press("ctrl+b")  # back to the day shift, as written
            await settled(pilot)
            status = str(pilot.app.screen.query_one("#handover-status", Static).render())
            assert ("Zhao Lei 于 11月23日 周一 19:03 签收" if chinese else
                    "acknowledged by Zhao Lei at Mon 23 Nov 19:03") in status
            past = pilot.app.screen.query_one("#handover-past", DataTable)
            assert str(past.get_row_at(0)[0]) == ("白班 11月23日 周一 08:00" if chinese else
                                                   "day Mon 23 Nov 08:00")
            assert_in_language(language, screen_text(app), *data)
            past.focus()
            await pilot.press("enter")  # the handover as it was written, read-only
            await settled(pilot)
            text = screen_text(app)
            assert ("交接事项" if chinese else "Notes") in text and "3号电梯困人已处理" in text
            assert_in_language(language, text, *data)


# ---- the history --------------------------------------------------------------------------------

@pytest.mark.parametrize("language", LANGUAGES)
async def test_the_history_in_either_language(desk, language):
    the_queue_s_cases(desk)
    data = data_of(LEAK, COLD, LIFT)
    chinese = language == CHINESE
    with use_language(language):
        app = DeskApp(desk, OPERATOR)
        async with app.run_test(size=(150, 30)) as pilot:
            screen = HistoryScreen(desk, OPERATOR)
            pilot.app.push_screen(screen)
            await settled(pilot)
            text = screen_text(app)
            assert ("共记录工单 3 件" if chinese else "3 cases recorded") in text
            assert_in_language(language, text, *data)
            await pilot.press("slash", *"13912")
            await until(pilot, lambda: "13912" in str(screen.query_one("#history-count", Static).render()),
                        "the history to search once the typing pauses")
            await settled(pilot)
            assert ("匹配“13912”的工单 1 件" if chinese else "1 match for '13912'") in screen_text(app)
            await pilot.press("enter", "k", "k")
            await settled(pilot)
            text = screen_text(app)
            assert ("筛选 报修" if chinese else "filters: repair") in text
            assert_in_language(language, text, *data)
            await pilot.press("c", "g")
            await pilot.press(*"soon", "enter")
            text = screen_text(app)
            assert ("请按 年-月-日 输入日期" if chinese else "a date as YYYY-MM-DD") in text
            assert_in_language(language, text, *data, "soon")
            assert screen.table.row_count == 3


# ---- widths: mixed Chinese and Latin rows line up --------------------------------------------------

def _cells_of(line: str) -> list[str]:
    """A drawn line as terminal cells: a wide character, then '' for the cell it also covers."""
    from rich.cells import cell_len

    out = []
    for char in line:
        out.append(char)
        out.extend([""] * (cell_len(char) - 1))
    return out


async def test_queue_rows_with_mixed_chinese_and_latin_line_up(desk, chinese):
    desk.clock.set(at("2026-11-23 10:00"))
    long_what = "卫生间天花板漏水严重，已经滴到了走廊的地毯上 and the corridor carpet"
    record(desk, "2026-11-23 09:30", **LEAK)
    record(desk, "2026-11-23 09:44", severity=Severity.minor, **COLD)
    record(desk, "2026-11-23 09:50", kind=Kind.suggestion, who="Ms Anne-Marie Wong 黄安玛", which="Tower A 12F",
           what=long_what)
    record(desk, "2026-11-23 09:55", kind=Kind.repair, who="王", which="B", what="漏水\n第二行\t还有")  # a line break typed
    async with DeskApp(desk, OPERATOR).run_test(size=(120, 24)) as pilot:
        await pilot.press("f3")
        await settled(pilot)
        table = pilot.app.screen.query_one("#queue", CaseTable)
        width = table.size.width  # the columns' 119 cells, less what the scrollbar takes
        lines = [table.render_line(y).text for y in range(table.row_count + 1)]
        assert len(lines) == 5 and all("\n" not in line for line in lines)
        starts, at_ = [], 0
        for column in table.columns:
            starts.append(at_)
            at_ += column.width
        for line in lines:
            cells = _cells_of(line)
            assert len(cells) == width, line  # every row exactly as wide as the header
            for start in starts[1:]:
                assert cells[start] != "", f"a wide character straddles column {start}: {line!r}"
        for line in lines[1:]:  # one blank cell between each cell and the next
            cells = _cells_of(line)
            assert all(cells[start - 1] == " " for start in starts[1:]), line
        # The table clips the what column (which widens with the terminal) as it draws it.
        line = next(line for line in lines if "卫生间" in line)
        what = "".join(_cells_of(line)[starts[6]:starts[6] + table.columns[6].width]).rstrip()
        assert what.endswith("…") and long_what.startswith(what[:-1])


def test_a_cell_is_clipped_by_cells_not_characters():
    from deskapp.widgets.deadline import Cell
    from deskapp.words.widths import cells

    shown = Cell("王女士 · B座12楼1203室", 14).text.plain
    assert cells(shown) <= 13 and shown.endswith("…")  # 13 cells and the blank between columns
    assert Cell("Ms Li", 14).text.plain == "Ms Li"


def test_the_columns_follow_the_words_of_the_language():
    from deskapp.screens.history import history_columns
    from deskapp.screens.queue import TABLE_WIDTH, columns

    for language in LANGUAGES:
        with use_language(language):
            widths = columns()
            assert sum(widths.values()) == TABLE_WIDTH
            assert sum(history_columns().values()) == 139
            from deskapp.words.labels import label
            from deskapp.words.widths import cells

            assert all(cells(label(s)) < widths["status"] for s in Status)
    with use_language(ENGLISH):
        # The time left or late names its counting ('23h 59m work'): who/which and what give it the room.
        assert columns() == {"number": 5, "clock": 20, "left": 13, "due": 11, "kind": 14, "who": 12, "what": 11,
                             "owner": 10, "department": 11, "status": 12}
