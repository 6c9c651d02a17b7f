"""A period's figures written for people: a Rich table on the terminal, and md, csv, html or json files.

Every format is drawn from the same sections (a title, column names, rows of plain strings), so the
terminal, the printed page and the spreadsheet can never disagree about a figure.
"""

from __future__ import annotations

import csv
import html
import io
import json
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from deskapp.desk.statistics import DIMENSIONS, JUDGED, Late, Statistics
from deskapp.sheets import render

FORMATS = ("md", "csv", "html", "json")
BELOW = "BELOW TARGET"


@dataclass(frozen=True)
class Section:
    title: str
    headers: tuple[str, ...]
    rows: list[tuple[str, ...]]


def percent(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1%}"


def late_words(late: timedelta) -> str:
    minutes = int(late.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    parts = [f"{days}d"] * bool(days) + [f"{hours}h"] * bool(hours) + [f"{minutes}m"]
    return " ".join(parts)


def _time(t: datetime | None, tz: tzinfo) -> str:
    return "" if t is None else f"{t.astimezone(tz):%Y-%m-%d %H:%M}"


def title(stats: Statistics) -> str:
    p = stats.period
    return f"Desk report, {p.name} {p.label}"


def sections(stats: Statistics, tz: tzinfo) -> list[Section]:
    return [*figure_sections(stats), late_section(stats, tz)]


def figure_sections(stats: Statistics) -> list[Section]:
    """Every section but the late cases: the counts, the clocks, the callbacks and the rates."""
    out = [Section("Cases received", ("item", "count"),
                   [("cases", str(stats.cases)), ("voided (not counted)", str(stats.voided))])]
    for dimension in DIMENSIONS:
        counts = stats.counts[dimension]
        scope = " (complaints)" if dimension in ("severity", "validity") else ""
        rows = [(name, str(n)) for name, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
        out.append(Section(f"By {dimension}{scope}", (dimension, "count"), rows))
    clocks = []
    for name in JUDGED:
        f = stats.clocks[name]
        clocks.append((name.value, str(f.met), str(f.missed), str(f.overdue), str(f.pending), percent(f.rate)))
    out.append(Section("Clocks due in the period", ("clock", "on time", "late", "still overdue",
                                                     "not yet due", "on-time rate"), clocks))
    cb = stats.callbacks.overall
    out.append(Section("Callbacks due in the period", ("item", "count"), [
        ("due", str(cb.due)), ("made", str(cb.made)), ("made on time", str(cb.on_time)),
        ("satisfied", str(cb.satisfied)), ("partly satisfied", str(cb.partly)), ("unsatisfied", str(cb.unsatisfied)),
    ]))
    out.append(Section("Rates against targets", ("rate", "value", "target", "mark"), [
        (r.name, percent(r.value), percent(r.target), BELOW if r.below else "") for r in stats.rates
    ]))
    return out


LATE_TITLE = "Late cases"
LATE_HEADERS = ("case", "kind", "severity", "department", "clock", "due", "met", "late by")


def late_section(stats: Statistics, tz: tzinfo) -> Section:
    return Section(LATE_TITLE, LATE_HEADERS, [late_row(x, tz) for x in stats.late])


def late_row(x: Late, tz: tzinfo) -> tuple[str, ...]:
    """One late clock in words, in LATE_HEADERS' order (the screen makes only the rows it shows)."""
    return (str(x.case_id), x.kind.value, x.severity, x.department, x.clock.value, _time(x.due, tz),
            _time(x.met_at, tz) or "not yet", late_words(x.late_by))


def as_json(stats: Statistics, tz: tzinfo) -> dict:
    p = stats.period
    return {
        "period": {"name": p.name, "label": p.label, "start": p.start.isoformat(), "end": p.end.isoformat()},
        "at": stats.now.astimezone(tz).isoformat(),
        "cases": stats.cases,
        "voided": stats.voided,
        "counts": {d: dict(sorted(stats.counts[d].items())) for d in DIMENSIONS},
        "clocks": {n.value: {"on_time": f.met, "late": f.missed, "overdue": f.overdue, "not_yet_due": f.pending,
                             "rate": f.rate} for n, f in stats.clocks.items()},
        "callbacks": vars(stats.callbacks.overall) | {
            "by_department": {d: vars(f) for d, f in sorted(stats.callbacks.by_department.items())}},
        "rates": [{"name": r.name, "value": r.value, "target": r.target, "below_target": r.below}
                  for r in stats.rates],
        "late": [{"case": x.case_id, "kind": x.kind.value, "severity": x.severity or None,
                  "department": x.department, "clock": x.clock.value, "due": x.due.astimezone(tz).isoformat(),
                  "met_at": x.met_at.astimezone(tz).isoformat() if x.met_at else None,
                  "late_minutes": round(x.late_by.total_seconds() / 60)} for x in stats.late],
    }


def write(stats: Statistics, fmt: str, tz: tzinfo) -> str:
    if fmt == "json":
        return _json(as_json(stats, tz))
    parts = sections(stats, tz)
    if fmt == "csv":
        # Long form, one figure a line (section, row, column, value): a spreadsheet filters it and
        # a script reads it without knowing each section's columns.
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(("section", "item", "figure", "value"))
        writer.writerows((s.title, row[0], header, value)
                         for s in parts for row in s.rows for header, value in zip(s.headers[1:], row[1:]))
        return out.getvalue()
    if fmt == "md":
        lines = [f"# {title(stats)}", ""]
        for s in parts:
            lines += [f"## {s.title}", ""]
            rows = [dict(zip(s.headers, row)) for row in s.rows]
            lines.append(render(rows, "md") if rows else "none\n")
        return "\n".join(lines)
    if fmt == "html":
        return _html(stats, parts)
    raise ValueError(f"{fmt!r} is not a format; use one of: {', '.join(FORMATS)}")


def _json(data: dict) -> str:
    """Indented for a reader, except the late clocks, one a line: a month can have thousands, and
    json's indenting encoder is pure Python, ten times slower than the compact one."""
    late = data.pop("late")
    head = json.dumps(data, ensure_ascii=False, indent=2)
    if not late:
        return head[:-2] + ',\n  "late": []\n}\n'
    lines = ",\n".join("    " + json.dumps(x, ensure_ascii=False) for x in late)
    return head[:-2] + ',\n  "late": [\n' + lines + "\n  ]\n}\n"


def _html(stats: Statistics, parts: list[Section]) -> str:
    esc = html.escape
    body = [f"<h1>{esc(title(stats))}</h1>"]
    for s in parts:
        body.append(f"<h2>{esc(s.title)}</h2>")
        if not s.rows:
            body.append("<p>none</p>")
            continue
        head = "".join(f"<th>{esc(h)}</th>" for h in s.headers)
        rows = "".join(
            "<tr>" + "".join(f'<td{_mark(v)}>{esc(v)}</td>' for v in row) + "</tr>" for row in s.rows)
        body.append(f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
    return _PAGE.format(title=esc(title(stats)), body="\n".join(body))


def _mark(value: str) -> str:
    return ' class="below"' if value == BELOW else ""


_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
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
    parts = sections(stats, tz)
    tables: list = []
    for s in parts[:-1]:
        table = Table(*s.headers, title=s.title, box=box.SIMPLE_HEAVY, title_justify="left")
        for row in s.rows:
            # Text, not str: a category or a department is user text, never markup.
            table.add_row(*(Text(cell) for cell in row), style="bold red" if BELOW in row else None)
        if not s.rows:
            table.add_row("none", *[""] * (len(s.headers) - 1))
        tables.append(table)
    return Group(Text(title(stats), style="bold"), *tables, *_aligned(parts[-1]))


def _aligned(s: Section) -> list:
    """The late cases as aligned lines: a month can have thousands, which a Rich Table takes seconds
    to measure and one Text a fifth of a second to lay out; these lines print at once."""
    if not s.rows:
        return [Text(s.title, style="italic"), Text("none")]
    widths = [max(cell_len(h), *(cell_len(row[i]) for row in s.rows)) for i, h in enumerate(s.headers)]

    def line(cells) -> str:
        # Padded by terminal cells, not characters: a Chinese name is twice as wide as its length.
        return "  ".join(cell + " " * (w - cell_len(cell)) for cell, w in zip(cells, widths)).rstrip()

    return [Text(f"{s.title} ({len(s.rows)})", style="italic"), Text(line(s.headers), style="bold"),
            _Lines([line(row) for row in s.rows])]


class _Lines:
    """Lines of plain text, printed as they are (the console still crops them to its width)."""

    def __init__(self, lines: list[str]):
        self.lines = lines

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        newline = Segment.line()
        for text in self.lines:
            yield Segment(text)
            yield newline
