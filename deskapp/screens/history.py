"""The history: every case ever recorded, newest first, a screenful read at a time.

The table is the queue's CaseTable over a `HistorySource`, which reads only the pages on screen
(by keyset next to a page it holds, by offset from the nearer end otherwise) and computes the clocks
only of the rows drawn, so a million cases cost what a screenful does. A new search or filter builds
a new source in a worker (count and first page), so typing never waits on the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Header, Input, Static
from textual.worker import get_current_worker

from deskapp.domain.enums import Kind, Severity, Status, Validity
from deskapp.i18n import N_, _, ngettext, pgettext
from deskapp.reads.departments import DepartmentName, departments
from deskapp.reads.history_source import (
    PAGE,
    HistoryFilter,
    HistoryRow,
    HistorySource,
)
from deskapp.screens.error_dialog import PassesOnWorkerFailures
from deskapp.screens.queue import WHOLE, columns, cycle
from deskapp.store.context import Desk
from deskapp.widgets.case_table import CaseTable, Column
from deskapp.widgets.deadline import Cell, badge_words, left_words, short_due, style_of
from deskapp.widgets.footer import DeskFooter
from deskapp.words.deadline import LEFT_OR_LATE
from deskapp.words.labels import label
from deskapp.words.wording import kind_words

# (key, heading, width in cells); the widths marked None are the queue's for the desk's language,
# who/which and what sharing the rest.
COLUMNS = (
    ("number", N_("#"), 8), ("received", N_("received"), 17), ("clock", N_("next clock"), 20), ("left", LEFT_OR_LATE, None),
    ("due", N_("due"), 11), ("kind", N_("kind"), None), ("who", N_("who / which"), None), ("what", N_("what"), None),
    ("department", N_("department"), 11), ("status", N_("status"), None),
)
TABLE_WIDTH = 139
# Who/which and what share a wider terminal's room as they share TABLE_WIDTH's (the table clips them).
GROWING = {"who": 9, "what": 10}
SEARCH_DELAY = 0.25  # seconds of no typing before the search runs
KEYS_HINT = N_("k kind · s severity · v validity · t status · d department · c clear · g date")


def history_columns() -> dict[str, int]:
    queue = columns()
    widths = {key: width or queue[key] for key, _heading, width in COLUMNS if key not in ("who", "what")}
    rest = TABLE_WIDTH - sum(widths.values())
    widths["who"], widths["what"] = rest * 9 // 19, rest - rest * 9 // 19  # 18 and 20 in English
    return widths


@dataclass
class SourceReady(Message, bubble=False):
    """A new filter's rows, counted and their first page read in the worker."""

    source: HistorySource


class HistoryScreen(PassesOnWorkerFailures, Screen):
    CSS_PATH = Path(__file__).parent / "history.tcss"
    AUTO_FOCUS = "#history"
    BINDINGS = [
        Binding("enter", "open_case", N_("Open"), id="history.open_case", tooltip=N_("Open the selected case")),
        Binding("slash", "search", N_("Search"), id="history.search",
                tooltip=N_("Search who, which, what and phone")),
        Binding("g", "jump_to_date", N_("Go to date"), id="history.jump_to_date",
                tooltip=N_("Go to the cases received on a day")),
        Binding("escape", "leave", N_("Back"), id="history.back",
                tooltip=N_("Back to the table, or to the shift's screen")),
        Binding("k", "filter_kind", N_("kind"), id="history.filter_kind", show=False,
                tooltip=N_("Filter by the next kind")),
        Binding("s", "filter_severity", N_("severity"), id="history.filter_severity", show=False,
                tooltip=N_("Filter by the next severity")),
        Binding("v", "filter_validity", N_("validity"), id="history.filter_validity", show=False,
                tooltip=N_("Filter by the next validity")),
        Binding("t", "filter_status", N_("status"), id="history.filter_status", show=False,
                tooltip=N_("Filter by the next status")),
        Binding("d", "filter_department", N_("department"), id="history.filter_department", show=False,
                tooltip=N_("Filter by the next department")),
        Binding("c", "clear_filters", N_("clear"), id="history.clear_filters", show=False,
                tooltip=N_("Clear every filter and the search")),
    ]
    # What the operator asked to see: changing it says so and reads a new source (watch_filter).
    # Not at mount, which loads the first source itself.
    filter: var[HistoryFilter] = var(HistoryFilter, init=False)

    def __init__(self, desk: Desk, operator: str | None = None):
        super().__init__()
        self.desk = desk
        self.operator = operator
        self._search_timer = None
        self.source: HistorySource | None = None
        self._departments: list[DepartmentName] = []
        self.width = history_columns()

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="history-bar"):
            yield Static(_("loading…"), id="history-count", markup=False)
            yield Static("", id="history-filters", markup=False)
        with Horizontal(id="history-filter-bar"):
            yield Input(placeholder=_("/ search who, which, what, phone"), id="history-search")
            yield Input(placeholder=_("g YYYY-MM-DD"), id="history-date", max_length=10)
            yield Static("", id="history-date-error", markup=False)
        yield CaseTable([Column(key, heading, self.width[key], GROWING.get(key, 0)) for key, heading, _w in COLUMNS],
                        id="history")
        yield DeskFooter()

    @property
    def table(self) -> CaseTable:
        return self.query_one("#history", CaseTable)

    def on_mount(self) -> None:
        self.title = _("History")
        self._show_filters()
        self.load()

    # ---- loading: a new source for each filter, built in a worker -----------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="history-load")
    def load(self) -> None:
        if not self._departments:
            self._departments = departments(self.desk, active_only=False)
        source = HistorySource(self.desk, self.filter, cells=self.cells)
        source.row_count()
        source.keys(0, PAGE)  # the first page, read here rather than while painting
        if not get_current_worker().is_cancelled:
            self.post_message(SourceReady(source))

    @on(SourceReady)
    def _source_ready(self, event: SourceReady) -> None:
        self.show_source(event.source)

    def show_source(self, source: HistorySource) -> None:
        if source.filter != self.filter:
            return  # a newer filter is on its way
        self.source = source
        self.table.set_source(source)
        if self.table.cursor_row >= source.row_count() or source.index_of(self.table.cursor_key) is None:
            self.table.move_cursor(0)
        self._show_count()

    # ---- the rows ---------------------------------------------------------------------------------

    def cells(self, row: HistoryRow) -> list[Text]:
        """Asked for only by the rows drawn: their clocks are computed here, for those rows alone."""
        c, clock = row.case, row.next
        tz, now = self.desk.calendar.tz, row._now
        state = style_of(clock)
        major = "bold" if c.severity is Severity.major else ""
        w = self.width
        cells = [
            Cell(str(c.id), w["number"], major),
            Cell(f"{c.received_at.astimezone(tz):%Y-%m-%d %H:%M}", w["received"]),
            Cell(badge_words(clock), w["clock"], state),
            Cell(left_words(clock), w["left"], state),
            Cell(short_due(clock.due, tz, now) if clock else "", w["due"], state),
            Cell(kind_words(c.kind, c.severity, short=True), w["kind"], major),
            Cell(" · ".join(x for x in (c.who, c.which) if x), WHOLE),
            Cell(c.what, WHOLE),
            Cell(row.department or "–", w["department"]),
            Cell(label(c.status), w["status"]),
        ]
        return [cell.text for cell in cells]

    def selected_id(self) -> int | None:
        return self.table.cursor_key if self.source is not None else None

    def _show_count(self) -> None:
        total = self.source.row_count() if self.source else 0
        number = f"{total:,}"
        if self.filter.text.strip():
            words = ngettext("{n} match for '{text}'", "{n} matches for '{text}'", total)
        elif self.filter.is_empty:
            words = ngettext("{n} case recorded", "{n} cases recorded", total)
        else:
            words = ngettext("{n} case shown", "{n} cases shown", total)
        text = Text(words.format(n=number, text=self.filter.text.strip()))
        at = text.plain.find(number)
        if at >= 0:
            text.stylize("bold", at, at + len(number))
        self.query_one("#history-count", Static).update(text)

    def _show_filters(self) -> None:
        f = self.filter
        names = {d.id: d.shown for d in self._departments}
        words = [w for w in (
            label(f.kind), label(f.severity), label(f.validity), label(f.status),
            f.department_id and names.get(f.department_id, "?"),
            f.since and pgettext("filter", "from {date}").format(date=f"{f.since.astimezone(self.desk.calendar.tz):%Y-%m-%d}"),
        ) if w]
        shown = _("filters: {filters}").format(filters=" · ".join(words)) if words else _("no filter")
        self.query_one("#history-filters", Static).update(
            Text.assemble((shown, "bold" if words else "dim"), "   ", (_(KEYS_HINT), "dim")))

    # ---- actions ----------------------------------------------------------------------------------

    def action_open_case(self) -> None:
        case_id = self.selected_id()
        if case_id is not None:
            self.app.open_case(case_id)

    @on(CaseTable.RowSelected, "#history")
    def _row_chosen(self) -> None:
        self.action_open_case()

    def action_leave(self) -> None:
        if isinstance(self.focused, Input):
            self.table.focus()
        else:
            self.app.pop_screen()

    def set_filter(self, **changes) -> None:
        self.filter = self.filter.but(**changes)

    def watch_filter(self) -> None:
        self._show_filters()
        self.query_one("#history-count", Static).update(_("counting…"))
        self.load()

    def action_search(self) -> None:
        self.query_one("#history-search", Input).focus()

    @on(Input.Changed, "#history-search")
    def _searching(self, event: Input.Changed) -> None:
        # One search when the typing pauses, not one per keystroke: a one- or two-character word
        # is read across every case (the index needs three), about a second at a million cases.
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search_timer = self.set_timer(SEARCH_DELAY, self._search_now)

    def _search_now(self) -> None:
        self._search_timer = None
        text = self.query_one("#history-search", Input).value
        if text != self.filter.text:
            self.set_filter(text=text)

    @on(Input.Submitted, "#history-search")
    def _searched(self) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search_now()
        self.table.focus()

    def action_jump_to_date(self) -> None:
        self.query_one("#history-date", Input).focus()

    @on(Input.Submitted, "#history-date")
    def _date_given(self, event: Input.Submitted) -> None:
        error = self.query_one("#history-date-error", Static)
        day = parse_day(event.value)
        if day is None:
            error.update(_("a date as YYYY-MM-DD, e.g. 2026-03-01"))
            return  # the input keeps what was typed
        error.update("")
        self.jump_to(day)
        self.table.focus()

    def jump_to(self, day) -> None:
        """The cursor to the newest case received on `day` or, if none, the newest before it."""
        if self.source is None:
            return
        end_of_day = datetime.combine(day + timedelta(days=1), time(), tzinfo=self.desk.calendar.tz) - timedelta(microseconds=1)
        row = self.source.index_at(end_of_day)
        table = self.table
        table.move_cursor(row)
        table.scroll_to(y=row, animate=False)  # the day's first case at the top of the screen

    def action_filter_kind(self) -> None:
        self.set_filter(kind=cycle(list(Kind), self.filter.kind))

    def action_filter_severity(self) -> None:
        self.set_filter(severity=cycle(list(Severity), self.filter.severity))

    def action_filter_validity(self) -> None:
        self.set_filter(validity=cycle(list(Validity), self.filter.validity))

    def action_filter_status(self) -> None:
        self.set_filter(status=cycle(list(Status), self.filter.status))

    def action_filter_department(self) -> None:
        self.set_filter(department_id=cycle([d.id for d in self._departments], self.filter.department_id))

    def action_clear_filters(self) -> None:
        self.query_one("#history-search", Input).value = ""
        self.filter = HistoryFilter()


def parse_day(text: str):
    try:
        return datetime.strptime(text.strip(), "%Y-%m-%d").date()
    except ValueError:
        return None
