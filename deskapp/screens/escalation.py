"""The major-complaint panel: who to call now, with their numbers; each call ticked is recorded."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Static
from textual.worker import Worker, WorkerState

from deskapp.config.departments import department_label
from deskapp.desk import workflow
from deskapp.domain.errors import DeskError
from deskapp.i18n import N_, _
from deskapp.reads.callers import Manager, managers_to_call
from deskapp.screens.error_dialog import PassesOnWorkerFailures, fault_words
from deskapp.store.context import Desk
from deskapp.widgets.footer import DeskFooter
from deskapp.words.labels import label


@dataclass
class ManagersLoaded(Message, bubble=False):
    managers: list[Manager]


@dataclass
class CallRecorded(Message, bubble=False):
    manager: Manager
    box: Checkbox
    refusal: str | None = None  # None: recorded


class EscalationScreen(PassesOnWorkerFailures, ModalScreen[int]):
    """Tick each manager as they are called; the desk records who, when and by whom.

    Returns how many calls were recorded. A tick cannot be taken back: the call happened.
    """

    DEFAULT_CSS = """
    EscalationScreen { align: center middle; }
    EscalationScreen > Vertical { width: 90; height: auto; border: thick $error; padding: 1 2; background: $surface; }
    EscalationScreen #esc-title { color: $error; text-style: bold; margin-bottom: 1; }
    EscalationScreen Checkbox { border: none; padding: 0; height: 1; }
    EscalationScreen Checkbox:focus { border: none; background: $primary 30%; }
    EscalationScreen #esc-status { margin-top: 1; color: $text-muted; }
    """
    BINDINGS = [Binding("escape,ctrl+s", "done", N_("Done"), id="escalation.done", priority=True,
                        tooltip=N_("Close the list of managers to call"))]

    def __init__(self, desk: Desk, case_id: int, operator: str | None) -> None:
        super().__init__()
        self.desk = desk
        self.case_id = case_id
        self.operator = operator
        self.managers: list[Manager] = []
        self.recorded = 0
        self._ticks: dict[Worker, Checkbox] = {}  # each call being recorded, and its box

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(_("Major complaint #{number}: call these managers now").format(number=self.case_id)),
                         id="esc-title")
            yield Vertical(id="esc-list")
            yield Static(Text(_("Space or Enter ticks a manager as called · Esc when done")), id="esc-status")
        yield DeskFooter()

    def on_mount(self) -> None:
        self.load_managers()

    @work(thread=True, exclusive=True, exit_on_error=False, group="escalation-load")
    def load_managers(self) -> None:
        self.post_message(ManagersLoaded(managers_to_call(self.desk)))

    @on(ManagersLoaded)
    def _show(self, event: ManagersLoaded) -> None:
        self.managers = managers = event.managers
        boxes = [Checkbox(Text(" · ".join(x for x in (m.name, label(m.role), department_label(m.department), f"☎ {m.phone}") if x)),
                          False, id=f"m-{i}") for i, m in enumerate(managers)]
        self.query_one("#esc-list").mount_all(boxes)
        if boxes:
            boxes[0].focus()

    @on(Checkbox.Changed)
    def _ticked(self, event: Checkbox.Changed) -> None:
        if not event.value or event.checkbox.disabled:
            return
        event.checkbox.disabled = True  # one call, one record; no double tick while it is saved
        manager = self.managers[int(event.checkbox.id.removeprefix("m-"))]
        self._ticks[self.record_call(manager, event.checkbox)] = event.checkbox
        self._focus_next(event.checkbox)

    def _focus_next(self, box: Checkbox) -> None:
        boxes = list(self.query(Checkbox).results(Checkbox))
        for later in boxes[boxes.index(box) + 1:]:
            if not later.disabled:
                later.focus()
                return

    @work(thread=True, exit_on_error=False, group="escalation-notify")
    def record_call(self, manager: Manager, box: Checkbox) -> None:
        try:
            workflow.notify(self.desk, self.case_id, manager.name, by=self.operator)
        except DeskError as e:
            self.post_message(CallRecorded(manager, box, e.message))
            return
        self.post_message(CallRecorded(manager, box))

    @on(CallRecorded)
    def _recorded(self, event: CallRecorded) -> None:
        if event.refusal is None:
            self._called(event.manager)
        else:
            self._failed(event.box, event.refusal)

    @on(Worker.StateChanged)
    def _call_failed(self, event: Worker.StateChanged) -> None:
        """A call that could not be recorded (the app says why): its box untick, to be ticked again."""
        box = self._ticks.pop(event.worker, None) if event.worker.is_finished else None
        if box is not None and event.state is WorkerState.ERROR:
            self._failed(box, fault_words(event.worker.error))

    def _called(self, manager: Manager) -> None:
        self.recorded += 1
        at = f"{self.desk.now().astimezone(self.desk.calendar.tz):%H:%M}"
        self.query_one("#esc-status", Static).update(Text(_("recorded: {name} called at {time} ({count} so far)").format(
            name=manager.name, time=at, count=self.recorded), "green"))

    def _failed(self, box: Checkbox, message: str) -> None:
        box.disabled = False
        box.value = False
        self.query_one("#esc-status", Static).update(Text(_("not recorded: {reason}").format(reason=message), "red"))

    def action_done(self) -> None:
        self.dismiss(self.recorded)
