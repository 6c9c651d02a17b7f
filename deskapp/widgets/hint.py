"""A hint line of items ('k kind · s severity · t state ...') that breaks only between items.

Left to the terminal's word wrapping, a narrow screen starts its second line with '· o owner', or
cuts an item in two. Here the items are packed into lines as wide as the widget, each line starting
with an item, and packed again whenever the widget's width changes.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.widgets import Static

from deskapp.words.widths import cells

SEPARATOR = " · "


def items_of(hint: str) -> list[str]:
    """'k kind · s severity' (a translated hint) → ['k kind', 's severity']."""
    return [item.strip() for item in hint.split("·") if item.strip()]


def pack(lead: Text, items: Iterable[str], width: int, style: str = "dim", gap: str = "   ") -> Text:
    """`lead`, then the items joined by ' · ', a line broken only before an item. With no width
    known yet (before the first layout), one line."""
    text = lead.copy()
    line, used = "", cells(lead.plain)
    for item in items:
        after_lead = not line and used > 0
        joint = gap if after_lead else SEPARATOR if line else ""
        if width > 0 and used and used + cells(joint) + cells(item) > width:
            text.append(line, style)
            text.append("\n")
            line, used, joint = "", 0, ""
        elif after_lead:
            text.append(gap)  # the gap after the lead is the lead's, not the hint's
            used, joint = used + cells(gap), ""
        line += joint + item
        used += cells(joint) + cells(item)
    text.append(line, style)
    return text


class HintLine(Static):
    """A Static showing `lead` and the hint's items packed into lines as wide as itself."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__("", id=id, classes=classes, markup=False)
        self._lead = Text()
        self._items: list[str] = []
        self._style = "dim"
        self._packed_for: int | None = None

    def show(self, lead: Text, items: Iterable[str], style: str = "dim") -> None:
        self._lead, self._items, self._style = lead, list(items), style
        self._packed_for = None
        self._pack()

    def _pack(self) -> None:
        width = self.size.width
        if width == self._packed_for:
            return
        self._packed_for = width
        self.update(pack(self._lead, self._items, width, self._style))

    def on_resize(self) -> None:
        self._pack()

    @property
    def plain(self) -> str:
        """What the line says, on one line (for tests)."""
        return pack(self._lead, self._items, 0, self._style).plain
