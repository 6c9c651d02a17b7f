"""Asked once, when a supervisor starts the app on changed rules: re-time the open clocks?

The stored due times keep the rules they were computed under (a due time is a recorded fact); after
the policy or calendar changed, this is `deskapp retime --open` from the screens: how many clocks move,
a few of them before → after, and Enter or y re-times them through the same writer, n or Esc leaves
them as they are."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Static

from deskapp.desk.retime import Retimed, retime_open
from deskapp.domain.errors import DeskError
from deskapp.i18n import N_, _, ngettext
from deskapp.screens.error_dialog import PassesOnWorkerFailures
from deskapp.store.context import Desk
from deskapp.widgets.footer import DeskFooter
from deskapp.words.display import when
from deskapp.words.labels import label

SHOWN_MOVES = 5  # enough to see what kind of change it is; the history of each case keeps them all


@dataclass
class RetimeDone(Message, bubble=False):
    moved: list[Retimed] | None  # None: nothing was re-timed
    refusal: str | None = None  # why not, in the desk's words


def move_lines(desk: Desk, moves: list[Retimed]) -> list[str]:
    """'case 12 resolve: Tue 24 Nov 10:00 → Wed 25 Nov 09:00' for the first few, then how many more."""
    tz, now = desk.calendar.tz, desk.now()
    lines = [_("case {number} {clock}: {before} → {after}").format(
        number=m.case_id, clock=label(m.clock), before=when(m.before, tz, now), after=when(m.after, tz, now))
        for m in moves[:SHOWN_MOVES]]
    if len(moves) > SHOWN_MOVES:
        lines.append(ngettext("… and {n} more", "… and {n} more", len(moves) - SHOWN_MOVES).format(
            n=len(moves) - SHOWN_MOVES))
    return lines


class RetimeDialog(PassesOnWorkerFailures, ModalScreen[bool]):
    """Returns True once the clocks were re-timed, False when they were left as they are."""

    DEFAULT_CSS = """
    RetimeDialog { align: center middle; }
    RetimeDialog > Vertical { width: 90; height: auto; border: thick $warning; padding: 1 2; background: $surface; }
    RetimeDialog #retime-title { text-style: bold; margin-bottom: 1; }
    RetimeDialog #retime-keys { margin-top: 1; color: $text-muted; }
    RetimeDialog #retime-error { color: $error; }
    """
    BINDINGS = [
        Binding("enter,y", "retime", N_("Re-time"), id="retime.yes", priority=True,
                tooltip=N_("Move the open clocks to today's rules; each case's history says before → after")),
        Binding("escape,n", "leave", N_("Leave them"), id="retime.no", priority=True,
                tooltip=N_("Keep the stored due times; `deskapp retime --open` can re-time them later")),
    ]

    def __init__(self, desk: Desk, operator: str | None, moves: list[Retimed]) -> None:
        super().__init__()
        self.desk, self.operator, self.moves = desk, operator, moves
        self.busy = False  # a second Enter while re-timing must not re-time twice

    def compose(self) -> ComposeResult:
        cases = len({m.case_id for m in self.moves})
        with Vertical():
            yield Static(Text(ngettext(
                "The policy or calendar has changed: {n} open clock would move under today's rules",
                "The policy or calendar has changed: {n} open clocks would move under today's rules",
                len(self.moves)).format(n=len(self.moves)) + " " + ngettext(
                "({cases} case)", "({cases} cases)", cases).format(cases=cases)), id="retime-title")
            yield Static(Text("\n".join(move_lines(self.desk, self.moves))), id="retime-moves")
            yield Static("", id="retime-error")
            yield Static(Text(_("Enter or y re-times them · n or Esc leaves their due times as they are")),
                         id="retime-keys")
        yield DeskFooter()

    def action_retime(self) -> None:
        if not self.busy:
            self.busy = True
            self.retime()

    def action_leave(self) -> None:
        if not self.busy:
            self.dismiss(False)

    @work(thread=True, exclusive=True, exit_on_error=False, group="retime")
    def retime(self) -> None:
        try:
            moved = retime_open(self.desk, by=self.operator)
        except DeskError as refusal:
            self.post_message(RetimeDone(None, refusal.message))
            return
        except Exception:  # shown by the app's failure dialog; the question stays answerable
            self.post_message(RetimeDone(None))
            raise
        self.post_message(RetimeDone(moved))

    @on(RetimeDone)
    def _done(self, event: RetimeDone) -> None:
        self.busy = False
        if event.moved is None:
            self.query_one("#retime-error", Static).update(Text(event.refusal or ""))
            return
        cases = len({m.case_id for m in event.moved})
        self.notify(ngettext("re-timed {n} clock; the history of each case says before → after",
                             "re-timed {n} clocks; the history of each case says before → after",
                             len(event.moved)).format(n=len(event.moved)) + " " + ngettext(
            "({cases} case)", "({cases} cases)", cases).format(cases=cases), markup=False)
        self.dismiss(True)
