"""The rows and columns of a CaseTable: where its rows come from, how wide its columns are, and
each cell made exactly as wide as its column.

Every cell is measured in terminal cells, not characters (a Chinese character takes two): it is
clipped with an ellipsis, never cutting a character in half, and padded to exactly its column, so
mixed Chinese and Latin rows line up and no row is ever longer than the header.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from rich.text import Text

from deskapp.words.widths import cells as cell_width
from deskapp.words.widths import clip

Key = Hashable


@dataclass(frozen=True)
class Column:
    key: str
    heading: str  # the English msgid (marked N_ where the columns are defined); shown translated
    width: int  # in terminal cells: the least it takes
    grow: int = 0  # its share of the room a wider table has beyond the columns' widths (0: none)


def spread(columns: Sequence[Column], room: int) -> tuple[Column, ...]:
    """The columns with the growing ones widened to fill `room` cells, in proportion to their
    `grow`; never narrower than their own width (a narrower table scrolls sideways)."""
    extra = room - sum(c.width for c in columns)
    shares = sum(c.grow for c in columns)
    if extra <= 0 or not shares:
        return tuple(columns)
    out, given, left = [], 0, shares
    for column in columns:
        if column.grow:
            left -= column.grow
            add = extra - given if not left else extra * column.grow // shares
            given += add
            column = replace(column, width=column.width + add)
        out.append(column)
    return tuple(out)


class RowSource(Protocol):
    """Where a CaseTable's rows come from. Windowed sources may answer `index_of` with None."""

    def row_count(self) -> int: ...

    def keys(self, start: int, end: int) -> Sequence[Key]: ...

    def cells(self, key: Key) -> Sequence[Text | str]: ...

    def index_of(self, key: Key) -> int | None: ...


class ListSource:
    """Rows held as a list of keys in memory; each row's cells are made by a function when drawn."""

    def __init__(self, keys: Iterable[Key] = (), cells: Callable[[Key], Sequence[Text | str]] = lambda key: ()):
        self._cells = cells
        self.set_keys(keys)

    def set_keys(self, keys: Iterable[Key]) -> None:
        self._keys = list(keys)
        self._index: dict[Key, int] | None = None

    def row_count(self) -> int:
        return len(self._keys)

    def keys(self, start: int, end: int) -> Sequence[Key]:
        return self._keys[max(start, 0) : end]

    def cells(self, key: Key) -> Sequence[Text | str]:
        return self._cells(key)

    def index_of(self, key: Key) -> int | None:
        if self._index is None:  # made on demand: a reorder costs nothing until a key is looked for
            self._index = {k: i for i, k in enumerate(self._keys)}
        return self._index.get(key)


def as_text(cell: Text | str) -> Text:
    return cell.copy() if isinstance(cell, Text) else Text(str(cell))  # never markup


_BREAKS = str.maketrans({"\n": " ", "\r": " ", "\t": " ", "\v": " ", "\f": " "})


def fitted(cell: Text | str, width: int) -> Text:
    """The cell as exactly `width` terminal cells: on one line, clipped with an ellipsis (a wide
    character that would straddle the edge is left out whole) so that the last cell stays blank
    between it and the next column, then padded with spaces."""
    text = as_text(cell)
    room = max(width - 1, 0)
    plain = text.plain
    flat = plain.translate(_BREAKS)  # a line break in what was typed must not break the row
    if flat != plain:
        text.plain = flat
    if cell_width(flat) > room:
        text.plain = clip(flat, room)  # a prefix and "…": the spans on the prefix stay
    text.pad_right(width - cell_width(text.plain))
    return text
