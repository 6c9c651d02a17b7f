"""One case in full: every field, every clock with how it was computed, and its whole history.

The same actions as in the queue are at hand here; each one is a history event, shown on return.
"""

from __future__ import annotations

from pathlib import Path

from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from deskapp import display
from deskapp.commands import CaseCommands
from deskapp.desk.context import Desk
from deskapp.desk.errors import DeskError
from deskapp.desk.queries import CaseDetail, HistoryLine, case_detail
from deskapp.desk.queue import Marker, QueueLine, line_at, load_cases, probe
from deskapp.models import Case
from deskapp.screens.actions import CaseActions
from deskapp.widgets.deadline import badge, left_text
from deskapp.screens.delivery import if_open

TICK_SECONDS = 1.0
PROBE_SECONDS = 2.0


class CaseDetailScreen(CaseActions, Screen):
    CSS_PATH = Path(__file__).parent / "case_detail.tcss"
    COMMANDS = {CaseCommands}
    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="detail-back"), *CaseActions.ACTION_BINDINGS]

    def __init__(self, desk: Desk, case_id: int, operator: str | None = None):
        super().__init__()
        self.desk = desk
        self.case_id = case_id
        self.operator = operator
        self.detail: CaseDetail | None = None
        self.line: QueueLine | None = None
        self.marker: Marker | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="detail"):
            yield Static(f"Case {self.case_id}: loading…", id="detail-title", markup=False)
            yield Static("", id="detail-fields", markup=False)
            yield Static("Clocks", classes="heading")
            yield Static("", id="detail-clocks", markup=False)
            yield Static("History", classes="heading")
            yield Static("", id="detail-history", markup=False)
            yield Static("", id="detail-callbacks", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.title = f"Case {self.case_id}"
        self.load()
        self.set_interval(TICK_SECONDS, self.tick)
        self.set_interval(PROBE_SECONDS, self.check_for_changes)

    @if_open
    @work(thread=True, exclusive=True, group="detail-load")
    def load(self) -> None:
        try:
            marker = probe(self.desk)
            detail = case_detail(self.desk, self.case_id)
            entry = load_cases(self.desk, [self.case_id])[0]
        except DeskError as refusal:
            self.app.call_from_thread(self._missing, refusal.message)
            return
        self.app.call_from_thread(self.show, detail, entry, marker)

    @if_open
    @work(thread=True, exclusive=True, group="detail-probe")
    def check_for_changes(self) -> None:
        if self.marker is not None and probe(self.desk) != self.marker:
            self.app.call_from_thread(self.load)

    @if_open
    def _missing(self, message: str) -> None:
        self.query_one("#detail-title", Static).update(Text(message, style="bold red"))

    @if_open
    def show(self, detail: CaseDetail, entry, marker: Marker) -> None:
        self.detail, self.marker = detail, marker
        self._ticked_at = self.desk.now()
        self.line = line_at(entry, self.desk.policy, self.desk.calendar, self._ticked_at)
        c, view = detail.view.case, detail.view
        kind = c.kind.value + (f" ({c.severity.value})" if c.severity else "")
        self.query_one("#detail-title", Static).update(
            Text.assemble((f"Case {c.id}", "bold"), f" · {kind} · {c.status.value.replace('_', ' ')} · ",
                          (f"owner {view.owner}", "italic"))
        )
        self.query_one("#detail-fields", Static).update(self._fields_table(detail))
        self.query_one("#detail-history", Static).update(self._history_table(detail.history))
        self.query_one("#detail-callbacks", Static).update(self._callbacks_text(detail))
        self._show_clocks()

    @if_open
    def tick(self) -> None:
        """Recompute this case's clocks in memory, once a second; nothing is read."""
        if self.line is None:
            return
        now = self.desk.now()
        # A clock set back (a test, a corrected machine clock) calls for a fresh look too.
        if self.line.recheck_at <= now or now < self._ticked_at:
            self.line = line_at(self.line.entry, self.desk.policy, self.desk.calendar, now)
            self._show_clocks()
        self._ticked_at = now

    # ---- what is shown ------------------------------------------------------------------------------

    def _fields_table(self, detail: CaseDetail) -> Table:
        view, tz, now = detail.view, self.desk.calendar.tz, self.desk.now()
        c = view.case
        where = " ".join(x for x in (c.building, c.floor and f"{c.floor}F", c.unit) if x)
        rows = (
            ("Kind", c.kind.value + (f", {c.severity.value}" if c.severity else "")),
            ("Channel", c.channel.value),
            ("Category", c.category),
            ("Who", ", ".join(x for x in (c.who, c.company) if x)),
            ("Phone", c.phone),
            ("Received", display.when(c.received_at, tz, now) + (" (after hours)" if c.after_hours else "")),
            ("Which", c.which + (f" ({where})" if where and where != c.which else "")),
            ("What", c.what),
            ("Why", c.why),
            ("How", c.how),
            ("Special requests", c.special_requests),
            ("Appointment", display.when(c.appointment_at, tz, now)),
            ("Requested by", display.when(c.requested_by, tz, now)),
            ("Promised by", display.when(c.promised_by, tz, now)),
            ("Owner", view.owner),
            ("Responsible", " / ".join(x for x in (view.department, view.assignee) if x)),
            ("Escalated", display.when(c.escalated_at, tz, now)),
            ("Waiting since", display.when(c.paused_since, tz, now)),
            ("Validity", c.validity.value + (f": {c.validity_reason}" if c.validity_reason else "")),
            ("Outcome", c.outcome),
            ("Reopened", f"{c.reopen_count} time(s)" if c.reopen_count else ""),
            ("Flagged", c.flagged),
            ("Voided", c.void_reason),
        )
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column()
        for label, value in rows:
            if value:
                grid.add_row(label, Text(str(value)))  # Text: what the caller said is never markup
        return grid

    def _show_clocks(self) -> None:
        line, tz, now = self.line, self.desk.calendar.tz, self.desk.now()
        table = Table(box=None, padding=(0, 1), header_style="bold")
        for heading in ("clock", "state", "due", "left", "how it was computed"):
            table.add_column(heading, no_wrap=heading != "how it was computed")
        for clock in line.clocks:
            morning = line.awaiting_morning and clock is line.next
            met = f"met {display.when(clock.met_at, tz, now)}" if clock.met_at else ""
            table.add_row(clock.name.value, badge(clock, morning, name=False), display.when(clock.due, tz, now),
                          left_text(clock, morning) if clock.running else Text(met, style="dim"),
                          Text(display.explain(clock, tz), style="dim"))
        if not line.clocks:
            table.add_row("–", Text("no clock runs for this case", style="dim"), "", "", "")
        self.query_one("#detail-clocks", Static).update(table)

    def _history_table(self, history: tuple[HistoryLine, ...]) -> Table:
        tz, now = self.desk.calendar.tz, self.desk.now()
        table = Table(box=None, padding=(0, 1), header_style="bold")
        for heading in ("when", "who", "what", "changed"):
            table.add_column(heading, no_wrap=heading != "changed")
        for h in history:
            when = display.when(h.at, tz, now)
            if abs((h.recorded_at - h.at).total_seconds()) >= 60:
                when += f" (recorded {display.when(h.recorded_at, tz, now)})"
            changed = display.changes(h.changes, h.action, tz)
            detail = "\n".join(x for x in (h.note, changed) if x)
            table.add_row(when, Text(h.actor), h.action, Text(detail))
        return table

    def _callbacks_text(self, detail: CaseDetail) -> Text:
        tz, now = self.desk.calendar.tz, self.desk.now()
        text = Text()
        for cb in detail.callbacks:
            done = f"done {display.when(cb.done_at, tz, now)}" if cb.done_at else "to do"
            satisfied = f", {cb.satisfaction.value}" if cb.satisfaction else ""
            text.append(f"Callback round {cb.round} ({cb.method.value.replace('_', ' ')}, by {cb.callers or 'the desk'}): "
                        f"due {display.when(cb.due_at, tz, now)}, {done}{satisfied}\n")
        return text

    # ---- the case in hand -----------------------------------------------------------------------------

    def case_in_hand(self) -> Case | None:
        return self.detail.view.case if self.detail else None

    def after_action(self, view) -> None:
        self.load()
