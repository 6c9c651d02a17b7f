"""`deskapp retime`: a supervisor moves the open clocks onto today's rules, after a look at what moves."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from deskapp.cli.common import ByOption, DbOption, Failure, JsonOption, described, desk_for, plain_errors, print_json, signed_in
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
        typer.confirm(ngettext("Move this clock to today's rules?", "Move these {n} clocks to today's rules?",
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


COMMANDS = (retime,)
