"""The callback list: overdue, due today, due tomorrow and later, and recording each attempt."""

from __future__ import annotations

import time
from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from deskapp import display
from deskapp.desk.callback_list import CallbackItem, Due, pending_callbacks
from deskapp.desk.context import Desk
from deskapp.domain.enums import CallbackMethod, ClockState, Kind, Severity
from deskapp.screens.callback_record import RecordCallback
from deskapp.sheets import callback_rows, render

_GROUP_STYLE = {Due.overdue: ClockState.overdue, Due.today: ClockState.due_soon, Due.tomorrow: ClockState.on_time,
                Due.later: ClockState.on_time}
# The filters cycle through these with one key each.
_METHODS = (None, CallbackMethod.phone, CallbackMethod.on_site)
_KINDS = (None, Kind.complaint, Kind.repair)
_SEVERITIES = (None, Severity.major, Severity.general, Severity.minor)


class CallbacksScreen(Screen):
    CSS_PATH = "callbacks.tcss"
    BINDINGS = [
        Binding("enter", "record", "Record attempt", id="callbacks-record", priority=True),
        Binding("m", "toggle_mine", "Mine", id="callbacks-mine"),
        Binding("p", "cycle_method", "Method", id="callbacks-method", show=False),
        Binding("k", "cycle_kind", "Kind", id="callbacks-kind", show=False),
        Binding("s", "cycle_severity", "Severity", id="callbacks-severity", show=False),
        Binding("e", "export('md')", "Export", id="callbacks-export"),
        Binding("c", "export('csv')", "Export .csv", id="callbacks-export-csv", show=False),
        Binding("r", "refresh", "Refresh", id="callbacks-refresh"),
        Binding("escape", "app.pop_screen", "Back", id="callbacks-back"),
    ]

    def __init__(self, desk: Desk, operator: str | None, export_dir: Path | None = None):
        super().__init__()
        self.desk = desk
        self.operator = operator
        self.export_dir = export_dir or Path.cwd()
        self.mine = False
        self.method: CallbackMethod | None = None
        self.kind: Kind | None = None
        self.severity: Severity | None = None
        self.items: list[CallbackItem] = []
        self.rows_placed_at = 0.0  # perf_counter when rows last went into the table (benchmarks read it)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="callbacks-counts")
        yield Static("", id="callbacks-filters")
        yield DataTable(id="callbacks-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Callbacks"
        table = self.query_one(DataTable)
        table.add_columns("due", "#", "left", "who calls", "method", "tries", "customer", "case")

    def on_screen_resume(self) -> None:
        self.action_refresh()  # each time the list is shown, first time included

    def action_refresh(self) -> None:
        self._show_filters()
        self.load()

    @work(thread=True, exclusive=True)
    def load(self) -> None:
        items = pending_callbacks(self.desk, caller=self.operator if self.mine else None, method=self.method,
                                  kind=self.kind, severity=self.severity)
        self.app.call_from_thread(self.show, items)

    def show(self, items: list[CallbackItem]) -> None:
        self.items = items
        table = self.query_one(DataTable)
        keep = table.cursor_row
        table.clear()
        tz, now = self.desk.calendar.tz, self.desk.now()
        for item in items:
            c = item.case
            style = display.STATE_STYLES[_GROUP_STYLE[item.group]]
            mark = display.STATE_SYMBOLS[_GROUP_STYLE[item.group]]
            left = display.left(item.clock.left) if item.clock and item.clock.left is not None else ""
            table.add_row(
                Text(f"{mark} {item.group.value}", style=style),
                str(c.id),
                Text(left, style=style),
                Text(", ".join(caller.name or caller.role.value.replace("_", " ") for caller in item.callers)),
                item.callback.method.value.replace("_", " "),
                str(item.attempts) + (f" {item.last_result.value.replace('_', ' ')}" if item.last_result else ""),
                Text(" · ".join(x for x in (c.who, c.which, c.phone) if x)[:46]),
                Text(f"{c.kind.value}{f' · {c.severity.value}' if c.severity else ''}: {c.what}"[:50]),
                key=str(item.callback.id),
            )
        if items:
            table.move_cursor(row=min(keep, len(items) - 1))
        self.rows_placed_at = time.perf_counter()
        counts = {group: sum(1 for i in items if i.group is group) for group in Due}
        summary = " · ".join(f"{n} {group.value}" for group, n in counts.items())
        self.query_one("#callbacks-counts", Static).update(
            Text(f"{summary}  ({len(items)} to call at {now.astimezone(tz):%a %H:%M})")
        )

    def _show_filters(self) -> None:
        parts = [f"mine ({self.operator})" if self.mine else "everyone's"]
        parts.append(f"method: {self.method.value.replace('_', ' ') if self.method else 'any'}")
        parts.append(f"kind: {self.kind.value if self.kind else 'any'}")
        parts.append(f"severity: {self.severity.value if self.severity else 'any'}")
        keys = "   (m mine · p method · k kind · s severity · e export .md · c export .csv)"
        self.query_one("#callbacks-filters", Static).update(Text("Showing " + " · ".join(parts) + keys, style="dim"))

    def _selected(self) -> CallbackItem | None:
        table = self.query_one(DataTable)
        if not self.items or table.cursor_row < 0:
            return None
        return self.items[min(table.cursor_row, len(self.items) - 1)]

    def action_record(self) -> None:
        item = self._selected()
        if item is None:
            self.notify("no callback selected", severity="warning")
            return

        def done(saved: bool | None) -> None:
            if saved:
                self.notify(f"callback for case {item.case.id} recorded")
                self.action_refresh()

        self.app.push_screen(RecordCallback(self.desk, item, self.operator), done)

    def action_toggle_mine(self) -> None:
        self.mine = not self.mine
        self.action_refresh()

    def action_cycle_method(self) -> None:
        self.method = _next(_METHODS, self.method)
        self.action_refresh()

    def action_cycle_kind(self) -> None:
        self.kind = _next(_KINDS, self.kind)
        self.action_refresh()

    def action_cycle_severity(self) -> None:
        self.severity = _next(_SEVERITIES, self.severity)
        self.action_refresh()

    def action_export(self, fmt: str) -> None:
        now = self.desk.now()
        tz = self.desk.calendar.tz
        path = self.export_dir / f"callbacks-{now.astimezone(tz):%Y%m%d-%H%M}.{fmt}"
        text = render(callback_rows(self.items, tz, now), fmt, f"Callbacks at {now.astimezone(tz):%Y-%m-%d %H:%M}")
        try:
            path.write_text(text, encoding="utf-8")
        except OSError as e:
            self.notify(f"could not write {path}: {e.strerror}", severity="error")
            return
        self.notify(f"{len(self.items)} callbacks written to {path}")


def _next(cycle: tuple, current):
    return cycle[(cycle.index(current) + 1) % len(cycle)]
