"""`deskapp callbacks`: the callback list to print for managers who call or visit."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from deskapp.cli.common import (
    DbOption,
    Failure,
    choice,
    described,
    desk_for,
    listed,
    pick,
    plain_errors,
)
from deskapp.domain.enums import CallbackMethod, Kind, Severity
from deskapp.i18n import N_, NP_, _, ngettext, pgettext
from deskapp.output.files import write_private_text
from deskapp.output.missed_sheet import missed_sheet
from deskapp.output.sheets import FORMATS, callback_sheet
from deskapp.reads.callback_list import Due, missed_calls, pending_callbacks

Opt = typer.Option
_GROUPS = {"overdue": [Due.overdue], "today": [Due.overdue, Due.today], "tomorrow": [Due.tomorrow],
           "later": [Due.later], "all": list(Due)}
# --due as typed in either language, and as the list's title names it.
_GROUP_WORDS = {"overdue": NP_("callbacks due", "overdue"), "today": NP_("callbacks due", "today"),
                "tomorrow": NP_("callbacks due", "tomorrow"), "later": NP_("callbacks due", "later"),
                "all": NP_("callbacks due", "all")}


@described(N_("The callbacks still to make, with columns to fill in on paper."))
@plain_errors
def callbacks(
    due: Annotated[str, Opt(help=N_("overdue, today (overdue included), tomorrow, later or all."))] = "all",
    fmt: Annotated[str, Opt("--format", help=N_("md, csv or json."))] = "md",
    caller: Annotated[str | None, Opt("--caller", help=N_("Only those this staff member must make."))] = None,
    method: Annotated[str | None, Opt(help=N_("phone or on-site."))] = None,
    kind: Annotated[str | None, Opt(help=N_("Only this kind."))] = None,
    severity: Annotated[str | None, Opt(help=N_("Only this severity."))] = None,
    output: Annotated[Path | None, Opt("--output", "-o", help=N_("Write to this file instead of the screen."))] = None,
    missed: Annotated[bool, Opt("--missed", help=N_("Only the missed calls to call back (md also lists them after the cases)."))] = False,
    db: DbOption = None,
):
    due = pick(due, _GROUP_WORDS, "--due")
    if fmt not in FORMATS:
        raise Failure(_("{option} {text!r} is not one of: {allowed}").format(option="--format", text=fmt, allowed=listed(FORMATS)))
    desk = desk_for(db)
    method_asked = choice(CallbackMethod, method, pgettext("choice", "callback method"))
    items = pending_callbacks(desk, caller=caller, method=method_asked,
                              kind=choice(Kind, kind, pgettext("choice", "kind")),
                              severity=choice(Severity, severity, pgettext("choice", "severity")))
    items = [i for i in items if i.group in _GROUPS[due]]
    now = desk.now()
    tz = desk.calendar.tz
    at = f"{now.astimezone(tz):%Y-%m-%d %H:%M}"
    # A missed call is the desk's to ring back: it has no kind, severity or manager to filter it by.
    calls = [] if caller or kind or severity or method_asked not in (None, CallbackMethod.phone) else missed_calls(desk)
    calls = [c for c in calls if c.group in _GROUPS[due]]
    missed_title = _("Missed calls to call back ({due}) at {time}").format(due=pgettext(*_GROUP_WORDS[due]), time=at)
    if missed:
        written = len(calls)
        text = missed_sheet(calls, tz, now, fmt, missed_title)
    else:
        written = len(items) + (len(calls) if fmt == "md" else 0)
        title = _("Callbacks ({due}) at {time}").format(due=pgettext(*_GROUP_WORDS[due]), time=at)
        text = callback_sheet(items, tz, now, fmt, title)
        if fmt == "md" and calls:  # people read the paper list: every call to make on it
            text += "\n" + missed_sheet(calls, tz, now, fmt, missed_title)
    if output is None:
        typer.echo(text, nl=False)
        return
    try:
        write_private_text(output, text)
    except OSError as e:
        raise Failure(_("cannot write {path}: {problem}").format(path=output, problem=e.strerror)) from None
    typer.echo(ngettext("{n} callback written to {path}", "{n} callbacks written to {path}", written)
               .format(n=written, path=output), err=True)
