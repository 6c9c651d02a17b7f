"""The queue: every open case, nearest deadline first, coloured by its state, live.

The order comes from SQL on the stored due times (`reads/queue_keys`): one small key per open case,
which the filters and the counts work on (`reads/queue_tally`, by bisection). Only the rows on screen
are read whole and have their clocks worked out (`reads/queue_rows`). Every second the clocks of the
rows on screen whose display can have changed are recomputed and only those rows drawn again, so
the cursor stays put; the counts are taken again from the keys. Every second a worker asks the
database whether anything changed (two index look-ups) and reloads only the changed cases' keys.
The first load has a worker of its own, which the probe never cancels (it waits for the first
load), and says how far it has come on a big desk; the workers report by message.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Header, Input, Static

from deskapp.domain.enums import ClockState, Kind, Severity, Status
from deskapp.i18n import N_, _
from deskapp.models import Case
from deskapp.palette import CaseCommands
from deskapp.reads.queue import (
    Counts,
    Directory,
    Marker,
    QueueFilter,
    QueueLine,
    line_at,
)
from deskapp.reads.queue_keys import QueueKey
from deskapp.reads.queue_rows import QueueRows
from deskapp.reads.queue_tally import Tally
from deskapp.reads.views import Names
from deskapp.screens.actions import CaseActions
from deskapp.screens.queue_feed import QueueFeed
from deskapp.store.context import Desk
from deskapp.textual_compat import KeptScreen
from deskapp.widgets.case_table import CaseTable, Column
from deskapp.widgets.deadline import (
    Cell,
    badge_words,
    left_words,
    short_due,
    state_class,
    style_of,
)
from deskapp.widgets.footer import DeskFooter
from deskapp.widgets.hint import HintLine, items_of
from deskapp.words import deadline, display
from deskapp.words.coordination import chased_what
from deskapp.words.incidents import incident_what
from deskapp.words.labels import label
from deskapp.words.widths import cells
from deskapp.words.wording import kind_words

TICK_SECONDS = 1.0
PROBE_SECONDS = 1.0

# (key, heading, width in cells): fixed widths, so the table never measures its rows. The widths
# marked None follow the words of the desk's language (see `columns`).
COLUMNS = (
    ("number", N_("#"), 5), ("clock", N_("next clock"), 20), ("left", deadline.LEFT_OR_LATE, None), ("due", N_("due"), 11),
    ("kind", N_("kind"), None), ("who", N_("who / which"), None), ("what", N_("what"), None),
    ("owner", N_("owner"), 10), ("department", N_("department"), 11), ("status", N_("status"), None),
)
TABLE_WIDTH = 119  # a 120-column terminal, less the scrollbar
# Who/which and what share whatever a wider terminal has beyond TABLE_WIDTH (the table widens them
# and clips their text itself, so their cells are made whole).
GROWING = {"who": 1, "what": 1}
WHOLE = 10_000  # a Cell width that never clips: the table clips the growing columns to their width
STATES = (ClockState.overdue, ClockState.due_soon, ClockState.on_time, ClockState.waiting)


def columns(table_width: int = TABLE_WIDTH) -> dict[str, int]:
    """Each column's width in cells, in the desk's language: the time left, the kind and the status
    as wide as their longest words (plus the blank between cells), who/which and what sharing the rest."""
    widths = {key: width for key, _heading, width in COLUMNS if width}
    widths["left"] = max(cells(w) for w in deadline.widest_short_left()) + 1
    kinds = [kind_words(k, s, short=True) for k in Kind for s in ((None,) if k is not Kind.complaint else Severity)]
    widths["kind"] = min(max(cells(k) for k in kinds) + 1, 14)
    widths["status"] = max(cells(label(s)) for s in Status) + 1
    rest = table_width - sum(widths.values())
    widths["who"], widths["what"] = rest - rest // 2, rest // 2
    return widths


def cycle(options: list, current):
    """The next option after `current`; after the last, back to none."""
    if current not in options:
        return options[0] if options else None
    at = options.index(current) + 1
    return options[at] if at < len(options) else None


class QueueScreen(QueueFeed, CaseActions, KeptScreen, Screen):
    CSS_PATH = Path(__file__).parent / "queue.tcss"
    COMMANDS = {CaseCommands}
    # Focus goes straight to the table: each change of focus rebuilds the footer, ~40 ms of first paint.
    AUTO_FOCUS = "#queue"
    BINDINGS = [
        Binding("enter", "open_case", N_("Open"), id="queue.open_case", tooltip=N_("Open the selected case")),
        Binding("slash", "search", N_("Search"), id="queue.search", tooltip=N_("Search who, which, what and phone")),
        Binding("escape", "leave", N_("Back"), id="queue.back",
                tooltip=N_("Back to the table, or to the shift's screen")),
        *CaseActions.ACTION_BINDINGS,
        # Filters: named in the filter bar rather than the footer, which has no room for them.
        Binding("k", "filter_kind", N_("kind"), id="queue.filter_kind", show=False,
                tooltip=N_("Filter by the next kind")),
        Binding("s", "filter_severity", N_("severity"), id="queue.filter_severity", show=False,
                tooltip=N_("Filter by the next severity")),
        Binding("t", "filter_state", N_("deadline state"), id="queue.filter_state", show=False,
                tooltip=N_("Filter by the next deadline state")),
        Binding("d", "filter_department", N_("department"), id="queue.filter_department", show=False,
                tooltip=N_("Filter by the next department")),
        Binding("o", "filter_owner", N_("owner"), id="queue.filter_owner", show=False,
                tooltip=N_("Filter by the next owner")),
        Binding("h", "filter_after_hours", N_("after hours"), id="queue.filter_after_hours", show=False,
                tooltip=N_("Only the cases taken after hours, or all")),
        Binding("c", "clear_filters", N_("clear"), id="queue.clear_filters", show=False,
                tooltip=N_("Clear every filter and the search")),
    ]
    # What the operator asked to see: changing it redraws the filter bar and the rows (watch_filter).
    # Not at mount: the first rows come with the first load.
    filter: var[QueueFilter] = var(QueueFilter, init=False)

    def __init__(self, desk: Desk, operator: str | None = None):
        super().__init__()
        self.desk = desk
        self.operator = operator
        self.keys: list[QueueKey] = []  # every open case, in the queue's order
        self.tally: Tally | None = None  # their states at any instant
        self.by_id = Names({}, {})  # staff and departments by id, as the filters compare them
        self.marker: Marker | None = None
        self.names = Directory((), ())
        self.order: list[int] = []  # the case numbers shown, in their order
        self.rows = QueueRows(desk, self._row_cells)
        self._words: dict[int, tuple[str, str]] | None = None  # what a search looks in, read when searching
        self._counts: Counts | None = None
        self._minute = ""
        self._ticked_at = None
        self.width = columns()  # the language is chosen before any screen is built

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="queue-bar"):
            yield Static(_("loading…"), id="queue-counts", markup=False)
            yield Static("", id="queue-time", markup=False)
        with Horizontal(id="queue-filter-bar"):
            yield Input(placeholder=_("/ search who, which, what, phone"), id="queue-search")
            yield HintLine(id="queue-filters")
        yield CaseTable([Column(key, heading, self.width[key], GROWING.get(key, 0)) for key, heading, _w in COLUMNS],
                        self.rows, id="queue")
        yield DeskFooter()

    @property
    def table(self) -> CaseTable:
        return self.query_one("#queue", CaseTable)

    def on_mount(self) -> None:
        self.title = _("Queue")
        self._show_filters()
        self.load_all()
        self._live_timers = [self.set_interval(TICK_SECONDS, self.tick), self.set_interval(PROBE_SECONDS, self.probe)]
        if self.app.screen is not self:  # built ahead, off stage (DeskApp.keep_queue_ready): still until shown
            self.on_screen_suspend()

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

    # ---- the table --------------------------------------------------------------------------------

    def cells(self, line: QueueLine) -> list[Cell]:
        c, e, clock, morning = line.entry.case, line.entry, line.next, line.awaiting_morning
        tz, now = self.desk.calendar.tz, self.desk.now()
        w, state = self.width, style_of(clock, morning)
        major = "bold" if c.severity is Severity.major else ""
        return [
            Cell(str(c.id), w["number"], major),
            Cell(badge_words(clock, morning), w["clock"], state),
            Cell(left_words(clock), w["left"], state),
            Cell(short_due(clock.due, tz, now) if clock else "", w["due"], state),
            Cell(kind_words(c.kind, c.severity, short=True), w["kind"], major),
            Cell(" · ".join(x for x in (c.who, c.which) if x), WHOLE),
            Cell(incident_what(chased_what(c.what, getattr(c, "chase_count", 0)), getattr(c, "incident_id", None)),
                 WHOLE),  # "incident 3 · ⟳2 …": one call of a batch incident, chased twice
            Cell(e.owner, w["owner"]),
            Cell(e.department or "–", w["department"]),
            Cell(label(c.status), w["status"]),
        ]

    @property
    def lines(self) -> dict[int, QueueLine]:
        """The lines worked out so far: the rows drawn, not every open case."""
        return self.rows.lines

    def _row_cells(self, line: QueueLine) -> list[Text]:
        """Asked by the table only for the rows it draws, so 50,000 open cases cost what 30 do."""
        return [cell.text for cell in self.cells(line)]

    def _ordered(self) -> list[int]:
        f = self.filter
        if f == QueueFilter():
            return [key.case_id for key in self.keys]
        now, tally = self.desk.now(), self.tally
        words = self._search_words() if f.text.strip() else None
        return f.admitted(self.keys, lambda key: tally.state(key, now) if tally else None, self.by_id, words)

    def rebuild(self) -> None:
        """All rows afresh: on the first load, a new filter, or a full reload. The table draws only
        the screenful it shows; the cursor stays on its case if the case is still shown."""
        self.order = self._ordered()
        self.rows.set_keys(self.order)
        self.table.source_changed()
        self._show_counts()

    def _sync_rows(self, ids: list[int]) -> None:
        """Only the changed cases: rows removed, added or redrawn, and put back in order if they moved."""
        order = self._ordered()
        if order != self.order:
            self.order = order
            self.rows.set_keys(order)
            self.table.source_changed(ids)
        else:
            self.table.refresh_rows(ids)
        self._show_counts()

    def tick(self) -> None:
        """The passing second: recompute only the lines on screen whose display may have changed, and
        the counts from the keys."""
        if self.marker is None or self.tally is None:
            self._show_progress()
            return
        now = self.desk.now()
        policy, calendar = self.desk.policy, self.desk.calendar
        # A clock set back (a test, a corrected machine clock) makes every line due for a look.
        everything = self._ticked_at is not None and now < self._ticked_at
        self._ticked_at = now
        top = int(self.table.scroll_offset.y)
        on_screen = set(self.rows.keys(top, top + self.table.size.height))
        changed, stale = [], []
        for case_id, line in self.lines.items():
            if line.recheck_at > now and not everything:
                continue
            if case_id in on_screen:
                self.lines[case_id] = line_at(line.entry, policy, calendar, now)
                changed.append(case_id)
            else:
                stale.append(case_id)  # worked out afresh if it is drawn again
        self.rows.forget(stale)
        if changed or stale:
            self.table.refresh_rows([*changed, *stale])  # only those on screen are drawn again
        counts = self.tally.counts(now)
        if counts != self._counts and self.filter.state is not None:
            self.rebuild()  # a line may have moved into or out of the state asked for
        elif counts != self._counts:
            self._show_counts(counts)
        self._show_time(now)

    def selected_id(self) -> int | None:
        return self.table.cursor_key

    def _show_counts(self, counts: Counts | None = None) -> None:
        if counts is None:
            counts = self.tally.counts(self.desk.now()) if self.tally else Counts()
        self._counts = counts
        # Coloured as the deadlines they count are, by the table's theme styles.
        shown = {"overdue": counts.overdue, "due_soon": counts.due_soon, "morning": counts.awaiting_morning}
        states = {"overdue": ClockState.overdue, "due_soon": ClockState.due_soon}
        text = Text()
        for key, words in counts.parts():
            if text:
                text.append(" · ")
            style = state_class(states.get(key), morning=key == "morning") if shown.get(key) else None
            text.append(words, style=self.table.get_component_rich_style(style, partial=True) if style else "")
        showing = len(self.order)
        if showing != counts.open:
            text.append("   " + _("showing {n}").format(n=showing), style="italic")
        self.query_one("#queue-counts", Static).update(text)
        self._show_time(self.desk.now())

    def _show_time(self, now) -> None:
        minute = display.when(now, self.desk.calendar.tz)
        if minute != self._minute:
            self._minute = minute
            self.query_one("#queue-time", Static).update(minute)

    # ---- the case in hand -------------------------------------------------------------------------

    def case_in_hand(self) -> Case | None:
        case_id = self.selected_id()
        line = self.rows.line(case_id) if case_id is not None else None
        return line.entry.case if line else None

    def after_action(self, view) -> None:
        self.probe()

    def on_desk_changed(self, _event) -> None:  # PostgreSQL's word that a desk wrote: look now
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

    def watch_filter(self) -> None:
        self._show_filters()
        self.rebuild()

    def _show_filters(self) -> None:
        words = self.filter.words()
        shown = _("filters: {filters}").format(filters=" · ".join(words)) if words else _("no filter")
        keys = _("k kind · s severity · t state · d department · o owner · h after hours · c clear")
        # Packed into the bar's two lines so that a narrow screen breaks between keys, not in one.
        self.query_one("#queue-filters", HintLine).show(Text(shown, "bold" if words else "dim"), items_of(keys))

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
        owners = sorted({self.by_id.staff.get(key.received_by_id, "?") for key in self.keys})
        self.set_filter(owner=cycle(owners, self.filter.owner))

    def action_filter_after_hours(self) -> None:
        self.set_filter(after_hours=not self.filter.after_hours)

    def action_clear_filters(self) -> None:
        self.query_one("#queue-search", Input).value = ""
        self.filter = QueueFilter()
