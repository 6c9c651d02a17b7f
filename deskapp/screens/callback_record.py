"""Recording one callback attempt, with the call script beside it."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, RadioButton, RadioSet, Static

from deskapp.desk.callbacks import record_callback
from deskapp.domain.enums import AttemptResult, CallbackMethod, Confirmation, Kind, Satisfaction
from deskapp.domain.errors import DeskError
from deskapp.domain.timeparse import TimeError, parse_time
from deskapp.i18n import N_, _
from deskapp.reads.callback_list import CallbackItem
from deskapp.screens.error_dialog import PassesOnWorkerFailures
from deskapp.store.context import Desk
from deskapp.words import display
from deskapp.words.labels import label

# The choices, in the order they are offered, by their labels ('no answer' / '无人接听').
RESULTS = [AttemptResult.reached, AttemptResult.no_answer, AttemptResult.busy, AttemptResult.wrong_number,
           AttemptResult.call_later]
SATISFACTION = [Satisfaction.satisfied, Satisfaction.partly, Satisfaction.unsatisfied]


def satisfaction_choice(level: Satisfaction) -> str:
    """'satisfied'; 'not satisfied (reopens the case)': the operator is told what the answer does."""
    if level is Satisfaction.unsatisfied:
        return _("{satisfaction} (reopens the case)").format(satisfaction=label(level))
    return label(level)


def call_script(item: CallbackItem, desk: Desk) -> Text:
    """What the caller needs to speak to the customer without opening the case."""
    c, tz = item.case, desk.calendar.tz
    text = Text()

    def line(heading: str, value: str) -> None:
        text.append(f"{heading}\n", style="bold")
        text.append(f"{value}\n\n")

    line(_("Customer"), " · ".join(x for x in (c.who, c.company, c.which, c.phone) if x))
    what = _("{what} ({how})").format(what=c.what, how=c.how) if c.how else c.what
    line(_("Reported {time}").format(time=display.when(c.received_at, tz)), what)
    done = c.outcome
    if c.resolved_at:
        done += "\n" + _("by {name}, {time}").format(name=item.resolved_by, time=display.when(c.resolved_at, tz))
    line(_("What was done"), done)
    line(_("Who calls"), _("; ").join(str(caller) for caller in item.callers))
    method = label(item.callback.method)
    if item.callback.method is CallbackMethod.on_site:
        method = _("{method}: ask the customer to sign the record").format(method=method)
    if item.attempts:
        method = _("{method}; attempts so far: {n}").format(method=method, n=item.attempts)
    line(_("Method"), method)
    return text


@dataclass
class CallbackAnswered(Message, bubble=False):
    refusal: str | None = None  # None: recorded


class RecordCallback(PassesOnWorkerFailures, ModalScreen[bool]):
    """One attempt: how the call went, and if the customer was reached, what they said."""

    BINDINGS = [
        Binding("escape", "cancel", N_("Back"), id="callback_record.back",
                tooltip=N_("Back to the callbacks, nothing recorded")),
        Binding("ctrl+s", "save", N_("Save"), id="callback_record.save", tooltip=N_("Record this callback attempt")),
    ]

    def __init__(self, desk: Desk, item: CallbackItem, operator: str | None):
        super().__init__()
        self.desk = desk
        self.item = item
        self.operator = operator

    def compose(self) -> ComposeResult:
        on_site = self.item.callback.method is CallbackMethod.on_site
        with Horizontal(id="record"):
            yield Static(call_script(self.item, self.desk), id="script")
            with Vertical(id="answers"):
                yield Label(_("Callback for case {number}").format(number=self.item.case.id), classes="title",
                            markup=False)
                yield Label(_("How did the call go?"), markup=False)
                with RadioSet(id="attempt-result"):
                    for result in RESULTS:
                        yield RadioButton(label(result), name=result.value)
                yield Input(placeholder=_("when to call again: 18:30, tomorrow 9 ..."), id="later")
                yield Label("", id="later-parsed", classes="hint", markup=False)
                yield Label(_("Was the customer satisfied?"), id="satisfaction-label", markup=False)
                with RadioSet(id="satisfaction"):
                    for level in SATISFACTION:
                        yield RadioButton(satisfaction_choice(level), name=level.value)
                if on_site:
                    yield Label(_("Did the customer sign the visit record?"), id="signed-label", markup=False)
                    with RadioSet(id="signed"):
                        yield RadioButton(_("Signed"), name="yes")
                        yield RadioButton(_("Did not sign"), name="no")
                yield Input(placeholder=_("what the customer said (not satisfied: the corrective action)"), id="note")
                if self.item.case.kind is Kind.complaint and not on_site:
                    # Asked on every complaint callback; on a visit the signature above is the answer.
                    yield Label(_("How did the customer confirm?"), id="confirmation-label", markup=False)
                    with RadioSet(id="confirmation"):
                        for how in (Confirmation.phone, Confirmation.refused):
                            yield RadioButton(label(how), name=how.value)
                names = [caller.name for caller in self.item.callers if caller.name]
                if names:
                    yield Label(_("Who made the callback (tick each one present)"), id="callers-label", markup=False)
                    for name in names:
                        yield Checkbox(name, value=name == self.operator, name=name, classes="caller")
                yield Static("", id="error", classes="error", markup=False)
                with Horizontal(classes="buttons"):
                    yield Button(_("Save (ctrl+s)"), variant="primary", id="save")
                    yield Button(_("Back (esc)"), id="cancel")

    def on_mount(self) -> None:
        self._show_fields()
        self.query_one("#attempt-result", RadioSet).focus()

    @on(RadioSet.Changed)
    def _changed(self) -> None:
        self._show_fields()
        self.query_one("#error", Static).update("")

    @on(Input.Changed, "#later")
    def _later_typed(self, event: Input.Changed) -> None:
        hint = self.query_one("#later-parsed", Label)
        if not event.value.strip():
            hint.update("")
            return
        try:
            when = parse_time(event.value, self.desk.calendar.tz, self.desk.now())
            hint.update(f"→ {display.when(when, self.desk.calendar.tz)}")
        except TimeError as e:
            hint.update(str(e))

    def _show_fields(self) -> None:
        result = self._chosen("#attempt-result")
        reached = result == AttemptResult.reached.value
        self.query_one("#later").display = result == AttemptResult.call_later.value
        self.query_one("#later-parsed").display = result == AttemptResult.call_later.value
        for selector in ("#satisfaction", "#satisfaction-label", "#signed", "#signed-label", "#confirmation",
                         "#confirmation-label"):
            for widget in self.query(selector):
                widget.display = reached

    def _chosen(self, selector: str) -> str | None:
        found = self.query(selector)
        if not found:
            return None
        pressed = found.first(RadioSet).pressed_button
        return pressed.name if pressed is not None else None

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        error = self.query_one("#error", Static)
        result = self._chosen("#attempt-result")
        if result is None:
            error.update(_("choose how the call went"))
            return
        later = None
        if result == AttemptResult.call_later.value:
            try:
                later = parse_time(self.query_one("#later", Input).value, self.desk.calendar.tz, self.desk.now())
            except TimeError as e:
                error.update(_("when to call again: {problem}").format(problem=e))
                return
        satisfaction = self._chosen("#satisfaction") if result == AttemptResult.reached.value else None
        signed = self._chosen("#signed")
        how = self._chosen("#confirmation") if result == AttemptResult.reached.value else None
        present = [box.name for box in self.query(".caller").results(Checkbox) if box.value]
        self.save(
            AttemptResult(result),
            Satisfaction(satisfaction) if satisfaction else None,
            self.query_one("#note", Input).value,
            None if signed is None or result != AttemptResult.reached.value else signed == "yes",
            later,
            present or None,
            Confirmation(how) if how else None,
        )

    @work(thread=True, exclusive=True, exit_on_error=False)
    def save(self, result, satisfaction, note, signed, later, present=None, confirmation=None) -> None:
        try:
            record_callback(self.desk, self.item.case.id, result, satisfaction, note, signed, later, by=self.operator,
                            callers=present, confirmation=confirmation)
        except DeskError as e:
            self.post_message(CallbackAnswered(e.message))
            return
        self.post_message(CallbackAnswered())

    @on(CallbackAnswered)
    def _answered(self, event: CallbackAnswered) -> None:
        if event.refusal is None:
            self.dismiss(True)
        else:
            self.query_one("#error", Static).update(event.refusal)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)
