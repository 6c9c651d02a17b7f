"""`deskapp report` (a day's, week's or month's figures) and `deskapp export` (every case, for spreadsheets)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Annotated

import typer

from deskapp import reports, reports_export
from sqlmodel import select

from deskapp.cli.common import ByOption, DbOption, Failure, desk_for, plain_errors, signed_in
from deskapp.desk import statistics
from deskapp.domain.enums import Role
from deskapp.models import Staff

Opt = typer.Option
PERIODS = ("day", "week", "month")
OutputOption = Annotated[Path | None, Opt("--output", "-o", help="Write to this file instead of the screen.")]


@plain_errors
def report(
    period: Annotated[str, typer.Argument(help="day, week or month.")],
    on: Annotated[str | None, Opt("--date", help="A day in the period, YYYY-MM-DD (default: today).")] = None,
    month: Annotated[str | None, Opt("--month", help="The month, YYYY-MM (default: this month).")] = None,
    fmt: Annotated[str | None, Opt("--format", help="md, csv, html or json (default: tables on screen).")] = None,
    output: OutputOption = None,
    db: DbOption = None,
):
    """The figures the supervisor is judged on: counts, on-time rates against targets, late cases."""
    if period not in PERIODS:
        raise Failure(f"{period!r} is not a period; use one of: {', '.join(PERIODS)}")
    if fmt is not None and fmt not in reports.FORMATS:
        raise Failure(f"--format {fmt!r} is not one of: {', '.join(reports.FORMATS)}")
    if month is not None and period != "month":
        raise Failure(f"--month is for `report month`; give a {period} with --date")
    desk = desk_for(db)
    tz = desk.calendar.tz
    today = desk.now().astimezone(tz).date()
    if period == "month":
        first = _month(month) if month else (_date(on, "--date") if on else today)
        chosen = statistics.month(first.year, first.month, tz)
    else:
        d = _date(on, "--date") if on else today
        chosen = statistics.day(d, tz) if period == "day" else statistics.week(d, tz)
    figures = statistics.statistics(desk, chosen)
    if fmt is None and output is None:
        from rich.console import Console

        Console(highlight=False).print(reports.rich_report(figures, tz))
        return
    text = reports.write(figures, fmt or _format_of(output), tz)
    if output is None:
        typer.echo(text, nl=False)
        return
    _write(output, lambda: output.write_text(text, encoding="utf-8"))
    typer.echo(f"{reports.title(figures)} written to {output}", err=True)


@plain_errors
def export(
    start: Annotated[str, Opt("--from", help="First day, YYYY-MM-DD.")],
    end: Annotated[str, Opt("--to", help="Last day (included), YYYY-MM-DD.")],
    output: Annotated[Path, Opt("--output", "-o", help="The file to write.")],
    fmt: Annotated[str | None, Opt("--format", help="csv or xlsx (default: from the file's name).")] = None,
    full_phones: Annotated[bool, Opt("--full-phones", help="Phone numbers in full (supervisors only; masked otherwise).")] = False,
    by: ByOption = None,
    db: DbOption = None,
):
    """Every field of every case received from --from to --to, one row a case, times in the desk's zone.
    Phone numbers are masked (138****8000) unless a supervisor asks for them in full."""
    fmt = fmt or _format_of(output, reports_export.FORMATS)
    if fmt not in reports_export.FORMATS:
        raise Failure(f"--format {fmt!r} is not one of: {', '.join(reports_export.FORMATS)}")
    first, last = _date(start, "--from"), _date(end, "--to")
    if first > last:
        raise Failure(f"--from {first} is after --to {last}")
    desk = desk_for(db)
    if full_phones:
        _supervisor_only(desk, signed_in(desk, by), "export phone numbers in full")
    tz = desk.calendar.tz
    items = statistics.cases_received(desk, statistics.day(first, tz).start, statistics.day(last, tz).end)
    table = reports_export.rows(items, tz, full_phones=full_phones)
    if fmt == "csv":
        _write(output, lambda: reports_export.write_csv(table, output))
    else:
        _write(output, lambda: reports_export.write_xlsx(table, output, f"cases {first} to {last}"))
    typer.echo(f"{len(table)} cases written to {output}", err=True)


def _supervisor_only(desk, name: str, what: str) -> None:
    from deskapp.desk.lookup import staff_named

    with desk.reading() as session:
        person = staff_named(session, name)
        supervisors = [s.name for s in session.exec(select(Staff).where(Staff.role == Role.supervisor))]
    if person.role is not Role.supervisor:
        raise Failure(f"only a supervisor can {what} ({', '.join(supervisors) or 'none on the staff list'}); "
                      f"{person.name} is {person.role.value.replace('_', ' ')}")


def _date(text: str, what: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise Failure(f"{what} {text!r} is not a date; write it as 2026-11-23") from None


def _month(text: str) -> date:
    try:
        return datetime.strptime(text.strip(), "%Y-%m").date()
    except ValueError:
        raise Failure(f"--month {text!r} is not a month; write it as 2026-11") from None


def _format_of(output: Path | None, allowed: tuple[str, ...] = reports.FORMATS) -> str:
    suffix = output.suffix.lstrip(".").lower() if output else ""
    if suffix not in allowed:
        raise Failure(f"say which --format ({', '.join(allowed)}); {output} does not end in one")
    return suffix


def _write(output: Path, write) -> None:
    try:
        write()
    except OSError as e:
        raise Failure(f"cannot write {output}: {e.strerror or e}") from None


