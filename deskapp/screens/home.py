"""Home: the desk at a glance, and what falls due next."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from deskapp import display
from deskapp.desk.context import Desk
from deskapp.desk.queries import Summary, desk_summary
from deskapp.screens.delivery import if_open

REFRESH_SECONDS = 30


class HomeScreen(Screen):
    BINDINGS = [
        Binding("r", "refresh", "Refresh", id="refresh"),
        Binding("q", "app.quit", "Quit", id="home-quit"),
    ]

    def __init__(self, desk: Desk):
        super().__init__()
        self.desk = desk

    def compose(self) -> ComposeResult:
        yield Header()  # the status line in the header carries the desk's time
        with Horizontal(id="counts"):
            for name in ("open", "overdue", "due_soon", "overnight", "waiting", "callbacks_due", "received_today"):
                yield Static("…", id=f"count-{name}", classes="count")
        yield Static("Next due", classes="heading")
        yield DataTable(id="next-due", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Home"
        table = self.query_one(DataTable)
        # The deadline first: it is what the desk reads this screen for.
        table.add_columns("#", "next clock", "left", "due", "kind", "who / which", "what")
        self.action_refresh()
        self.set_interval(REFRESH_SECONDS, self.action_refresh)

    @if_open
    def action_refresh(self) -> None:
        self.load_summary()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.app.open_case(int(event.row_key.value))

    @work(thread=True, exclusive=True)
    def load_summary(self) -> None:
        summary = desk_summary(self.desk)
        self.app.call_from_thread(self.show_summary, summary)

    @if_open
    def show_summary(self, summary: Summary) -> None:
        labels = {
            "open": ("open", summary.open, ""),
            "overdue": ("overdue", summary.overdue, "overdue"),
            "due_soon": ("due soon", summary.due_soon, "due-soon"),
            "overnight": ("overnight", summary.overnight, "due-soon"),
            "waiting": ("waiting", summary.waiting, ""),
            "callbacks_due": ("callbacks waiting", summary.callbacks_due, ""),
            "received_today": ("received today", summary.received_today, ""),
        }
        for name, (label, count, style) in labels.items():
            box = self.query_one(f"#count-{name}", Static)
            box.update(Text.assemble((f"{count}\n", "bold"), label))
            if style:
                box.set_class(count > 0, style)
        table = self.query_one(DataTable)
        table.clear()
        tz, now = self.desk.calendar.tz, self.desk.now()
        for view in summary.next_due:
            c, clock = view.case, view.next_clock
            style = display.STATE_STYLES[clock.state]
            table.add_row(
                str(c.id),
                Text(f"{display.STATE_SYMBOLS[clock.state]} {clock.name.value} {display.STATE_WORDS[clock.state]}", style=style),
                Text(display.left(clock.left), style=style),
                display.when(clock.due, tz, now),
                c.kind.value + (f" · {c.severity.value}" if c.severity else ""),
                Text(" · ".join(x for x in (c.who, c.which) if x)[:32]),
                Text(c.what[:48]),
                key=str(c.id),
            )
