"""The supervisor's statistics for a day, week or month: counts, clocks and rates against their
targets, the late cases, and charts where a picture says more than a table.

The figures come from desk.statistics and are laid out by reports.sections, so this screen, the CLI
report and the exported files can never disagree about a figure.
"""

from __future__ import annotations

import time
from collections import Counter
from datetime import date, datetime, timedelta, tzinfo

from rich import box
from rich.columns import Columns
from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static
from textual.worker import get_current_worker

from deskapp.desk import statistics as figures
from deskapp.desk.context import Desk
from deskapp.desk.statistics import Period, Rate, Statistics
from deskapp.reports import BELOW, Section, percent, sections, title
from deskapp.widgets.case_table import CaseTable, Column, ListSource
from deskapp.widgets.charts import BarChart

KINDS = ("day", "week", "month")
NO_CASES = "no cases in this period"
# Weeks drawn in the on-time chart for a day or a week: enough to see a trend, few enough to load quickly.
TREND_WEEKS = 6
# Late list column widths, in the order of the report's late-cases section.
_LATE_WIDTHS = (8, 12, 9, 18, 10, 18, 18, 12)


class StatisticsScreen(Screen):
    CSS_PATH = "statistics.tcss"
    BINDINGS = [
        Binding("m", "period_kind('month')", "Month", id="statistics-month"),
        Binding("w", "period_kind('week')", "Week", id="statistics-week"),
        Binding("d", "period_kind('day')", "Day", id="statistics-day"),
        # Priority: the late list (a scroll view) would otherwise take left and right for itself.
        Binding("left", "step(-1)", "Earlier", id="statistics-earlier", priority=True),
        Binding("right", "step(1)", "Later", id="statistics-later", priority=True),
        Binding("t", "this_period", "Now", id="statistics-now"),
        Binding("enter", "open_case", "Open case", id="statistics-open"),
        Binding("r", "refresh", "Refresh", id="statistics-refresh", show=False),
        Binding("escape", "app.pop_screen", "Back", id="statistics-back"),
    ]

    def __init__(self, desk: Desk, operator: str | None, kind: str = "month", anchor: date | None = None):
        super().__init__()
        self.desk = desk
        self.operator = operator
        self.kind = kind
        self.anchor = anchor or desk.now().astimezone(desk.calendar.tz).date()
        self.period = period_of(kind, self.anchor, desk.calendar.tz)
        self.stats: Statistics | None = None
        self.shown: dict[str, list[tuple[str, ...]]] = {}  # each section's rows as shown (tests read it)
        self.loading_placed_at = 0.0
        self.figures_placed_at = 0.0  # perf_counter when the figures went on screen (the benchmark reads it)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="statistics-period")
        yield Static("", id="statistics-status")
        with VerticalScroll(id="statistics-body"):
            yield Static("", id="statistics-counts")
            with Horizontal(id="statistics-judged"):
                yield Static("", id="statistics-clocks")
                yield Static("", id="statistics-targets")
            yield BarChart("Cases received", id="chart-received")
            with Horizontal(id="statistics-chart-row"):
                yield BarChart("On-time rate per week (all clocks, %)", id="chart-weekly")
                yield BarChart("Cases by department", id="chart-department")
        yield Static("", id="statistics-late-title")
        yield CaseTable([Column(f"c{i}", "", w) for i, w in enumerate(_LATE_WIDTHS)], id="statistics-late")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Statistics"
        self.load()

    def action_refresh(self) -> None:
        self.load()

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
        self.period = period_of(self.kind, self.anchor, self.desk.calendar.tz)
        self.stats = None
        self.shown = {}
        self.query_one("#statistics-period", Static).update(Text.assemble(
            (f"{self.period.name.capitalize()} {self.period.label}", "bold"),
            ("   m month · w week · d day · ← → earlier/later · t now · Enter opens a late case", "dim")))
        # The month over a large database takes seconds: say so at once rather than show an old period.
        self.query_one("#statistics-status", Static).update(Text(f"Loading the figures for {self.period.label}…"))
        self._show_body(False)
        self.loading_placed_at = time.perf_counter()
        # After the next paint: the worker holds the interpreter most of its run, and started at once it
        # would hold back the very loading line that says it is working.
        self.call_after_refresh(self._work, self.period)

    @work(thread=True, exclusive=True, group="statistics")
    def _work(self, period: Period) -> None:
        worker = get_current_worker()
        stats = figures.statistics(self.desk, period)
        received = figures.received_times(self.desk, period)
        if worker.is_cancelled:
            return
        self.app.call_from_thread(self.show, period, stats, received)
        if is_empty(stats):
            return
        # The weekly chart needs one statistics run per week: drawn after the figures, so it never
        # holds back the first paint.
        weekly = []
        for week in weeks_for(period, self.desk.calendar.tz):
            if worker.is_cancelled:
                return
            weekly.append((week.start, on_time_rate(figures.statistics(self.desk, week))))
        self.app.call_from_thread(self.show_weekly, period, weekly)

    def show(self, period: Period, stats: Statistics, received: list[datetime]) -> None:
        if period != self.period:  # the supervisor has moved on to another period meanwhile
            return
        self.stats = stats
        status = self.query_one("#statistics-status", Static)
        if is_empty(stats):
            status.update(Text(NO_CASES, style="bold"))
            self.figures_placed_at = time.perf_counter()
            return
        tz = self.desk.calendar.tz
        parts = sections(stats, tz)
        self.shown = {s.title: s.rows for s in parts}
        counts, clocks, callbacks, _rates, late = parts[:7], parts[7], parts[8], parts[9], parts[10]
        status.update(Text(f"{title(stats)}: {stats.cases} cases, {len(stats.late)} late clocks"
                           f"   (as at {stats.now.astimezone(tz):%Y-%m-%d %H:%M})"))
        self.query_one("#statistics-counts", Static).update(
            Columns([_table(s) for s in counts], padding=(0, 2)))
        self.query_one("#statistics-clocks", Static).update(Group(_table(clocks), _table(callbacks)))
        self.query_one("#statistics-targets", Static).update(rates_table(stats.rates))
        self._draw_received(period, received)
        departments = sorted(stats.counts["department"].items(), key=lambda kv: (kv[1], kv[0]))
        self.query_one("#chart-department", BarChart).bars(
            [name for name, _ in departments], [n for _, n in departments], horizontal=True)
        self.query_one("#chart-weekly", BarChart).nothing("working out each week's rate…")
        self._show_late(late)
        self._show_body(True)
        self.figures_placed_at = time.perf_counter()

    def show_weekly(self, period: Period, weekly: list[tuple[datetime, float | None]]) -> None:
        if period != self.period:
            return
        chart = self.query_one("#chart-weekly", BarChart)
        judged = [(start, rate) for start, rate in weekly if rate is not None]
        if not judged:
            chart.nothing("no clock fell due in these weeks")
            return
        tz = self.desk.calendar.tz
        chart.bars([f"{start.astimezone(tz):%m-%d}" for start, _ in judged], [round(r * 100, 1) for _, r in judged],
                   upper=100, target=self.desk.policy.targets.on_time * 100, unit="% on time")

    def _draw_received(self, period: Period, received: list[datetime]) -> None:
        tz = self.desk.calendar.tz
        chart = self.query_one("#chart-received", BarChart)
        if period.name == "day":  # one day: by the hour, which shows the busy hours
            counted = Counter(t.astimezone(tz).hour for t in received)
            chart.caption = "Cases received per hour"
            chart.bars([f"{h:02d}" for h in range(24)], [counted[h] for h in range(24)])
        else:
            counted = Counter(t.astimezone(tz).date() for t in received)
            days = [period.start.date() + timedelta(days=n) for n in range((period.end - period.start).days)]
            chart.caption = "Cases received per day"
            chart.bars([f"{d:%d}" for d in days], [counted[d] for d in days])
        chart.query_one(".chart-caption", Static).update(chart.caption)

    def _show_late(self, late: Section) -> None:
        table = self.query_one("#statistics-late", CaseTable)
        rows = late.rows
        table.columns = tuple(Column(f"c{i}", h, w) for i, (h, w) in enumerate(zip(late.headers, _LATE_WIDTHS)))
        table.set_source(ListSource(range(len(rows)), lambda i: rows[i]))
        heading = f"Late cases ({len(rows)}), by due time" if rows else "No late cases"
        self.query_one("#statistics-late-title", Static).update(Text(heading, style="bold"))

    def _show_body(self, shown: bool) -> None:
        for selector in ("#statistics-body", "#statistics-late-title", "#statistics-late"):
            self.query_one(selector).display = shown
        if shown:
            self.query_one("#statistics-late", CaseTable).focus()

    def action_open_case(self) -> None:
        table = self.query_one("#statistics-late", CaseTable)
        if self.stats is None or not self.stats.late or not table.display:
            self.notify("no late case to open", severity="warning")
            return
        row = min(max(table.cursor_row, 0), len(self.stats.late) - 1)
        self.app.open_case(self.stats.late[row].case_id)

    @on(CaseTable.RowSelected, "#statistics-late")
    def _late_chosen(self) -> None:
        self.action_open_case()


def period_of(kind: str, anchor: date, tz: tzinfo) -> Period:
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
    index = anchor.year * 12 + anchor.month - 1 + steps
    return date(index // 12, index % 12 + 1, 1)


def is_empty(stats: Statistics) -> bool:
    """Nothing came in and nothing fell due: there is nothing to show but the sentence."""
    return (not stats.cases and not stats.voided and not stats.late and stats.callbacks.overall.due == 0
            and not any(f.counted for f in stats.clocks.values()))


def on_time_rate(stats: Statistics) -> float | None:
    """All judged clocks together: the share met by their due time."""
    counted = sum(f.counted for f in stats.clocks.values())
    return sum(f.met for f in stats.clocks.values()) / counted if counted else None


def weeks_for(period: Period, tz: tzinfo) -> list[Period]:
    """A month's weeks, cut at its edges so each case counts once; for a day or a week, the weeks
    leading up to it, for the trend."""
    if period.name != "month":
        monday = period.start.date() - timedelta(days=period.start.weekday())
        return [figures.week(monday - timedelta(weeks=n), tz) for n in reversed(range(TREND_WEEKS))]
    out, monday = [], period.start.date() - timedelta(days=period.start.weekday())
    while datetime(monday.year, monday.month, monday.day, tzinfo=tz) < period.end:
        w = figures.week(monday, tz)
        out.append(Period("week", w.label, max(w.start, period.start), min(w.end, period.end)))
        monday += timedelta(weeks=1)
    return out


def _table(section: Section) -> Table:
    table = Table(*section.headers, title=section.title, box=box.SIMPLE_HEAD, title_justify="left",
                  title_style="bold")
    for row in section.rows:
        table.add_row(*(Text(cell) for cell in row))  # Text: category names are user text, never markup
    if not section.rows:
        table.add_row("none", *[""] * (len(section.headers) - 1))
    return table


def rates_table(rates: list[Rate]) -> Table:
    """Each rate against its target, a missed one marked in words and a symbol as well as colour."""
    table = Table("rate", "value", "target", "", title="Rates against targets", box=box.SIMPLE_HEAD,
                  title_justify="left", title_style="bold")
    for r in rates:
        table.add_row(r.name, percent(r.value), percent(r.target), mark(r))
    return table


def mark(rate: Rate) -> Text:
    if rate.below:
        return Text(f"✖ {BELOW}", style="bold red")
    if rate.value is None:
        return Text("– nothing due", style="dim")
    return Text("✔ on target", style="green")


def shown_text(renderable: Group | Table | Columns, width: int = 200) -> str:
    """A renderable as plain text (what a reader of the screen sees), for tests and the benchmark."""
    import io

    from rich.console import Console

    console = Console(width=width, color_system=None, file=io.StringIO())
    console.print(renderable)
    return console.file.getvalue()
