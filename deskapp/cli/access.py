"""`deskapp pin`: setting a staff member's sign-in PIN (proving the operator of other commands is
deskapp.cli.operator_proof)."""

from __future__ import annotations

import getpass
import sys
from typing import Annotated

import typer

from deskapp.cli.common import DbOption, Failure, described, desk_for, plain_errors
from deskapp.config.permissions import permissions
from deskapp.desk.access import needs_pin, set_pin
from deskapp.i18n import N_, _


def _ask(prompt: str, missing: str) -> str:
    """Typed without echo at a terminal; read a line at a time from a pipe (scripts, tests)."""
    if sys.stdin.isatty():
        return getpass.getpass(f"{prompt}: ")
    line = sys.stdin.readline()
    if not line:
        raise Failure(missing)
    return line.strip()


@described(N_("Set a staff member's sign-in PIN (digits as data/permissions.toml says, 6 by default); a supervisor "
              "issues first PINs with --by; asked for twice, never shown."))
@plain_errors
def pin(
    name: Annotated[str, typer.Argument(help=N_("Whose PIN to set."))],
    by: Annotated[str | None, typer.Option("--by", help=N_("A supervisor setting it for someone else."))] = None,
    db: DbOption = None,
):
    desk = desk_for(db)
    setter = by or name
    proof = None
    if needs_pin(desk, setter):
        proof = _ask(_("Current PIN of {name}").format(name=setter), _("the current PIN of {name} was not given").format(name=setter))
    digits = permissions().pins.digits
    new = _ask(_("New PIN for {name} ({n} digits)").format(name=name, n=digits),
               _("the new PIN for {name} was not given").format(name=name))
    if _ask(_("The same PIN again"), _("the same PIN again was not given")) != new:
        raise Failure(_("the two PINs differ; nothing was changed"))
    set_pin(desk, name, new, by=setter, by_pin=proof)
    typer.echo(_("PIN set for {name}").format(name=name))
