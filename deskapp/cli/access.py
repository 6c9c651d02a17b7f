"""`deskapp pin`: setting a staff member's sign-in PIN."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from deskapp.cli.common import DbOption, Failure, desk_for, plain_errors
from deskapp.desk.access import needs_pin, set_pin


def _ask(prompt: str) -> str:
    """Typed without echo at a terminal; read a line at a time from a pipe (scripts, tests)."""
    if sys.stdin.isatty():
        return typer.prompt(prompt, hide_input=True)
    line = sys.stdin.readline()
    if not line:
        raise Failure(f"{prompt.lower()} was not given")
    return line.strip()


@plain_errors
def pin(
    name: Annotated[str, typer.Argument(help="Whose PIN to set.")],
    by: Annotated[str | None, typer.Option("--by", help="A supervisor setting it for someone else.")] = None,
    db: DbOption = None,
):
    """Set a staff member's sign-in PIN (4 to 8 digits); asked for twice, never shown."""
    desk = desk_for(db)
    setter = by or name
    proof = _ask(f"Current PIN of {setter}") if needs_pin(desk, setter) else None
    new = _ask(f"New PIN for {name}")
    if _ask("The same PIN again") != new:
        raise Failure("the two PINs differ; nothing was changed")
    set_pin(desk, name, new, by=setter, by_pin=proof)
    typer.echo(f"PIN set for {name}")
