"""The desk's actions on one case, each in a small modal that asks only what that action needs.

Every action goes through its workflow service in a worker. A refusal is shown beside the field it
is about (or above the fields when it is about the case), and what the operator typed stays.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static

from deskapp.desk.operation import may
from deskapp.domain.errors import Conflict, DeskError
from deskapp.i18n import N_, _
from deskapp.models import Case
from deskapp.reads.queue import Directory, directory
from deskapp.reads.views import CaseView
from deskapp.screens.action_table import Action, Values, action_title, choices_for, chosen
from deskapp.screens.error_dialog import PassesOnWorkerFailures
from deskapp.screens.offered import OffersOnlyPermitted
from deskapp.store.context import Desk
from deskapp.widgets.quick_select import QuickSelect
from deskapp.words.widths import clip


@dataclass
class NamesLoaded(Message, bubble=False):
    names: Directory


@dataclass
class ActionAnswered(Message, bubble=False):
    """The service's answer: the case as it now stands, or its refusal."""

    view: CaseView | None
    refusal: DeskError | None = None


@dataclass
class MayAct(Message, bubble=False):
    """Whether this operator may take the action on the case, asked before asking them anything."""

    action: Action
    case: Case
    refusal: str | None


@dataclass
class ActedAtOnce(Message, bubble=False):
    action: Action
    view: CaseView | None
    refusal: str | None = None


class ActionModal(PassesOnWorkerFailures, ModalScreen[CaseView | None]):
    """Asks for one action's details and carries it out; dismissed with the case as it now stands."""

    # Opened from the queue and the case detail alike; its styles sit with the queue's.
    CSS_PATH = Path(__file__).parent / "queue.tcss"
    BINDINGS = [
        Binding("escape", "cancel", N_("Cancel"), id="case_action.cancel", tooltip=N_("Leave the case as it is")),
        Binding("ctrl+s", "submit", N_("Save"), id="case_action.save", tooltip=N_("Carry out the action on the case")),
    ]

    def __init__(self, desk: Desk, operator: str | None, action: Action, case: Case):
        super().__init__()
        self.desk = desk
        self.operator = operator
        self.action = action
        self.case_id = case.id
        self.version: int | None = case.version
        self.summary = " · ".join(x for x in (case.who, case.what) if x)
        self.armed = False  # a confirming action has been asked once

    def compose(self) -> ComposeResult:
        with Vertical(id="action-box"):
            yield Static(action_title(self.action, self.case_id), id="action-title", markup=False)
            yield Static(clip(self.summary, 68), id="action-summary", markup=False)  # in cells: the box is 68 wide
            yield Static("", id="action-error", classes="error", markup=False)
            for ask in self.action.asks:
                yield Label(_(ask.label), classes="ask-label", markup=False)
                if ask.choices:
                    yield QuickSelect(choices_for(ask.choices, None), id=f"ask-{ask.name}", allow_blank=True,
                                      prompt=_("choose…") if not ask.optional else _("(none)"))
                else:
                    yield Input(id=f"ask-{ask.name}")
                yield Static("", id=f"error-{ask.name}", classes="error field-error", markup=False)
            yield Static("", id="action-confirm", classes="confirm", markup=False)
            yield Static(_("Enter or Ctrl+S to save · Esc to cancel"), classes="hint", markup=False)

    def on_mount(self) -> None:
        if any(a.choices in ("departments", "staff") for a in self.action.asks):
            self.load_names()

    @work(thread=True, exclusive=True, exit_on_error=False, group="names")
    def load_names(self) -> None:
        self.post_message(NamesLoaded(directory(self.desk)))

    @on(NamesLoaded)
    def _show_names(self, event: NamesLoaded) -> None:
        for ask in self.action.asks:
            if ask.choices in ("departments", "staff"):
                self.query_one(f"#ask-{ask.name}", Select).set_options(choices_for(ask.choices, event.names))

    def values(self) -> Values:
        found = {}
        for ask in self.action.asks:
            widget = self.query_one(f"#ask-{ask.name}")
            value = widget.value
            found[ask.name] = "" if value is Select.NULL or value is None else str(value)
        return found

    @on(Input.Submitted)
    @on(QuickSelect.Submitted)  # Enter on a list (the department) saves too, as the hint says
    def _submitted(self) -> None:
        self.action_submit()

    @on(Input.Changed)
    @on(Select.Changed)
    def _edited(self) -> None:
        self._clear_errors()  # a refusal speaks of what was there before: the new answer may be fine
        # A changed answer needs confirming afresh.
        if self.armed:
            self.armed = False
            self.query_one("#action-confirm", Static).update("")

    def action_submit(self) -> None:
        self._clear_errors()
        if self.action.confirm and not self.armed:
            self.armed = True
            self.query_one("#action-confirm", Static).update(
                _("{action} case {number}? It stays on record but nothing more can be done to it. "
                  "Press Enter again to confirm, Esc to cancel.").format(action=_(self.action.title), number=self.case_id)
            )
            return
        self.perform(self.values())

    def action_cancel(self) -> None:
        self.dismiss(None)

    @work(thread=True, exclusive=True, exit_on_error=False, group="action")
    def perform(self, values: Values) -> None:
        try:
            view = self.action.run(self.desk, self.case_id, self.operator, values, self.version)
        except DeskError as refusal:
            self.post_message(ActionAnswered(None, refusal))
            return
        self.post_message(ActionAnswered(view))

    @on(ActionAnswered)
    def _answered(self, event: ActionAnswered) -> None:
        if event.refusal is None:
            self.dismiss(event.view)
        else:
            self._refused(event.refusal)

    def _refused(self, refusal: DeskError) -> None:
        if isinstance(refusal, Conflict):
            # The operator has been told; their next save applies to the case as it is now.
            self.version = None
        self.armed = False
        self.query_one("#action-confirm", Static).update("")
        names = {a.name for a in self.action.asks}
        target = f"#error-{refusal.field}" if refusal.field in names else "#action-error"
        self.query_one(target, Static).update(refusal.message)

    def _clear_errors(self) -> None:
        for box in self.query(".error"):
            box.update("")


class CaseActions(OffersOnlyPermitted, PassesOnWorkerFailures):
    """Mixin for a screen with a case in hand: the action keys, and launching an action on that case.

    The screen provides `desk`, `operator`, `case_in_hand()` (the Case, or None) and
    `after_action(view)` (refresh what it shows).
    """

    # The footer shows the everyday actions; validity, waiting and voiding are in the command palette
    # (ctrl+p, with their keys) and the keys panel: the footer has no room for all eight.
    ACTION_BINDINGS = [
        Binding("f", "case_action('forward')", N_("Forward"), id="case.forward",
                tooltip=N_("Forward the case to a department")),
        Binding("a", "case_action('acknowledge')", N_("Ack"), id="case.acknowledge",
                tooltip=N_("Acknowledge the case for its department")),
        Binding("e", "case_action('escalate')", N_("Escalate"), id="case.escalate",
                tooltip=N_("Escalate the case to a manager")),
        Binding("n", "case_action('note')", N_("Note"), id="case.note", tooltip=N_("Add a note to the case")),
        Binding("v", "case_action('validity')", N_("Validity"), id="case.validity", show=False,
                tooltip=N_("Say whether the complaint is valid")),
        Binding("p", "case_action('wait')", N_("Wait/Resume"), id="case.wait", show=False,
                tooltip=N_("Wait on the customer, or resume")),
        Binding("r", "case_action('resolve')", N_("Resolve"), id="case.resolve",
                tooltip=N_("Record how the case was resolved")),
        Binding("x", "case_action('void')", N_("Void"), id="case.void", show=False,
                tooltip=N_("Void a case recorded by mistake")),
        Binding("g", "case_action('confirm')", N_("Sign result"), id="case.confirm", show=False,
                tooltip=N_("The department's manager signs the result of a resolved complaint")),
        Binding("w", "case_action('arrive')", N_("Arrived"), id="case.arrive", show=False,
                tooltip=N_("The trade has reached the site of the repair")),
        Binding("l", "case_action('severity')", N_("Severity"), id="case.severity", show=False,
                tooltip=N_("Revise the complaint's severity, with the reason")),
        Binding("u", "case_action('notify')", N_("Manager called"), id="case.notify", show=False,
                tooltip=N_("Record a manager called about the case, later than at intake")),
        Binding("b", "case_action('chase')", N_("Chase"), id="case.chase", show=False,
                tooltip=N_("The caller called again, or a supervisor presses the department: record a chase")),
    ]
    @staticmethod
    def step_of(name: str, case: Case) -> str:
        return chosen(name, case).name

    def action_case_action(self, name: str) -> None:
        self.run_action(name)

    def run_action(self, name: str) -> None:
        case = self.case_in_hand()
        if case is None:
            self.notify(_("no case is selected"), severity="warning")
            return
        action = chosen(name, case)
        if not action.asks:
            self._run_at_once(action, case.id, case.version)
            return
        self._ask_if_allowed(name, action, case)

    @work(thread=True, exit_on_error=False, group="case-action")
    def _ask_if_allowed(self, name: str, action: Action, case) -> None:
        """Refuse at once what this operator may not do, before asking them for a reason."""
        self.post_message(MayAct(action, case, may(self.desk, self.operator, action.name, case.id)))

    def on_may_act(self, event: MayAct) -> None:
        if event.refusal:
            self.notify(event.refusal, title=_refused_title(event.action), severity="error", markup=False)
            return
        self.app.push_screen(ActionModal(self.desk, self.operator, event.action, event.case),
                             lambda view: self._acted(event.action, view))

    @work(thread=True, exit_on_error=False, group="case-action")
    def _run_at_once(self, action: Action, case_id: int, version: int) -> None:
        """An action with nothing to ask (acknowledge): done at once, a refusal notified."""
        try:
            view = action.run(self.desk, case_id, self.operator, {}, version)
        except DeskError as refusal:
            self.post_message(ActedAtOnce(action, None, refusal.message))
            return
        self.post_message(ActedAtOnce(action, view))

    def on_acted_at_once(self, event: ActedAtOnce) -> None:
        if event.refusal:
            self.notify(event.refusal, title=_refused_title(event.action), severity="error", markup=False)
        else:
            self._acted(event.action, event.view)

    def _acted(self, action: Action, view: CaseView | None) -> None:
        if view is None:
            return
        self.notify(_(action.done).format(number=view.case.id), markup=False)
        self.after_action(view)


def _refused_title(action: Action) -> str:
    return _("{action} refused").format(action=_(action.title))
