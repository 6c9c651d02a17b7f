"""The major-complaint panel: who to call now, with their numbers; each call ticked is recorded."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

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
from deskapp.reads.callers import Manager
from deskapp.reads.manager_calls import ManagerCall, manager_calls
from deskapp.screens.error_dialog import PassesOnWorkerFailures, fault_words
from deskapp.store.context import Desk
from deskapp.widgets.footer import DeskFooter
from deskapp.words.labels import label


@dataclass
class ManagersLoaded(Message, bubble=False):
    calls: list[ManagerCall]


@dataclass
class CallRecorded(Message, bubble=False):
    manager: Manager
    box: CallRow
    refusal: str | None = None  # None: recorded


@dataclass
class AlreadyCalled(Message):
    row: CallRow


@dataclass
class CallRetracted(Message, bubble=False):
    row: CallRow
    after: ManagerCall | None = None  # the manager's calls once retracted (None: refused)
    refusal: str | None = None


class CallRow(Checkbox):
    """One manager: "☐ to call · …" or "✔ called 22:30 · …", so a tick reads in words, not in colour.

    Ticking a manager already called says so and records nothing: the call happened once."""

    BUTTON_LEFT = BUTTON_INNER = BUTTON_RIGHT = ""  # the symbol and word lead the label instead

    def __init__(self, manager: Manager, called_at: str | None, row_id: str, retracted: str | None = None) -> None:
        self.manager = manager
        self.called_at = called_at  # "22:30" once called
        self.retracted = retracted  # "22:30": a call ticked then, taken back as a mistake (deskapp notify --retract)
        self.saving = False  # a tick being recorded: a second Space must not send a second call
        super().__init__(self._words(), called_at is not None, id=row_id)

    def _words(self) -> Text:
        m = self.manager
        # The number before the department: on a narrow terminal the row's end is cut, never the number.
        who = " · ".join(x for x in (m.name, label(m.role), f"☎ {m.phone}", department_label(m.department)) if x)
        if self.called_at is None and self.retracted is not None:
            return Text(_("☐ to call · {manager} · the call ticked at {time} was retracted").format(
                manager=who, time=self.retracted))
        if self.called_at is None:
            return Text(_("☐ to call · {manager}").format(manager=who))
        return Text(_("✔ called {time} · {manager}").format(time=self.called_at, manager=who), style="bold")

    def toggle(self) -> CallRow:
        if self.saving:
            return self
        if self.called_at is not None:
            self.post_message(AlreadyCalled(self))
            return self
        self.saving = True
        return super().toggle()

    def mark_called(self, at: str) -> None:
        self.saving, self.called_at = False, at
        self.label = self._words()

    def untick(self) -> None:
        self.saving = False
        with self.prevent(Checkbox.Changed):
            self.value = False

    def mark_retracted(self, called_at: str | None, retracted: str | None) -> None:
        """After a retraction: still called (an earlier call stands), or to call again."""
        self.called_at, self.retracted = called_at, retracted
        if called_at is None:
            self.untick()
        self.label = self._words()


class EscalationScreen(PassesOnWorkerFailures, ModalScreen[int]):
    """Tick each manager as they are called; the desk records who, when and by whom.

    Returns how many calls were recorded. A tick is never deleted: one made by mistake is retracted
    with its reason (x), and stays in the history. The list opens with the managers already called
    for this case ticked, with when."""

    DEFAULT_CSS = """
    EscalationScreen { align: center middle; }
    EscalationScreen > Vertical { width: 90; height: auto; border: thick $error; padding: 1 2; background: $surface; }
    EscalationScreen #esc-title { color: $error; text-style: bold; margin-bottom: 1; }
    EscalationScreen Checkbox { border: none; padding: 0; height: 1; }
    EscalationScreen Checkbox:focus { border: none; background: $primary 30%; }
    EscalationScreen #esc-status { margin-top: 1; color: $text-muted; }
    """
    BINDINGS = [
        Binding("escape,ctrl+s", "done", N_("Done"), id="escalation.done", priority=True,
                tooltip=N_("Close the list of managers to call")),
        Binding("down", "app.focus_next", N_("Next"), id="escalation.next", show=False,
                tooltip=N_("The next manager on the list")),
        Binding("up", "app.focus_previous", N_("Previous"), id="escalation.previous", show=False,
                tooltip=N_("The previous manager on the list")),
        Binding("x", "retract", N_("Retract"), id="escalation.retract",
                tooltip=N_("Take back a call ticked by mistake, with the reason; it stays in the history")),
    ]

    def __init__(self, desk: Desk, case_id: int, operator: str | None) -> None:
        super().__init__()
        self.desk = desk
        self.case_id = case_id
        self.operator = operator
        self.recorded = 0
        self._ticks: dict[Worker, CallRow] = {}  # each call being recorded, and its row

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(_("Major complaint #{number}: call these managers now").format(number=self.case_id)),
                         id="esc-title")
            yield Vertical(id="esc-list")
            yield Static(Text(_("↑↓ move · Space or Enter ticks a manager as called · Esc when done")), id="esc-status")
        yield DeskFooter()

    def on_mount(self) -> None:
        self.load_managers()

    @work(thread=True, exclusive=True, exit_on_error=False, group="escalation-load")
    def load_managers(self) -> None:
        self.post_message(ManagersLoaded(manager_calls(self.desk, self.case_id)))

    @on(ManagersLoaded)
    def _show(self, event: ManagersLoaded) -> None:
        rows = [CallRow(c.manager, self._time(c.called_at) if c.called_at else None, f"m-{i}",
                        self._time(c.retracted_at) if c.retracted_at else None)
                for i, c in enumerate(event.calls)]
        self.query_one("#esc-list").mount_all(rows)
        first = next((r for r in rows if r.called_at is None), rows[0] if rows else None)
        if first is not None:
            first.focus()

    def _time(self, at: datetime) -> str:
        return f"{at.astimezone(self.desk.calendar.tz):%H:%M}"

    @on(Checkbox.Changed)
    def _ticked(self, event: Checkbox.Changed) -> None:
        row = event.checkbox
        if not event.value or not isinstance(row, CallRow):
            return
        self._ticks[self.record_call(row.manager, row)] = row
        self._focus_next(row)

    @on(AlreadyCalled)
    def _already(self, event: AlreadyCalled) -> None:
        self.query_one("#esc-status", Static).update(Text(_("{name} was already called at {time}; not recorded again").format(
            name=event.row.manager.name, time=event.row.called_at), "yellow"))

    def _focus_next(self, row: CallRow) -> None:
        rows = list(self.query(CallRow).results(CallRow))
        for later in rows[rows.index(row) + 1:]:
            if later.called_at is None and not later.saving:
                later.focus()
                return

    @work(thread=True, exit_on_error=False, group="escalation-notify")
    def record_call(self, manager: Manager, box: CallRow) -> None:
        try:
            workflow.notify(self.desk, self.case_id, manager.name, by=self.operator)
        except DeskError as e:
            self.post_message(CallRecorded(manager, box, e.message))
            return
        self.post_message(CallRecorded(manager, box))

    @on(CallRecorded)
    def _recorded(self, event: CallRecorded) -> None:
        if event.refusal is None:
            self._called(event.box)
        else:
            self._failed(event.box, event.refusal)

    @on(Worker.StateChanged)
    def _call_failed(self, event: Worker.StateChanged) -> None:
        """A call that could not be recorded (the app says why): its row unticks, to be ticked again."""
        box = self._ticks.pop(event.worker, None) if event.worker.is_finished else None
        if box is not None and event.state is WorkerState.ERROR:
            self._failed(box, fault_words(event.worker.error))

    def _called(self, row: CallRow) -> None:
        self.recorded += 1
        at = self._time(self.desk.now())
        row.mark_called(at)
        self.query_one("#esc-status", Static).update(Text(_("recorded: {name} called at {time} ({count} so far)").format(
            name=row.manager.name, time=at, count=self.recorded), "green"))

    def _failed(self, box: CallRow, message: str) -> None:
        box.untick()
        self.query_one("#esc-status", Static).update(Text(_("not recorded: {reason}").format(reason=message), "red"))

    def action_done(self) -> None:
        self.dismiss(self.recorded)

    def action_retract(self) -> None:
        row = self.focused
        if not isinstance(row, CallRow) or row.called_at is None:
            self.query_one("#esc-status", Static).update(Text(_("only a ticked call can be retracted"), "yellow"))
            return
        from deskapp.screens.retract_dialog import RetractDialog

        self.app.push_screen(RetractDialog(row.manager.name, row.called_at),
                             lambda reason: self.retract_call(row, reason) if reason else None)

    @work(thread=True, exit_on_error=False, group="escalation-retract")
    def retract_call(self, row: CallRow, reason: str) -> None:
        from deskapp.desk.manager_calls import retract_call

        try:
            retract_call(self.desk, self.case_id, row.manager.name, reason, by=self.operator)
        except DeskError as e:
            self.post_message(CallRetracted(row, refusal=e.message))
            return
        after = next((c for c in manager_calls(self.desk, self.case_id) if c.manager.name == row.manager.name), None)
        self.post_message(CallRetracted(row, after))

    @on(CallRetracted)
    def _retracted(self, event: CallRetracted) -> None:
        status = self.query_one("#esc-status", Static)
        if event.after is None:
            status.update(Text(_("not retracted: {reason}").format(reason=event.refusal or ""), "red"))
            return
        after = event.after
        event.row.mark_retracted(self._time(after.called_at) if after.called_at else None,
                                 self._time(after.retracted_at) if after.retracted_at else None)
        status.update(Text(_("retracted: the call to {name} is kept in the history as a mistake").format(
            name=event.row.manager.name), "green"))
