"""The supervisor's statistics for a day, week or month: counts, clocks and rates against their
targets, the late cases, and charts where a picture says more than a table.

The figures come from desk.statistics and are laid out by reports.sections, so this screen, the CLI
report and the exported files can never disagree about a figure.
"""

from __future__ import annotations

import time
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from functools import partial

from rich import box
from rich.columns import Columns
from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Header, Static
from textual.worker import get_current_worker

from deskapp.domain.enums import Counting
from deskapp.i18n import N_, _, ngettext, pgettext
from deskapp.output.reports import (
    BELOW,
    Section,
    Words,
    figure_sections,
    late_headers,
    late_row,
    percent,
    period_heading,
    period_words,
    rate_headers,
    rate_name,
    title,
)
from deskapp.output.year_report import year_title
from deskapp.reads import statistics as figures
from deskapp.reads.statistics import ClockFigures, Late, Period, Rate, Statistics
from deskapp.reads.year_figures import year_figures
from deskapp.screens.error_dialog import PassesOnWorkerFailures
from deskapp.screens.statistics_year import YearReady, YearTable
from deskapp.store.context import Desk
from deskapp.widgets.case_table import CaseTable, Column, ListSource
from deskapp.widgets.charts import BarChart
from deskapp.widgets.footer import DeskFooter
from deskapp.words import deadline, display

KINDS = ("day", "week", "month", "year")
NO_CASES = N_("no cases in this period")  # shown as _(NO_CASES)
# Weeks drawn in the on-time chart for a day or a week: enough to see a trend, few enough to load quickly.
TREND_WEEKS = 6
# Late list column widths in terminal cells, in the order of the report's late-cases section
# ("how late" holds "239h 59m work" and 23工时59分 at least, in the clock's own counting).
_LATE_WIDTHS = (8, 12, 9, 18, 10, 18, 18, 20)


class TableWords(Words):
    """The report's words, with how late in the short form of every screen's table ('10h 7m work'):
    the queue and the late list say a case's lateness alike; the printed report keeps the long form."""

    def late_words(self, late: timedelta, counting: Counting = Counting.wall) -> str:
        return deadline.short_amount(late, counting)


@dataclass
class FiguresReady(Message, bubble=False):
    period: Period
    stats: Statistics
    trend: list[tuple[datetime, ClockFigures]] | None  # None: the weeks follow in WeeksReady


@dataclass
class WeeksReady(Message, bubble=False):
    period: Period
    trend: list[tuple[datetime, ClockFigures]]


SIDE_BY_SIDE = 132  # the clocks table (74 columns), a gap and the targets (54) need this much


class StatisticsScreen(PassesOnWorkerFailures, Screen):
    CSS_PATH = "statistics.tcss"
    # Below this width the clocks and the targets stand one above the other (statistics.tcss): side by
    # side at 120 columns the targets' labels wrapped under their values.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (SIDE_BY_SIDE, "-wide")]
    BINDINGS = [
        Binding("m", "period_kind('month')", N_("Month"), id="statistics.month", tooltip=N_("The figures of a month")),
        Binding("w", "period_kind('week')", N_("Week"), id="statistics.week", tooltip=N_("The figures of a week")),
        Binding("d", "period_kind('day')", N_("Day"), id="statistics.day", tooltip=N_("The figures of a day")),
        Binding("y", "period_kind('year')", N_("Year"), id="statistics.year",
                tooltip=N_("The figures of a year, month by month")),
        # Priority: the late list (a scroll view) would otherwise take left and right for itself.
        Binding("left", "step(-1)", N_("Earlier"), id="statistics.earlier", priority=True,
                tooltip=N_("The period before this one")),
        Binding("right", "step(1)", N_("Later"), id="statistics.later", priority=True,
                tooltip=N_("The period after this one")),
        Binding("t", "this_period", N_("Now"), id="statistics.this_period", tooltip=N_("The period we are in")),
        Binding("enter", "open_case", N_("Open case"), id="statistics.open_case",
                tooltip=N_("Open the selected late case")),
        Binding("s", "app.open_survey", N_("Survey"), id="statistics.survey", show=False,
                tooltip=N_("Enter the satisfaction survey's returns")),
        Binding("v", "review", N_("Review"), id="statistics.review", show=False,
                tooltip=N_("The month's management review: its complaints, their outcome and the conclusion")),
        Binding("r", "refresh", N_("Refresh"), id="statistics.refresh", show=False,
                tooltip=N_("Work the figures out again")),
        Binding("escape", "app.pop_screen", N_("Back"), id="statistics.back", tooltip=N_("Back to the shift's screen")),
    ]
    # The period shown. Each one set (a key, or load()) shows its loading line and starts its figures
    # (watch_period), the same period again too: that is how r reads the figures afresh.
    period: var[Period | None] = var(None, init=False, always_update=True)

    def __init__(self, desk: Desk, operator: str | None, kind: str = "month", anchor: date | None = None):
        super().__init__()
        self.desk = desk
        self.operator = operator
        self.kind = kind
        self.anchor = anchor or desk.now().astimezone(desk.calendar.tz).date()
        self.stats: Statistics | None = None
        self.shown: dict[str, list[tuple[str, ...]]] = {}  # each section's rows as shown (tests read it)
        self.loading_placed_at = 0.0
        # perf_counter when the figures were placed, and when the frame holding them was drawn (the benchmark).
        self.figures_placed_at = 0.0
        self.figures_painted_at = 0.0

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="statistics-period")
        yield Static("", id="statistics-status")
        with VerticalScroll(id="statistics-body"):
            yield YearTable(id="statistics-year")
            yield Static("", id="statistics-counts")
            with Horizontal(id="statistics-judged"):
                yield Static("", id="statistics-clocks")
                yield Static("", id="statistics-targets")
            yield BarChart(_("Cases received"), id="chart-received")
            with Horizontal(id="statistics-chart-row"):
                yield BarChart(_("On-time rate per week (all clocks, %)"), id="chart-weekly")
                yield BarChart(_("Cases by department"), id="chart-department")
        yield Static("", id="statistics-late-title")
        yield CaseTable([Column(f"c{i}", "", w) for i, w in enumerate(_LATE_WIDTHS)], id="statistics-late")
        yield DeskFooter()

    def on_mount(self) -> None:
        self.title = _("Statistics")
        self.load()

    def action_refresh(self) -> None:
        self.load()

    def action_review(self) -> None:
        from deskapp.screens.review import ReviewScreen  # the month of the period shown (screens/review.py)

        self.app.push_screen(ReviewScreen(self.desk, self.operator, self.anchor))

    def action_period_kind(self, kind: str) -> None:
        self.kind = kind
        self.load()

    def action_step(self, steps: int) -> None:
        self.anchor = step(self.kind, self.anchor, steps)
        self.load()

    def action_this_period(self) -> None:
        self.anchor = self.desk.now().astimezone(self.desk.calendar.tz).date()
        self.load()

    def load(self) -> None:
        """The figures of the kind and the anchor asked for."""
        self.period = period_of(self.kind, self.anchor, self.desk.calendar.tz)

    def watch_period(self, period: Period) -> None:
        self.stats = None
        self.shown = {}
        self.query_one("#statistics-period", Static).update(Text.assemble(
            (period_heading(period), "bold"), "   ",
            (_("m month · w week · d day · y year · ← → earlier/later · t now · Enter opens a late case"), "dim")))
        # The month over a large database takes seconds: say so at once rather than show an old period.
        self.query_one("#statistics-status", Static).update(
            Text(_("Loading the figures for {period}…").format(period=period_words(period))))
        self._show_body(False)
        self.loading_placed_at = time.perf_counter()
        # After the next paint: the worker holds the interpreter most of its run, and started at once it
        # would hold back the very loading line that says it is working.
        self.call_after_refresh(self._work, period)

    @work(thread=True, exclusive=True, exit_on_error=False, group="statistics")
    def _work(self, period: Period) -> None:
        worker = get_current_worker()
        if period.name == "year":
            self.post_message(YearReady(period, year_figures(self.desk, period.start.year)))
            return
        stats = figures.statistics(self.desk, period)
        if worker.is_cancelled:
            return
        # A month's weeks come with its figures; a day or a week is shown against the weeks before it,
        # which take a pass of their own, drawn after the figures so they never hold back the first paint.
        trend = stats.by_week if period.name == "month" else None
        self.post_message(FiguresReady(period, stats, trend))
        if trend is not None or is_empty(stats):
            return
        trend = figures.on_time_by_week(self.desk, *trend_span(period, self.desk.calendar.tz))
        if worker.is_cancelled:
            return
        self.post_message(WeeksReady(period, trend))

    @on(FiguresReady)
    def _figures_ready(self, event: FiguresReady) -> None:
        self.show(event.period, event.stats, event.trend)

    @on(YearReady)
    def _year_ready(self, event: YearReady) -> None:
        if event.period != self.period:
            return
        self.query_one("#statistics-status", Static).update(Text(_("{title}   (as at {time})").format(
            title=year_title(event.figures), time=display.when(event.figures.now, self.desk.calendar.tz))))
        self.query_one(YearTable).show_year(event.figures)
        self._show_body(True, year=True)
        self.figures_placed_at = time.perf_counter()

    @on(WeeksReady)
    def _weeks_ready(self, event: WeeksReady) -> None:
        self.show_weekly(event.period, event.trend)

    def show(self, period: Period, stats: Statistics, trend: list[tuple[datetime, ClockFigures]] | None) -> None:
        if period != self.period:  # the supervisor has moved on to another period meanwhile
            return
        self.stats = stats
        status = self.query_one("#statistics-status", Static)
        if is_empty(stats):
            status.update(Text(_(NO_CASES), style="bold"))
            self.figures_placed_at = time.perf_counter()
            return
        tz = self.desk.calendar.tz
        words = TableWords()
        parts = figure_sections(stats, words)
        self.shown = {s.title: s.rows for s in parts}
        counts, clocks, callbacks = parts[:7], parts[7], parts[8]
        status.update(Text(_("{title}: {cases}, {late}   (as at {time})").format(
            title=title(stats), cases=ngettext("{n} case", "{n} cases", stats.cases).format(n=stats.cases),
            late=ngettext("{n} late clock", "{n} late clocks", len(stats.late)).format(n=len(stats.late)),
            time=display.when(stats.now, tz))))
        self.query_one("#statistics-counts", Static).update(
            Columns([_table(s, words) for s in counts], padding=(0, 2)))
        phone = [_table(s, words) for s in parts[10:]] if stats.phone.calls else []  # the telephone, once it is linked
        self.query_one("#statistics-clocks", Static).update(Group(_table(clocks, words), _table(callbacks, words), *phone))
        self.query_one("#statistics-targets", Static).update(rates_table(stats.rates))
        self._draw_received(period, stats.received)
        departments = sorted(stats.counts["department"].items(), key=lambda kv: (kv[1], kv[0]))
        self.query_one("#chart-department", BarChart).bars(
            [words.department(name) for name, _n in departments], [n for _name, n in departments], horizontal=True)
        if trend is None:
            self.query_one("#chart-weekly", BarChart).nothing(_("working out each week's rate…"))
        else:
            self.show_weekly(period, trend)
        self._show_late(stats.late, words)
        self._show_body(True)
        self.figures_placed_at = time.perf_counter()
        self.call_after_refresh(self._painted)

    def _painted(self) -> None:
        self.figures_painted_at = time.perf_counter()

    def show_weekly(self, period: Period, weekly: list[tuple[datetime, ClockFigures]]) -> None:
        if period != self.period:
            return
        chart = self.query_one("#chart-weekly", BarChart)
        judged = [(start, f.rate) for start, f in weekly if f.rate is not None]
        if not judged:
            chart.nothing(_("no clock fell due in these weeks"))
            return
        tz = self.desk.calendar.tz
        chart.bars([f"{start.astimezone(tz):%m-%d}" for start, _r in judged], [round(r * 100, 1) for _s, r in judged],
                   upper=100, target=self.desk.policy.targets.on_time * 100, unit=_("% on time"))

    def _draw_received(self, period: Period, received: list[datetime]) -> None:
        chart = self.query_one("#chart-received", BarChart)
        if period.name == "day":  # one day: by the hour, which shows the busy hours
            # Python adds wall-clock time to an aware time: these are the day's local hours.
            starts = [period.start + timedelta(hours=h) for h in range(24)]
            labels = [f"{h:02d}" for h in range(24)]
            chart.caption = _("Cases received per hour")
        else:
            starts = [period.start + timedelta(days=n) for n in range((period.end - period.start).days)]
            labels = [f"{s:%d}" for s in starts]
            chart.caption = _("Cases received per day")
        # Each time placed by a search among the starts, not converted to the desk's zone: a month is
        # 30,000 times, and this runs while the supervisor waits for the first paint.
        edges = [s.astimezone(UTC) for s in starts]
        counted = Counter(map(partial(bisect_right, edges), received))
        chart.bars(labels, [counted[n + 1] for n in range(len(starts))])
        chart.query_one(".chart-caption", Static).update(chart.caption)

    def _show_late(self, late: list[Late], words: Words) -> None:
        table = self.query_one("#statistics-late", CaseTable)
        tz = self.desk.calendar.tz
        # The headings already in the desk's language (the table's own look-up then finds them as they are).
        table.columns = tuple(Column(f"c{i}", h, w) for i, (h, w) in enumerate(zip(late_headers(), _LATE_WIDTHS)))
        # Rows are put into words as they scroll into sight: a month can have thousands.
        table.set_source(ListSource(range(len(late)), lambda i: late_row(late[i], tz, words)))
        heading = _("Late cases ({n}), by due time").format(n=len(late)) if late else _("No late cases")
        self.query_one("#statistics-late-title", Static).update(Text(heading, style="bold"))

    def _show_body(self, shown: bool, year: bool = False) -> None:
        """The body once the figures are in; a year's is its table alone (no late list, no charts)."""
        self.query_one("#statistics-body").display = shown
        for selector in _MONTHS_PARTS:
            self.query_one(selector).display = shown and not year
        self.query_one(YearTable).display = shown and year
        if shown:
            self.query_one("#statistics-body" if year else "#statistics-late").focus()

    def action_open_case(self) -> None:
        table = self.query_one("#statistics-late", CaseTable)
        if self.stats is None or not self.stats.late or not table.display:
            self.notify(_("no late case to open"), severity="warning")
            return
        row = min(max(table.cursor_row, 0), len(self.stats.late) - 1)
        self.app.open_case(self.stats.late[row].case_id)

    @on(CaseTable.RowSelected, "#statistics-late")
    def _late_chosen(self) -> None:
        self.action_open_case()


# What a day, a week or a month shows and a year does not.
_MONTHS_PARTS = ("#statistics-counts", "#statistics-judged", "#chart-received", "#statistics-chart-row",
                 "#statistics-late-title", "#statistics-late")


def period_of(kind: str, anchor: date, tz: tzinfo) -> Period:
    if kind == "year":
        return figures.year(anchor.year, tz)
    if kind == "day":
        return figures.day(anchor, tz)
    if kind == "week":
        return figures.week(anchor, tz)
    return figures.month(anchor.year, anchor.month, tz)


def step(kind: str, anchor: date, steps: int) -> date:
    """The anchor date `steps` periods earlier (negative) or later."""
    if kind == "day":
        return anchor + timedelta(days=steps)
    if kind == "week":
        return anchor + timedelta(weeks=steps)
    if kind == "year":
        return date(anchor.year + steps, 1, 1)
    index = anchor.year * 12 + anchor.month - 1 + steps
    return date(index // 12, index % 12 + 1, 1)


def is_empty(stats: Statistics) -> bool:
    """Nothing came in and nothing fell due: there is nothing to show but the sentence."""
    return (not stats.cases and not stats.voided and not stats.late and stats.callbacks.overall.due == 0
            and not any(f.counted for f in stats.clocks.values()))


def trend_span(period: Period, tz: tzinfo) -> tuple[datetime, datetime]:
    """The weeks leading up to a day or a week, its own week included: enough to see a trend."""
    monday = period.start.date() - timedelta(days=period.start.weekday())
    first = figures.week(monday - timedelta(weeks=TREND_WEEKS - 1), tz)
    return first.start, figures.week(monday, tz).end


def _table(section: Section, words: Words) -> Table:
    table = Table(*section.headers, title=section.title, box=box.SIMPLE_HEAD, title_justify="left",
                  title_style="bold")
    for row in section.rows:
        table.add_row(*(Text(cell) for cell in row))  # Text: category names are user text, never markup
    if not section.rows:
        table.add_row(words.none, *[""] * (len(section.headers) - 1))
    return table


def rates_table(rates: list[Rate]) -> Table:
    """Each rate against its target, a missed one marked in words and a symbol as well as colour."""
    table = Table(*rate_headers(), "", title=_("Rates against targets"), box=box.SIMPLE_HEAD,
                  title_justify="left", title_style="bold")
    for column in table.columns:
        column.no_wrap = True  # a label never wraps under its value: the screen makes room instead
    for r in rates:
        table.add_row(rate_name(r), percent(r.value), percent(r.target), mark(r))
    return table


def mark(rate: Rate) -> Text:
    """'✖ BELOW TARGET' / '✖ 未达标': a symbol and words beside the colour."""
    if rate.below:
        return Text("✖ " + _(BELOW), style="bold red")
    if rate.value is None:
        return Text("– " + pgettext("rate", "nothing due"), style="dim")
    return Text("✔ " + pgettext("rate", "on target"), style="green")


def shown_text(renderable: Group | Table | Columns, width: int = 200) -> str:
    """A renderable as plain text (what a reader of the screen sees), for tests and the benchmark."""
    import io

    from rich.console import Console

    console = Console(width=width, color_system=None, file=io.StringIO())
    console.print(renderable)
    return console.file.getvalue()
