"""Shift handover: the summary of the shift that is ending, the outgoing operator's notes, and the
incoming operator's acknowledgement. Past handovers reopen read-only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Header, Label, Static, TextArea

from deskapp.desk.handover import acknowledge_handover, hand_over
from deskapp.domain.enums import Counting
from deskapp.domain.errors import DeskError
from deskapp.domain.shifts import ShiftSpan, next_span, previous_span, span_at
from deskapp.i18n import N_, _
from deskapp.reads.shift_summary import (
    HandoverRecord,
    handovers,
    shift_summary,
    summary_sections,
)
from deskapp.screens.error_dialog import PassesOnWorkerFailures
from deskapp.screens.handover_read import TakeOver
from deskapp.screens.readback import ConfirmScreen
from deskapp.store.context import Desk
from deskapp.widgets.footer import DeskFooter
from deskapp.words import deadline, display
from deskapp.words.labels import shift_label
from deskapp.words.shifts import span_label

# A handover written longer than this before its shift ends is an early one: asked, and said so.
EARLY = timedelta(hours=1)
# How many past handovers the list offers to reopen.
_PAST = 50

Sections = list[tuple[str, list[str]]]
PAST_HEADINGS = (N_("shift"), N_("out"), N_("written"), N_("in"), N_("acknowledged"))


def sections_text(sections: Sections) -> Text:
    text = Text()
    for title, lines in sections:
        text.append(f"{title}\n", style="bold")
        for line in lines or ["—"]:
            text.append(f"  {line}\n")
        text.append("\n")
    return text


def record_status(record: HandoverRecord, tz) -> Text:
    def when(t: datetime) -> str:
        return display.when(t, tz)

    text = Text(_("handed over by {name} at {time}").format(name=record.outgoing, time=when(record.written_at)))
    if record.end - record.written_at > EARLY:  # said wherever the handover is read, not only when written
        text.append(" " + _("({left} before the shift's end)").format(
            left=deadline.amount(record.end - record.written_at, Counting.wall)), style="yellow")
    text.append("\n")
    if record.acknowledged_at:
        text.append(_("acknowledged by {name} at {time}").format(name=record.incoming, time=when(record.acknowledged_at)),
                    style="green")
    else:
        text.append(_("not yet acknowledged"), style="bold yellow")
    return text


@dataclass
class HandoverLoaded(Message, bubble=False):
    shift: ShiftSpan
    records: list[HandoverRecord]
    current: HandoverRecord | None
    sections: Sections


@dataclass
class HandoverWritten(Message, bubble=False):
    """A handover written or acknowledged (`done` says which, in words), or refused."""

    done: str = ""
    refusal: DeskError | None = None
    beside_notes: bool = True  # a refusal of the notes is shown beside them; of an acknowledgement, notified


class HandoverScreen(PassesOnWorkerFailures, Screen):
    CSS_PATH = "handover.tcss"
    BINDINGS = [
        Binding("ctrl+s", "hand_over", N_("Hand over"), id="handover.hand_over", priority=True,
                tooltip=N_("Save the handover for the next shift")),
        Binding("ctrl+g", "acknowledge", N_("Acknowledge handover"), id="handover.acknowledge", priority=True,
                tooltip=N_("Say you have read the handover left for you")),
        Binding("ctrl+b", "shift(-1)", N_("Earlier shift"), id="handover.earlier_shift", priority=True,
                tooltip=N_("The shift before this one")),
        Binding("ctrl+n", "shift(1)", N_("Later shift"), id="handover.later_shift", priority=True,
                tooltip=N_("The shift after this one")),
        Binding("escape", "app.pop_screen", N_("Back"), id="handover.back", tooltip=N_("Back to the shift's screen")),
    ]

    def __init__(self, desk: Desk, operator: str | None, shift: ShiftSpan | None = None):
        super().__init__()
        self.desk = desk
        self.operator = operator
        self.shift = shift or span_at(desk.calendar, desk.now())  # the shift that is ending
        self.records: list[HandoverRecord] = []
        self.current: HandoverRecord | None = None  # the shown shift's handover, once written
        self.pending: HandoverRecord | None = None  # the newest one waiting for someone else's acknowledgement

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="handover-shift")
        yield Static("", id="handover-pending")
        with Horizontal(id="handover-body"):
            with VerticalScroll(id="handover-summary"):
                yield Static(_("loading…"), id="summary-text", markup=False)
            with Vertical(id="handover-side"):
                yield Label(_("Notes for the incoming operator"), markup=False)
                yield TextArea(id="handover-notes", soft_wrap=True)
                yield Static("", id="notes-error")
                yield Static("", id="handover-status")
        yield Label(_("Past handovers (enter to reopen)"), id="past-title", markup=False)
        yield DataTable(id="handover-past", cursor_type="row", zebra_stripes=True)
        yield DeskFooter()

    def on_mount(self) -> None:
        self.title = _("Handover")
        self.query_one(DataTable).add_columns(*(_(heading) for heading in PAST_HEADINGS))
        self.load()

    # -- reading ----------------------------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="handover-load")
    def load(self) -> None:
        shift = self.shift
        records = handovers(self.desk, _PAST)
        current = next((r for r in records if (r.start, r.end) == (shift.start, shift.end)), None)
        sections = current.sections if current else summary_sections(
            shift_summary(self.desk, shift.start, shift.end), self.desk.calendar.tz)
        self.post_message(HandoverLoaded(shift, records, current, sections))

    @on(HandoverLoaded)
    def _loaded(self, event: HandoverLoaded) -> None:
        self.show(event.shift, event.records, event.current, event.sections)

    def show(self, shift: ShiftSpan, records: list[HandoverRecord], current: HandoverRecord | None,
             sections: Sections) -> None:
        if shift != self.shift:  # the operator moved on to another shift meanwhile
            return
        tz = self.desk.calendar.tz
        self.records, self.current = records, current
        me = (self.operator or "").lower()
        self.pending = next((r for r in records if r.acknowledged_at is None and r.outgoing.lower() != me), None)
        now = self.desk.now()
        if shift.start <= now < shift.end:
            when = _("{shift}  (ending)")
        elif shift.end <= now:
            when = _("{shift}  (past)")
        else:
            when = _("{shift}  (to come)")
        self.query_one("#handover-shift", Static).update(Text(when.format(shift=span_label(shift, tz)), style="bold"))
        pending = self.query_one("#handover-pending", Static)
        pending.set_class(self.pending is not None, "shown")
        if self.pending:
            p = self.pending
            pending.update(Text(_("to be acknowledged: {shift} {day}, handed over by {name} at {time} "
                                  "(ctrl+g to acknowledge)").format(
                shift=shift_label(p.shift), day=display.day(p.start, tz), name=p.outgoing,
                time=f"{p.written_at.astimezone(tz):%H:%M}")))
        self.query_one("#summary-text", Static).update(sections_text(sections))
        notes = self.query_one("#handover-notes", TextArea)
        if current:
            notes.load_text(current.notes)
            notes.read_only = True
            self.query_one("#handover-status", Static).update(record_status(current, tz))
        else:
            notes.read_only = False
            self.query_one("#handover-status", Static).update(Text(_("not handed over yet (ctrl+s)"), style="dim"))
        self._fill_past(records)

    def _fill_past(self, records: list[HandoverRecord]) -> None:
        tz = self.desk.calendar.tz
        table = self.query_one(DataTable)
        table.clear()
        for r in records:
            table.add_row(
                Text(f"{shift_label(r.shift, short=True)} {display.when(r.start, tz)}"),
                Text(r.outgoing),
                display.weekday_time(r.written_at, tz),
                Text(r.incoming or "—"),
                display.weekday_time(r.acknowledged_at, tz) if r.acknowledged_at else _("not yet"),
                key=str(r.id),
            )

    # -- choosing the shift -----------------------------------------------------------------

    def action_shift(self, step: int) -> None:
        calendar = self.desk.calendar
        self.shift = previous_span(calendar, self.shift) if step < 0 else next_span(calendar, self.shift)
        self.query_one("#notes-error", Static).update("")
        self.query_one("#summary-text", Static).update(_("loading…"))
        self.load()

    # -- writing ----------------------------------------------------------------------------

    def action_hand_over(self) -> None:
        if self.current is not None:
            self.notify(_("this shift is already handed over"), severity="warning")
            return
        shift, notes = self.shift, self.query_one("#handover-notes", TextArea).text
        left = shift.end - self.desk.now()
        if left <= EARLY:
            self.save(shift, notes)
            return
        tz = self.desk.calendar.tz
        question = _("Hand over {left} before the shift ends?").format(left=deadline.amount(left, Counting.wall))
        detail = _("The {shift} ends at {time}. The calls after the handover are the incoming operator's; "
                   "say in the notes why you hand over early.").format(
            shift=shift_label(shift.name), time=display.weekday_time(shift.end, tz))

        def answered(yes: bool | None) -> None:
            if yes:
                self.save(shift, notes)

        self.app.push_screen(ConfirmScreen(question, detail, yes=_("hand over now"), no=_("keep writing")), answered)

    @work(thread=True, exclusive=True, exit_on_error=False, group="handover-write")
    def save(self, shift: ShiftSpan, notes: str) -> None:
        try:
            hand_over(self.desk, shift.start, shift.end, notes, by=self.operator)
        except DeskError as e:
            self.post_message(HandoverWritten(refusal=e))
            return
        self.post_message(HandoverWritten(_("handed over; the incoming operator acknowledges it with ctrl+g")))

    def action_acknowledge(self) -> None:
        me = (self.operator or "").lower()
        target = self.current if self.current and self.current.acknowledged_at is None \
            and self.current.outgoing.lower() != me else self.pending
        if target is None:
            self.notify(_("no handover is there for you to acknowledge"), severity="warning")
            return

        def read(take_over: bool | None) -> None:  # counted only once the whole handover was on screen
            if take_over:
                self.acknowledge(target.id)

        self.app.push_screen(TakeOver(target, self.desk.calendar.tz), read)

    @work(thread=True, exclusive=True, exit_on_error=False, group="handover-write")
    def acknowledge(self, handover_id: int) -> None:
        try:
            record = acknowledge_handover(self.desk, handover_id, by=self.operator)
        except DeskError as e:
            self.post_message(HandoverWritten(refusal=e, beside_notes=False))
            return
        self.post_message(HandoverWritten(_("{shift} taken over by {name}").format(shift=shift_label(record.shift),
                                                                                 name=record.incoming)))

    @on(HandoverWritten)
    def _written(self, event: HandoverWritten) -> None:
        if event.refusal is None:
            self.saved(event.done)
        elif event.beside_notes:
            self.refused(event.refusal)
        else:
            self.notify(event.refusal.message, severity="error", markup=False)

    def refused(self, error: DeskError) -> None:
        # Shown beside the notes; what was typed stays in the field to be corrected.
        where = "#notes-error" if error.field in (None, "notes") else "#handover-status"
        self.query_one(where, Static).update(Text(error.message, style="bold red"))
        self.query_one("#handover-notes", TextArea).focus()

    def saved(self, message: str) -> None:
        self.query_one("#notes-error", Static).update("")
        self.notify(message, markup=False)
        self.load()

    # -- past handovers ---------------------------------------------------------------------

    @on(DataTable.RowSelected, "#handover-past")
    def reopen(self, event: DataTable.RowSelected) -> None:
        record = next((r for r in self.records if str(r.id) == event.row_key.value), None)
        if record is not None:
            self.app.push_screen(PastHandover(record, self.desk.calendar.tz))


class PastHandover(ModalScreen[None]):
    """One handover as it was written: its summary, notes, names and times. Nothing can be changed."""

    BINDINGS = [Binding("escape", "dismiss", N_("Close"), id="past_handover.close", tooltip=N_("Close this handover"))]

    def __init__(self, record: HandoverRecord, tz):
        super().__init__()
        self.record = record
        self.tz = tz

    def compose(self) -> ComposeResult:
        r = self.record
        shift = ShiftSpan(r.shift, r.start, r.end)
        with Vertical(id="past-handover"):
            yield Static(Text(span_label(shift, self.tz), style="bold"), id="past-shift")
            yield Static(record_status(r, self.tz), id="past-status")
            with VerticalScroll(id="past-summary"):
                yield Static(sections_text(r.sections), id="past-sections")
            yield Label(_("Notes"), markup=False)
            yield TextArea(r.notes, id="past-notes", read_only=True)
