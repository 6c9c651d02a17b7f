"""Home: the desk at a glance, and what falls due next."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from deskapp.desk.access import desk_is_accountable
from deskapp.i18n import N_, NP_, _, pgettext
from deskapp.reads.desk_warnings import estimate_note, estimated_years, zone_note
from deskapp.reads.queries import Summary, desk_summary
from deskapp.screens.error_dialog import PassesOnWorkerFailures
from deskapp.store.context import Desk
from deskapp.widgets.deadline import DEADLINE_CLASSES, badge_words, deadline_style
from deskapp.widgets.footer import DeskFooter
from deskapp.words import deadline, display
from deskapp.words.widths import clip
from deskapp.words.wording import kind_words

REFRESH_SECONDS = 30
ESTIMATE_SECONDS = 15  # the estimated year's toast: long enough to read it and the command it names
# The counts across the top: (box, words under the number, class it takes when above 0).
COUNTS = [
    ("open", NP_("home count", "open"), ""),
    ("overdue", NP_("home count", "overdue"), "overdue"),
    ("due_soon", NP_("home count", "due soon"), "due-soon"),
    ("overnight", NP_("home count", "overnight"), "morning"),
    ("waiting", NP_("home count", "waiting"), ""),
    ("callbacks_due", NP_("home count", "callbacks due"), ""),
    ("received_today", NP_("home count", "received today"), ""),
]
# Said on a desk where nobody has a PIN yet (first set-up, demos): names are not proved.
NO_PINS = N_("Nobody has a PIN yet: anyone can act under any name, and only voiding and changing a forwarded "
             "case's severity are kept for the supervisor. A supervisor sets the desk's first PIN with "
             "`deskapp pin NAME`.")
COLUMNS = [N_("next clock"), deadline.LEFT_OR_LATE, N_("due"), N_("kind"), N_("who / which"), N_("what")]


@dataclass
class SummaryLoaded(Message, bubble=False):
    summary: Summary
    accountable: bool = True  # somebody has a PIN: names are proved and the rules of who may do what hold
    zone: str | None = None  # the machine's zone is not the calendar country's (reads.desk_warnings)


@dataclass
class EstimatesFound(Message, bubble=False):
    years: tuple[int, ...]  # years open clocks fall due in that the calendar only estimates


class HomeScreen(PassesOnWorkerFailures, Screen):
    COMPONENT_CLASSES = DEADLINE_CLASSES
    BINDINGS = [
        Binding("r", "refresh", N_("Refresh"), id="home.refresh", tooltip=N_("Read the counts and cases again")),
        Binding("q", "app.quit", N_("Quit"), id="home.quit", tooltip=N_("Leave the app")),
        # Not in the footer: at 80 columns it would push the F-keys off it. The palette and the keys panel list it.
        Binding("l", "app.open_calls", N_("Calls"), id="home.calls", show=False,
                tooltip=N_("The call log and the missed calls to call back")),
    ]

    def __init__(self, desk: Desk):
        super().__init__()
        self.desk = desk
        self._shown_before = False

    def compose(self) -> ComposeResult:
        yield Header()  # the status line in the header carries the desk's time
        with Horizontal(id="counts"):
            for name, _words, _style in COUNTS:
                yield Static("…", id=f"count-{name}", classes="count")
        yield Static("", id="no-pins", classes="warning")
        yield Static("", id="desk-warnings", classes="warning")
        yield Static(_("Next due"), classes="heading")
        yield DataTable(id="next-due", cursor_type="row", zebra_stripes=True)
        yield DeskFooter()

    def on_mount(self) -> None:
        self.title = _("Home")
        self.query_one("#no-pins").display = False
        self.query_one("#desk-warnings").display = False
        table = self.query_one(DataTable)
        # The deadline first: it is what the desk reads this screen for.
        table.add_columns("#", *(_(c) for c in COLUMNS))
        self.action_refresh()
        self._refresh_timer = self.set_interval(REFRESH_SECONDS, self.action_refresh)

    # Covered by another screen (the queue), the counts are not read: a big desk's summary costs seconds.
    def on_screen_suspend(self) -> None:
        self._refresh_timer.pause()

    def on_screen_resume(self) -> None:
        if hasattr(self, "_refresh_timer"):
            self._refresh_timer.resume()
            # Not on the first showing, which follows the mount's own read: two reads at start-up
            # were two threads and two paints of the same counts before the desk saw the first.
            if self._shown_before:
                self.action_refresh()
            self._shown_before = True

    def action_refresh(self) -> None:
        self.load_summary()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.app.open_case(int(event.row_key.value))

    @work(thread=True, exclusive=True, exit_on_error=False)
    def load_summary(self) -> None:
        summary = desk_summary(self.desk)
        self.post_message(SummaryLoaded(summary, desk_is_accountable(self.desk), zone_note()))
        # After the counts are shown: the first look loads the holidays package (0.1 s a process).
        self.post_message(EstimatesFound(tuple(estimated_years(self.desk))))

    @on(SummaryLoaded)
    def show_summary(self, event: SummaryLoaded) -> None:
        summary = event.summary
        self.query_one("#no-pins", Static).update(Text(_(NO_PINS), style="bold") if not event.accountable else "")
        self.query_one("#no-pins").display = not event.accountable
        self.show_warnings(event)
        for name, words, style in COUNTS:
            count = getattr(summary, name)
            box = self.query_one(f"#count-{name}", Static)
            box.update(Text.assemble((f"{count}\n", "bold"), pgettext(*words)))
            if style:
                box.set_class(count > 0, style)
        table = self.query_one(DataTable)
        table.clear()
        tz, now = self.desk.calendar.tz, self.desk.now()
        for view in summary.next_due:
            c, clock = view.case, view.next_clock
            morning = c.id in summary.morning
            style = deadline_style(self, clock, morning)
            table.add_row(
                str(c.id),
                Text(badge_words(clock, morning), style=style),
                Text(deadline.short_lateness(clock), style=style),
                display.when(clock.due, tz, now),
                kind_words(c.kind, c.severity),
                Text(clip(" · ".join(x for x in (c.who, c.which) if x), 32)),
                Text(clip(c.what, 48)),
                key=str(c.id),
            )

        # Once the counts and rows are painted, not before: the screens built ahead would hold them back.
        self.app.call_after_refresh(self.app.keep_screens_ready)

    def show_warnings(self, event: SummaryLoaded) -> None:
        """The zone and changed rules, a line each while they hold."""
        lines = [line for line in (event.zone, getattr(self.app, "rules_note", None)) if line]
        box = self.query_one("#desk-warnings", Static)
        box.update(Text("\n".join(lines)))
        box.display = bool(lines)

    @on(EstimatesFound)
    def warn_of_estimates(self, event: EstimatesFound) -> None:
        """A year only estimated is said once per start (a toast, each year once), so that a refresh
        every half minute does not nag about it."""
        warned = getattr(self.app, "estimates_warned", None)
        fresh = [year for year in event.years if warned is None or year not in warned]
        if fresh:
            if warned is not None:
                warned.update(fresh)
            self.notify(estimate_note(fresh), title=_("Calendar"), severity="warning", timeout=ESTIMATE_SECONDS,
                        markup=False)
