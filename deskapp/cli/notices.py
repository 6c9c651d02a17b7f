"""`deskapp notice-add` and `deskapp notices`: the supervisor's planned outages and works, cuts
announced after the event with an apology (QP7.3 4.3.3), and general apologies (4.3.4)."""

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
from deskapp.domain.notices import NoticeKind
from deskapp.i18n import N_, _, pgettext
from deskapp.reads.notices import floors_of, kind_label, list_notices, topic_label
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
    after_the_event: Annotated[bool, Opt("--after-the-event", help=N_(
        "A cut the city or an emergency caused, announced once it has happened: needs --apology and --explanation."))] = False,
    general_apology: Annotated[bool, Opt("--general-apology", help=N_(
        "An open apology for a service many tenants are unhappy with: needs --apology and the plan in --explanation."))] = False,
    apology: Annotated[str, Opt(help=N_("The apology, e.g. 'We apologise for the water cut this morning'."))] = "",
    explanation: Annotated[str, Opt(help=N_(
        "What happened and why (after the event), or the plan and measures that put it right (an apology)."))] = "",
    by: ByOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
):
    desk = desk_for(db)
    kind = _kind(after_the_event, general_apology)
    starts_at, ends_at = _period(desk, kind, starts, ends)
    book = load_scripts()
    posted = add_notice(desk, topic, title, starts_at, ends_at,
                        building=building, floors=floors, details=details, by=signed_in(desk, by),
                        announce_ahead=book.announce_ahead, kind=kind, apology=apology, explanation=explanation)
    if posted.warning:
        typer.echo(_("warning: {problem}").format(problem=posted.warning), err=True)
    if as_json:
        print_json(_json(posted.notice, desk))
    else:
        typer.echo(_("notice {number} posted: {title}").format(number=posted.notice.id, title=visible_line(posted.notice.title)))


def _kind(after_the_event: bool, general_apology: bool) -> NoticeKind:
    if after_the_event and general_apology:
        raise Failure(_("--after-the-event and --general-apology are two kinds of notice; give one of them"))
    if after_the_event:
        return NoticeKind.after_the_event
    return NoticeKind.apology if general_apology else NoticeKind.planned


def _period(desk, kind: NoticeKind, starts: str | None, ends: str | None):
    """A general apology is posted from now for apology_days unless told otherwise; the others say when."""
    if kind is NoticeKind.apology and starts is None and ends is None:
        from deskapp.config.intake import apology_shown

        now = desk.now()
        return now, now + apology_shown()
    if starts is None or ends is None:
        if kind is NoticeKind.after_the_event:
            raise Failure(_("say when the cut started and ended with --starts and --ends, e.g. --starts 'today 7:10' "
                            "--ends 'today 9:30'"))
        raise Failure(_("say when the works start and end with --starts and --ends, e.g. --starts 'tomorrow 9' --ends 'tomorrow 12'"))
    return when(desk, starts, "--starts"), when(desk, ends, "--ends")


@described(N_("List notices of planned works, soonest first; apologies stay listed for a while after they are posted."))
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
        table.add_row(str(n.id), _topic_words(n), Text(_title_words(n)), Text(visible_line(where)),
                      display.when(n.starts_at, tz, now), display.when(n.ends_at, tz, now))
    console.print(table)


def _topic_words(notice) -> str:
    """'water', or 'water (after the event)' / '供水（事后说明）'."""
    kind = kind_label(notice)
    return _("{topic} ({kind})").format(topic=topic_label(notice.topic), kind=kind) if kind else topic_label(notice.topic)


def _title_words(notice) -> str:
    """The title, and under it the apology and the explanation a notice of that kind carries."""
    lines = [notice.title] + ([notice.apology, notice.explanation] if kind_label(notice) else [])
    return "\n".join(visible_line(line) for line in lines)


def _json(notice, desk) -> dict:
    tz = desk.calendar.tz
    return {"id": notice.id, "topic": notice.topic, "title": notice.title, "details": notice.details,
            "building": notice.building, "floors": list(floors_of(notice)),
            "starts_at": display.iso(notice.starts_at, tz), "ends_at": display.iso(notice.ends_at, tz),
            "kind": notice.kind, "apology": notice.apology, "explanation": notice.explanation}
