"""A case's internal coordination work order (内部协调工作单): its actions and follow-ups with their
clocks; `a` adds an action (what, who is responsible, by when), `d` records the highlighted one done.

Opened from the case detail with `t`. Each step is a service call in a worker (through the case
actions' own modal), and the list is read again when it returns.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from deskapp.desk.coordination import add_action, complete_action, deadline_from
from deskapp.domain.enums import ClockName
from deskapp.i18n import N_, _
from deskapp.models import Case
from deskapp.reads.action_figures import ActionLine, case_actions
from deskapp.reads.views import CaseView
from deskapp.screens.action_table import Action, Ask
from deskapp.screens.actions import ActionModal
from deskapp.screens.error_dialog import PassesOnWorkerFailures
from deskapp.store.context import Desk
from deskapp.words import deadline, display
from deskapp.words.labels import label

HEADINGS = (N_("number"), N_("clock"), N_("owner"), N_("what"), N_("due"), N_("state"), N_("done"))


def _add(desk, case_id, by, v, version):
    return add_action(desk, case_id, v.get("owner", ""), v.get("what", ""), deadline_from(desk, v.get("due", "")),
                      by=by, expected_version=version)


ADD = Action("action", N_("Add action"), "a", N_("case {number}: action added to its coordination work order"),
             (Ask("what", N_("What is to be done")), Ask("owner", N_("Who is responsible")),
              Ask("due", N_("By when (e.g. tomorrow 17:00, or a day: by closing)"))), _add)


def done_action(number: int) -> Action:
    """Recording action `number` done, with an optional note of what was done."""
    return Action("action_done", N_("Action done"), "d", N_("case {number}: action recorded done"),
                  (Ask("note", N_("What was done (optional)"), optional=True),),
                  lambda d, c, by, v, ver: complete_action(d, c, number, v.get("note", ""), by=by, expected_version=ver))


@dataclass
class ActionsLoaded(Message, bubble=False):
    lines: list[ActionLine]


class CoordinationScreen(PassesOnWorkerFailures, ModalScreen[None]):
    """The work order of the case in hand; dismissed back to the case detail."""

    CSS_PATH = Path(__file__).parent / "coordination.tcss"
    BINDINGS = [
        Binding("a", "add", N_("Add action"), id="coordination.add",
                tooltip=N_("Add an action: what, who is responsible, by when")),
        Binding("d", "done", N_("Done"), id="coordination.done", tooltip=N_("Record the highlighted action done")),
        Binding("escape", "close", N_("Back"), id="coordination.back", tooltip=N_("Back to the case")),
    ]

    def __init__(self, desk: Desk, operator: str | None, case: Case):
        super().__init__()
        self.desk, self.operator, self.case = desk, operator, case
        self.lines: list[ActionLine] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="coordination-box"):
            yield Static(_("Coordination work order, case {number}").format(number=self.case.id),
                         id="coordination-title", markup=False)
            yield DataTable(id="coordination-actions", cursor_type="row", zebra_stripes=True)
            yield Static("", id="coordination-empty", markup=False)
            yield Static(_("a add an action · d done · Esc back"), classes="hint", markup=False)

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns(*(_(h) for h in HEADINGS))
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="coordination-load")
    def load(self) -> None:
        self.post_message(ActionsLoaded(case_actions(self.desk, self.case.id)))

    @on(ActionsLoaded)
    def _loaded(self, event: ActionsLoaded) -> None:
        self.lines = event.lines
        tz, now = self.desk.calendar.tz, self.desk.now()
        table = self.query_one(DataTable)
        table.clear()
        for x in self.lines:
            state = Text(f"{deadline.symbol(x.clock.state)} {deadline.word(x.clock.state)}",
                         style=deadline.rich_style(x.clock.state))
            table.add_row(str(x.number), label(x.clock.name), Text(x.owner), Text(x.what),
                          display.when(x.clock.due, tz, now), state,
                          Text(display.when(x.clock.met_at, tz, now) if x.clock.met_at else ""))
        self.query_one("#coordination-empty", Static).update(
            "" if self.lines else _("no action yet: press a to add the first"))

    def action_add(self) -> None:
        self.app.push_screen(ActionModal(self.desk, self.operator, ADD, self.case), self._acted)

    def action_done(self) -> None:
        table = self.query_one(DataTable)
        line = self.lines[table.cursor_row] if self.lines and 0 <= table.cursor_row < len(self.lines) else None
        if line is None or line.clock.name is not ClockName.action:
            self.notify(_("highlight an action to record it done (a follow-up is checked with deskapp followup)"),
                        severity="warning", markup=False)
            return
        if line.done:
            self.notify(_("action {number} is already done").format(number=line.number), severity="warning",
                        markup=False)
            return
        self.app.push_screen(ActionModal(self.desk, self.operator, done_action(line.number), self.case), self._acted)

    def _acted(self, view: CaseView | None) -> None:
        if view is not None:
            self.case = view.case  # the version the next step is checked against
            self.load()

    def action_close(self) -> None:
        self.dismiss(None)
