"""What every command shares: the open desk, times and choices read from options, plain errors."""

from __future__ import annotations

import functools
import json
import sys
from datetime import datetime
from enum import Enum
from typing import Annotated, TypeVar

import typer

from deskapp.datafiles import DataFileError
from deskapp.desk.context import Desk
from deskapp.desk.errors import DeskError
from deskapp.desk.setup import open_desk
from deskapp.domain.calendar import CalendarError
from deskapp.domain.timeparse import TimeError, parse_time

E = TypeVar("E", bound=Enum)

DbOption = Annotated[str | None, typer.Option("--db", help="Database file or SQLAlchemy URL (default: DESKAPP_DB, then data/deskapp.db).")]
ByOption = Annotated[str | None, typer.Option("--by", help="Staff member doing it (default: DESKAPP_OPERATOR, then the first receptionist).")]
AtOption = Annotated[str | None, typer.Option("--at", help="When it happened, if earlier (typing up a paper log): ISO time, 'now', '18:30'.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print the result as JSON for scripts.")]


def case_number(text: str) -> int:
    if not text.strip().isdigit():
        raise typer.BadParameter(f"{text!r} is not a case number (a whole number such as 17)")
    number = int(text)
    if number >= 2**63:  # larger than any database's integer: no case can have it
        raise typer.BadParameter(f"there is no case {number}")
    return number


CaseId = Annotated[int, typer.Argument(parser=case_number, metavar="CASE", help="Case number.")]


class Failure(Exception):
    """A refusal the command reports in one line and exit code 2."""


_state: dict[str, str | None] = {"db": None}


def set_default_db(db: str | None) -> None:
    _state["db"] = db


def desk_for(db: str | None) -> Desk:
    desk, notice = open_desk(db or _state["db"])
    if notice:
        typer.echo(f"note: {notice}", err=True)
    return desk


def operator(by: str | None) -> str | None:
    import os

    return by or os.environ.get("DESKAPP_OPERATOR") or None


def signed_in(desk: Desk, by: str | None) -> str | None:
    """The operator for a command; someone with a PIN proves it with DESKAPP_PIN."""
    import os

    from deskapp.desk.access import sign_in
    from deskapp.desk.lookup import default_operator

    name = operator(by)
    if name is None:
        with desk.reading() as session:
            name = default_operator(session).name
    return sign_in(desk, name, os.environ.get("DESKAPP_PIN")).name


def when(desk: Desk, text: str | None, what: str) -> datetime | None:
    if text is None:
        return None
    try:
        return parse_time(text, desk.calendar.tz, desk.now())
    except TimeError as e:
        raise Failure(f"{what}: {e}") from None


def choice(enum: type[E], text: str | None, what: str) -> E | None:
    if text is None:
        return None
    normalised = text.strip().lower().replace("-", "_").replace(" ", "_")
    for member in enum:
        if member.value == normalised:
            return member
    allowed = ", ".join(m.value.replace("_", "-") for m in enum)
    raise Failure(f"{text!r} is not a {what}; use one of: {allowed}")


def print_json(data) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


def plain_errors(command):
    """Every refusal becomes one plain line on stderr and exit code 2; nothing half-written."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except (Failure, DeskError, DataFileError, CalendarError) as e:
            typer.echo(f"error: {e}", err=True)
            sys.exit(2)

    return wrapper
