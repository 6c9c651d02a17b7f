"""`deskapp callbacks`: the callback list to print for managers who call or visit."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from deskapp.cli.common import DbOption, Failure, choice, desk_for, plain_errors
from deskapp.desk.callback_list import Due, pending_callbacks
from deskapp.domain.enums import CallbackMethod, Kind, Severity
from deskapp.sheets import FORMATS, callback_rows, render

Opt = typer.Option
_GROUPS = {"overdue": [Due.overdue], "today": [Due.overdue, Due.today], "tomorrow": [Due.tomorrow],
           "later": [Due.later], "all": list(Due)}


@plain_errors
def callbacks(
    due: Annotated[str, Opt(help="overdue, today (overdue included), tomorrow, later or all.")] = "all",
    fmt: Annotated[str, Opt("--format", help="md, csv or json.")] = "md",
    caller: Annotated[str | None, Opt("--caller", help="Only those this staff member must make.")] = None,
    method: Annotated[str | None, Opt(help="phone or on-site.")] = None,
    kind: Annotated[str | None, Opt(help="Only this kind.")] = None,
    severity: Annotated[str | None, Opt(help="Only this severity.")] = None,
    output: Annotated[Path | None, Opt("--output", "-o", help="Write to this file instead of the screen.")] = None,
    db: DbOption = None,
):
    """The callbacks still to make, with columns to fill in on paper."""
    if due not in _GROUPS:
        raise Failure(f"--due {due!r} is not one of: {', '.join(_GROUPS)}")
    if fmt not in FORMATS:
        raise Failure(f"--format {fmt!r} is not one of: {', '.join(FORMATS)}")
    desk = desk_for(db)
    items = pending_callbacks(desk, caller=caller, method=choice(CallbackMethod, method, "callback method"),
                              kind=choice(Kind, kind, "kind"), severity=choice(Severity, severity, "severity"))
    items = [i for i in items if i.group in _GROUPS[due]]
    now = desk.now()
    title = f"Callbacks ({due}) at {now.astimezone(desk.calendar.tz):%Y-%m-%d %H:%M}"
    text = render(callback_rows(items, desk.calendar.tz, now), fmt, title)
    if output is None:
        typer.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as e:
        raise Failure(f"cannot write {output}: {e.strerror}") from None
    typer.echo(f"{len(items)} callbacks written to {output}", err=True)
