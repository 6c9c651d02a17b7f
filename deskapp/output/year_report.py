"""A year's figures beside each month: one row a figure, one column a month, and the year's total.

The figures are named as the month report names them (deskapp.output.reports), so a supervisor
reading the year finds the month's words; the JSON keeps the month report's keys, a month a record:
{"year": 2026, "months": [{"month": "2026-01", ...}], "total": {...}}.

A rate below its target is marked ✖ in the cell as well as in colour; a legend line says so.
"""

from __future__ import annotations

import csv
import html
import io
import json

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from deskapp.domain.enums import Satisfaction
from deskapp.i18n import _, pgettext
from deskapp.output.call_report import phone_json, phone_parts
from deskapp.output.figures_json import rates_json, targets_json
from deskapp.output.reports import (
    BELOW,
    FORMATS,
    Section,
    csv_headers,
    percent,
    period_title,
    rate_name,
)
from deskapp.output.survey_report import share, survey_json
from deskapp.reads.statistics import DIMENSIONS, JUDGED
from deskapp.reads.target_figures import SATISFACTION, Rate, clock_json
from deskapp.reads.year_figures import MonthFigures, YearFigures
from deskapp.words.safe import json_safe

MARK = "✖"  # before a rate below its target


def year_title(figures: YearFigures) -> str:
    """'Desk report, year 2026' / '客服中心年报：2026年'."""
    return period_title(figures.period)


def month_header(label_text: str) -> str:
    """A month's column: '01' / '1月'."""
    return pgettext("year column", "{month:02d}").format(month=int(label_text[-2:]))


def rate_cell(r: Rate) -> str:
    return f"{MARK}{percent(r.value)}" if r.below else percent(r.value)


def figure_rows(figures: YearFigures) -> list[tuple[str, list[str]]]:
    """Each figure's name and its value in every month then the year, as the table shows them."""
    columns = [*figures.months, figures.total]
    def counted(name: str, value) -> tuple[str, list[str]]:
        return name, [str(value(f)) for f in columns]

    rows = [
        counted(pgettext("report", "cases"), lambda f: f.cases),
        counted(_("voided (not counted)"), lambda f: f.voided),
        counted(_("clocks due"), lambda f: sum(c.counted for c in f.clocks.values())),
        counted(_("clocks late"), lambda f: sum(c.missed + c.overdue for c in f.clocks.values())),  # late or still overdue
        counted(_("callbacks due"), lambda f: f.callbacks.due),
        counted(_("callbacks made on time"), lambda f: f.callbacks.on_time),
        counted(pgettext("callbacks", "partly satisfied"), lambda f: f.callbacks.partly),
    ]
    for n, r in enumerate(figures.total.rates):
        rows.append((rate_name(r), [rate_cell(f.rates[n]) for f in columns]))
    return rows + phone_rows(columns)


def phone_rows(columns: list[MonthFigures]) -> list[tuple[str, list[str]]]:
    """The telephone's figures, as the month report names them (output/call_report.py)."""
    parts = [phone_parts(f.phone)[0][2] for f in columns]  # each month's (name, value) rows, in one order
    return [(name, [part[i][1] for part in parts]) for i, (name, _value) in enumerate(parts[0])]


def sections(figures: YearFigures) -> list[Section]:
    """The year as one section (md, csv, html): the figure, then each month, then the year."""
    headers = (pgettext("report", "item"), *(month_header(m.label) for m in figures.months),
               pgettext("year column", "year"))
    rows = [(name, *values) for name, values in figure_rows(figures)]
    return [Section(_("The year month by month"), headers, rows), *survey_sections(figures)]


def survey_sections(figures: YearFigures) -> list[Section]:
    """The survey rounds closed in the year, each figure against its target, with the callbacks'
    satisfaction beside them: the two ways the desk hears whether its customers are satisfied."""
    survey = figures.survey
    if survey is None or not survey.rounds:
        return []
    headers = (pgettext("report", "item"), *(r.name for r in survey.rounds), pgettext("year column", "year"),
               pgettext("survey", "target"))
    columns = [r.total for r in survey.rounds] + [survey.total]
    t = survey.targets
    rows = [(pgettext("survey", "coverage"), *(share(c.coverage) for c in columns), share(t.coverage)),
            (pgettext("survey", "return"), *(share(c.return_rate) for c in columns), share(t.returned)),
            (pgettext("survey", "satisfaction"), *(share(c.satisfaction) for c in columns), share(t.satisfaction))]
    callbacks = next((r for r in figures.total.rates if r.name == SATISFACTION), None)
    if callbacks is not None:
        blanks = ("",) * len(survey.rounds)
        rows.append((_("satisfaction at the callbacks"), *blanks, share(callbacks.value), share(callbacks.target)))
    return [Section(_("Satisfaction survey"), headers, rows)]


def rich_year(figures: YearFigures, width: int = 200, whole: int = 110, titled: bool = True) -> Group:
    """The table on the terminal; narrower than `whole` columns, two half-years one above the other
    (the year's twelve months and total need some 91 columns, a figure's name the rest). The
    statistics screen has its title on its status line already (titled=False)."""
    rows = figure_rows(figures)
    halves = [range(0, 13)] if width >= whole else [range(0, 6), range(6, 13)]
    tables = [_table(figures, rows, part) for part in halves]
    legend = Text(f"{MARK} " + _(BELOW), style="dim")
    head = [Text(year_title(figures), style="bold")] if titled else []
    return Group(*head, *tables, legend, *(_section_table(s) for s in survey_sections(figures)))


def _section_table(section: Section) -> Table:
    table = Table(*section.headers, title=section.title, title_justify="left", box=box.SIMPLE_HEAD,
                  pad_edge=False, padding=(0, 1, 0, 0))
    for row in section.rows:
        table.add_row(*row)
    return table


def _table(figures: YearFigures, rows: list[tuple[str, list[str]]], part: range) -> Table:
    names = [month_header(m.label) for m in figures.months] + [pgettext("year column", "year")]
    table = Table(pgettext("report", "item"), box=box.SIMPLE_HEAD, pad_edge=False, padding=(0, 1, 0, 0))
    for i in part:
        table.add_column(names[i], justify="right", no_wrap=True)
    for name, values in rows:
        table.add_row(Text(name), *(_cell(values[i]) for i in part))
    return table


def _cell(value: str) -> Text:
    return Text(value, style="bold red" if value.startswith(MARK) else "")


def month_json(f: MonthFigures, partly: Satisfaction) -> dict:
    """A month (or the year's total) under the month report's keys."""
    return {
        "cases": f.cases,
        "voided": f.voided,
        "counts": {d: dict(sorted(f.counts[d].items())) for d in DIMENSIONS},
        "clocks": {n.value: clock_json(f.clocks[n]) for n in JUDGED},
        "callbacks": vars(f.callbacks),
        "rates": rates_json(f.rates),
        **targets_json(f.clocks, f.valid, f.callbacks_of, f.rates, partly),
        "phone": phone_json(f.phone),
    }


def as_json(figures: YearFigures) -> dict:
    partly = figures.partly_counts_as
    return {
        "year": figures.year,
        "at": figures.now.isoformat(),
        "months": [{"month": f.label} | month_json(f, partly) for f in figures.months],
        "total": month_json(figures.total, partly),
        **({"survey": survey_json(figures.survey, figures.period.start.tzinfo)} if figures.survey is not None else {}),
    }


def write(figures: YearFigures, fmt: str) -> str:
    if fmt == "json":
        return json_safe(json.dumps(as_json(figures), ensure_ascii=False, indent=2) + "\n")
    parts = sections(figures)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(csv_headers())
        writer.writerows((s.title, row[0], header, value)
                         for s in parts for row in s.rows for header, value in zip(s.headers[1:], row[1:]))
        return out.getvalue()
    if fmt == "md":
        lines = [f"# {year_title(figures)}", ""]
        for s in parts:
            lines += [f"## {s.title}", "", "| " + " | ".join(s.headers) + " |", "|" + "---|" * len(s.headers)]
            lines += ["| " + " | ".join(row) + " |" for row in s.rows]
        return "\n".join(lines) + "\n"
    if fmt == "html":
        esc = html.escape
        body = [f"<h1>{esc(year_title(figures))}</h1>"]
        for s in parts:
            head = "".join(f"<th>{esc(h)}</th>" for h in s.headers)
            rows = "".join("<tr>" + "".join(f"<td>{esc(v)}</td>" for v in row) + "</tr>" for row in s.rows)
            body.append(f"<h2>{esc(s.title)}</h2><table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
        return f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>{esc(year_title(figures))}</title></head>' \
               f"<body>\n{chr(10).join(body)}\n</body></html>\n"
    raise ValueError(_("{format!r} is not a format; use one of: {allowed}").format(format=fmt, allowed=", ".join(FORMATS)))

