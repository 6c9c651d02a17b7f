"""A keyboard-driven table on Textual's line API: only the lines on screen are ever drawn.

The rows come from a small source (how many rows, the keys of rows i..j, the cells of a key, where a
key is; see table_rows.py), so the same widget shows the open queue from a list in memory and the
history from a windowed query over a million rows. Each drawn row is kept as a Strip in an LRU cache
until its row changes (`refresh_row`) or the rows move (`source_changed`). Cells are
`rich.text.Text`: user text is never read as markup. The pattern is toolong's `LogLines`.

A cell whose style is the name of one of the table's component classes (a deadline's state,
`deadline--overdue`) is styled by that class as it is drawn, so the theme's colours reach every row
and a change of theme redraws them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from deskapp.i18n import N_, _
from deskapp.widgets.deadline import DEADLINE_CLASSES
from deskapp.widgets.table_rows import (
    Column,
    Key,
    ListSource,
    RowSource,
    as_text,
    fitted,
    spread,
)

__all__ = ["CaseTable", "Column", "ListSource", "RowSource", "fitted", "spread"]

CACHED_ROWS = 1000


class CaseTable(ScrollView, can_focus=True):
    """Fixed-width columns, a header kept in place, a row cursor that stays with its key."""

    BINDINGS = [
        Binding("up", "cursor_up", N_("Up"), id="case_table.cursor_up", show=False, tooltip=N_("The case above")),
        Binding("down", "cursor_down", N_("Down"), id="case_table.cursor_down", show=False,
                tooltip=N_("The case below")),
        Binding("pageup", "page_up", N_("Page up"), id="case_table.page_up", show=False, tooltip=N_("A screenful up")),
        Binding("pagedown", "page_down", N_("Page down"), id="case_table.page_down", show=False,
                tooltip=N_("A screenful down")),
        Binding("home", "cursor_home", N_("First"), id="case_table.first", show=False, tooltip=N_("The first case")),
        Binding("end", "cursor_end", N_("Last"), id="case_table.last", show=False, tooltip=N_("The last case")),
        Binding("enter", "select_cursor", N_("Select"), id="case_table.select", show=False,
                tooltip=N_("Open the case")),
    ]

    COMPONENT_CLASSES = {"case-table--header", "case-table--cursor", "case-table--even-row", *DEADLINE_CLASSES}

    DEFAULT_CSS = """
    CaseTable {
        background: $surface;
        color: $foreground;
        height: 1fr;
        &:focus {
            background-tint: $foreground 5%;
            & > .case-table--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
            & > .case-table--header {
                background-tint: $foreground 5%;
            }
        }
        &:dark > .case-table--even-row {
            background: $surface-darken-1 40%;
        }
        & > .case-table--header {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        &:ansi > .case-table--header {
            background: ansi_bright_blue;
            color: ansi_default;
        }
        & > .case-table--even-row {
            background: $surface-lighten-1 50%;
        }
        & > .case-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
    }
    """

    class _RowMessage(Message):
        def __init__(self, table: CaseTable, cursor_row: int, row_key: Key) -> None:
            super().__init__()
            self.case_table = table
            self.cursor_row = cursor_row
            self.row_key = row_key

        @property
        def control(self) -> CaseTable:
            return self.case_table

    class RowHighlighted(_RowMessage):
        """The cursor came to a row (another key, or the same key at another place)."""

    class RowSelected(_RowMessage):
        """Enter (or a click) on the cursor's row."""

    def __init__(self, columns: Sequence[Column], source: RowSource | None = None, *, zebra_stripes: bool = True,
                 name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._strips: LRUCache[tuple[Key, int], Strip] = LRUCache(CACHED_ROWS)
        self._header: Strip | None = None
        self.columns = columns
        self.zebra_stripes = zebra_stripes
        self._source: RowSource = source or ListSource()
        self._row_count = self._source.row_count()
        self._cursor_row = 0
        self._cursor_key: Key | None = None
        self._update_virtual_size()
        self._note_cursor_key()

    # ---- the columns ------------------------------------------------------------------------------

    @property
    def columns(self) -> tuple[Column, ...]:
        """The columns as drawn: the growing ones widened to the table's width."""
        return self._columns

    @columns.setter
    def columns(self, columns: Sequence[Column]) -> None:
        self._own_columns = tuple(columns)  # as asked for: the growing ones widen from these
        self._column_index = {c.key: i for i, c in enumerate(self._own_columns)}
        self._set_columns(self._own_columns)
        if self.is_mounted:
            self._spread_columns()

    def _set_columns(self, columns: tuple[Column, ...]) -> None:
        self._columns = columns
        self._width = sum(c.width for c in columns)
        self._strips.clear()
        self._header = None
        if hasattr(self, "_row_count"):
            self._update_virtual_size()
            self.refresh()

    def _spread_columns(self) -> None:
        """The growing columns take the table's width beyond the columns' own. The room kept for the
        vertical scrollbar is left whether it shows or not, so the columns do not move when it comes."""
        room = self.size.width - self.styles.scrollbar_size_vertical
        columns = spread(self._own_columns, room)
        if columns != self._columns:
            self._set_columns(columns)

    @property
    def widths(self) -> dict[str, int]:
        """Each column's width as drawn now, by its key."""
        return {c.key: c.width for c in self._columns}

    # ---- the rows ---------------------------------------------------------------------------------

    @property
    def source(self) -> RowSource:
        return self._source

    @property
    def row_count(self) -> int:
        return self._row_count

    @property
    def cursor_row(self) -> int:
        return self._cursor_row

    @property
    def cursor_key(self) -> Key | None:
        return self._cursor_key if self._row_count else None

    def set_source(self, source: RowSource) -> None:
        """New rows altogether; the cursor stays on its key if the key is among them."""
        self._source = source
        self.source_changed()

    def source_changed(self, changed: Iterable[Key] | None = None) -> None:
        """Rows were inserted, removed, reordered or rewritten: redraw, the cursor on the same key.

        `changed` names the rows whose cells changed; None means any may have.
        """
        if changed is None:
            self._strips.clear()
        else:
            for key in changed:
                self._forget(key)
        key, old_row = self._cursor_key, self._cursor_row
        self._row_count = self._source.row_count()
        self._update_virtual_size()
        found = self._source.index_of(key) if key is not None else None
        row = found if found is not None else old_row
        self._set_cursor(row, scroll=found is not None and found != old_row, post=found is None or found != old_row)
        self.refresh()

    def refresh_row(self, key: Key) -> None:
        """This row's cells changed: redraw only its line, and only if it is on screen."""
        self.refresh_rows((key,))

    def refresh_rows(self, keys: Iterable[Key]) -> None:
        """These rows' cells changed: forget their drawing; redraw the lines of those on screen."""
        first = int(self.scroll_offset.y)
        shown = {k: i for i, k in enumerate(self._source.keys(first, first + self._page_rows()))}
        for key in keys:
            self._forget(key)
            if key in shown:
                self.refresh_line(first + shown[key] + 1)

    def get_row_index(self, key: Key) -> int:
        index = self._source.index_of(key)
        if index is None:
            raise KeyError(key)
        return index

    def get_row_at(self, row: int) -> list[Text]:
        keys = self._source.keys(row, row + 1)
        if not keys:
            raise IndexError(row)
        return [as_text(c) for c in self._source.cells(keys[0])]

    def get_row(self, key: Key) -> list[Text]:
        return [as_text(c) for c in self._source.cells(key)]

    def get_cell(self, key: Key, column: str) -> Text:
        return self.get_row(key)[self._column_index[column]]

    def _forget(self, key: Key) -> None:
        for variant in range(3):
            self._strips.discard((key, variant))

    # ---- the cursor ---------------------------------------------------------------------------------

    def move_cursor(self, row: int, animate: bool = False) -> None:
        self._set_cursor(row, scroll=True)

    def _set_cursor(self, row: int, scroll: bool = True, post: bool = True) -> None:
        row = max(0, min(row, self._row_count - 1))
        old_row, old_key = self._cursor_row, self._cursor_key
        self._cursor_row = row
        self._note_cursor_key()
        if scroll:
            self._scroll_to_cursor()
        if old_row != row or old_key != self._cursor_key:
            self._forget(old_key)
            self._forget(self._cursor_key)
            self.refresh_line(old_row + 1)
            self.refresh_line(row + 1)
            if post and self._row_count:
                self.post_message(self.RowHighlighted(self, row, self._cursor_key))

    def _note_cursor_key(self) -> None:
        keys = self._source.keys(self._cursor_row, self._cursor_row + 1) if self._row_count else ()
        self._cursor_key = keys[0] if keys else None

    def _page_rows(self) -> int:
        return max(self.scrollable_content_region.height - 1, 1)  # less the header

    def _scroll_to_cursor(self) -> None:
        top, page = int(self.scroll_offset.y), self._page_rows()
        if self._cursor_row < top:
            self.scroll_to(y=self._cursor_row, animate=False)
        elif self._cursor_row >= top + page:
            self.scroll_to(y=self._cursor_row - page + 1, animate=False)

    def action_cursor_up(self) -> None:
        self._set_cursor(self._cursor_row - 1)

    def action_cursor_down(self) -> None:
        self._set_cursor(self._cursor_row + 1)

    def action_page_up(self) -> None:
        self._set_cursor(self._cursor_row - self._page_rows())

    def action_page_down(self) -> None:
        self._set_cursor(self._cursor_row + self._page_rows())

    def action_cursor_home(self) -> None:
        self._set_cursor(0)

    def action_cursor_end(self) -> None:
        self._set_cursor(self._row_count - 1)

    def action_select_cursor(self) -> None:
        if self._row_count:
            self.post_message(self.RowSelected(self, self._cursor_row, self._cursor_key))

    def _on_click(self, event: events.Click) -> None:
        y = event.y - self.gutter.top
        if y < 1:
            return
        row = int(self.scroll_offset.y) + y - 1
        if row < self._row_count:
            self._set_cursor(row)
            self.action_select_cursor()

    def _on_focus(self, event: events.Focus) -> None:
        self._forget(self._cursor_key)
        self.refresh()

    def _on_blur(self, event: events.Blur) -> None:
        self._forget(self._cursor_key)
        self.refresh()

    # ---- drawing ----------------------------------------------------------------------------------

    def _update_virtual_size(self) -> None:
        self.virtual_size = Size(self._width, self._row_count + 1)  # rows, and the header line

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()
        self._header = None

    def _on_resize(self, event: events.Resize) -> None:
        self._spread_columns()
        self._scroll_to_cursor()

    def _line(self, cells: Sequence[Text | str], base: Style, over: Style | None = None) -> Strip:
        """One row: each cell cut or padded to its column; `base` under the cells' own styles,
        `over` (the cursor) on top of them, as DataTable does."""
        line = Text(no_wrap=True, end="")
        for cell, column in zip(cells, self.columns):
            line.append_text(self._styled(fitted(cell, column.width)))
        segments = Segment.apply_style(line.render(self.app.console), base, over)
        return Strip(segments).extend_cell_length(self._width, base + over if over else base)

    def _styled(self, text: Text) -> Text:
        """The text with a component class named as its style given that class's style."""
        if isinstance(text.style, str) and text.style in self._get_component_classes():
            text.style = self.get_component_rich_style(text.style, partial=True)
        return text

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.size.width
        base = self.rich_style
        if y == 0:
            if self._header is None:
                style = base + self.get_component_rich_style("case-table--header")
                self._header = self._line([Text(_(c.heading) if c.heading else "") for c in self.columns], style)
            return self._header.crop_extend(scroll_x, scroll_x + width, self._header_style())
        row = scroll_y + y - 1
        if row >= self._row_count:
            return Strip.blank(width, base)
        keys = self._source.keys(row, row + 1)
        if not keys:
            return Strip.blank(width, base)
        key = keys[0]
        variant = 2 if row == self._cursor_row else 1 if self.zebra_stripes and row % 2 == 0 else 0
        strip = self._strips.get((key, variant))
        if strip is None:
            style = base + self._variant_style(variant)
            strip = self._line(self._source.cells(key), style, style if variant == 2 else None)
            self._strips[(key, variant)] = strip
        return strip.crop_extend(scroll_x, scroll_x + width, base + self._variant_style(variant))

    def _header_style(self) -> Style:
        return self.rich_style + self.get_component_rich_style("case-table--header")

    def _variant_style(self, variant: int) -> Style:
        if variant == 2:
            return self.get_component_rich_style("case-table--cursor")
        if variant == 1:
            return self.get_component_rich_style("case-table--even-row")
        return Style()
