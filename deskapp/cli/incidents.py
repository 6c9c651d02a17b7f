"""`deskapp link`, `deskapp incident open|show|resolve` and `deskapp incidents`: batch incidents, several
callers about one problem in one place handled as one (deskapp.desk.incidents)."""

from __future__ import annotations

from typing import Annotated

import typer

from deskapp.cli import helptext
from deskapp.cli.common import (
    AtOption,
    ByOption,
    CaseId,
    DbOption,
    Failure,
    JsonOption,
    case_number,
    described,
    desk_for,
    plain_errors,
    print_json,
    signed_in,
    when,
)
from deskapp.i18n import N_, _, ngettext, pgettext
from deskapp.words.safe import visible_line

Opt = typer.Option


def incident_number(text: str) -> int:
    if not text.strip().isdigit() or int(text) >= 2**63:
        raise typer.BadParameter(_("{text!r} is not an incident number (a whole number such as 3)").format(text=text))
    return int(text)


IncidentId = Annotated[int, typer.Argument(parser=incident_number, metavar="INCIDENT", help=N_("Incident number."))]


@described(N_("Link a case to a batch incident (--incident N), or take it out of its incident (--unlink)."))
@plain_errors
def link(
    case_id: CaseId,
    incident: Annotated[int | None, Opt("--incident", parser=incident_number, metavar="N",
                                        help=N_("The incident the call is about (deskapp incidents lists them)."))] = None,
    unlink: Annotated[bool, Opt("--unlink", help=N_("Take the case out of its incident (it was not about it)."))] = False,
    note: Annotated[str, Opt("--note", help=N_("Why the case leaves its incident (with --unlink)."))] = "",
    by: ByOption = None, at: AtOption = None, db: DbOption = None, as_json: JsonOption = False,
):
    if (incident is None) == (not unlink):
        raise Failure(_("say --incident N to link the case, or --unlink to take it out of its incident"))
    if note and not unlink:
        raise Failure(_("--note is for --unlink: a link needs no note"))
    from deskapp.desk.incidents import link_case, unlink_case

    desk = desk_for(db)
    operator = signed_in(desk, by)
    if unlink:
        view = unlink_case(desk, case_id, note, by=operator, at=when(desk, at, "--at"))
    else:
        view = link_case(desk, case_id, incident, by=operator, at=when(desk, at, "--at"))
    if as_json:
        print_json({"case": view.case.id, "incident": view.case.incident_id})
    elif unlink:
        typer.echo(_("case {number} is no longer linked to an incident").format(number=view.case.id))
    else:
        typer.echo(_("case {number} linked to incident {incident}").format(number=view.case.id, incident=incident))


incident = typer.Typer(cls=helptext.DeskGroup, no_args_is_help=True, help=N_(
    "A batch incident: open one from the batch's cases, show it, resolve it once for every linked case."))


@incident.command("open", cls=helptext.DeskCommand)
@described(N_("Open an incident from cases of one problem in one place (the batch check's cases)."))
@plain_errors
def open_(
    case_ids: Annotated[list[str], typer.Argument(
        metavar="CASE...", help=N_("The cases, the first one's floor and category the incident's."))],
    by: ByOption = None, at: AtOption = None, db: DbOption = None, as_json: JsonOption = False,
):
    from deskapp.desk.incidents import open_incident

    numbers = [_case(text) for text in case_ids]
    desk = desk_for(db)
    opened = open_incident(desk, numbers, by=signed_in(desk, by), at=when(desk, at, "--at"))
    if as_json:
        print_json(opened.as_json(desk.calendar.tz))
        return
    typer.echo(ngettext("incident {number} opened: {category} at {place}, {cases} ({callers} caller)",
                        "incident {number} opened: {category} at {place}, {cases} ({callers} callers)",
                        opened.callers).format(number=opened.number, category=_category(opened.category),
                                               place=visible_line(opened.place), callers=opened.callers,
                                               cases=_cases(opened)))


@incident.command("show", cls=helptext.DeskCommand)
@described(N_("Show an incident: where, what, its cases and callers, its resolution."))
@plain_errors
def show(number: IncidentId, db: DbOption = None, as_json: JsonOption = False):
    from deskapp.reads.incidents import incident_view

    desk = desk_for(db)
    found = incident_view(desk, number)
    if as_json:
        print_json(found.as_json(desk.calendar.tz))
        return
    for line in _described(found, desk):
        typer.echo(line)


@incident.command("resolve", cls=helptext.DeskCommand)
@described(N_("Resolve the incident once: the outcome resolves every linked open case; each caller is called back."))
@plain_errors
def resolve(
    number: IncidentId,
    note: Annotated[str, Opt("--note", help=N_("The outcome, told to every caller of the incident."))] = "",
    by: ByOption = None, at: AtOption = None, db: DbOption = None, as_json: JsonOption = False,
):
    if not note.strip():
        raise Failure(_("--note is needed, for example --note \"{example}\"").format(
            example=_("riser valve on 12F replaced; ceilings dried")))
    from deskapp.desk.incidents import resolve_incident

    desk = desk_for(db)
    done = resolve_incident(desk, number, note, by=signed_in(desk, by), at=when(desk, at, "--at"))
    if as_json:
        print_json(done.as_json(desk.calendar.tz))
        return
    typer.echo(ngettext("incident {number} resolved: {n} case resolved with it, each caller's callback due as usual",
                        "incident {number} resolved: {n} cases resolved with it, each caller's callback due as usual",
                        len(done.cases)).format(number=number, n=len(done.cases)))


@described(N_("The batch incidents, the open ones first."))
@plain_errors
def incidents(db: DbOption = None, as_json: JsonOption = False):
    from deskapp.reads.incidents import incident_list

    desk = desk_for(db)
    found = incident_list(desk)
    if as_json:
        print_json({"incidents": [i.as_json(desk.calendar.tz) for i in found]})
        return
    if not found:
        typer.echo(_("no incidents"))
        return
    for i in found:
        state = pgettext("incident", "resolved") if i.resolved else pgettext("incident", "open")
        typer.echo(ngettext("  incident {number}  {state}  {category} at {place}  {callers} caller: {cases}",
                            "  incident {number}  {state}  {category} at {place}  {callers} callers: {cases}",
                            i.callers).format(number=i.number, state=state, category=_category(i.category),
                                              place=visible_line(i.place), callers=i.callers, cases=_cases(i)))


def _case(text: str) -> int:
    try:
        return case_number(text)
    except typer.BadParameter as e:
        raise Failure(str(e)) from None


def _category(stored: str) -> str:
    from deskapp.config.categories import category_words

    return visible_line(category_words(stored)) if stored else "–"


def _cases(i) -> str:
    return ", ".join(f"#{c.id}" for c in i.cases) or "–"


def _described(i, desk) -> list[str]:
    from deskapp.words.display import when as shown
    from deskapp.words.labels import label

    tz = desk.calendar.tz
    lines = [_("Incident {number}: {category} at {place}").format(number=i.number, category=_category(i.category),
                                                                 place=visible_line(i.place)),
             _("opened {time} by {name}").format(time=shown(i.opened_at, tz), name=i.opened_by),
             ngettext("{callers} caller, {n} case:", "{callers} callers, {n} cases:", i.callers).format(
                 callers=i.callers, n=len(i.cases))]
    lines += [f"  #{c.id}  {label(c.status)}  {visible_line(c.who) or '–'}  {c.phone or '–'}  {visible_line(c.what)[:50]}"
              for c in i.cases]
    if i.resolved:
        lines.append(_("resolved {time} by {name}: {outcome}").format(time=shown(i.resolved_at, tz), name=i.resolved_by,
                                                                      outcome=visible_line(i.resolution)))
    else:
        lines.append(_("not resolved yet: deskapp incident resolve {number} --note TEXT").format(number=i.number))
    return lines
