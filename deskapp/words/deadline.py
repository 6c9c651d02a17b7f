"""How a deadline's state reads: one table of symbol, word and style name per state.

Every place that shows a clock's state (the queue, home, the case detail, the archive, the
callback list, the night screen, the command line and the reports) takes it from here, so a state
reads the same everywhere. A symbol stands beside every colour, for monochrome terminals and
colour-blind staff.

`style_name` is the name the stylesheets know the state by: the screens' component class
`deadline--overdue` and the theme variable `$deadline-overdue` (widgets/deadline.py, app.tcss);
`rich_style` is the Rich style the command line and the reports paint with, having no theme.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from deskapp.domain.enums import ClockState, Counting
from deskapp.i18n import N_, NP_, _, ngettext, pgettext

# Two states that are not a ClockState: an after-hours case whose working-time clock waits for the
# desk to open (its own mark, so the night's calls stand out), and a case with no clock running.
MORNING = "morning"
NO_CLOCK = "no_clock"


@dataclass(frozen=True)
class DeadlineLook:
    symbol: str
    marked: tuple[str, str]  # the word, marked for the catalogue; `word` translates it
    style_name: str
    rich_style: str

    @property
    def word(self) -> str:
        """'OVERDUE' / '已超时', in the desk's language."""
        return pgettext(*self.marked)


LOOKS: dict[str, DeadlineLook] = {
    ClockState.on_time: DeadlineLook("●", NP_("clock state", "on time"), "deadline-on-time", "green"),
    ClockState.due_soon: DeadlineLook("▲", NP_("clock state", "due soon"), "deadline-due-soon", "yellow"),
    ClockState.overdue: DeadlineLook("✖", NP_("clock state", "OVERDUE"), "deadline-overdue", "bold red"),
    ClockState.waiting: DeadlineLook("‖", NP_("clock state", "waiting"), "deadline-waiting", "dim"),
    ClockState.met: DeadlineLook("✔", NP_("clock state", "met"), "deadline-met", "dim green"),
    ClockState.missed: DeadlineLook("✔!", NP_("clock state", "met late"), "deadline-missed", "dim red"),
    MORNING: DeadlineLook("☾", NP_("clock state", "morning"), "deadline-morning", "cyan"),
    NO_CLOCK: DeadlineLook("–", NP_("clock state", "no clock"), "deadline-no-clock", "dim"),
}


def look(state: ClockState | None, morning: bool = False) -> DeadlineLook:
    """The look of a clock in `state` (None: no clock); `morning` for one waiting for the desk to open."""
    if state is None:
        return LOOKS[NO_CLOCK]
    return LOOKS[MORNING] if morning else LOOKS[state]


def symbol(state: ClockState) -> str:
    return LOOKS[state].symbol


def word(state: ClockState) -> str:
    return LOOKS[state].word


def rich_style(state: ClockState | None, morning: bool = False) -> str:
    return look(state, morning).rich_style


def mark(state: ClockState | None, morning: bool = False) -> str:
    """'✖ OVERDUE', '☾ morning', '‖ waiting' / '✖ 已超时'."""
    shown = look(state, morning)
    return f"{shown.symbol} {shown.word}"


# ---- time left and lateness: one format everywhere, in the clock's own counting ----------------


def _parts(span: timedelta, counting: Counting) -> tuple[int, int, int] | None:
    """(days, hours, minutes) of a span, whole minutes rounded down; days only in wall-clock time (a
    working day is not 24 hours). None for a span under a minute that is not nothing."""
    minutes = int(abs(span).total_seconds() // 60)
    if minutes == 0 and span:
        return None
    hours, rest = divmod(minutes, 60)
    if counting is Counting.working:
        return 0, hours, rest
    days, hours = divmod(hours, 24)
    return days, hours, rest


def amount(span: timedelta, counting: Counting) -> str:
    """A stretch of time in the clock's own counting, the unit named: '10 working h 7 min',
    '2 days 3 h', '45 min' (Chinese: 10工作小时7分钟, 2天3小时). Whole minutes, rounded down; a day
    and more of wall-clock time in days and hours."""
    parts, working = _parts(span, counting), counting is Counting.working
    if parts is None:
        return _("under 1 working min") if working else _("under 1 min")
    days, hours, rest = parts
    if working:
        if not hours:
            return _("{minutes} working min").format(minutes=rest)
        if not rest:
            return _("{hours} working h").format(hours=hours)
        return _("{hours} working h {minutes} min").format(hours=hours, minutes=rest)
    if days:
        if not hours:
            return ngettext("{days} day", "{days} days", days).format(days=days)
        return ngettext("{days} day {hours} h", "{days} days {hours} h", days).format(days=days, hours=hours)
    if not hours:
        return _("{minutes} min").format(minutes=rest)
    if not rest:
        return _("{hours} h").format(hours=hours)
    return _("{hours} h {minutes} min").format(hours=hours, minutes=rest)


def left_or_late(left: timedelta, counting: Counting, state: ClockState | None = None) -> str:
    """'1 working h 20 min left', '10 working h 7 min late'; a clock waiting on the customer that was
    already past its due reads OVERDUE (its time stands still, the lateness is not a countdown)."""
    if left < timedelta(0):
        if state is ClockState.waiting:
            return word(ClockState.overdue)
        return _("{time} late").format(time=amount(left, counting))
    return _("{time} left").format(time=amount(left, counting))


def lateness(clock) -> str:
    """A running clock's time left or lateness ('' once it is met): what every screen and report shows."""
    if clock is None or clock.left is None:
        return ""
    return left_or_late(clock.left, clock.counting, clock.state)


# The spans whose words are the longest under ten days, for a column to be measured by.
_WIDEST = (timedelta(hours=23, minutes=59), timedelta(days=9, hours=23), timedelta(hours=99, minutes=59))


def widest_left() -> list[str]:
    """The longest texts `lateness` gives for under ten days, for a column to be measured by."""
    return [left_or_late(sign * s, c) for s in _WIDEST for sign in (1, -1) for c in Counting]


# ---- the same, for a table's narrow cell ---------------------------------------------------------
# The queue's and the history's columns have fixed widths at 80 and 120 cells, and every screen's
# table shows the same words: the amount in short units, the counting still named ('10h 7m work' for
# '10 working h 7 min'). Left or late is the state's, in the badge beside it ('✖ resolve OVERDUE'),
# under a heading that says both (LEFT_OR_LATE), so the cell does not say it again.

LEFT_OR_LATE = N_("left / late")


def short_amount(span: timedelta, counting: Counting) -> str:
    """`amount` in short units: '10h 7m work', '45m work', '2d 3h', '10h 7m' (Chinese: 10工时7分, 2天3小时)."""
    parts, working = _parts(span, counting), counting is Counting.working
    if parts is None:
        return _("<1m work") if working else _("<1m")
    days, hours, rest = parts
    if working:
        if not hours:
            return _("{minutes}m work").format(minutes=rest)
        if not rest:
            return _("{hours}h work").format(hours=hours)
        return _("{hours}h {minutes}m work").format(hours=hours, minutes=rest)
    if days:
        return _("{days}d {hours}h").format(days=days, hours=hours) if hours else _("{days}d").format(days=days)
    if not hours:
        return _("{minutes}m").format(minutes=rest)
    if not rest:
        return _("{hours}h").format(hours=hours)
    return _("{hours}h {minutes}m").format(hours=hours, minutes=rest)


def short_left_or_late(left: timedelta, counting: Counting, state: ClockState | None = None) -> str:
    """`left_or_late` for a narrow cell: '1h 20m work' left or late; OVERDUE for a clock waiting on
    the customer past its due (its state's badge says 'waiting', which would not tell)."""
    if left < timedelta(0) and state is ClockState.waiting:
        return word(ClockState.overdue)
    return short_amount(left, counting)


def short_lateness(clock) -> str:
    """`lateness` for a table cell: what the queue, the history, the case detail, home, the night
    view and the callback list show ('' once the clock is met)."""
    if clock is None or clock.left is None:
        return ""
    return short_left_or_late(clock.left, clock.counting, clock.state)


def widest_short_left() -> list[str]:
    """The longest texts `short_lateness` gives for under ten days, and OVERDUE: a column's width."""
    return [short_amount(s, c) for s in _WIDEST for c in Counting] + [word(ClockState.overdue)]
