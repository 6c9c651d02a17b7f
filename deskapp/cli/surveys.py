"""`deskapp survey start|record|close|show`: the tenants' satisfaction survey (the building manual's 三).

A supervisor starts a round (twice a year by default, [surveys] in data/policy.toml); as the
questionnaires come back the desk records each company's line: its head count, the questionnaires
sent and returned, and how satisfied the returned ones were; a supervisor closes the round, and the
month's report carries its figures against the manual's 70% coverage, 90% return, 95% satisfaction."""

from __future__ import annotations

from typing import Annotated

import typer
from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from deskapp.cli import helptext
from deskapp.cli.common import ByOption, DbOption, Failure, JsonOption, described, desk_for, plain_errors, print_json, signed_in
from deskapp.config.surveys import survey_targets
from deskapp.desk import surveys
from deskapp.i18n import N_, NP_, _, pgettext
from deskapp.output.survey_report import headers, line_cells, round_json, targets_json, verdicts
from deskapp.reads.survey_figures import round_figures, round_history
from deskapp.words import display
from deskapp.words.safe import visible_line

Opt = typer.Option
RoundOption = Annotated[int | None, Opt("--round", min=1, help=N_("The round's number (see --json)."))]
# The survey events as the history command names them; the stored key is shown for any other.
_EVENTS = {"started": NP_("survey event", "started"), "recorded": NP_("survey event", "recorded"),
           "closed": NP_("survey event", "closed")}

survey = typer.Typer(cls=helptext.DeskGroup, no_args_is_help=True, help=N_(
    "The tenants' satisfaction survey: start a round, record each company's questionnaires, close it."))


@survey.command("start", cls=helptext.DeskCommand)
@described(N_("Start a survey round (a supervisor); one round is open at a time."))
@plain_errors
def start(name: Annotated[str | None, Opt(help=N_("What to call it (default: the half-year, e.g. 2026-H2)."))] = None,
          by: ByOption = None, db: DbOption = None, as_json: JsonOption = False):
    desk = desk_for(db)
    started = surveys.start_round(desk, name, by=signed_in(desk, by))
    if as_json:
        print_json({"id": started.id, "name": started.name})
        return
    typer.echo(_("survey round {name} started; record each company with `deskapp survey record`").format(
        name=visible_line(started.name)))


@survey.command("record", cls=helptext.DeskCommand)
@described(N_("Record a tenant company's questionnaires in the open round; figures not given keep their value."))
@plain_errors
def record(
    company: Annotated[str, typer.Argument(help=N_("The tenant company, e.g. Initech."))],
    sent: Annotated[int, Opt(min=0, help=N_("Questionnaires sent to the company."))],
    returned: Annotated[int, Opt(min=0, help=N_("Questionnaires it returned."))],
    satisfied: Annotated[int | None, Opt(min=0, help=N_("Returned questionnaires that were satisfied."))] = None,
    partly: Annotated[int | None, Opt(min=0, help=N_("Returned questionnaires partly satisfied."))] = None,
    dissatisfied: Annotated[int | None, Opt("--dissatisfied", "--unsatisfied", min=0,
                                            help=N_("Returned questionnaires not satisfied."))] = None,
    staff: Annotated[int | None, Opt(min=1, help=N_(
        "The company's head count (needed the first time; later rounds carry it over)."))] = None,
    by: ByOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
):
    desk = desk_for(db)
    done = surveys.record_line(desk, company, sent=sent, returned=returned, satisfied=satisfied, partly=partly,
                               unsatisfied=dissatisfied, staff=staff, by=signed_in(desk, by))
    line = done.line
    if as_json:
        print_json({"round": done.round.name, "company": line.company, "staff": line.staff, "sent": line.sent,
                    "returned": line.returned, "satisfied": line.satisfied, "partly": line.partly,
                    "unsatisfied": line.unsatisfied})
        return
    typer.echo(_("{company}: {sent} sent, {returned} returned ({satisfied} satisfied, {partly} partly, "
                 "{unsatisfied} unsatisfied) of {staff} staff").format(
        company=visible_line(line.company), sent=line.sent, returned=line.returned, satisfied=line.satisfied,
        partly=line.partly, unsatisfied=line.unsatisfied, staff=line.staff))
    if done.staff_from:
        typer.echo(_("head count {staff} carried from round {name}; give --staff if it changed").format(
            staff=line.staff, name=visible_line(done.staff_from)), err=True)


@survey.command("close", cls=helptext.DeskCommand)
@described(N_("Close the open survey round (a supervisor): its figures are final and go in the month's report."))
@plain_errors
def close(by: ByOption = None, db: DbOption = None):
    desk = desk_for(db)
    closed = surveys.close_round(desk, by=signed_in(desk, by))
    typer.echo(_("survey round {name} closed").format(name=visible_line(closed.name)))
    figures = round_figures(desk, closed.id)
    if figures is not None:
        for line in verdicts(figures.total, survey_targets()):
            typer.echo(line)


@survey.command("show", cls=helptext.DeskCommand)
@described(N_("A survey round's companies and figures against the targets (default: the newest round)."))
@plain_errors
def show(round_id: RoundOption = None, db: DbOption = None, as_json: JsonOption = False):
    desk = desk_for(db)
    figures = round_figures(desk, round_id)
    tz = desk.calendar.tz
    if figures is None:
        if round_id is not None:
            raise Failure(_("there is no survey round {number}").format(number=round_id))
        if as_json:
            print_json(None)
            return
        typer.echo(_("no survey round yet; a supervisor starts one with `deskapp survey start`"))
        return
    if as_json:
        print_json(round_json(figures, tz) | {"targets": targets_json(survey_targets())})
        return
    now = desk.now()
    state = (_("closed {when} by {name}").format(when=display.when(figures.closed_at, tz, now), name=figures.closed_by)
             if figures.closed_at else _("open since {when}").format(when=display.when(figures.started_at, tz, now)))
    table = Table(title=_("Survey round {name}, {state}").format(name=visible_line(figures.name), state=state),
                  title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False, padding=(0, 1))
    for i, heading in enumerate(headers()):  # the figures never wrap: the company's name does, if need be
        table.add_column(heading, justify="left" if i == 0 else "right", no_wrap=i > 0, min_width=14 if i == 0 else None)
    for company, counts in figures.lines:
        table.add_row(*(Text(visible_line(cell)) for cell in line_cells(company, counts)))
    if figures.lines:
        table.add_row(*(Text(cell, style="bold") for cell in line_cells(pgettext("survey", "all companies"), figures.total)))
    console = Console(highlight=False)
    console.print(table)
    for line in verdicts(figures.total, survey_targets()):
        console.print(Text(line))


@survey.command("history", cls=helptext.DeskCommand)
@described(N_("A survey round's history: started, each company's line recorded (before → after), closed."))
@plain_errors
def history(round_id: RoundOption = None, db: DbOption = None, as_json: JsonOption = False):
    desk = desk_for(db)
    tz = desk.calendar.tz
    events = round_history(desk, round_id)
    if round_id is not None and not events:
        raise Failure(_("there is no survey round {number}").format(number=round_id))
    if as_json:
        print_json([{"at": at.astimezone(tz).isoformat(), "action": action, "by": by, "details": details}
                    for at, action, by, details in events])
        return
    for at, action, by, details in events:
        word = pgettext(*_EVENTS[action]) if action in _EVENTS else action
        facts = "; ".join(f"{key}: {_fact(value)}" for key, value in details.items())
        typer.echo(visible_line(f"{at.astimezone(tz):%Y-%m-%d %H:%M}  {word}  {by}" + (f"  ({facts})" if facts else "")))


def _fact(value) -> str:
    """[40, 38] → '40 → 38'; a line's changes, each figure before → after."""
    if isinstance(value, dict):
        return ", ".join(f"{k} {_fact(v)}" for k, v in value.items())
    if isinstance(value, list) and len(value) == 2:
        return f"{value[0]} → {value[1]}"
    return str(value)
