"""Starting and closing a satisfaction survey round from the survey returns screen, as
`deskapp survey start` and `deskapp survey close` do: Ctrl+N starts a round with its defaults (named
by the half-year), Ctrl+L closes the open one after asking (its figures are then final, which cannot
be undone). Both are a supervisor's (permissions.toml's `survey`); anyone else is told who may, and
the writer checks again whatever the screen thought.
"""

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

from deskapp.config.surveys import survey_targets
from deskapp.domain.errors import DeskError
from deskapp.i18n import N_, _
from deskapp.output.survey_report import verdicts
from deskapp.reads.survey_figures import round_figures
from deskapp.screens.error_dialog import PassesOnWorkerFailures
from deskapp.store.context import Desk

# The survey screen's fields take the letters: its round keys are Ctrl keys no field uses.
ROUND_BINDINGS = [
    Binding("ctrl+n", "start_round", N_("New round"), id="survey.start_round", priority=True,
            tooltip=N_("Start a survey round, named by the half-year (a supervisor)")),
    Binding("ctrl+l", "close_round", N_("Close round"), id="survey.close_round", priority=True,
            tooltip=N_("Close the open survey round: its figures become final (a supervisor; asks first)")),
]


@dataclass
class RoundStepped(Message, bubble=False):
    """A round started or closed (what to say), or the refusal."""

    said: str
    refused: bool = False


@dataclass
class MayClose(Message, bubble=False):
    refusal: str | None


class CloseRoundDialog(PassesOnWorkerFailures, ModalScreen[bool]):
    """Asks before the open round is closed; True to close it. Says at once who may, to anyone else."""

    DEFAULT_CSS = """
    CloseRoundDialog { align: center middle; }
    CloseRoundDialog > Vertical { width: 80; height: auto; border: thick $warning; padding: 1 2; background: $surface; }
    CloseRoundDialog #close-round-title { text-style: bold; margin-bottom: 1; }
    CloseRoundDialog #close-round-refusal { color: $error; text-style: bold; }
    CloseRoundDialog #close-round-keys { margin-top: 1; color: $text-muted; }
    """
    BINDINGS = [
        Binding("enter,y", "close_round", N_("Close the round"), id="close_round.yes", priority=True,
                tooltip=N_("Close it: its figures are final and go in the month's report")),
        Binding("escape,n", "keep", N_("Keep it open"), id="close_round.no", priority=True,
                tooltip=N_("Leave the round open for more returns")),
    ]

    def __init__(self, desk: Desk, operator: str | None, name: str) -> None:
        super().__init__()
        self.desk, self.operator, self.round_name = desk, operator, name
        self.refused = False

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(_("Close survey round {name}? Its figures become final; a closed round cannot be "
                                "opened again").format(name=self.round_name)), id="close-round-title")
            yield Static("", id="close-round-refusal")
            yield Static(Text(_("Enter or y closes it · n or Esc keeps it open")), id="close-round-keys")

    def on_mount(self) -> None:
        self.check()

    @work(thread=True, exclusive=True, exit_on_error=False, group="close-round-check")
    def check(self) -> None:
        from deskapp.desk.surveys import round_refusal

        self.post_message(MayClose(round_refusal(self.desk, self.operator)))

    @on(MayClose)
    def _checked(self, event: MayClose) -> None:
        if event.refusal:
            self.refused = True
            self.query_one("#close-round-refusal", Static).update(Text(event.refusal))
            self.query_one("#close-round-keys", Static).update(Text(_("Esc to go back")))

    def action_close_round(self) -> None:
        if not self.refused:  # a key typed before the check came: the writer checks again
            self.dismiss(True)

    def action_keep(self) -> None:
        self.dismiss(False)


class SurveyRounds:
    """Mixin for the survey screen: it provides `desk`, `operator`, `figures` (the newest round's),
    `load()` and `tell(words, problem)` (the line under the form)."""

    def action_start_round(self) -> None:
        self._start_round()

    @work(thread=True, exclusive=True, exit_on_error=False, group="survey-round")
    def _start_round(self) -> None:
        from deskapp.desk.surveys import start_round

        try:
            started = start_round(self.desk, None, by=self.operator)
        except DeskError as refusal:
            self.post_message(RoundStepped(refusal.message, refused=True))
            return
        self.post_message(RoundStepped(_("survey round {name} started: type each company's returns below").format(
            name=started.name)))

    def action_close_round(self) -> None:
        f = self.figures
        if f is None or f.closed_at is not None:
            self.tell(_("no survey round is open to close"), True)
            return
        self.app.push_screen(CloseRoundDialog(self.desk, self.operator, f.name),
                             lambda yes: self._close_round() if yes else None)

    @work(thread=True, exclusive=True, exit_on_error=False, group="survey-round")
    def _close_round(self) -> None:
        from deskapp.desk.surveys import close_round

        try:
            closed = close_round(self.desk, by=self.operator)
        except DeskError as refusal:
            self.post_message(RoundStepped(refusal.message, refused=True))
            return
        figures = round_figures(self.desk, closed.id)
        final = verdicts(figures.total, survey_targets()) if figures is not None else []
        self.post_message(RoundStepped("\n".join([_("survey round {name} closed: its figures are final").format(
            name=closed.name), *final])))

    def on_round_stepped(self, event: RoundStepped) -> None:
        self.tell(event.said, event.refused)
        if not event.refused:
            self.load()
