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
from deskapp.words.widths import cells, clip
from deskapp.words.wording import kind_words

REFRESH_SECONDS = 30
# The managers called sit beside the kind, as "☎ 1": the count the night duty looks for is never
# cut or scrolled off at 80 or 120 columns by the long description columns after it.
# The next clock and its time left or lateness follow, in the words of every other screen's table.
COLUMNS = [N_("received"), N_("kind"), N_("called"), N_("next clock"), LEFT_OR_LATE, N_("who / which"), N_("what")]
# Who and what share the room the other columns leave, so they are never pushed off the screen; the
# line under the table gives the highlighted case's who, which and what in full, at any width.
SHARED_MIN, WHO_MAX, WHO_SHARE = 10, 36, 0.4
PADDING = 2  # a DataTable cell's padding, one cell each side


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
    NightScreen #night-selected { margin: 0 1; height: auto; max-height: 3; color: $text-muted; }
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
        self.managers: list[Manager] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="night-banner")
        yield Static("", id="night-managers")
        yield DataTable(id="night-cases", cursor_type="row", zebra_stripes=True)
        yield Static("", id="night-selected")
        yield DeskFooter()

    def on_mount(self) -> None:
        self.title = _("Night duty")
        self.query_one(DataTable).add_columns("#", *(_(c) for c in COLUMNS))
        self.set_interval(REFRESH_SECONDS, self.action_refresh)

    def on_screen_resume(self) -> None:
        self.action_refresh()

    def on_resize(self) -> None:
        if self.shown is not None:
            self.show(self.shown, self.managers)

    def action_refresh(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def load(self) -> None:
        self.post_message(TonightLoaded(tonight(self.desk), managers_to_call(self.desk)))

    @on(TonightLoaded)
    def _loaded(self, event: TonightLoaded) -> None:
        self.show(event.found, event.managers)

    def show(self, found: Tonight, managers: list[Manager]) -> None:
        self.shown, self.managers = found, managers
        tz, now = self.desk.calendar.tz, self.desk.now()
        self.query_one("#night-banner", Static).update(Text(_(
            "Night duty since {since}; the day staff take over {reopens}. Record every call (F2). General and minor "
            "complaints go to the day staff first thing; for a MAJOR complaint call the managers at once.").format(
            since=display.weekday_time(found.since, tz), reopens=display.when(found.reopens, tz, now))))
        self.query_one("#night-managers", Static).update(Text(_("Managers: {managers}").format(managers=" · ".join(
            _("{name} ({role}) {phone}").format(name=m.name, role=label(m.role), phone=m.phone) for m in managers))))
        table = self.query_one(DataTable)
        cursor = table.cursor_row
        table.clear()
        rows = [self._row(view, calls, tz, now) for view, calls in found.cases]
        who_width, what_width = _shared_widths(rows, self._room(table))
        for row, (view, _calls) in zip(rows, found.cases):
            *fixed, who, what = row
            table.add_row(*fixed, Text(clip(who, who_width)), Text(clip(what, what_width)), key=str(view.case.id))
        if not found.cases:
            table.add_row("", "", "", "", "", "", Text(_("nothing recorded tonight yet"), style="dim"), "")
        elif cursor > 0:
            table.move_cursor(row=min(cursor, len(found.cases) - 1))
        self._show_selected()

    def _row(self, view, calls: int, tz, now) -> list:
        c = view.case
        major = _call_at_once(c)  # a major complaint or an urgent case: the managers are called now
        clock = view.next_clock
        morning = waits_for_morning(c, clock, self.desk.calendar, now)
        style = deadline_style(self, clock, morning) if clock else ""
        kind = kind_words(c.kind, c.severity)
        return [
            str(c.id),
            display.weekday_time(c.received_at, tz),
            Text(_("URGENT {kind}").format(kind=kind) if c.urgent else kind, style="bold red" if major else ""),
            Text(f"☎ {calls}" if major else "", style=style if major and not calls else ""),
            Text(badge_words(clock, morning), style=style),
            Text(left_words(clock), style=style),
            " · ".join(x for x in (c.who, c.which) if x),
            c.what,
        ]

    def _room(self, table: DataTable) -> int:
        """The cells across the table, less its margin and the vertical scrollbar's room."""
        width = table.size.width or self.size.width - 2 or self.app.size.width - 2
        return width - table.styles.scrollbar_size_vertical

    def on_data_table_row_highlighted(self) -> None:
        self._show_selected()

    def _show_selected(self) -> None:
        """The highlighted case's who, which and what, uncut, under the table."""
        table, line = self.query_one(DataTable), self.query_one("#night-selected", Static)
        if not self.shown or not self.shown.cases or table.cursor_row < 0:
            line.update("")
            return
        c = self.shown.cases[min(table.cursor_row, len(self.shown.cases) - 1)][0].case
        line.update(Text(" · ".join(x for x in (f"#{c.id}", c.who, c.which, c.what) if x)))

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


def _shared_widths(rows: list[list], room: int) -> tuple[int, int]:
    """Who's and what's widths: what the other columns leave, who taking its share up to its need."""
    headings = ["#", *(_(c) for c in COLUMNS[:-2])]
    fixed = [max([cells(heading)] + [cells(str(r[i])) for r in rows]) + PADDING for i, heading in enumerate(headings)]
    left = max(2 * SHARED_MIN, room - sum(fixed) - 2 * PADDING)
    who_need = max([cells(_(COLUMNS[-2]))] + [cells(r[-2]) for r in rows])
    who = max(SHARED_MIN, min(who_need, WHO_MAX, int(left * WHO_SHARE)))
    return who, left - who
