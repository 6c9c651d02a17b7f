"""What every command shares: the open desk, times and choices read from options, plain errors."""

from __future__ import annotations

import functools
import json
import re
import sys
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer
from typer.exceptions import TyperException

from deskapp.config.datafiles import DataFileError
from deskapp.config.paths import database_url, sqlite_path
from deskapp.domain.calendar import CalendarError
from deskapp.domain.enums import Severity, Validity
from deskapp.domain.errors import DeskError
from deskapp.i18n import N_, _, pgettext
from deskapp.words.labels import complaint_label, label
from deskapp.words.safe import json_safe, visible

if TYPE_CHECKING:
    from deskapp.store.context import Desk

# The database (SQLAlchemy's engine, the tables), the faults it can raise and the time parser are
# imported by the functions that use them: `deskapp calendar` and the help need none of them.

E = TypeVar("E", bound=Enum)
F = TypeVar("F", bound=Callable)

# Help texts are marked here and translated when the help is shown (deskapp.cli.helptext).
DbOption = Annotated[str | None, typer.Option("--db", help=N_("Database file or SQLAlchemy URL (default: DESKAPP_DB, then data/deskapp.db)."))]
ByOption = Annotated[str | None, typer.Option("--by", help=N_("Staff member doing it (default: DESKAPP_OPERATOR, then the first receptionist)."))]
AtOption = Annotated[str | None, typer.Option("--at", help=N_("When it happened, if earlier (typing up a paper log): ISO time, 'now', '18:30'."))]
JsonOption = Annotated[bool, typer.Option("--json", help=N_("Print the result as JSON for scripts."))]


def described(text: str) -> Callable[[F], F]:
    """A command's help, marked for the catalogue (`@described(N_("..."))`); shown translated."""

    def mark(command: F) -> F:
        command.__doc__ = text
        return command

    return mark


def case_number(text: str) -> int:
    if not text.strip().isdigit():
        raise typer.BadParameter(_("{text!r} is not a case number (a whole number such as 17)").format(text=text))
    number = int(text)
    if number >= 2**63:  # larger than any database's integer: no case can have it
        raise typer.BadParameter(_("there is no case {number}").format(number=number))
    return number


CaseId = Annotated[int, typer.Argument(parser=case_number, metavar="CASE", help=N_("Case number."))]


class Failure(Exception):
    """A refusal the command reports in one line and exit code 2."""


_state: dict[str, str | None] = {"db": None}


def opened_file() -> Path | None:
    """The SQLite file the command opened (or was opening), to say which file a fault is in."""
    if "opening" not in _state:
        return None
    return sqlite_path(database_url(_state["opening"]))


def set_default_db(db: str | None) -> None:
    _state["db"] = db


def default_db() -> str | None:
    """The root's --db, when one was given."""
    return _state["db"]


def desk_for(db: str | None, create: bool = False) -> Desk:
    """The desk the command works on; only `init` and `demo` may create a database (create=True)."""
    from deskapp.upkeep.setup import open_desk

    _state["opening"] = db or _state["db"]
    desk, notice = open_desk(db or _state["db"], create=create)
    if notice:
        typer.echo(_("note: {notice}").format(notice=notice), err=True)
    return desk


def operator(by: str | None) -> str | None:
    import os

    return by or os.environ.get("DESKAPP_OPERATOR") or None


def signed_in(desk: Desk, by: str | None) -> str | None:
    """The operator for a command, proved: once the desk has any PIN, everyone proves theirs
    (DESKAPP_PIN, or typed unseen at a terminal); see deskapp.cli.operator_proof."""
    from deskapp.cli.operator_proof import proved_operator

    return proved_operator(desk, operator(by))


def when(desk: Desk, text: str | None, what: str) -> datetime | None:
    if text is None:
        return None
    from deskapp.domain.timeparse import TimeError, parse_time

    try:
        parsed = parse_time(text, desk.calendar.tz, desk.now())
    except TimeError as e:
        raise Failure(_("{option}: {problem}").format(option=what, problem=e)) from None
    if not FIRST_YEAR <= parsed.year <= LAST_YEAR:  # 9999 or 0001: beyond every clock and calendar
        raise Failure(_("{option}: {typed!r} is outside the years the desk works with ({first} to {last})").format(
            option=what, typed=text, first=FIRST_YEAR, last=LAST_YEAR))
    return parsed


FIRST_YEAR, LAST_YEAR = 1901, 2199  # the calendar's own range (deskapp.domain.calendar)


def day_of(text: str, option: str) -> date:
    """A day typed as 2026-11-23 for `option` (--date, --from, --to), or the plain refusal."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise Failure(_("{option} {text!r} is not a date; write it as 2026-11-23").format(option=option, text=text)) from None


def month_of(text: str) -> date:
    """A month typed as 2026-11 for --month: its first day, or the plain refusal."""
    try:
        return datetime.strptime(text.strip(), "%Y-%m").date()
    except ValueError:
        raise Failure(_("--month {text!r} is not a month; write it as 2026-11").format(text=text)) from None


def listed(words: Iterable[str]) -> str:
    """'a, b, c' / 'a、b、c'."""
    return pgettext("list separator", ", ").join(words)


def _typed(text: str) -> str:
    return text.strip().lower().replace("-", "_").replace(" ", "_")


def choice(enum: type[E], text: str | None, what: str) -> E | None:
    """The enum value typed: its identifier ('on-site', 'no_answer') or its name in the desk's
    language ('上门回访', '重大', '重大投诉'); `what` is already in the desk's language."""
    if text is None:
        return None
    typed = _typed(text)
    for member in enum:
        names = {member.value, _typed(label(member))} | {_typed(part) for part in label(member).split("/")}
        if enum in (Severity, Validity):
            names.add(_typed(complaint_label(member)))
        if typed in names:
            return member
    allowed = listed(label(m) for m in enum)
    raise Failure(_("{text!r} is not a {what}; use one of: {allowed}").format(text=text, what=what, allowed=allowed))


def pick(text: str, words: Mapping[str, tuple[str, str]], option: str) -> str:
    """One of a few fixed words ('today', 'month'), typed as itself or in the desk's language.

    `words` maps each word to its gettext (context, English) mark; returns the word."""
    typed = _typed(text)
    for word, marked in words.items():
        if typed in (word, _typed(pgettext(*marked))):
            return word
    allowed = listed(pgettext(*marked) for marked in words.values())
    raise Failure(_("{option} {text!r} is not one of: {allowed}").format(option=option, text=text, allowed=allowed))


def print_json(data) -> None:
    typer.echo(json_safe(json.dumps(data, ensure_ascii=False, indent=2)))


def error_line(message: object) -> str:
    return _("error: {message}").format(message=message)


def plain_errors(command):
    """Every refusal, and every fault of the database or the disk (deskapp.store.faults), becomes
    one plain line on stderr and exit code 2; nothing half-written."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except (Failure, DeskError, DataFileError, CalendarError) as e:
            say_and_exit(e)
        except (typer.Exit, typer.Abort, TyperException):
            raise  # the command's own ending, already said
        except Exception as e:
            from deskapp.store.faults import fault_of

            fault = fault_of(e, opened_file())
            if fault is None:
                raise
            say_and_exit(fault)

    return wrapper


def say_and_exit(problem: object, code: int = 2):
    typer.echo(error_line(visible(str(problem))), err=True)
    sys.exit(code)


def refuse_undecodable(args: list[str]) -> None:
    """Text on the command line that no field can hold, said once and naming the option, before
    anything is opened: bytes that are not UTF-8 (a GBK script on a Chinese Windows) reach Python as
    lone surrogates, and control characters (an escape sequence, a NUL) are never a desk's words."""
    option = None
    for word in args:
        where = word.split("=", 1)[0] if word.startswith("--") and "=" in word else option
        where = where or _("an argument")
        if _SURROGATES.search(word):
            say_and_exit(_("{option}: the text is not valid UTF-8 (perhaps a script saved in another encoding "
                           "such as GBK); save it as UTF-8 and try again").format(option=where))
        control = _CONTROLS.search(word)
        if control:
            say_and_exit(_("{option}: the text contains an invisible control character (U+{code}); retype it").format(
                option=where, code=f"{ord(control.group()):04X}"))
        option = word if word.startswith("-") else None


_SURROGATES = re.compile("[\ud800-\udfff]")
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # line breaks and tabs are text


def unexpected(error: Exception):
    """The last word on an exception nothing else caught: a fault in one line; anything else is a
    bug, also one line (the traceback with DESKAPP_DEBUG=1)."""
    import os

    from deskapp.store.faults import fault_of

    fault = fault_of(error, opened_file())
    if fault is not None:
        say_and_exit(fault)
    if os.environ.get("DESKAPP_DEBUG"):
        raise error
    say_and_exit(_("something went wrong inside deskapp ({kind}: {problem}); nothing more was done. "
                   "Run it again with DESKAPP_DEBUG=1 to see where, and report it").format(
        kind=type(error).__name__, problem=error), code=1)
