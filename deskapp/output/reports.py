"""A period's figures written for people: a Rich table on the terminal, and md, csv, html or json files.

Every format is drawn from the same sections (a title, column names, rows of plain strings), so the
terminal, the printed page and the spreadsheet can never disagree about a figure.

The words are the desk's language: titles, section names, column headers, figure names, the
category values (deskapp.words.labels), the departments (department_label). Dates and times are written
as numbers (2026-11-04 10:10), the same in both languages, so a spreadsheet sorts them. The words
are looked up once per report (`Words`), never per late clock: a month can have thousands.

JSON is an interface for scripts, not a page: its keys and its category values stay the stored
English identifiers ("kind": "complaint", "clock": "forward", "department": "Engineering", the
rate names "on time: forward"), whatever the desk's language.
"""

from __future__ import annotations

import csv
import html
import io
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from itertools import starmap

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from deskapp.config.categories import category_words
from deskapp.config.departments import department_label
from deskapp.config.permissions import ground_label
from deskapp.domain.enums import ClockName, Counting, Kind, Severity
from deskapp.i18n import CHINESE, N_, NP_, _, language, pgettext
from deskapp.output.call_report import phone_json, phone_parts
from deskapp.output.figures_json import late_one_a_line, rates_json, targets_json
from deskapp.output.incident_report import incident_parts
from deskapp.output.sheets import render
from deskapp.output.survey_report import survey_json
from deskapp.reads.action_figures import figures_json
from deskapp.reads.courtesy_figures import courtesy_json
from deskapp.reads.statistics import (
    DIMENSIONS,
    JUDGED,
    NO_DEPARTMENT,
    NOT_SET,
    UNCATEGORISED,
    Late,
    Period,
    Rate,
    Statistics,
)
from deskapp.reads.target_figures import clock_json
from deskapp.words import deadline
from deskapp.words.labels import label, value_label
from deskapp.words.safe import cell_text, json_safe, visible_line
from deskapp.words.widths import cells

FORMATS = ("md", "csv", "html", "json")
BELOW = N_("BELOW TARGET")  # a missed target, in words as well as colour: shown as _(BELOW)

# The values standing for "none" in the counts (deskapp.reads.statistics), as people read them.
_MISSING = {("category", UNCATEGORISED): NP_("report", "uncategorised"),
            ("severity", NOT_SET): NP_("report", "not set"),
            ("department", NO_DEPARTMENT): NP_("report", "no department")}
_DIMENSION_TITLES = {
    "kind": N_("By kind"), "severity": N_("By severity (complaints)"), "category": N_("By category"),
    "department": N_("By department"), "validity": N_("By validity (complaints)"), "channel": N_("By channel"),
    "ground": N_("By ground of the validity decision"),
}
_DIMENSION_HEADERS = {
    "kind": NP_("report", "kind"), "severity": NP_("report", "severity"), "category": NP_("report", "category"),
    "department": NP_("report", "department"), "validity": NP_("report", "validity"),
    "channel": NP_("report", "channel"), "ground": NP_("report", "ground"),
}
LATE_TITLE = N_("Late cases")
# The late list's columns, in late_row's order.
LATE_HEADERS = (NP_("report", "case"), NP_("report", "kind"), NP_("report", "severity"),
                NP_("report", "department"), NP_("report", "clock"), NP_("report", "due"),
                NP_("report", "met"), NP_("report", "late by"))
# A period's title, the period line of the statistics screen, and the period alone (loading line).
_TITLES = {"day": N_("Desk report, day {year}-{month:02d}-{day:02d}"),
           "week": N_("Desk report, week of {year}-{month:02d}-{day:02d}"),
           "month": N_("Desk report, month {year}-{month:02d}"),
           "year": N_("Desk report, year {year}")}
_HEADINGS = {"day": N_("Day {year}-{month:02d}-{day:02d}"), "week": N_("Week of {year}-{month:02d}-{day:02d}"),
             "month": N_("Month {year}-{month:02d}"), "year": N_("Year {year}")}
_PERIODS = {"day": NP_("period", "{year}-{month:02d}-{day:02d}"),
            "week": NP_("period", "week of {year}-{month:02d}-{day:02d}"),
            "month": NP_("period", "{year}-{month:02d}"), "year": NP_("period", "year {year}")}
_HTML_LANG = {CHINESE: "zh-CN"}


@dataclass(frozen=True)
class Section:
    title: str
    headers: tuple[str, ...]
    rows: list[tuple[str, ...]]


class Words:
    """The report's words in the desk's language, looked up once for a whole report: the late list
    puts thousands of clocks into words, each by a dictionary look-up rather than the catalogue."""

    def __init__(self) -> None:
        self.below = _(BELOW)
        self.none = pgettext("report", "none")
        self.not_yet = pgettext("report", "not yet")
        self.kinds = {kind: label(kind) for kind in Kind}
        self.clocks = {clock: label(clock) for clock in ClockName}
        self.severities = {"": ""} | {severity.value: label(severity) for severity in Severity}
        self._departments: dict[str, str] = {}

    def department(self, name: str) -> str:
        """'Engineering' / '工程部', each name looked up once."""
        shown = self._departments.get(name)
        if shown is None:
            marked = _MISSING.get(("department", name))
            shown = self._departments[name] = pgettext(*marked) if marked else department_label(name) or ""
        return shown

    def late_words(self, late: timedelta, counting: Counting = Counting.wall) -> str:
        """In the clock's own counting, as every screen says it: '10 working h 7 min', '2 days 3 h'."""
        return deadline.amount(late, counting)


def percent(value: float | None) -> str:
    return pgettext("rate", "n/a") if value is None else f"{value:.1%}"


def late_words(late: timedelta, counting: Counting = Counting.wall) -> str:
    """'14 days 21 h' / '14天21小时', '10 working h 7 min'."""
    return Words().late_words(late, counting)


def _time(t: datetime | None, tz: tzinfo) -> str:
    return "" if t is None else f"{t.astimezone(tz):%Y-%m-%d %H:%M}"


def _dated(template: str, p: Period) -> str:
    """A period's template (already in the desk's language) filled with its first day."""
    start = p.start
    return template.format(year=start.year, month=start.month, day=start.day)


def title(stats: Statistics) -> str:
    """'Desk report, month 2026-11' / '客服中心月报：2026年11月'."""
    return period_title(stats.period)


def period_title(p: Period) -> str:
    return _dated(_(_TITLES[p.name]), p)


def period_heading(p: Period) -> str:
    """The statistics screen's period line: 'Month 2026-11' / '月报 2026年11月'."""
    return _dated(_(_HEADINGS[p.name]), p)


def period_words(p: Period) -> str:
    """The period alone: '2026-11', 'week of 2026-11-16' / '2026年11月', '2026年11月16日起一周'."""
    return _dated(pgettext(*_PERIODS[p.name]), p)


def value_words(dimension: str, value: str, words: Words | None = None) -> str:
    """A value the figures are counted by, as people read it: 'complaint' / '投诉', 'Engineering' / '工程部';
    a category as it was typed."""
    marked = _MISSING.get((dimension, value))
    if marked:
        return pgettext(*marked)
    if dimension == "department":
        return (words or Words()).department(value)
    if dimension == "category":
        return category_words(value)  # one not in the list marked, for the supervisor to add or correct
    if dimension == "ground":
        return ground_label(value)
    return value_label(dimension, value)


def rate_name(rate: Rate) -> str:
    """'on time: forward' / '转派按时率', 'callback rate' / '回访率'."""
    if rate.clock is not None:
        return _("on time: {clock}").format(clock=label(rate.clock))
    return pgettext("rate", rate.name)


# The rates that are not a clock's (deskapp.reads.statistics names them), marked for the catalogue.
_RATE_NAMES = (NP_("rate", "callback rate"), NP_("rate", "satisfaction"), NP_("rate", "on time: all clocks"),
               NP_("rate", "on time: valid major"), NP_("rate", "on time: valid general"),
               NP_("rate", "on time: valid minor"), NP_("rate", "callback rate: repairs"),
               NP_("rate", "callback rate: complaints"))


def sections(stats: Statistics, tz: tzinfo) -> list[Section]:
    words = Words()
    return [*figure_sections(stats, words), late_section(stats, tz, words)]


def figure_sections(stats: Statistics, words: Words | None = None) -> list[Section]:
    """Every section but the late cases: the counts, the clocks, the callbacks and the rates."""
    words = words or Words()
    item, count = pgettext("report", "item"), pgettext("report", "count")
    out = [Section(_("Cases received"), (item, count),
                   [(pgettext("report", "cases"), str(stats.cases)),
                    (_("voided (not counted)"), str(stats.voided))])]
    for dimension in DIMENSIONS:
        counts = stats.counts[dimension]
        if dimension == "ground" and not counts:
            continue  # no decision on a ground yet (a desk before PINs): no empty section
        # A dozen values at most, each put into words once: the cases were counted by stored value.
        rows = [(value_words(dimension, name, words), str(n))
                for name, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
        out.append(Section(_(_DIMENSION_TITLES[dimension]), (pgettext(*_DIMENSION_HEADERS[dimension]), count), rows))
    clocks = []
    for name in JUDGED:
        f = stats.clocks[name]
        clocks.append((words.clocks[name], str(f.met), str(f.missed), str(f.overdue), str(f.pending), percent(f.rate)))
    out.append(Section(_("Clocks due in the period"), (
        pgettext("report", "clock"), pgettext("report", "on time"), pgettext("report", "late"),
        pgettext("report", "still overdue"), pgettext("report", "not yet due"), pgettext("report", "on-time rate")),
        clocks))
    cb = stats.callbacks.overall
    out.append(Section(_("Callbacks due in the period"), (item, count), [
        (pgettext("callbacks", "due"), str(cb.due)), (pgettext("callbacks", "made"), str(cb.made)),
        (pgettext("callbacks", "made on time"), str(cb.on_time)),
        (pgettext("callbacks", "satisfied"), str(cb.satisfied)),
        (pgettext("callbacks", "partly satisfied"), str(cb.partly)),
        (pgettext("callbacks", "unsatisfied"), str(cb.unsatisfied)),
    ]))
    out.append(Section(_("Rates against targets"), rate_headers() + (pgettext("report", "mark"),), [
        (rate_name(r), percent(r.value), percent(r.target), words.below if r.below else "") for r in stats.rates
    ]))
    out += [Section(*part) for part in phone_parts(stats.phone)]  # after the rates: the screen places them by index
    return out


def rate_headers() -> tuple[str, str, str]:
    return pgettext("report", "rate"), pgettext("report", "value"), pgettext("report", "target")


def late_headers() -> tuple[str, ...]:
    return tuple(pgettext(*marked) for marked in LATE_HEADERS)


def late_section(stats: Statistics, tz: tzinfo, words: Words | None = None) -> Section:
    words = words or Words()
    return Section(_(LATE_TITLE), late_headers(), [late_row(x, tz, words) for x in stats.late])


def late_row(x: Late, tz: tzinfo, words: Words | None = None) -> tuple[str, ...]:
    """One late clock in words, in LATE_HEADERS' order (the screen makes only the rows it shows).
    Pass the report's `words`: looking them up again for every clock would slow a month down."""
    w = words or Words()
    return (str(x.case_id), w.kinds[x.kind], w.severities.get(x.severity, x.severity), w.department(x.department),
            w.clocks[x.clock], _time(x.due, tz), _time(x.met_at, tz) or w.not_yet, w.late_words(x.late_by, x.counting))


def as_json(stats: Statistics, tz: tzinfo) -> dict:
    p = stats.period
    return {
        "period": {"name": p.name, "label": p.label, "start": p.start.isoformat(), "end": p.end.isoformat()},
        "at": stats.now.astimezone(tz).isoformat(),
        "cases": stats.cases,
        "voided": stats.voided,
        "counts": {d: dict(sorted(stats.counts[d].items())) for d in DIMENSIONS},
        "categories_not_in_the_list": sorted(stats.unlisted),
        "clocks": {n.value: clock_json(f) for n, f in stats.clocks.items()},
        "callbacks": vars(stats.callbacks.overall) | {
            "by_department": {d: vars(f) for d, f in sorted(stats.callbacks.by_department.items())}},
        "rates": rates_json(stats.rates),
        **targets_json(stats.clocks, stats.valid, stats.callbacks_of, stats.rates, stats.partly_counts_as),
        "late": [{"case": x.case_id, "kind": x.kind.value, "severity": x.severity or None,
                  "department": x.department, "clock": x.clock.value, "due": x.due.astimezone(tz).isoformat(),
                  "met_at": x.met_at.astimezone(tz).isoformat() if x.met_at else None,
                  # in the clock's own counting (working minutes for a working-time clock), as shown
                  "late_minutes": round(x.late_by.total_seconds() / 60), "late_counting": x.counting.value}
                 for x in stats.late],
        "phone": phone_json(stats.phone),
        "survey": survey_json(stats.survey, tz),
        "courtesy": courtesy_json(stats.courtesy),  # the apology first, the thanks last (reads/courtesy_figures.py)
        "incidents": stats.incidents.as_json(stats.cases, tz),  # each batch incident once, with its callers
    } | figures_json(stats.coordination, tz)  # "actions", "followups", "chases" (reads/action_figures.py)


def write(stats: Statistics, fmt: str, tz: tzinfo) -> str:
    if fmt == "json":
        return json_safe(late_one_a_line(as_json(stats, tz)))
    words = Words()
    parts = _shown([*figure_sections(stats, words), *starmap(Section, incident_parts(stats)), late_section(stats, tz, words)])
    if fmt == "csv":
        # Long form, one figure a line (section, row, column, value): a spreadsheet filters it and
        # a script reads it without knowing each section's columns. Headed in the desk's language.
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(csv_headers())
        writer.writerows((cell_text(s.title), cell_text(row[0]), header, cell_text(value))
                         for s in parts for row in s.rows for header, value in zip(s.headers[1:], row[1:]))
        return out.getvalue()
    if fmt == "md":
        lines = [f"# {title(stats)}", ""]
        for s in parts:
            lines += [f"## {s.title}", ""]
            rows = [dict(zip(s.headers, row)) for row in s.rows]
            lines.append(render(rows, "md") if rows else words.none + "\n")
        return "\n".join(lines)
    if fmt == "html":
        return _html(stats, parts, words)
    raise ValueError(_("{format!r} is not a format; use one of: {allowed}").format(format=fmt, allowed=", ".join(FORMATS)))


def _shown(parts: list[Section]) -> list[Section]:
    """Sections whose cells (categories, departments, names: user text) hold no control character
    raw, for every format and the terminal alike."""
    return [Section(visible_line(s.title), s.headers, [tuple(visible_line(cell) for cell in row) for row in s.rows])
            for s in parts]


def csv_headers() -> tuple[str, str, str, str]:
    """The long-form csv's columns: 'section', 'item', 'figure', 'value' / '栏目', '项目', '指标', '数值'."""
    return (pgettext("report csv", "section"), pgettext("report csv", "item"), pgettext("report csv", "figure"),
            pgettext("report csv", "value"))


def _html(stats: Statistics, parts: list[Section], words: Words) -> str:
    esc = html.escape
    body = [f"<h1>{esc(title(stats))}</h1>"]
    below = words.below
    for s in parts:
        body.append(f"<h2>{esc(s.title)}</h2>")
        if not s.rows:
            body.append(f"<p>{esc(words.none)}</p>")
            continue
        head = "".join(f"<th>{esc(h)}</th>" for h in s.headers)
        rows = "".join(
            "<tr>" + "".join(f'<td{_mark(v, below)}>{esc(v)}</td>' for v in row) + "</tr>" for row in s.rows)
        body.append(f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
    return _PAGE.format(lang=_HTML_LANG.get(language(), "en"), title=esc(title(stats)), body="\n".join(body))


def _mark(value: str, below: str) -> str:
    return ' class="below"' if value == below else ""


_PAGE = """<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>
<style>
body {{ font-family: sans-serif; margin: 2em; }}
table {{ border-collapse: collapse; margin-bottom: 1em; }}
th, td {{ border: 1px solid #999; padding: 0.2em 0.6em; text-align: left; }}
.below {{ color: #b00; font-weight: bold; }}
</style></head>
<body>
{body}
</body></html>
"""


def rich_report(stats: Statistics, tz: tzinfo) -> Group:
    words = Words()
    parts = _shown([*figure_sections(stats, words), *starmap(Section, incident_parts(stats)), late_section(stats, tz, words)])
    tables: list = []
    for s in parts[:-1]:
        table = Table(*s.headers, title=s.title, box=box.SIMPLE_HEAVY, title_justify="left")
        for row in s.rows:
            # Text, not str: a category or a department is user text, never markup.
            table.add_row(*(Text(cell) for cell in row), style="bold red" if words.below in row else None)
        if not s.rows:
            table.add_row(words.none, *[""] * (len(s.headers) - 1))
        tables.append(table)
    return Group(Text(title(stats), style="bold"), *tables, *_aligned(parts[-1], words))


def _aligned(s: Section, words: Words) -> list:
    """The late cases as aligned lines: a month can have thousands, which a Rich Table takes seconds
    to measure and one Text a fifth of a second to lay out; these lines print at once."""
    if not s.rows:
        return [Text(s.title, style="italic"), Text(words.none)]
    # Measured in terminal cells, not characters: a Chinese name is twice as wide as its length.
    # Each cell measured once, for its column's width and for its padding.
    measured = [[(text, cells(text)) for text in row] for row in (s.headers, *s.rows)]
    widths = [max(column) for column in zip(*([n for _text, n in row] for row in measured))]

    def line(row) -> str:
        return "  ".join(text + " " * (w - n) for (text, n), w in zip(row, widths)).rstrip()

    heading = pgettext("report", "{title} ({n})").format(title=s.title, n=len(s.rows))
    return [Text(heading, style="italic"), Text(line(measured[0]), style="bold"),
            _Lines([line(row) for row in measured[1:]])]


class _Lines:
    """Lines of plain text, printed as they are (the console still crops them to its width)."""

    def __init__(self, lines: list[str]):
        self.lines = lines

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        newline = Segment.line()
        for text in self.lines:
            yield Segment(text)
            yield newline
