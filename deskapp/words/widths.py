"""Text measured in terminal cells, not characters: a Chinese character takes two cells.

Columns, truncation and alignment go through here so that Chinese names, units and descriptions
line up beside Latin ones and no character is ever cut in half.
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size

ELLIPSIS = "…"


def cells(text: str) -> int:
    """How many terminal cells the text takes."""
    return cell_len(text)


def clip(text: str, width: int) -> str:
    """The text cut to `width` cells, ending in an ellipsis when something was cut."""
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return text
    # set_cell_size never splits a wide character: it pads with a space instead, which rstrip drops.
    return set_cell_size(text, width - 1).rstrip() + ELLIPSIS


def fit(text: str, width: int, align: str = "left") -> str:
    """Exactly `width` cells: clipped, then padded on the right (or the left, for numbers)."""
    clipped = clip(text, width)
    pad = " " * (width - cell_len(clipped))
    return pad + clipped if align == "right" else clipped + pad
