"""`deskapp notice-add` and `deskapp notices`: the supervisor's planned outages and works."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from deskapp.cli.common import (
    ByOption,
    DbOption,
    Failure,
    JsonOption,
    described,
    desk_for,
    plain_errors,
    print_json,
    signed_in,
    when,
)
from deskapp.config.scripts import load_scripts
from deskapp.desk.notices import add_notice
from deskapp.i18n import N_, _, pgettext
from deskapp.reads.notices import floors_of, list_notices, topic_label
from deskapp.words import display
from deskapp.words.safe import visible_line

Opt = typer.Option


@described(N_("Post a notice of planned works; intake shows it to the desk for the buildings and time it covers."))
@plain_errors
def notice_add(
    title: Annotated[str, typer.Argument(help=N_("What tenants are told, e.g. 'Water off for pipe repair'."))],
    topic: Annotated[str, Opt(help=N_("One of: water, power, lift, cleaning, other."))] = "other",
    starts: Annotated[str | None, Opt(help=N_("When it starts: '2026-11-24 09:00', 'tomorrow 9'."))] = None,
    ends: Annotated[str | None, Opt(help=N_("When it ends."))] = None,
    building: Annotated[str, Opt(help=N_("Building affected (empty: every building)."))] = "",
    floors: Annotated[str, Opt(help=N_("Floors affected, comma-separated, e.g. '12,13,B1' (empty: every floor)."))] = "",
    details: Annotated[str, Opt(help=N_("What the desk tells a caller who asks."))] = "",
    by: ByOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
):
    desk = desk_for(db)
    if starts is None or ends is None:
        raise Failure(_("say when the works start and end with --starts and --ends, e.g. --starts 'tomorrow 9' --ends 'tomorrow 12'"))
    book = load_scripts()
    posted = add_notice(desk, topic, title, when(desk, starts, "--starts"), when(desk, ends, "--ends"),
                        building=building, floors=floors, details=details, by=signed_in(desk, by),
                        announce_ahead=book.announce_ahead)
    if posted.warning:
        typer.echo(_("warning: {problem}").format(problem=posted.warning), err=True)
    if as_json:
        print_json(_json(posted.notice, desk))
    else:
        typer.echo(_("notice {number} posted: {title}").format(number=posted.notice.id, title=visible_line(posted.notice.title)))


@described(N_("List notices of planned works, soonest first."))
@plain_errors
def notice_list(
    all_: Annotated[bool, Opt("--all", help=N_("Include notices that are over."))] = False,
    db: DbOption = None,
    as_json: JsonOption = False,
):
    desk = desk_for(db)
    found = list_notices(desk, include_past=all_)
    if as_json:
        print_json([_json(n, desk) for n in found])
        return
    console = Console()
    if not found:
        console.print(_("no notices"))
        return
    tz, now = desk.calendar.tz, desk.now()
    table = Table("#", pgettext("notice", "topic"), pgettext("notice", "title"), pgettext("notice", "where"),
                  pgettext("notice", "from"), pgettext("notice", "to"))
    for n in found:
        building = n.building or _("all buildings")
        where = _("{building} floors {floors}").format(building=building, floors=n.floors) if n.floors else building
        table.add_row(str(n.id), topic_label(n.topic), Text(visible_line(n.title)), Text(visible_line(where)),
                      display.when(n.starts_at, tz, now), display.when(n.ends_at, tz, now))
    console.print(table)


def _json(notice, desk) -> dict:
    tz = desk.calendar.tz
    return {"id": notice.id, "topic": notice.topic, "title": notice.title, "details": notice.details,
            "building": notice.building, "floors": list(floors_of(notice)),
            "starts_at": display.iso(notice.starts_at, tz), "ends_at": display.iso(notice.ends_at, tz)}
