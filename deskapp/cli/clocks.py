"""`deskapp retime` (a supervisor moves the open clocks onto today's rules, after a look at what moves)
and `deskapp outside-party` (a complaint involves another unit: the contact clock starts)."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.console import Console

from deskapp.cli import render
from deskapp.cli.common import (
    AtOption,
    ByOption,
    CaseId,
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
from deskapp.desk import workflow
from deskapp.desk.retime import Retimed, check_may_retime, retime_open, retime_preview
from deskapp.i18n import N_, _, ngettext
from deskapp.words.display import when as shown
from deskapp.words.labels import label

Opt = typer.Option


@described(N_("Re-time the open clocks under today's policy and calendar (supervisors; asks first)."))
@plain_errors
def retime(open_: Annotated[bool, Opt("--open", help=N_("The open cases' running clocks (the only choice)."))] = False,
           yes: Annotated[bool, Opt("--yes", help=N_("Do not ask for confirmation."))] = False,
           by: ByOption = None, db: DbOption = None, as_json: JsonOption = False):
    if not open_:
        raise Failure(_("say which clocks to re-time: --open (the open cases' running clocks)"))
    desk = desk_for(db)
    operator = signed_in(desk, by)
    check_may_retime(desk, operator)
    moves = retime_preview(desk)
    if not moves:
        _said(desk, [], as_json, _("no open clock moves under today's rules"))
        return
    if not yes:
        if not sys.stdin.isatty():
            raise Failure(ngettext("re-timing moves {n} open clock: add --yes to confirm",
                                   "re-timing moves {n} open clocks: add --yes to confirm", len(moves)).format(n=len(moves)))
        for line in _lines(desk, moves):
            typer.echo(line)
        typer.confirm(ngettext("Move {n} clock to today's rules?", "Move {n} clocks to today's rules?",
                               len(moves)).format(n=len(moves)), abort=True)
    moved = retime_open(desk, by=operator)
    cases = len({m.case_id for m in moved})
    _said(desk, moved, as_json, ngettext("re-timed {n} clock; the history of each case says before → after",
                                         "re-timed {n} clocks; the history of each case says before → after",
                                         len(moved)).format(n=len(moved)) + " " + ngettext(
        "({cases} case)", "({cases} cases)", cases).format(cases=cases))


def _said(desk, moves: list[Retimed], as_json: bool, closing: str) -> None:
    if as_json:
        print_json([{"case": m.case_id, "clock": m.clock.value, "before": m.before.isoformat(),
                     "after": m.after.isoformat()} for m in moves])
        return
    for line in _lines(desk, moves):
        typer.echo(line)
    typer.echo(closing)


def _lines(desk, moves: list[Retimed]) -> list[str]:
    tz = desk.calendar.tz
    return [_("case {number} {clock}: {before} → {after}").format(
        number=m.case_id, clock=label(m.clock), before=shown(m.before, tz), after=shown(m.after, tz))
        for m in moves]


@described(N_("Record that a complaint involves another unit or outside party: the customer is contacted within the policy's days."))
@plain_errors
def outside_party(case_id: CaseId, party: Annotated[str, typer.Argument(help=N_("Who: the water utility, a neighbouring tenant ..."))],
                  by: ByOption = None, at: AtOption = None, db: DbOption = None, as_json: JsonOption = False):
    desk = desk_for(db)
    if not party.strip():
        raise Failure(_("say which outside party, for example: deskapp outside-party 12 \"water utility\""))
    view = workflow.set_outside_party(desk, case_id, party, by=signed_in(desk, by), at=when(desk, at, "--at"))
    if as_json:
        print_json(render.case_json(view, desk))
    else:
        render.print_case(Console(), view, desk)


COMMANDS = (("retime", retime), ("outside-party", outside_party))
