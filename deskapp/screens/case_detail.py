"""One case in full: every field, every clock with how it was computed, and its whole history.

The same actions as in the queue are at hand here; each one is a history event, shown on return.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header, Static

from deskapp.domain.enums import Role
from deskapp.domain.errors import DeskError
from deskapp.i18n import N_, NP_, _, ngettext, pgettext
from deskapp.models import Case
from deskapp.palette import CaseCommands
from deskapp.reads.queries import CaseDetail, HistoryLine, case_detail
from deskapp.reads.queue import (
    Marker,
    QueueEntry,
    QueueLine,
    line_at,
    load_cases,
    probe,
)
from deskapp.screens.actions import CaseActions
from deskapp.store.context import Desk
from deskapp.widgets.deadline import DEADLINE_CLASSES, badge, left_text
from deskapp.widgets.footer import DeskFooter
from deskapp.words import display
from deskapp.words.coordination import paid_text
from deskapp.words.deadline import LEFT_OR_LATE
from deskapp.words.history import event_words
from deskapp.words.incidents import incident_words
from deskapp.words.labels import action_label, label
from deskapp.words.wording import kind_words, listed

TICK_SECONDS = 1.0
PROBE_SECONDS = 2.0
CLOCK_HEADINGS = (N_("clock"), N_("state"), N_("due"), LEFT_OR_LATE, N_("how it was computed"))
# The history's columns, named as the command line names them: the action (操作), then what was
# said or changed (说明); "what" alone would read as the case's 5W1H What (事项).
HISTORY_HEADINGS = (NP_("case history", "when"), NP_("case history", "who"), NP_("case history", "what"),
                    NP_("case history", "changed"))


@dataclass
class DetailLoaded(Message, bubble=False):
    detail: CaseDetail | None
    entry: QueueEntry | None
    marker: Marker | None
    missing: str = ""  # the refusal when there is no such case


class DetailChanged(Message, bubble=False):
    """Something changed in the database since the case was read."""


class CaseDetailScreen(CaseActions, Screen):
    CSS_PATH = Path(__file__).parent / "case_detail.tcss"
    COMPONENT_CLASSES = DEADLINE_CLASSES
    COMMANDS = {CaseCommands}
    BINDINGS = [
        Binding("escape", "app.pop_screen", N_("Back"), id="case_detail.back",
                tooltip=N_("Back to the list you came from")),
        *CaseActions.ACTION_BINDINGS,
        Binding("c", "correct", N_("Correct"), id="case_detail.correct",
                tooltip=N_("Correct a field of the case, with the reason (kept in its history)")),
        Binding("m", "make_complaint", N_("Make a complaint"), id="case_detail.convert", show=False,
                tooltip=N_("The customer is still unhappy: make the case a complaint, keeping its history")),
        Binding("o", "new_owner", N_("New owner"), id="case_detail.reassign", show=False,
                tooltip=N_("Give the case another owner (supervisors)")),
        Binding("t", "work_order", N_("Actions"), id="case_detail.coordination", show=False,
                tooltip=N_("The coordination work order: its actions, who is responsible and by when")),
        Binding("i", "outside_party", N_("Outside party"), id="case_detail.outside_party", show=False,
                tooltip=N_("A complaint involves another unit or outside party: the customer is contacted within the policy's days")),
        Binding("d", "print_form", N_("Print"), id="case_detail.print", show=False,
                tooltip=N_("Print the case's paper record to sign: a PDF and an HTML copy in the prints folder")),
    ]

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
            yield Static(_("Case {number}: loading…").format(number=self.case_id), id="detail-title", markup=False)
            yield Static("", id="detail-fields", markup=False)
            yield Static(_("Clocks"), classes="heading", markup=False)
            yield Static("", id="detail-clocks", markup=False)
            yield Static(_("History"), classes="heading", markup=False)
            yield Static("", id="detail-history", markup=False)
            yield Static("", id="detail-callbacks", markup=False)
        yield DeskFooter()

    def on_mount(self) -> None:
        self.title = _("Case {number}").format(number=self.case_id)
        self.load()
        self.set_interval(TICK_SECONDS, self.tick)
        self.set_interval(PROBE_SECONDS, self.check_for_changes)

    @work(thread=True, exclusive=True, exit_on_error=False, group="detail-load")
    def load(self) -> None:
        try:
            marker = probe(self.desk)
            detail = case_detail(self.desk, self.case_id)
            entry = load_cases(self.desk, [self.case_id])[0]
        except DeskError as refusal:
            self.post_message(DetailLoaded(None, None, None, refusal.message))
            return
        self.post_message(DetailLoaded(detail, entry, marker))

    @work(thread=True, exclusive=True, exit_on_error=False, group="detail-probe")
    def check_for_changes(self) -> None:
        if self.marker is not None and probe(self.desk) != self.marker:
            self.post_message(DetailChanged())

    @on(DetailChanged)
    def _changed(self) -> None:
        self.load()

    @on(DetailLoaded)
    def _loaded(self, event: DetailLoaded) -> None:
        if event.detail is None:
            self.query_one("#detail-title", Static).update(Text(event.missing, style="bold red"))
        else:
            self.show(event.detail, event.entry, event.marker)

    def show(self, detail: CaseDetail, entry: QueueEntry, marker: Marker) -> None:
        self.detail, self.marker = detail, marker
        self._ticked_at = self.desk.now()
        self.line = line_at(entry, self.desk.policy, self.desk.calendar, self._ticked_at)
        c, view = detail.view.case, detail.view
        self.query_one("#detail-title", Static).update(
            Text.assemble((_("Case {number}").format(number=c.id), "bold"),
                          f" · {kind_words(c.kind, c.severity)} · {label(c.status)} · ",
                          (_("owner {name}").format(name=view.owner), "italic"))
        )
        self.query_one("#detail-fields", Static).update(self._fields_table(detail))
        self.query_one("#detail-history", Static).update(self._history_table(detail.history))
        self.query_one("#detail-callbacks", Static).update(self._callbacks_text(detail))
        self._show_clocks()

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
        where = " ".join(x for x in (c.building, c.floor and _("{floor}F").format(floor=c.floor), c.unit) if x)
        received = display.when(c.received_at, tz, now)
        rows = (
            (N_("Kind"), kind_words(c.kind, c.severity)),
            (N_("Channel"), label(c.channel)),
            (N_("Category"), c.category),
            (N_("Who"), _(", ").join(x for x in (c.who, c.company) if x)),
            (N_("Phone"), c.phone),
            (N_("Received"), _("{time} (after hours)").format(time=received) if c.after_hours else received),
            (N_("Which"), _("{which} ({where})").format(which=c.which, where=where) if where and where != c.which
             else c.which),
            (N_("What"), c.what),
            (N_("Why"), c.why),
            (N_("How"), c.how),
            (N_("Special requests"), c.special_requests),
            (N_("Appointment"), display.when(c.appointment_at, tz, now)),
            (N_("Requested by"), display.when(c.requested_by, tz, now)),
            (N_("Promised by"), display.when(c.promised_by, tz, now)),
            (N_("Owner"), view.owner),
            (N_("Responsible"), " / ".join(x for x in (view.department, view.assignee) if x)),
            (N_("Escalated"), display.when(c.escalated_at, tz, now)),
            (N_("Waiting since"), display.when(c.paused_since, tz, now)),
            (N_("Validity"), _("{validity}: {reason}").format(validity=label(c.validity), reason=c.validity_reason)
             if c.validity_reason else label(c.validity)),
            (N_("Outcome"), c.outcome),
            (N_("Work"), paid_text(c.paid, c.price_cents)),  # a repair's paid or free work (words/coordination.py)
            (N_("Chased"), ngettext("{n} time", "{n} times", c.chase_count).format(n=c.chase_count) if c.chase_count else ""),
            (N_("Incident"), incident_words(c.incident_id)),  # one call of a batch incident (words/incidents.py)
            (N_("Reopened"), ngettext("{n} time", "{n} times", c.reopen_count).format(n=c.reopen_count)
             if c.reopen_count else ""),
            (N_("Flagged"), c.flagged),
            (N_("Voided"), c.void_reason),
        )
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column()
        for name, value in rows:
            if value:
                grid.add_row(_(name), Text(str(value)))  # Text: what the caller said is never markup
        return grid

    def _show_clocks(self) -> None:
        line, tz, now = self.line, self.desk.calendar.tz, self.desk.now()
        table = Table(box=None, padding=(0, 1), header_style="bold")
        for heading in CLOCK_HEADINGS:
            table.add_column(_(heading), no_wrap=heading != CLOCK_HEADINGS[-1])
        for clock in line.clocks:
            morning = line.awaiting_morning and clock is line.next
            met = _("met {time}").format(time=display.when(clock.met_at, tz, now)) if clock.met_at else ""
            table.add_row(label(clock.name), badge(self, clock, morning, name=False), display.when(clock.due, tz, now),
                          left_text(self, clock, morning) if clock.running else Text(met, style="dim"),
                          Text(display.explain(clock, tz), style="dim"))
        if not line.clocks:
            table.add_row("–", Text(_("no clock runs for this case"), style="dim"), "", "", "")
        self.query_one("#detail-clocks", Static).update(table)

    def _history_table(self, history: tuple[HistoryLine, ...]) -> Table:
        tz, now = self.desk.calendar.tz, self.desk.now()
        table = Table(box=None, padding=(0, 1), header_style="bold")
        for heading in HISTORY_HEADINGS:
            table.add_column(pgettext(*heading), no_wrap=heading != HISTORY_HEADINGS[-1])
        for h in history:
            when = display.when(h.at, tz, now)
            if abs((h.recorded_at - h.at).total_seconds()) >= 60:
                when = _("{time} (recorded {recorded})").format(time=when, recorded=display.when(h.recorded_at, tz, now))
            table.add_row(when, Text(h.actor), action_label(h.action), Text(event_words(h, tz)))
        return table

    def _callbacks_text(self, detail: CaseDetail) -> Text:
        tz, now = self.desk.calendar.tz, self.desk.now()
        text = Text()
        for cb in detail.callbacks:
            callers = listed(_role(r) for r in cb.callers.split(",") if r) or _("the desk")
            words = {"round": cb.round, "method": label(cb.method), "callers": callers,
                     "due": display.when(cb.due_at, tz, now), "done": display.when(cb.done_at, tz, now),
                     "satisfaction": label(cb.satisfaction)}
            if cb.done_at and cb.satisfaction:
                line = _("Callback round {round} ({method}, by {callers}): due {due}, done {done}, {satisfaction}")
            elif cb.done_at:
                line = _("Callback round {round} ({method}, by {callers}): due {due}, done {done}")
            else:
                line = _("Callback round {round} ({method}, by {callers}): due {due}, to do")
            text.append(line.format(**words) + "\n")
        return text

    # ---- the case in hand -----------------------------------------------------------------------------

    def case_in_hand(self) -> Case | None:
        return self.detail.view.case if self.detail else None

    def after_action(self, view) -> None:
        self.load()

    def action_correct(self) -> None:
        from deskapp.screens.amend import AMEND, AmendDialog

        case = self.case_in_hand()
        if case is not None:
            self.app.push_screen(AmendDialog(self.desk, self.operator, case), lambda view: self._acted(AMEND, view))

    def action_make_complaint(self) -> None:
        from deskapp.screens.amend import CONVERT, ConvertDialog

        case = self.case_in_hand()
        if case is not None:
            self.app.push_screen(ConvertDialog(self.desk, self.operator, case), lambda view: self._acted(CONVERT, view))

    def action_new_owner(self) -> None:
        from deskapp.screens.amend import REASSIGN

        case = self.case_in_hand()
        if case is not None:  # refused at once for anyone but a supervisor, naming who may
            self._ask_if_allowed(REASSIGN.name, REASSIGN, case)

    def action_work_order(self) -> None:
        from deskapp.screens.coordination import CoordinationScreen

        case = self.case_in_hand()
        if case is not None:
            self.app.push_screen(CoordinationScreen(self.desk, self.operator, case), lambda _done: self.load())

    def action_outside_party(self) -> None:
        from deskapp.screens.amend import OUTSIDE_PARTY

        case = self.case_in_hand()
        if case is not None:  # refused at once where the operator may not, before asking who
            self._ask_if_allowed(OUTSIDE_PARTY.name, OUTSIDE_PARTY, case)

    def action_print_form(self) -> None:
        from deskapp.screens.print_dialog import open_print_dialog

        case = self.case_in_hand()
        if case is not None:
            open_print_dialog(self, self.desk, case.id)


def _role(value: str) -> str:
    try:
        return label(Role(value))
    except ValueError:
        return value.replace("_", " ")
