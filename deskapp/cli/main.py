"""The `deskapp` command line."""

from __future__ import annotations

import os
import sys
from typing import Annotated
import typer
from typer.exceptions import TyperException

from deskapp.cli import access, actions, callbacks, cases, notices, reports, setup, upkeep
from deskapp.cli.common import DbOption, desk_for, operator, plain_errors, set_default_db

app = typer.Typer(
    help="The customer-service desk of a managed building. With no command, opens the app.",
    no_args_is_help=False,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback(invoke_without_command=True)
def start(
    ctx: typer.Context,
    db: DbOption = None,
    as_: Annotated[str | None, typer.Option("--as", help="Who is at the desk (default: DESKAPP_OPERATOR, else chosen on the sign-in screen).")] = None,
):
    """With no command: open the desk app on the database."""
    set_default_db(db)
    if ctx.invoked_subcommand is None:
        _open_app(db, as_)


@plain_errors
def _open_app(db: str | None, as_: str | None) -> None:
    from deskapp.app import DeskApp  # Textual is loaded only when the app opens
    from deskapp.desk.access import sign_in
    from deskapp.desk.lookup import staff_named

    desk = desk_for(db)
    name = operator(as_)
    if name is not None:  # named on the command line: sign in here; otherwise on the sign-in screen
        with desk.reading() as session:
            person = staff_named(session, name)
        if person.pin_hash:
            pin = os.environ.get("DESKAPP_PIN") or typer.prompt(f"PIN for {person.name}", hide_input=True)
            sign_in(desk, person.name, pin)
        name = person.name
    _daily_backup(desk)
    DeskApp(desk, name).run()


def _daily_backup(desk) -> None:
    """The first start of each day copies the records aside, keeping the policy's number of days."""
    from deskapp.desk.backup import daily_backup
    from deskapp.paths import backup_dir

    today = desk.now().astimezone(desk.calendar.tz).strftime("%Y-%m-%d")
    try:
        made = daily_backup(desk, backup_dir(str(desk.engine.url)), desk.policy.backups_kept, today)
    except Exception as e:  # a failed backup must not keep the desk from taking calls
        typer.echo(f"warning: today's backup could not be made ({e}); run `deskapp backup` by hand", err=True)
        return
    if made:
        typer.echo(f"today's backup: {made}")


app.command("add")(cases.add)
app.command("show")(cases.show)
app.command("list")(cases.list_)
for command in actions.COMMANDS:
    app.command(command.__name__)(command)
app.command("callbacks")(callbacks.callbacks)
app.command("notice-add")(notices.notice_add)
app.command("notices")(notices.notice_list)
app.command("report")(reports.report)
app.command("export")(reports.export)
app.command("pin")(access.pin)
app.command("backup")(upkeep.backup)
app.command("restore")(upkeep.restore)
app.command("check")(upkeep.check)
app.command("init")(setup.init)
app.command("demo")(setup.demo)


def main() -> None:
    """Entry point: usage mistakes are one plain line and exit code 2, like every other refusal."""
    try:
        code = app(prog_name="deskapp", standalone_mode=False)
    except typer.Abort:
        typer.echo("cancelled; nothing was changed", err=True)
        sys.exit(1)
    except TyperException as e:  # unknown option, missing argument, a value of the wrong type
        ctx = getattr(e, "ctx", None)
        hint = f" (see {ctx.command_path} --help)" if ctx is not None else ""
        typer.echo(f"error: {e.format_message()}{hint}", err=True)
        sys.exit(e.exit_code)
    sys.exit(code if isinstance(code, int) else 0)
