"""The layout at the terminal sizes a desk has: 80x24 (a laptop's default), 120 and 150 columns.

The intake form stays usable at 80x24, the footers show each screen's main keys whole, the queue's
and the history's text columns take a wide terminal's room, the palette goes to the desk's screens
by their names in the desk's language, and Textual's keys panel speaks that language too.
"""

from __future__ import annotations

import pytest
from rich.text import Text
from textual.command import CommandInput, CommandPalette
from textual.widgets import Input
from textual.widgets._footer import FooterKey

from deskapp.app import DeskApp
from deskapp.desk.intake import record_intake
from deskapp.domain.enums import Kind, Severity
from deskapp.domain.intake import Intake
from deskapp.i18n import CHINESE, ENGLISH, _, use_language
from deskapp.screens.callbacks import CallbacksScreen
from deskapp.screens.history import HistoryScreen
from deskapp.screens.intake import IntakeScreen
from deskapp.screens.queue import TABLE_WIDTH, QueueScreen, columns
from deskapp.widgets.case_table import CaseTable, Column, spread
from deskapp.widgets.footer import DeskBindingsTable, DeskFooter
from deskapp.widgets.hint import items_of, pack
from deskapp.widgets.intake_form import IntakeForm
from deskapp.words.widths import cells
from tests.chinese_screens import english_words, screen_text
from tests.conftest import at, settled, until
from tests.helpers import palette_found, palette_offers

LANGUAGES = [ENGLISH, CHINESE]
KEY_NAMES = ("shift", "super", "home", "end", "pgup", "pgdn", "del", "backspace", "delete", "insert", "space")
OPERATOR = "Wang Fang"
LONG = {"who": "王女士", "which": "B座12楼1203室",
        "what": "服务器机房天花板漏水，水滴到机柜上，请尽快派人处理并通知物业经理"}


def record(desk, received: str, **words) -> int:
    return record_intake(desk, Intake(kind=Kind.complaint, severity=Severity.general, received_at=at(received),
                                      **words)).case.id


def footer_keys(app) -> list[FooterKey]:
    """The footer's keys as shown: whole, inside the footer, left of the palette key."""
    return [k for k in app.screen.query_one(DeskFooter).query(FooterKey) if k.display]


def footer_line(app) -> str:
    return screen_text(app).rstrip("\n").splitlines()[-1]


# ---- intake at 80x24 ------------------------------------------------------------------------------

@pytest.mark.parametrize("language", LANGUAGES)
async def test_the_intake_form_is_usable_at_80x24(desk, language):
    with use_language(language):
        app = DeskApp(desk, OPERATOR)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("f2")
            await settled(pilot)
            screen = app.screen
            assert isinstance(screen, IntakeScreen) and screen.has_class("-narrow")
            assert not screen.query_one("#side").display  # the side panels leave the form its room
            for field in screen.query_one(IntakeForm).query(Input):
                if field.parent.display:
                    assert field.region.width >= 20, field.id
            screen.query_one("#f-who").focus()
            await pilot.press(*"Ms Li")
            await pilot.press("tab", "tab", *"13912345678")  # company, then phone
            assert screen.query_one("#f-who", Input).value == "Ms Li"
            assert screen.query_one("#f-phone", Input).value == "13912345678"
            text = screen_text(app)
            assert "Ms Li" in text and "13912345678" in text

            # ctrl+f: the scripts in the form's place; Esc brings the form back, as it was typed.
            await pilot.press("ctrl+f")
            await pilot.pause()
            assert screen.query_one("#side").display and not screen.query_one("#form-column").display
            assert _("Scripts") in screen_text(app)
            await pilot.press("escape")
            await pilot.pause()
            assert screen.query_one("#form-column").display and not screen.query_one("#side").display
            assert app.screen is screen and screen.query_one("#f-who", Input).value == "Ms Li"
            assert "Ms Li" in screen_text(app)


async def test_the_intake_keeps_its_side_panels_on_a_wide_terminal(desk):
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(150, 45)) as pilot:
        await pilot.press("f2")
        await settled(pilot)
        screen = app.screen
        assert screen.has_class("-wide") and not screen.has_class("-narrow")
        side, form = screen.query_one("#side"), screen.query_one("#form-column")
        assert side.display and side.region.width == 44 and form.display
        assert screen.query_one("#f-who").region.width > 20
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert form.display and side.display  # nothing changes place on a wide screen
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert screen.has_class("-narrow") and side.display and not form.display  # the focus is in the scripts
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert form.display and not side.display


# ---- footers ---------------------------------------------------------------------------------------

MAIN_KEYS = {
    "home": ["Refresh", "Quit", "Intake", "Queue", "Callbacks", "Handover", "Statistics", "History"],
    "queue": ["Search", "Back", "Forward", "Ack", "Escalate", "Note", "Resolve"],
    "case": ["Back", "Forward", "Ack", "Escalate", "Note", "Resolve"],
    "intake": ["Save", "Back", "Scripts", "Caller's cases", "Answer & close"],
}


async def _open(pilot, where: str, case_id: int) -> None:
    if where == "queue":
        await pilot.press("f3")
    elif where == "case":
        pilot.app.open_case(case_id)
    elif where == "intake":
        await pilot.press("f2")
    await settled(pilot)


@pytest.mark.parametrize("language", LANGUAGES)
async def test_the_footer_shows_the_main_keys_whole_at_120_columns(desk, language):
    desk.clock.set(at("2026-11-23 10:00"))
    case_id = record(desk, "2026-11-23 09:30", **LONG)
    for where, keys in MAIN_KEYS.items():
        with use_language(language):
            app = DeskApp(desk, OPERATOR)
            async with app.run_test(size=(120, 30)) as pilot:
                await _open(pilot, where, case_id)
                await pilot.pause()
                shown = [k.description for k in footer_keys(app)]
                line = footer_line(app)
                for key in keys:
                    assert _(key) in shown and f" {_(key)} " in line, (where, key, line)
                assert "^p" in line and _("palette") in line
                footer = app.screen.query_one(DeskFooter)
                palette = next(k for k in footer_keys(app) if k.has_class("-command-palette"))
                for key in footer_keys(app):
                    if key is not palette:  # every key whole, left of the palette key
                        assert key.region.right <= palette.region.x and key.region.width == cells(
                            key.render().plain), (where, key.description)
                assert footer.region.width == 120


@pytest.mark.parametrize("language", LANGUAGES)
async def test_a_narrow_footer_leaves_out_whole_keys_never_half_a_character(desk, language):
    with use_language(language):
        app = DeskApp(desk, OPERATOR)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("f3")
            await settled(pilot)
            line = footer_line(app)
            assert line.rstrip().endswith(f"^p {_('palette')}")
            shown = footer_keys(app)
            assert all(k.region.right <= 80 for k in shown)
            hidden = [k for k in app.screen.query_one(DeskFooter).query(FooterKey) if not k.display]
            assert hidden  # some F-keys have no room at 80 columns ...
            await pilot.resize_terminal(150, 30)
            await pilot.pause()
            # ... and come back at 150: every F-key but the queue's own F3.
            line = footer_line(app)
            for key in ("f2", "f4", "f5", "f6", "f7"):
                assert f" {key} " in line, line
            assert " f3 " not in line


# ---- the queue's and the history's columns --------------------------------------------------------

def test_growing_columns_share_the_room():
    base = [Column("a", "a", 5), Column("who", "who", 10, 1), Column("what", "what", 10, 1)]
    assert spread(base, 25) == tuple(base)
    assert spread(base, 20) == tuple(base)  # never narrower: the table scrolls sideways instead
    wide = spread(base, 36)
    assert [c.width for c in wide] == [5, 15, 16] and sum(c.width for c in wide) == 36


@pytest.mark.parametrize("language", LANGUAGES)
async def test_the_queue_s_text_columns_take_a_wide_terminal(desk, language):
    desk.clock.set(at("2026-11-23 10:00"))
    case_id = record(desk, "2026-11-23 09:30", **LONG)
    with use_language(language):
        base = columns()
        app = DeskApp(desk, OPERATOR)
        async with app.run_test(size=(150, 45)) as pilot:
            await pilot.press("f3")
            await settled(pilot)
            table = app.screen.query_one("#queue", CaseTable)
            widths = table.widths
            assert sum(widths.values()) == 149  # 150 less the scrollbar's column
            assert widths["who"] > base["who"] + 10 and widths["what"] > base["what"] + 10
            assert {k: w for k, w in widths.items() if k not in ("who", "what")} == \
                {k: w for k, w in base.items() if k not in ("who", "what")}
            row = table.render_line(1).text
            assert "王女士 · B座12楼1203室" in row and "服务器机房天花板漏水，水" in row
            await pilot.resize_terminal(120, 30)
            await pilot.pause()
            assert table.widths == base and sum(table.widths.values()) == TABLE_WIDTH
            row = table.render_line(1).text
            # Clipped again to the columns' own widths.
            assert "王女士" in row and "B座12楼1203室" not in row and "服务器机房天花板漏水" not in row
            assert case_id


@pytest.mark.parametrize("language", LANGUAGES)
async def test_the_history_s_text_columns_take_a_wide_terminal(desk, language):
    desk.clock.set(at("2026-11-23 10:00"))
    record(desk, "2026-11-23 09:30", **LONG)
    with use_language(language):
        app = DeskApp(desk, OPERATOR)
        async with app.run_test(size=(150, 45)) as pilot:
            await pilot.press("f7")
            await settled(pilot)
            assert isinstance(app.screen, HistoryScreen)
            table = app.screen.query_one("#history", CaseTable)
            assert sum(table.widths.values()) == 149
            row = table.render_line(1).text
            # (the time left or late takes 13 cells, naming its counting: who/which gives up its last few)
            assert "王女士 · B座12楼" in row and "服务器机房天花板漏水" in row


# ---- hint lines at 80 columns ----------------------------------------------------------------------

def test_a_hint_breaks_between_items():
    items = items_of("k kind · s severity · t state · d department · o owner · h after hours · c clear")
    assert items[0] == "k kind" and items[-1] == "c clear"
    lines = pack(Text("no filter"), items, 42).plain.splitlines()
    assert lines == ["no filter   k kind · s severity · t state",
                     "d department · o owner · h after hours",
                     "c clear"]
    assert pack(Text(""), items, 30).plain.splitlines()[0] == "k kind · s severity · t state"
    assert pack(Text("no filter"), items, 0).plain.count("\n") == 0


@pytest.mark.parametrize("language", LANGUAGES)
async def test_the_queue_filter_hint_and_the_sign_in_hint_at_80_columns(desk, language):
    with use_language(language):
        app = DeskApp(desk, OPERATOR)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("f3")
            await settled(pilot)
            hint = app.screen.query_one("#queue-filters")
            lines = [line.strip() for line in str(hint.render()).splitlines()]
            assert len(lines) >= 2 and not any(line.startswith("·") for line in lines)
            assert all(cells(line) <= hint.size.width for line in lines)
            text = screen_text(app)
            assert all(line in text for line in lines)  # every line shown: the bar grows if it must
            assert hint.region.height == len(lines) + 1  # the line above the hint is its padding
        app = DeskApp(desk)  # nobody signed in: the sign-in screen
        async with app.run_test(size=(80, 24)) as pilot:
            await settled(pilot)
            assert _("d / n choose the shift · ctrl+s signs in") in screen_text(app)


# ---- the command palette and the keys panel -----------------------------------------------------

async def _palette(pilot, typed: str) -> list[str]:
    """Open the palette, type, and wait for what it finds."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    palette = pilot.app.screen
    assert isinstance(palette, CommandPalette)
    palette.query_one(CommandInput).value = typed
    await until(pilot, lambda: palette_found(pilot.app, typed), f"the palette to find {typed!r}")
    return palette_offers(pilot.app)


@pytest.mark.parametrize(("language", "typed", "screen"), [
    (CHINESE, "队列", QueueScreen), (ENGLISH, "Queue", QueueScreen), (CHINESE, "登记", IntakeScreen),
    (CHINESE, "回访", CallbacksScreen), (ENGLISH, "history", HistoryScreen),
])
async def test_the_palette_goes_to_the_desk_s_screens_by_their_names(desk, language, typed, screen):
    with use_language(language):
        app = DeskApp(desk, OPERATOR)
        async with app.run_test(size=(120, 30)) as pilot:
            await settled(pilot)
            found = await _palette(pilot, typed)
            assert found and typed.lower() in found[0].lower(), found
            await pilot.press("enter")
            await settled(pilot)
            assert isinstance(app.screen, screen)


async def test_the_palette_finds_no_english_screen_names_in_chinese(desk):
    with use_language(CHINESE):
        app = DeskApp(desk, OPERATOR)
        async with app.run_test(size=(120, 30)) as pilot:
            await settled(pilot)
            found = await _palette(pilot, "")
            assert any("工单队列" in f for f in found) and not any("Queue" in f for f in found)


@pytest.mark.parametrize("where", ["queue", "intake", "case"])
async def test_the_keys_panel_is_in_chinese(desk, chinese, where):
    desk.clock.set(at("2026-11-23 10:00"))
    case_id = record(desk, "2026-11-23 09:30", **LONG)
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(150, 45)) as pilot:
        await _open(pilot, where, case_id)
        app.action_show_help_panel()
        await pilot.pause()
        await pilot.pause()
        table = app.screen.query_one(DeskBindingsTable)
        text = screen_text(app)
        words = {"queue": ["转派", "作废", "有效性", "上移", "转到下一栏"],
                 "intake": ["保存", "表单", "转到下一栏"],
                 "case": ["转派", "作废", "转到下一栏"]}[where]
        for word in words:
            assert word in text, word
        assert table.region.width > 0
        # Key names stay as they are (ctrl, shift, home, pgup ...), as in the footer.
        assert not english_words(app, *LONG.values(), *KEY_NAMES), english_words(app, *LONG.values())


async def test_the_keys_command_opens_the_translated_panel_and_the_theme_picker_speaks_chinese(desk, chinese):
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(120, 30)) as pilot:
        await settled(pilot)
        await _palette(pilot, "按键")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert app.screen.query(DeskBindingsTable)
        assert "刷新" in screen_text(app)
        app.search_themes()
        await pilot.pause()
        assert app.screen.query_one(CommandInput).placeholder == "搜索主题…"
