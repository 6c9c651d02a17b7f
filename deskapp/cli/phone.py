"""`deskapp phone serve|token|simulate` and `deskapp calls`: the telephone link and the call log."""

from __future__ import annotations

import json
from datetime import date
from typing import Annotated

import typer

from deskapp.cli.common import DbOption, Failure, day_of, described, desk_for, plain_errors
from deskapp.cli.helptext import DeskCommand, DeskGroup
from deskapp.i18n import N_, _

Opt = typer.Option
DEFAULT_PORT = 8711

phone = typer.Typer(cls=DeskGroup, help=N_("The telephone link: the endpoint a phone system posts its calls to."),
                    no_args_is_help=True, add_completion=False)


@phone.command("serve", cls=DeskCommand)
@described(N_("Take the phone system's call events (Zammad generic CTI) at /api/v1/cti/TOKEN."))
@plain_errors
def serve(
    host: Annotated[str, Opt(help=N_("Address to listen on; loopback unless the phone system is on another machine."))] = "127.0.0.1",
    port: Annotated[int, Opt(help=N_("Port to listen on."))] = DEFAULT_PORT,
    db: DbOption = None,
):
    from deskapp.config.phone import load_phone_policy, staff_extensions
    from deskapp.phone.server import CtiEndpoint
    from deskapp.phone.server import serve as run

    desk = desk_for(db)
    endpoint = CtiEndpoint(desk, load_phone_policy(), staff_extensions())
    typer.echo(_("taking call events at http://{host}:{port}/api/v1/cti/TOKEN (ctrl+c stops)").format(host=host, port=port))
    try:
        run(endpoint, host, port)
    except OSError as e:
        raise Failure(_("cannot listen on {host}:{port}: {problem}").format(host=host, port=port, problem=e.strerror)) from None


@phone.command("token", cls=DeskCommand)
@described(N_("Make a token for the phone system's URL; it is shown once, alone on the last line."))
@plain_errors
def token(db: DbOption = None):
    from deskapp.desk.calls import new_phone_token

    made = new_phone_token(desk_for(db))
    typer.echo(_("the phone system posts to http://HOST:{port}/api/v1/cti/ followed by this token "
                 "(it is not kept; run this again for a new one):").format(port=DEFAULT_PORT))
    typer.echo(made)


@phone.command("simulate", cls=DeskCommand)
@described(N_("Play one call's events to the endpoint, for demos and training."))
@plain_errors
def simulate(
    token_: Annotated[str, Opt("--token", help=N_("The token from `deskapp phone token`."))],
    number: Annotated[str, Opt("--from", help=N_("The caller's number (the number called, with --outbound)."))] = "13900001234",
    user: Annotated[str, Opt("--user", help=N_("Who answers: a name in staff.toml."))] = "",
    extension: Annotated[str, Opt("--extension", help=N_("Or the extension that answers."))] = "",
    ring: Annotated[float, Opt(help=N_("Seconds of ringing."))] = 4.0,
    talk: Annotated[float, Opt(help=N_("Seconds of talking."))] = 30.0,
    missed: Annotated[bool, Opt("--missed", help=N_("Nobody answers: the caller gives up."))] = False,
    outbound: Annotated[bool, Opt("--outbound", help=N_("The desk calls out (a call back)."))] = False,
    url: Annotated[str, Opt(help=N_("Where the endpoint listens."))] = f"http://127.0.0.1:{DEFAULT_PORT}",
):
    from deskapp.phone.simulate import Script, play

    script = Script(number=number, user=user, extension=extension, ring=ring, talk=talk, answered=not missed, outbound=outbound)

    def said(event: str, status: int, answer: str) -> None:
        typer.echo(f"{event}: {status} {answer}")

    try:
        ok = play(f"{url.rstrip('/')}/api/v1/cti/{token_}", script, said)
    except OSError as e:
        raise Failure(_("cannot reach {url}: {problem}").format(url=url, problem=getattr(e, "reason", e))) from None
    if not ok:
        raise typer.Exit(1)


@described(N_("The call log: a day's calls, or the missed calls and whether they were called back."))
@plain_errors
def calls(
    on: Annotated[str | None, Opt("--date", help=N_("A day, YYYY-MM-DD (default: today)."))] = None,
    missed: Annotated[bool, Opt("--missed", help=N_("Only missed calls, those still to call back first."))] = False,
    as_json: Annotated[bool, Opt("--json", help=N_("As JSON, for scripts."))] = False,
    db: DbOption = None,
):
    from deskapp.output.calls import call_json, call_lines
    from deskapp.reads.calls import call_log

    day = day_of(on, "--date") if on else None
    desk = desk_for(db)
    found = call_log(desk, day, missed=missed)
    tz = desk.calendar.tz
    if as_json:
        typer.echo(json.dumps([call_json(c, tz) for c in found], ensure_ascii=False, indent=2))
    elif not found:  # a header over nothing reads as a broken command
        typer.echo(_nothing_said(missed, day or desk.now().astimezone(tz).date(), day is not None))
    else:
        typer.echo(call_lines(found, tz, desk.now()), nl=False)


def _nothing_said(missed: bool, day: date, day_asked: bool) -> str:
    """The line for an empty log. --missed without --date looks at every day, so names none."""
    if missed:
        return _("no missed calls on {day}").format(day=day.isoformat()) if day_asked else _("no missed calls")
    return _("no calls on {day}").format(day=day.isoformat())

