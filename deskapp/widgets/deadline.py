"""How a deadline looks in a table cell or a badge: colour, symbol and word, never colour alone."""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo

from rich.console import Console, ConsoleOptions, RenderResult
from rich.text import Text

from deskapp.domain.clocks import Clock
from deskapp.i18n import _, pgettext
from deskapp.words import deadline, display
from deskapp.words.labels import label
from deskapp.words.widths import cells, clip

_WEEK = timedelta(days=6)


class Cell:
    """A table cell of known width, made into Rich text only when it is drawn.

    DataTable measures every cell it is given to size its columns, which costs more than the rest
    of a 2,000-row load together; the queue's columns have fixed widths, so its cells offer no
    measurement and the table skips it. Only the rows on screen are ever drawn, so the Text is
    built then, not for every row of the queue.
    """

    __slots__ = ("plain", "style", "width", "sort")

    def __init__(self, plain: str, width: int, style: str = "", sort=None):
        self.plain = plain
        self.style = style
        self.width = width
        self.sort = sort

    @property
    def text(self) -> Text:
        # Measured in terminal cells (a Chinese character takes two), one cell left blank between
        # cells; a character that does not fit is left out whole, never cut in half.
        plain = self.plain
        if cells(plain) >= self.width - 1:
            plain = clip(plain, self.width - 1)
        return Text(plain, style=self.style, no_wrap=True, end="")

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.text

    def __str__(self) -> str:
        return self.text.plain

    def __eq__(self, other) -> bool:
        return isinstance(other, Cell) and self.plain == other.plain and self.style == other.style

    def __hash__(self) -> int:
        return hash((self.plain, self.style))


def style_of(clock: Clock | None, morning: bool = False) -> str:
    """The Rich style the state paints with (words/deadline.py's table)."""
    return deadline.rich_style(clock.state if clock else None, morning)


def badge_words(clock: Clock | None, morning: bool = False, name: bool = True) -> str:
    """'✖ forward OVERDUE', '☾ forward morning', '‖ resolve waiting' / '✖ 转派 已超时'; '– no clock'."""
    shown = deadline.look(clock.state if clock else None, morning)
    if clock is None or not name:
        return f"{shown.symbol} {shown.word}"
    return f"{shown.symbol} {label(clock.name)} {shown.word}"


def badge(clock: Clock | None, morning: bool = False, name: bool = True) -> Text:
    return Text(badge_words(clock, morning, name), style=style_of(clock, morning))


def left_words(clock: Clock | None) -> str:
    return "" if clock is None or clock.left is None else display.left(clock.left)


def left_text(clock: Clock | None, morning: bool = False) -> Text:
    return Text(left_words(clock), style=style_of(clock, morning))


def short_due(t: datetime | None, tz: tzinfo, now: datetime) -> str:
    """'Mon 08:20' / '周一 08:20' within six days of now, '24 Nov' / '11月24日' further off, '2027-01-04'
    in another year: what fits the queue's narrow column (ten cells) in either language."""
    if t is None:
        return ""
    local = t.astimezone(tz)
    if abs(t - now) <= _WEEK:
        return display.weekday_time(t, tz)
    if local.year != now.astimezone(tz).year:
        return f"{local:%Y-%m-%d}"
    return pgettext("short date", "{day:02d} {month}").format(day=local.day, month=_(display.MONTHS[local.month - 1]))
