"""`deskapp calendar YEAR`: the year's days off and make-up working days, and where each came from,
so a supervisor sees which dates rest on an official notice and which are only estimated."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

import typer

from deskapp.cli.common import FIRST_YEAR, LAST_YEAR, Failure, JsonOption, described, plain_errors, print_json
from deskapp.config.datafiles import calendar_spec, package_year, read_toml
from deskapp.config.paths import data_dir
from deskapp.domain.calendar import DAY_OFF, ESTIMATE, OFFICIAL, CalendarDay, year_days
from deskapp.i18n import N_, _, language, pgettext
from deskapp.words import display
from deskapp.words.widths import cells, fit

_SOURCES = {OFFICIAL: N_("official notice"), ESTIMATE: N_("estimate"), "supervisor": N_("the supervisor's own")}


def _year(text: str) -> int:
    if not text.strip().isdigit() or not FIRST_YEAR <= int(text) <= LAST_YEAR:
        raise Failure(_("{text!r} is not a year the desk works with (a year from {first} to {last}, such as 2026)").format(
            text=text, first=FIRST_YEAR, last=LAST_YEAR))
    return int(text)


@described(N_("List a year's days off and make-up working days, each with where it came from."))
@plain_errors
def calendar(year: Annotated[str, typer.Argument(metavar="YEAR", help=N_("The year, such as 2026."))],
             json: JsonOption = False):
    number = _year(year)
    path = data_dir() / "calendar.toml"
    spec = calendar_spec(read_toml(path))
    days = year_days(number, package_year(spec.country, number, language()), spec.holidays, spec.workdays)
    if json:
        print_json([{"date": d.day.isoformat(), "kind": d.kind, "name": _name(d), "source": d.source} for d in days])
        return
    rows = [(_shown(d), _kind(d), _source(d), _name(d)) for d in days]
    # Columns measured in terminal cells, so Chinese dates and words line up (deskapp.words.widths).
    widths = [max((cells(row[i]) for row in rows), default=0) for i in range(3)]
    for row in rows:
        typer.echo("  ".join([*(fit(text, width) for text, width in zip(row, widths, strict=False)), row[3]]))
    if not days:
        typer.echo(_("no days off or make-up working days in {year}").format(year=number))
    if any(d.source == ESTIMATE for d in days):
        typer.echo(_("{year} has no official notice in the holidays package yet: its days off are estimated "
                     "from the usual rules and its make-up working days are not known").format(year=number))


def _shown(d: CalendarDay) -> str:
    return display.day(datetime(d.day.year, d.day.month, d.day.day, 12, tzinfo=UTC), UTC)


def _kind(d: CalendarDay) -> str:
    return pgettext("calendar", "day off") if d.kind == DAY_OFF else pgettext("calendar", "working day")


def _source(d: CalendarDay) -> str:
    return _(_SOURCES[d.source])


def _name(d: CalendarDay) -> str:
    if d.name:
        return d.name
    if d.source == "supervisor":
        return _("added in calendar.toml")
    return _("make-up working day")
