"""How a deadline looks in a table cell or a badge: colour, symbol and word, never colour alone.

The colours are the theme's: each state is a component class (`deadline--overdue` ...) styled once,
in app.tcss, from the theme variables `$deadline-overdue` ..., whose defaults are the theme's own
text colours (`deadline_colours`); a theme may set its own. A widget that shows deadlines lists
DEADLINE_CLASSES among its COMPONENT_CLASSES and asks `deadline_style` for the Rich style; the
CaseTable takes the class names in its cells and styles them as it draws.
"""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo

from rich.console import Console, ConsoleOptions, RenderResult
from rich.style import Style
from rich.text import Text
from textual.color import Color, ColorParseError
from textual.dom import DOMNode
from textual.theme import Theme

from deskapp.domain.clocks import Clock
from deskapp.domain.enums import ClockState
from deskapp.i18n import _, pgettext
from deskapp.words import display
from deskapp.words.deadline import LOOKS, look, short_lateness
from deskapp.words.labels import label
from deskapp.words.widths import cells, clip


def _component(style_name: str) -> str:
    # words/deadline.py names each state once ('deadline-overdue'); as a component class it takes
    # Textual's double dash ('deadline--overdue'), and its theme variable the plain name.
    return "deadline--" + style_name.removeprefix("deadline-")


# Each state's component class, and the theme colour its variable takes unless the theme sets it.
DEADLINE_CLASSES = frozenset(_component(shown.style_name) for shown in LOOKS.values())
THEME_COLOURS = {
    "overdue": "text-error", "due-soon": "text-warning", "on-time": "text-success", "waiting": "foreground-muted",
    "met": "text-success", "missed": "text-error", "morning": "text-primary", "no-clock": "foreground-muted",
}
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


def deadline_colours(theme: Theme) -> dict[str, str]:
    """The `$deadline-*` theme variables' defaults: the theme's own colours for text, made opaque over
    its surface (a Rich style drops a colour's transparency, which would leave a muted grey white)."""
    colours = theme.to_color_system().generate()
    return {f"deadline-{name}": _opaque(colours[colour], colours["surface"]) for name, colour in THEME_COLOURS.items()}


def _opaque(colour: str, under: str) -> str:
    try:
        return (Color.parse(under) + Color.parse(colour)).hex
    except ColorParseError:  # the terminal's own colours (the ansi themes): as the theme gives them
        return colour


def state_class(state: ClockState | None, morning: bool = False) -> str:
    return _component(look(state, morning).style_name)


def style_of(clock: Clock | None, morning: bool = False) -> str:
    """The component class of the clock's state: a CaseTable cell's style, styled as it is drawn."""
    return state_class(clock.state if clock else None, morning)


def state_style(node: DOMNode, state: ClockState | None, morning: bool = False) -> Style:
    """The Rich style of a deadline state, from a node that lists DEADLINE_CLASSES."""
    return node.get_component_rich_style(state_class(state, morning), partial=True)


def deadline_style(node: DOMNode, clock: Clock | None, morning: bool = False) -> Style:
    return state_style(node, clock.state if clock else None, morning)


def badge_words(clock: Clock | None, morning: bool = False, name: bool = True) -> str:
    """'✖ forward OVERDUE', '☾ forward morning', '‖ resolve waiting' / '✖ 转派 已超时'; '– no clock'."""
    shown = look(clock.state if clock else None, morning)
    if clock is None or not name:
        return f"{shown.symbol} {shown.word}"
    return f"{shown.symbol} {label(clock.name)} {shown.word}"


def badge(node: DOMNode, clock: Clock | None, morning: bool = False, name: bool = True) -> Text:
    return Text(badge_words(clock, morning, name), style=deadline_style(node, clock, morning))


def left_words(clock: Clock | None) -> str:
    """A table cell's time left or lateness, in the clock's own counting ('1h 20m work left', '2d 3h
    late', OVERDUE for a paused clock past its due): words.deadline's short form, the same in every
    screen's table (the long one, '1 working h 20 min left', does not fit their columns at 80 or 120)."""
    return short_lateness(clock)


def left_text(node: DOMNode, clock: Clock | None, morning: bool = False) -> Text:
    return Text(left_words(clock), style=deadline_style(node, clock, morning))


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
