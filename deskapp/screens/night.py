"""Night duty: record, call the managers at once for a major complaint, and see tonight's calls."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from deskapp import display
from deskapp.desk.callers import managers_to_call
from deskapp.desk.context import Desk
from deskapp.desk.night import Tonight, tonight
from deskapp.domain.enums import Kind, Severity
from deskapp.screens.escalation import EscalationScreen
from deskapp.screens.delivery import if_open

REFRESH_SECONDS = 30


class NightScreen(Screen):
    DEFAULT_CSS = """
    NightScreen #night-banner { margin: 1 1 0 1; color: $warning; text-style: bold; }
    NightScreen #night-managers { margin: 1 1 0 1; }
    NightScreen DataTable { margin: 1 1 0 1; height: 1fr; }
    """
    BINDINGS = [
        Binding("enter", "open_case", "Call managers / open", id="night-open", priority=True),
        Binding("r", "refresh", "Refresh", id="night-refresh"),
        Binding("q", "app.quit", "Quit", id="night-quit"),
    ]

    def __init__(self, desk: Desk, operator: str | None):
        super().__init__()
        self.desk = desk
        self.operator = operator
        self.shown: Tonight | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="night-banner")
        yield Static("", id="night-managers")
        yield DataTable(id="night-cases", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Night duty"
        self.query_one(DataTable).add_columns("#", "received", "kind", "who / which", "what", "managers called")
        self.set_interval(REFRESH_SECONDS, self.action_refresh)

    def on_screen_resume(self) -> None:
        self.action_refresh()

    @if_open
    def action_refresh(self) -> None:
        self.load()

    @work(thread=True, exclusive=True)
    def load(self) -> None:
        found = tonight(self.desk)
        managers = managers_to_call(self.desk)
        self.app.call_from_thread(self.show, found, managers)

    def show(self, found: Tonight, managers) -> None:
        self.shown = found
        tz = self.desk.calendar.tz
        self.query_one("#night-banner", Static).update(Text(
            f"Night duty since {found.since.astimezone(tz):%a %H:%M}; the day staff take over "
            f"{found.reopens.astimezone(tz):%a %d %b %H:%M}. Record every call (F2). General and minor "
            "complaints go to the day staff first thing; for a MAJOR complaint call the managers at once."))
        self.query_one("#night-managers", Static).update(Text(
            "Managers: " + " · ".join(f"{m.name} ({m.role.value.replace('_', ' ')}) {m.phone}" for m in managers)))
        table = self.query_one(DataTable)
        table.clear()
        for view, calls in found.cases:
            c = view.case
            major = c.kind is Kind.complaint and c.severity is Severity.major
            style = display.STATE_STYLES[view.next_clock.state] if view.next_clock else ""
            table.add_row(
                str(c.id),
                f"{c.received_at.astimezone(tz):%a %H:%M}",
                Text(c.kind.value + (f" · {c.severity.value}" if c.severity else ""), style="bold red" if major else ""),
                Text(" · ".join(x for x in (c.who, c.which) if x)[:36]),
                Text(c.what[:44]),
                Text(f"{calls} called" if major else "", style=style if major and not calls else ""),
                key=str(c.id),
            )
        if not found.cases:
            table.add_row("", "", "", Text("nothing recorded tonight yet", style="dim"), "", "")

    def action_open_case(self) -> None:
        """A major complaint opens the managers to call; any other case opens its detail."""
        table = self.query_one(DataTable)
        if not self.shown or not self.shown.cases or table.cursor_row < 0:
            return
        view, _ = self.shown.cases[min(table.cursor_row, len(self.shown.cases) - 1)]
        if view.case.kind is Kind.complaint and view.case.severity is Severity.major:
            self.app.push_screen(EscalationScreen(self.desk, view.case.id, self.operator), lambda _: self.action_refresh())
        else:
            self.app.open_case(view.case.id)
