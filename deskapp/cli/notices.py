"""`deskapp notice-add` and `deskapp notices`: the supervisor's planned outages and works."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from deskapp import display
from deskapp.cli.common import ByOption, DbOption, Failure, JsonOption, desk_for, operator, plain_errors, print_json, when
from deskapp.desk.notices import TOPICS, add_notice, floors_of, list_notices
from deskapp.desk.scripts_loader import load_scripts

Opt = typer.Option


@plain_errors
def notice_add(
    title: Annotated[str, typer.Argument(help="What tenants are told, e.g. 'Water off for pipe repair'.")],
    topic: Annotated[str, Opt(help=f"One of: {', '.join(TOPICS)}.")] = "other",
    starts: Annotated[str | None, Opt(help="When it starts: '2026-11-24 09:00', 'tomorrow 9'.")] = None,
    ends: Annotated[str | None, Opt(help="When it ends.")] = None,
    building: Annotated[str, Opt(help="Building affected (empty: every building).")] = "",
    floors: Annotated[str, Opt(help="Floors affected, comma-separated, e.g. '12,13,B1' (empty: every floor).")] = "",
    details: Annotated[str, Opt(help="What the desk tells a caller who asks.")] = "",
    by: ByOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
):
    """Post a notice of planned works; intake shows it to the desk for the buildings and time it covers."""
    desk = desk_for(db)
    if starts is None or ends is None:
        raise Failure("say when the works start and end with --starts and --ends, e.g. --starts 'tomorrow 9' --ends 'tomorrow 12'")
    book = load_scripts()
    posted = add_notice(desk, topic, title, when(desk, starts, "--starts"), when(desk, ends, "--ends"),
                        building=building, floors=floors, details=details, by=operator(by),
                        announce_ahead=book.announce_ahead)
    if posted.warning:
        typer.echo(f"warning: {posted.warning}", err=True)
    if as_json:
        print_json(_json(posted.notice, desk))
    else:
        typer.echo(f"notice {posted.notice.id} posted: {posted.notice.title}")


@plain_errors
def notice_list(
    all_: Annotated[bool, Opt("--all", help="Include notices that are over.")] = False,
    db: DbOption = None,
    as_json: JsonOption = False,
):
    """List notices of planned works, soonest first."""
    desk = desk_for(db)
    found = list_notices(desk, include_past=all_)
    if as_json:
        print_json([_json(n, desk) for n in found])
        return
    console = Console()
    if not found:
        console.print("no notices")
        return
    tz, now = desk.calendar.tz, desk.now()
    table = Table("#", "topic", "title", "where", "from", "to")
    for n in found:
        where = (n.building or "all buildings") + (f" floors {n.floors}" if n.floors else "")
        table.add_row(str(n.id), n.topic, n.title, where, display.when(n.starts_at, tz, now), display.when(n.ends_at, tz, now))
    console.print(table)


def _json(notice, desk) -> dict:
    tz = desk.calendar.tz
    return {"id": notice.id, "topic": notice.topic, "title": notice.title, "details": notice.details,
            "building": notice.building, "floors": list(floors_of(notice)),
            "starts_at": display.iso(notice.starts_at, tz), "ends_at": display.iso(notice.ends_at, tz)}
