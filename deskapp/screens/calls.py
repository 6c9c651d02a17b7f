"""The call log: the missed calls still to call back, then today's calls, newest first."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from deskapp.i18n import N_, _, ngettext
from deskapp.output.calls import call_row, headers
from deskapp.reads.calls import CallLine, call_log, to_call_back
from deskapp.screens.error_dialog import PassesOnWorkerFailures
from deskapp.store.context import Desk
from deskapp.widgets.footer import DeskFooter

REFRESH_SECONDS = 5  # calls come in all day: the log reads itself again this often


@dataclass
class CallsLoaded(Message, bubble=False):
    waiting: list[CallLine]
    today: list[CallLine]


class CallLogScreen(PassesOnWorkerFailures, Screen):
    DEFAULT_CSS = """
    CallLogScreen .calls-title { height: 1; padding: 0 1; text-style: bold; }
    CallLogScreen #calls-waiting { height: auto; max-height: 12; }
    CallLogScreen #calls-today { height: 1fr; }
    """
    BINDINGS = [
        Binding("r", "refresh", N_("Refresh"), id="calls.refresh", tooltip=N_("Read the call log again")),
        Binding("escape", "app.pop_screen", N_("Back"), id="calls.back", tooltip=N_("Back to the desk")),
    ]

    def __init__(self, desk: Desk, operator: str | None = None):
        super().__init__()
        self.desk, self.operator = desk, operator

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="waiting-title", classes="calls-title")
        yield DataTable(id="calls-waiting", cursor_type="row", zebra_stripes=True)
        yield Static("", id="today-title", classes="calls-title")
        yield DataTable(id="calls-today", cursor_type="row", zebra_stripes=True)
        yield DeskFooter()

    def on_mount(self) -> None:
        self.title = _("Call log")
        for table in self.query(DataTable):
            table.add_columns(*headers())
        self.action_refresh()
        self.set_interval(REFRESH_SECONDS, self.action_refresh)

    def action_refresh(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="calls-load")
    def load(self) -> None:
        self.post_message(CallsLoaded(to_call_back(self.desk), call_log(self.desk)))

    def on_calls_loaded(self, event: CallsLoaded) -> None:
        tz, now = self.desk.calendar.tz, self.desk.now()
        self.query_one("#waiting-title", Static).update(Text(ngettext(
            "{n} missed call to call back", "{n} missed calls to call back", len(event.waiting)).format(n=len(event.waiting))))
        self.query_one("#today-title", Static).update(Text(ngettext(
            "{n} call today", "{n} calls today", len(event.today)).format(n=len(event.today))))
        for table, calls in ((self.query_one("#calls-waiting", DataTable), event.waiting),
                             (self.query_one("#calls-today", DataTable), event.today)):
            table.clear()
            for c in calls:
                # Text cells: a number or a name is never read as markup.
                table.add_row(*(Text(cell) for cell in call_row(c, tz, now)), key=str(c.id))
