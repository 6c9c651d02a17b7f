"""`deskapp report` (a day's, week's or month's figures) and `deskapp export` (every case, for spreadsheets)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from sqlmodel import select

from deskapp.cli.common import (
    ByOption,
    DbOption,
    Failure,
    day_of,
    described,
    desk_for,
    listed,
    month_of,
    pick,
    plain_errors,
    signed_in,
)
from deskapp.domain.enums import Role
from deskapp.i18n import N_, NP_, _, ngettext, pgettext
from deskapp.models import Staff
from deskapp.output import export as reports_export
from deskapp.output import reports
from deskapp.output.files import write_private_text
from deskapp.reads import statistics
from deskapp.words.labels import label

Opt = typer.Option
# The periods, typed as themselves or in the desk's language.
PERIODS = {"day": NP_("period", "day"), "week": NP_("period", "week"), "month": NP_("period", "month"),
           "year": NP_("period", "year")}
# The years a desk can hold records of: a typing slip (--year 226, --year 1800) is refused, not reported empty.
YEARS = range(1970, 9999)  # the next year must exist too: the last one ends on its 1 January
OutputOption = Annotated[Path | None, Opt("--output", "-o", help=N_("Write to this file instead of the screen."))]


@described(N_("The figures the supervisor is judged on: counts, on-time rates against targets, late cases."))
@plain_errors
def report(
    period: Annotated[str, typer.Argument(help=N_("day, week, month or year."))],
    on: Annotated[str | None, Opt("--date", help=N_("A day in the period, YYYY-MM-DD (default: today)."))] = None,
    month: Annotated[str | None, Opt("--month", help=N_("The month, YYYY-MM (default: this month)."))] = None,
    year: Annotated[str | None, Opt("--year", help=N_("The year, YYYY (default: this year)."))] = None,
    fmt: Annotated[str | None, Opt("--format", help=N_("md, csv, html or json (default: tables on screen)."))] = None,
    as_json: Annotated[bool, Opt("--json", help=N_("The same as --format json."))] = False,
    output: OutputOption = None,
    db: DbOption = None,
):
    period = _period(period)
    if as_json:
        if fmt not in (None, "json"):
            raise Failure(_("--json and --format {text!r} say two formats; give one").format(text=fmt))
        fmt = "json"
    if year is not None and period != "year":
        raise Failure(_("--year is for `report year`"))
    if period == "year":
        _year_report(_year(year) if year is not None else None, on, month, fmt, output, db)
        return
    if fmt is not None and fmt not in reports.FORMATS:
        raise Failure(_("{option} {text!r} is not one of: {allowed}").format(option="--format", text=fmt, allowed=listed(reports.FORMATS)))
    if month is not None and period != "month":
        raise Failure(_("--month is for `report month`; give a day with --date") if period == "day"
                      else _("--month is for `report month`; give a week with --date"))
    desk = desk_for(db)
    tz = desk.calendar.tz
    today = desk.now().astimezone(tz).date()
    if period == "month":
        first = month_of(month) if month else (day_of(on, "--date") if on else today)
        chosen = statistics.month(first.year, first.month, tz)
    else:
        d = day_of(on, "--date") if on else today
        chosen = statistics.day(d, tz) if period == "day" else statistics.week(d, tz)
    figures = statistics.statistics(desk, chosen)
    if fmt is None and output is None:
        from rich.console import Console

        Console(highlight=False).print(reports.rich_report(figures, tz))
        if period == "day":
            _anchor_line(desk)
        return
    text = reports.write(figures, fmt or _format_of(output), tz)
    if output is None:
        typer.echo(text, nl=False)
        return
    _write(output, lambda: write_private_text(output, text))
    typer.echo(_("{title} written to {path}").format(title=reports.title(figures), path=output), err=True)


def _year_report(number: int | None, on: str | None, month: str | None, fmt: str | None, output: Path | None,
                 db: str | None) -> None:
    """`report year`: the year's figures beside each month."""
    from deskapp.output import year_report
    from deskapp.reads.year_figures import year_figures

    if month is not None:
        raise Failure(_("--month is for `report month`; give a year with --year"))
    if fmt is not None and fmt not in reports.FORMATS:
        raise Failure(_("{option} {text!r} is not one of: {allowed}").format(option="--format", text=fmt, allowed=listed(reports.FORMATS)))
    if number is None and on:
        number = day_of(on, "--date").year
    desk = desk_for(db)
    if number is None:
        number = desk.now().astimezone(desk.calendar.tz).year
    figures = year_figures(desk, number)
    if fmt is None and output is None:
        from rich.console import Console

        console = Console(highlight=False)
        console.print(year_report.rich_year(figures, console.width))
        return
    text = year_report.write(figures, fmt or _format_of(output))
    if output is None:
        typer.echo(text, nl=False)
        return
    _write(output, lambda: write_private_text(output, text))
    typer.echo(_("{title} written to {path}").format(title=year_report.year_title(figures), path=output), err=True)


def _year(text: str) -> int:
    try:
        number = int(text.strip())
    except ValueError:
        raise Failure(_("--year {text!r} is not a year; write it as 2026").format(text=text)) from None
    if number not in YEARS:
        raise Failure(_("--year {number} is out of range; give a year from {first} to {last}").format(
            number=number, first=YEARS[0], last=YEARS[-1]))
    return number


def _anchor_line(desk) -> None:
    """The day report carries the history's anchor: printed, it is a copy the database cannot change."""
    from deskapp.reads.anchor import anchor_words, latest_anchor

    typer.echo(anchor_words(latest_anchor(desk), desk.calendar.tz))


@described(N_("Every field of every case received from --from to --to, one row a case, times in the desk's zone.\n"
              "Phone numbers are masked (138****8000) unless a supervisor asks for them in full."))
@plain_errors
def export(
    start: Annotated[str, Opt("--from", help=N_("First day, YYYY-MM-DD."))],
    end: Annotated[str, Opt("--to", help=N_("Last day (included), YYYY-MM-DD."))],
    output: Annotated[Path, Opt("--output", "-o", help=N_("The file to write."))],
    fmt: Annotated[str | None, Opt("--format", help=N_("csv or xlsx (default: from the file's name)."))] = None,
    full_phones: Annotated[bool, Opt("--full-phones", help=N_("Phone numbers in full (supervisors only; masked otherwise)."))] = False,
    by: ByOption = None,
    db: DbOption = None,
):
    fmt = fmt or _format_of(output, reports_export.FORMATS)
    if fmt not in reports_export.FORMATS:
        raise Failure(_("{option} {text!r} is not one of: {allowed}").format(option="--format", text=fmt, allowed=listed(reports_export.FORMATS)))
    first, last = day_of(start, "--from"), day_of(end, "--to")
    if first > last:
        raise Failure(_("--from {first} is after --to {last}").format(first=first, last=last))
    desk = desk_for(db)
    if full_phones:
        _supervisor_only(desk, signed_in(desk, by))
    tz = desk.calendar.tz
    items = statistics.cases_received(desk, statistics.day(first, tz).start, statistics.day(last, tz).end)
    table = reports_export.rows(items, tz, full_phones=full_phones, typed=fmt == "xlsx")
    if fmt == "csv":
        _write(output, lambda: reports_export.write_csv(table, output))
    else:
        _write(output, lambda: reports_export.write_xlsx(table, output, _("cases {first} to {last}").format(first=first, last=last)))
    typer.echo(ngettext("{n} case written to {path}", "{n} cases written to {path}", len(table)).format(n=len(table), path=output),
               err=True)


def _supervisor_only(desk, name: str) -> None:
    from deskapp.reads.lookup import staff_named

    with desk.reading() as session:
        person = staff_named(session, name)
        supervisors = [s.name for s in session.exec(select(Staff).where(Staff.role == Role.supervisor))]
    if person.role is not Role.supervisor:
        raise Failure(_("only a supervisor can export phone numbers in full ({supervisors}); {name} is {role}").format(
            supervisors=listed(supervisors) or _("none on the staff list"), name=person.name, role=label(person.role)))


def _period(text: str) -> str:
    try:
        return pick(text, PERIODS, "period")
    except Failure:
        raise Failure(_("{text!r} is not a period; use one of: {allowed}").format(
            text=text, allowed=listed(pgettext(*word) for word in PERIODS.values()))) from None



def _format_of(output: Path | None, allowed: tuple[str, ...] = reports.FORMATS) -> str:
    suffix = output.suffix.lstrip(".").lower() if output else ""
    if suffix not in allowed:
        raise Failure(_("say which --format ({allowed}); {path} does not end in one").format(allowed=listed(allowed), path=output))
    return suffix


def _write(output: Path, write) -> None:
    try:
        write()
    except OSError as e:
        raise Failure(_("cannot write {path}: {problem}").format(path=output, problem=e.strerror or e)) from None
