"""The case table on its own: scrolling, the cursor keys, the cursor keeping its row, one-row redraws."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult

from deskapp.widgets.case_table import CaseTable, Column, ListSource

COLUMNS = [Column("number", "#", 6), Column("who", "who", 20)]


class TableApp(App):
    def __init__(self, keys, cells=None):
        super().__init__()
        self.names = {k: f"caller {k}" for k in keys}
        self.source = ListSource(keys, cells or (lambda k: [Text(str(k)), Text(self.names[k])]))
        self.highlighted: list = []
        self.selected: list = []

    def compose(self) -> ComposeResult:
        yield CaseTable(COLUMNS, self.source, id="table")

    def on_case_table_row_highlighted(self, event: CaseTable.RowHighlighted) -> None:
        self.highlighted.append(event.row_key)

    def on_case_table_row_selected(self, event: CaseTable.RowSelected) -> None:
        self.selected.append(event.row_key)

    @property
    def table(self) -> CaseTable:
        return self.query_one(CaseTable)


def screen_lines(app: App) -> list[str]:
    table = app.table
    return [table.render_line(y).text for y in range(table.size.height)]


async def test_only_the_visible_rows_are_asked_for_among_a_million():
    asked: list[int] = []

    class Million:
        def row_count(self):
            return 1_000_000

        def keys(self, start, end):
            return range(max(start, 0), min(end, 1_000_000))

        def cells(self, key):
            asked.append(key)
            return [Text(str(key)), Text(f"caller {key}")]

        def index_of(self, key):
            return key if 0 <= key < 1_000_000 else None

    app = App()
    app.compose = lambda: iter([CaseTable(COLUMNS, Million())])
    async with app.run_test(size=(40, 12)) as pilot:
        table = app.query_one(CaseTable)
        table.focus()
        await pilot.pause()
        assert set(asked) <= set(range(20))
        await pilot.press("end")
        await pilot.pause()
        assert table.cursor_key == 999_999
        assert max(asked) == 999_999 and len(set(asked)) < 60
        assert table.render_line(0).text.startswith("#")  # the header stays in place


async def test_cursor_keys_move_and_scroll():
    app = TableApp(list(range(100)))
    async with app.run_test(size=(40, 12)) as pilot:
        app.table.focus()
        await pilot.press("down", "down")
        assert app.table.cursor_key == 2
        await pilot.press("pagedown")
        page = app.table.size.height - 1
        assert app.table.cursor_row == 2 + page
        assert app.table.scroll_offset.y > 0  # the cursor stays on screen
        await pilot.press("end")
        assert app.table.cursor_key == 99
        assert screen_lines(app)[-1].startswith("99")
        await pilot.press("pageup", "up")
        assert app.table.cursor_row == 99 - page - 1
        await pilot.press("home")
        assert app.table.cursor_key == 0 and app.table.scroll_offset.y == 0
        await pilot.press("enter")
        assert app.selected == [0]
        assert app.highlighted[:2] == [1, 2]


async def test_the_cursor_keeps_its_key_when_rows_are_inserted_removed_and_reordered():
    keys = [10, 20, 30, 40]
    app = TableApp(keys)
    async with app.run_test(size=(40, 12)) as pilot:
        app.table.focus()
        await pilot.press("down", "down")
        assert app.table.cursor_key == 30
        app.source.set_keys([5, 40, 30, 20, 10])
        app.names[5] = "caller 5"
        app.table.source_changed()
        assert app.table.cursor_key == 30 and app.table.cursor_row == 2
        app.source.set_keys([30, 10])
        app.table.source_changed()
        assert app.table.cursor_key == 30 and app.table.cursor_row == 0
        app.source.set_keys([10, 20])  # its row gone: the cursor stays where it was, on another row
        app.table.source_changed()
        assert app.table.cursor_key == 10
        await pilot.pause()
        assert screen_lines(app)[1].startswith("10")


async def test_refresh_row_redraws_only_that_row():
    app = TableApp(list(range(5)))
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        assert "caller 3" in screen_lines(app)[4]
        app.names[3] = "changed"
        assert "caller 3" in screen_lines(app)[4]  # drawn from the cache until told
        app.table.refresh_row(3)
        assert "changed" in screen_lines(app)[4]
        assert "caller 2" in screen_lines(app)[3]


async def test_user_text_is_shown_literally_never_as_markup():
    app = TableApp([1], cells=lambda k: ["[bold red]1[/]", Text("[link=x]Ms [b]Li[/b]")])
    async with app.run_test(size=(60, 6)) as pilot:
        await pilot.pause()
        line = screen_lines(app)[1]
        assert "[bold red]1[/]" not in line  # too wide for its column, but shown as typed
        assert line.startswith("[bol…")  # its column's 6 cells: 5, and the blank before the next
        assert "[link=x]Ms [b]Li[/…" in line
        assert app.table.get_cell(1, "who").plain == "[link=x]Ms [b]Li[/b]"
