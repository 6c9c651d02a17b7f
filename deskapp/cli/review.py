"""`deskapp review`: the month's management review list, a complaint put on it, and its conclusion."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from deskapp.cli.common import (
    ByOption,
    DbOption,
    Failure,
    JsonOption,
    case_number,
    described,
    desk_for,
    month_of,
    plain_errors,
    print_json,
    signed_in,
)
from deskapp.i18n import N_, _
from deskapp.reads.review import Reviewed, review_list
from deskapp.reads.statistics import month
from deskapp.words.labels import label
from deskapp.words.wording import kind_words

Opt = typer.Option


@described(N_("The management review: the month's list, a complaint put on it (--flag), or its conclusion (--note)."))
@plain_errors
def review(
    case_id: Annotated[int | None, typer.Argument(parser=case_number, metavar="CASE",
                                                  help=N_("The complaint; without it, the month's list."))] = None,
    note: Annotated[str, Opt("--note", help=N_("The review's conclusion on the case (with --flag: why it goes to the review)."))] = "",
    flag: Annotated[bool, Opt("--flag", help=N_("Put a complaint that is not major on the month's review list."))] = False,
    month: Annotated[str | None, Opt("--month", help=N_("The list's month, as 2026-11 (default: this month)."))] = None,
    by: ByOption = None, db: DbOption = None, as_json: JsonOption = False,
):
    desk = desk_for(db)
    if case_id is None:
        if flag or note:
            raise Failure(_("say which complaint: deskapp review CASE --note TEXT"))
        _print_list(desk, _month(month, desk), as_json)
        return
    if month is not None:
        raise Failure(_("--month is for the list; a complaint's review is recorded without it"))
    if not note.strip():
        raise Failure(_("--note is needed, for example --note \"{example}\"").format(
            example=_("repeat failures of lift 3: maintenance contract to be reviewed") if not flag
            else _("third complaint about the same lift this month")))
    from deskapp.desk.review import conclude_review, put_to_review

    step = put_to_review if flag else conclude_review
    view = step(desk, case_id, note, by=signed_in(desk, by))
    if as_json:
        print_json({"case": view.case.id, "flagged" if flag else "concluded": True, "note": note.strip()})
    elif flag:
        typer.echo(_("case {number} is on the management review list").format(number=view.case.id))
    else:
        typer.echo(_("case {number}: the management review's conclusion recorded").format(number=view.case.id))


def _month(text: str | None, desk) -> date:
    if text is None:
        return desk.now().astimezone(desk.calendar.tz).date().replace(day=1)
    return month_of(text)


def _print_list(desk, first: date, as_json: bool) -> None:
    period = month(first.year, first.month, desk.calendar.tz)
    found = review_list(desk, period.start, period.end)
    if as_json:
        print_json({"month": f"{first:%Y-%m}", "cases": [r.as_json() for r in found]})
        return
    if not found:
        typer.echo(_("no complaints for the management review in {month}").format(month=f"{first:%Y-%m}"))
        return
    typer.echo(_("Management review, {month}: {n} complaints").format(month=f"{first:%Y-%m}", n=len(found)))
    for r in found:
        typer.echo(_line(r, desk))


def _line(r: Reviewed, desk) -> str:
    c = r.case
    why = _("flagged: {reason}").format(reason=r.flagged) if r.flagged is not None else label(c.severity)
    said = (_("concluded by {name}: {text}").format(name=r.concluded_by, text=r.conclusion) if r.conclusion
            else _("not yet reviewed"))
    return f"  #{c.id}  {kind_words(c.kind, c.severity)}  ({why})  {label(c.status)}  {c.what[:50]}  · {said}"
