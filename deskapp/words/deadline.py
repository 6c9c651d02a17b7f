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

from deskapp.domain.enums import ClockState
from deskapp.i18n import NP_, pgettext

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
