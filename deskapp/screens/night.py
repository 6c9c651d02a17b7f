"""Night duty: record, call the managers at once for a major complaint, and see tonight's calls."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from deskapp.domain.enums import Kind, Severity
from deskapp.i18n import N_, _
from deskapp.reads.callers import Manager, managers_to_call
from deskapp.reads.night import Tonight, tonight
from deskapp.reads.queue import waits_for_morning
from deskapp.screens.error_dialog import PassesOnWorkerFailures
from deskapp.screens.escalation import EscalationScreen
from deskapp.store.context import Desk
from deskapp.widgets.deadline import DEADLINE_CLASSES, badge_words, deadline_style, left_words
from deskapp.widgets.footer import DeskFooter
from deskapp.words import display
from deskapp.words.deadline import LEFT_OR_LATE
from deskapp.words.labels import label
from deskapp.words.widths import clip
from deskapp.words.wording import kind_words

REFRESH_SECONDS = 30
# The managers called sit beside the kind, as "☎ 1": the count the night duty looks for is never
# cut or scrolled off at 80 or 120 columns by the long description columns after it.
# The next clock and its time left or lateness follow, in the words of every other screen's table.
COLUMNS = [N_("received"), N_("kind"), N_("called"), N_("next clock"), LEFT_OR_LATE, N_("who / which"), N_("what")]


@dataclass
class TonightLoaded(Message, bubble=False):
    found: Tonight
    managers: list[Manager]


class NightScreen(PassesOnWorkerFailures, Screen):
    COMPONENT_CLASSES = DEADLINE_CLASSES
    DEFAULT_CSS = """
    NightScreen #night-banner { margin: 1 1 0 1; color: $warning; text-style: bold; }
    NightScreen #night-managers { margin: 1 1 0 1; }
    NightScreen DataTable { margin: 1 1 0 1; height: 1fr; }
    """
    BINDINGS = [
        Binding("enter", "open_case", N_("Call managers / open"), id="night.open_case", priority=True,
                tooltip=N_("The managers to call for the selected case")),
        Binding("r", "refresh", N_("Refresh"), id="night.refresh", tooltip=N_("Read the night's cases again")),
        Binding("q", "app.quit", N_("Quit"), id="night.quit", tooltip=N_("Leave the app")),
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
        yield DeskFooter()

    def on_mount(self) -> None:
        self.title = _("Night duty")
        self.query_one(DataTable).add_columns("#", *(_(c) for c in COLUMNS))
        self.set_interval(REFRESH_SECONDS, self.action_refresh)

    def on_screen_resume(self) -> None:
        self.action_refresh()

    def action_refresh(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def load(self) -> None:
        self.post_message(TonightLoaded(tonight(self.desk), managers_to_call(self.desk)))

    @on(TonightLoaded)
    def _loaded(self, event: TonightLoaded) -> None:
        self.show(event.found, event.managers)

    def show(self, found: Tonight, managers: list[Manager]) -> None:
        self.shown = found
        tz, now = self.desk.calendar.tz, self.desk.now()
        self.query_one("#night-banner", Static).update(Text(_(
            "Night duty since {since}; the day staff take over {reopens}. Record every call (F2). General and minor "
            "complaints go to the day staff first thing; for a MAJOR complaint call the managers at once.").format(
            since=display.weekday_time(found.since, tz), reopens=display.when(found.reopens, tz, now))))
        self.query_one("#night-managers", Static).update(Text(_("Managers: {managers}").format(managers=" · ".join(
            _("{name} ({role}) {phone}").format(name=m.name, role=label(m.role), phone=m.phone) for m in managers))))
        table = self.query_one(DataTable)
        table.clear()
        for view, calls in found.cases:
            c = view.case
            major = _call_at_once(c)  # a major complaint or an urgent case: the managers are called now
            clock = view.next_clock
            morning = waits_for_morning(c, clock, self.desk.calendar, now)
            style = deadline_style(self, clock, morning) if clock else ""
            kind = kind_words(c.kind, c.severity)
            table.add_row(
                str(c.id),
                display.weekday_time(c.received_at, tz),
                Text(_("URGENT {kind}").format(kind=kind) if c.urgent else kind, style="bold red" if major else ""),
                Text(f"☎ {calls}" if major else "", style=style if major and not calls else ""),
                Text(badge_words(clock, morning), style=style),
                Text(left_words(clock), style=style),
                Text(clip(" · ".join(x for x in (c.who, c.which) if x), 36)),
                Text(clip(c.what, 44)),
                key=str(c.id),
            )
        if not found.cases:
            table.add_row("", "", "", "", "", "", Text(_("nothing recorded tonight yet"), style="dim"), "")

    def action_open_case(self) -> None:
        """A major complaint opens the managers to call; any other case opens its detail."""
        table = self.query_one(DataTable)
        if not self.shown or not self.shown.cases or table.cursor_row < 0:
            return
        view, _ = self.shown.cases[min(table.cursor_row, len(self.shown.cases) - 1)]
        if _call_at_once(view.case):
            self.app.push_screen(EscalationScreen(self.desk, view.case.id, self.operator), lambda _: self.action_refresh())
        else:
            self.app.open_case(view.case.id)


def _call_at_once(case) -> bool:
    return bool(case.urgent) or (case.kind is Kind.complaint and case.severity is Severity.major)
