"""The queue: every open case, nearest deadline first, coloured by its state, live.

Every second the clocks are recomputed in memory (only for the lines whose display can have
changed) and only the changed rows on screen are drawn again, so the cursor stays put. Every second a worker asks
the database whether anything changed (two index look-ups) and reloads only the changed cases.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static
from textual.worker import get_current_worker

from deskapp.commands import CaseCommands
from deskapp.desk.context import Desk
from deskapp.desk.queue import (Directory, Marker, QueueEntry, QueueFilter, QueueLine, changed_since, count,
                                directory, is_open, line_at, load_cases, load_open, order_key)
from deskapp.domain.enums import ClockState, Kind, Severity
from deskapp.models import Case
from deskapp.screens.actions import CaseActions
from deskapp.widgets.case_table import CaseTable, Column, ListSource
from deskapp.widgets.deadline import Cell, badge_words, left_words, short_due, style_of
from deskapp.screens.delivery import if_open

TICK_SECONDS = 1.0
PROBE_SECONDS = 1.0

# (key, heading, width): fixed widths, so the table never measures its rows.
COLUMNS = (
    ("number", "#", 5), ("clock", "next clock", 20), ("left", "left", 8), ("due", "due", 11),
    ("kind", "kind", 14), ("who", "who / which", 14), ("what", "what", 14), ("owner", "owner", 10),
    ("department", "department", 11), ("status", "status", 12),
)
WIDTH = {key: width for key, _, width in COLUMNS}
STATES = (ClockState.overdue, ClockState.due_soon, ClockState.on_time, ClockState.paused)


def cycle(options: list, current):
    """The next option after `current`; after the last, back to none."""
    if current not in options:
        return options[0] if options else None
    at = options.index(current) + 1
    return options[at] if at < len(options) else None


class QueueScreen(CaseActions, Screen):
    CSS_PATH = Path(__file__).parent / "queue.tcss"
    COMMANDS = {CaseCommands}
    # Focus goes straight to the table: each change of focus rebuilds the footer, ~40 ms of first paint.
    AUTO_FOCUS = "#queue"
    BINDINGS = [
        Binding("enter", "open_case", "Open", id="open-case"),
        Binding("slash", "search", "Search", id="search"),
        Binding("escape", "leave", "Back", id="queue-back"),
        *CaseActions.ACTION_BINDINGS,
        # Filters: named in the filter bar rather than the footer, which has no room for them.
        Binding("k", "filter_kind", "kind", show=False),
        Binding("s", "filter_severity", "severity", show=False),
        Binding("t", "filter_state", "state", show=False),
        Binding("d", "filter_department", "department", show=False),
        Binding("o", "filter_owner", "owner", show=False),
        Binding("h", "filter_after_hours", "after hours", show=False),
        Binding("c", "clear_filters", "clear", show=False),
    ]

    def __init__(self, desk: Desk, operator: str | None = None):
        super().__init__()
        self.desk = desk
        self.operator = operator
        self.filter = QueueFilter()
        self.lines: dict[int, QueueLine] = {}
        self.marker: Marker | None = None
        self.names = Directory((), ())
        self.order: list[int] = []  # the case numbers shown, in their order
        self._shown: set[int] = set()
        self.rows = ListSource(cells=self._row_cells)
        self._minute = ""
        self._ticked_at = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="queue-bar"):
            yield Static("loading…", id="queue-counts", markup=False)
            yield Static("", id="queue-time", markup=False)
        with Horizontal(id="queue-filter-bar"):
            yield Input(placeholder="/ search who, which, what, phone", id="queue-search")
            yield Static("", id="queue-filters", markup=False)
        yield CaseTable([Column(*column) for column in COLUMNS], self.rows, id="queue")
        yield Footer()

    @property
    def table(self) -> CaseTable:
        return self.query_one("#queue", CaseTable)

    def on_mount(self) -> None:
        self.title = "Queue"
        self._show_filters()
        self.load_all()
        self._live_timers = [self.set_interval(TICK_SECONDS, self.tick), self.set_interval(PROBE_SECONDS, self.probe)]

    # While another screen is on top, the queue neither ticks nor asks the database.
    def on_screen_suspend(self) -> None:
        for timer in self._live_timers:
            timer.pause()

    def on_screen_resume(self) -> None:
        for timer in getattr(self, "_live_timers", ()):
            timer.resume()
        if self.marker is not None:
            self.tick()
            self.probe()

    # ---- loading --------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="queue-load")
    def load_all(self) -> None:
        entries, marker = load_open(self.desk)
        names = directory(self.desk)
        self._arrived(entries, marker, names)

    def _arrived(self, entries: list[QueueEntry], marker: Marker, names: Directory) -> None:
        """In the worker: the clocks of every line, then the table, so the UI only sorts and paints."""
        now = self.desk.now()
        policy, calendar = self.desk.policy, self.desk.calendar
        lines = {e.case.id: line_at(e, policy, calendar, now) for e in entries}
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.replace_all, lines, marker, names, now)

    @if_open
    @work(thread=True, exclusive=True, group="queue-load")
    def probe(self) -> None:
        if self.marker is None:
            return
        marker, ids = changed_since(self.desk, self.marker)
        if ids == []:
            return
        if ids is None:
            entries, marker = load_open(self.desk)
            self._arrived(entries, marker, self.names)
            return
        entries = load_cases(self.desk, ids)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.apply_changes, entries, ids, marker)

    def replace_all(self, lines: dict[int, QueueLine], marker: Marker, names: Directory, now) -> None:
        self.lines = lines
        self.marker, self.names, self._ticked_at = marker, names, now
        self.rebuild()

    def apply_changes(self, entries: list[QueueEntry], ids: list[int], marker: Marker) -> None:
        now = self.desk.now()
        found = {e.case.id: e for e in entries}
        for case_id in ids:
            entry = found.get(case_id)
            if entry is None or not is_open(entry):
                self.lines.pop(case_id, None)
            else:
                self.lines[case_id] = line_at(entry, self.desk.policy, self.desk.calendar, now)
        self.marker = marker
        self._sync_rows(ids)

    # ---- the table --------------------------------------------------------------------------------

    def cells(self, line: QueueLine) -> list[Cell]:
        c, e, clock, morning = line.entry.case, line.entry, line.next, line.awaiting_morning
        tz, now = self.desk.calendar.tz, self.desk.now()
        w, state = WIDTH, style_of(clock, morning)
        major = "bold" if c.severity is Severity.major else ""
        return [
            Cell(str(c.id), w["number"], major),
            Cell(badge_words(clock, morning), w["clock"], state),
            Cell(left_words(clock), w["left"], state),
            Cell(short_due(clock.due, tz, now) if clock else "", w["due"], state),
            Cell(c.kind.value + (f" {c.severity.value[:3]}" if c.severity else ""), w["kind"], major),  # maj, gen, min
            Cell(" · ".join(x for x in (c.who, c.which) if x), w["who"]),
            Cell(c.what, w["what"]),
            Cell(e.owner, w["owner"]),
            Cell(e.department or "–", w["department"]),
            Cell(c.status.value.replace("_", " "), w["status"]),
        ]

    def _row_cells(self, case_id: int) -> list[Text]:
        """Asked by the table only for the rows it draws, so 2,000 open cases cost what 30 do."""
        line = self.lines.get(case_id)
        return [cell.text for cell in self.cells(line)] if line else []

    def _ordered(self) -> list[int]:
        shown = [line for line in self.lines.values() if self.filter.matches(line)]
        return [line.entry.case.id for line in sorted(shown, key=order_key)]

    def rebuild(self) -> None:
        """All rows afresh: on the first load, a new filter, or a full reload. The table draws only
        the screenful it shows; the cursor stays on its case if the case is still shown."""
        self.order = self._ordered()
        self._shown = set(self.order)
        self.rows.set_keys(self.order)
        self.table.source_changed()
        self._show_counts()

    def _sync_rows(self, ids: list[int]) -> None:
        """Only the changed cases: rows removed, added or redrawn, and put back in order if they moved."""
        order = self._ordered()
        if order != self.order:
            self.order, self._shown = order, set(order)
            self.rows.set_keys(order)
            self.table.source_changed(ids)
        else:
            self.table.refresh_rows(ids)
        self._show_counts()

    @if_open
    def tick(self) -> None:
        """The passing second: recompute only the lines whose display may have changed."""
        now = self.desk.now()
        policy, calendar = self.desk.policy, self.desk.calendar
        states_moved = False
        # A clock set back (a test, a corrected machine clock) makes every line due for a look.
        everything = self._ticked_at is not None and now < self._ticked_at
        self._ticked_at = now
        changed = []
        for case_id, line in self.lines.items():
            if line.recheck_at > now and not everything:
                continue
            fresh = line_at(line.entry, policy, calendar, now)
            self.lines[case_id] = fresh
            if fresh.state is not line.state or fresh.awaiting_morning != line.awaiting_morning:
                states_moved = True
            if case_id in self._shown:
                changed.append(case_id)
        if changed:
            self.table.refresh_rows(changed)  # only those on screen are drawn again
        if states_moved and self.filter.state is not None:
            self.rebuild()  # a line may have moved into or out of the state asked for
        elif states_moved:
            self._show_counts()
        self._show_time(now)

    def selected_id(self) -> int | None:
        return self.table.cursor_key

    def _show_counts(self) -> None:
        counts = count(self.lines.values())
        text = Text()
        for part in counts.sentence().split(" · "):
            if text:
                text.append(" · ")
            style = "bold red" if "overdue" in part and counts.overdue else "yellow" if "due soon" in part and counts.due_soon else ""
            text.append(part, style=style)
        showing = len(self.order)
        if showing != len(self.lines):
            text.append(f"   showing {showing}", style="italic")
        self.query_one("#queue-counts", Static).update(text)
        self._show_time(self.desk.now())

    def _show_time(self, now) -> None:
        minute = f"{now.astimezone(self.desk.calendar.tz):%a %d %b %H:%M}"
        if minute != self._minute:
            self._minute = minute
            self.query_one("#queue-time", Static).update(minute)

    # ---- the case in hand -------------------------------------------------------------------------

    def case_in_hand(self) -> Case | None:
        case_id = self.selected_id()
        line = self.lines.get(case_id) if case_id is not None else None
        return line.entry.case if line else None

    def after_action(self, view) -> None:
        self.probe()

    def action_open_case(self) -> None:
        case_id = self.selected_id()
        if case_id is not None:
            self.app.open_case(case_id)

    @on(CaseTable.RowSelected, "#queue")
    def _row_chosen(self) -> None:
        self.action_open_case()

    def action_leave(self) -> None:
        if self.focused is self.query_one("#queue-search"):
            self.table.focus()
        else:
            self.app.pop_screen()

    # ---- filters and search ----------------------------------------------------------------------

    def set_filter(self, **changes) -> None:
        self.filter = replace(self.filter, **changes)
        self._show_filters()
        self.rebuild()

    def _show_filters(self) -> None:
        words = self.filter.words()
        shown = ("filters: " + " · ".join(words)) if words else "no filter"
        keys = "k kind · s severity · t state · d department · o owner · h after hours · c clear"
        self.query_one("#queue-filters", Static).update(Text.assemble((shown, "bold" if words else "dim"), "   ", (keys, "dim")))

    def action_search(self) -> None:
        self.query_one("#queue-search", Input).focus()

    @on(Input.Changed, "#queue-search")
    def _searching(self, event: Input.Changed) -> None:
        if event.value != self.filter.text:
            self.set_filter(text=event.value)

    @on(Input.Submitted, "#queue-search")
    def _searched(self) -> None:
        self.table.focus()

    def action_filter_kind(self) -> None:
        self.set_filter(kind=cycle(list(Kind), self.filter.kind))

    def action_filter_severity(self) -> None:
        self.set_filter(severity=cycle(list(Severity), self.filter.severity))

    def action_filter_state(self) -> None:
        self.set_filter(state=cycle(list(STATES), self.filter.state))

    def action_filter_department(self) -> None:
        self.set_filter(department=cycle(list(self.names.departments), self.filter.department))

    def action_filter_owner(self) -> None:
        owners = sorted({line.entry.owner for line in self.lines.values()})
        self.set_filter(owner=cycle(owners, self.filter.owner))

    def action_filter_after_hours(self) -> None:
        self.set_filter(after_hours=not self.filter.after_hours)

    def action_clear_filters(self) -> None:
        self.query_one("#queue-search", Input).value = ""
        self.filter = QueueFilter()
        self.set_filter()
