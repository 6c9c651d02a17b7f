"""The `deskapp` command line."""

from __future__ import annotations

import importlib
import os
import sys
from difflib import get_close_matches
from typing import TYPE_CHECKING, Annotated

import typer
from typer.exceptions import TyperException
from typer.models import CommandInfo

from deskapp import i18n
from deskapp.cli import helptext
from deskapp.cli.common import (
    DbOption,
    desk_for,
    error_line,
    operator,
    plain_errors,
    refuse_undecodable,
    set_default_db,
    unexpected,
)
from deskapp.i18n import N_, _

if TYPE_CHECKING:
    from typer._click import Command, Context

# Each command by the module and function that hold it. A command's module is imported only when
# that command runs (or when the whole list is shown, for the help): `deskapp add` from the phone
# system must not pay for the reports, the backup and Rich's tables it never uses.
COMMANDS = [
    ("add", "cases:add"), ("show", "cases:show"), ("list", "cases:list_"),
    *((name, f"actions:{name}") for name in (
        "forward", "acknowledge", "escalate", "notify", "severity", "validity", "note", "pause", "resume",
        "arrive", "resolve", "callback", "void")),  # actions.COMMANDS, in its order
    *((name, f"amend:{name}") for name in ("amend", "convert", "reassign")),  # amend.COMMANDS, in its order
    ("confirm", "confirm:confirm"), ("callbacks", "callbacks:callbacks"), ("notice-add", "notices:notice_add"), ("notices", "notices:notice_list"),
    ("report", "reports:report"), ("export", "reports:export"), ("pin", "access:pin"),
    ("backup", "upkeep:backup"), ("restore", "upkeep:restore"), ("check", "upkeep:check"), ("anchor", "proof:anchor"),
    ("init", "setup:init"), ("demo", "setup:demo"),
    ("calendar", "calendar:calendar"), ("print", "printing:print_"),
    ("calls", "phone:calls"), ("phone", "phone:phone"),
    ("retime", "clocks:retime"), ("outside-party", "clocks:outside_party"),
    ("review", "review:review"),
    ("action-add", "coordination:action_add"), ("action-done", "coordination:action_done"),
    ("followup", "coordination:followup"), ("chase", "coordination:chase"),
    ("staff", "staff:staff"),  # a group: staff add|role|leave|history
    ("survey", "surveys:survey"),  # a group: survey start|record|close|show
    ("link", "incidents:link"), ("incident", "incidents:incident"),  # a group: incident open|show|resolve
    ("incidents", "incidents:incidents"),
]
_WHERE = dict(COMMANDS)


def command_function(name: str):
    """The function behind command `name`, its module imported now."""
    module, function = _WHERE[name].split(":")
    return getattr(importlib.import_module(f"deskapp.cli.{module}"), function)


class LazyGroup(helptext.DeskGroup):
    """The root command: knows every command's name, builds a command only when it is asked for."""

    def list_commands(self, ctx: Context) -> list[str]:
        return [name for name, _where in COMMANDS]

    def get_command(self, ctx: Context, cmd_name: str) -> Command | None:
        if cmd_name not in self.commands and cmd_name in _WHERE:
            target = command_function(cmd_name)
            if isinstance(target, typer.Typer):  # a group of its own: `deskapp phone serve|token|simulate`
                self.commands[cmd_name] = group = typer.main.get_group(target)
                group.name = cmd_name
                return group
            info = CommandInfo(name=cmd_name, callback=target, cls=helptext.DeskCommand)
            self.commands[cmd_name] = typer.main.get_command_from_info(
                info, pretty_exceptions_short=app.pretty_exceptions_short, rich_markup_mode=self.rich_markup_mode)
        return self.commands.get(cmd_name)

    def resolve_command(self, ctx: Context, args: list[str]):
        # Typer suggests from the commands already built; here that is none of them yet.
        from typer._click.exceptions import UsageError

        try:
            return super().resolve_command(ctx, args)
        except UsageError as e:
            matches = get_close_matches(args[0], self.list_commands(ctx)) if args else []
            if matches and "Did you mean" not in e.message:
                e.message = f"{e.message.rstrip('.')}. Did you mean {', '.join(repr(m) for m in matches)}?"
            raise


app = typer.Typer(
    cls=LazyGroup,
    help=N_("The customer-service desk of a managed building. With no command, opens the app."),
    no_args_is_help=False,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

AsOption = Annotated[str | None, typer.Option(
    "--as", help=N_("Who is at the desk (default: DESKAPP_OPERATOR, else chosen on the sign-in screen)."))]
# Read by main() before Typer parses anything (the help must already be in the language asked for);
# declared here so that it is accepted and shown in the help.
LangOption = Annotated[str | None, typer.Option(
    "--lang", metavar="en|zh_CN",
    help=N_("Language: en or zh_CN (also zh, zh-CN; default: DESKAPP_LANG, then the locale such as LANG=zh_CN.UTF-8)."))]


@app.callback(invoke_without_command=True)
def start(ctx: typer.Context, db: DbOption = None, as_: AsOption = None, lang: LangOption = None):
    del lang  # already chosen by main()
    set_default_db(db)
    if ctx.invoked_subcommand is None:
        _open_app(db, as_)


@plain_errors
def _open_app(db: str | None, as_: str | None) -> None:
    from deskapp.app import DeskApp  # Textual is loaded only when the app opens
    from deskapp.config.keymap import keymap_file
    from deskapp.desk.access import desk_is_accountable, sign_in
    from deskapp.reads.lookup import staff_named

    desk = desk_for(db)
    name = operator(as_)
    if name is not None:  # named on the command line: sign in here; otherwise on the sign-in screen
        with desk.reading() as session:
            person = staff_named(session, name)
        name = person.name
        if person.pin_hash:
            pin = os.environ.get("DESKAPP_PIN") or typer.prompt(_("PIN for {name}").format(name=person.name), hide_input=True)
            sign_in(desk, person.name, pin)
        elif desk_is_accountable(desk):
            name = None  # their first sign-in: the sign-in screen has them choose a PIN
    # The day's backup is made by the app once its first screen is up, never before.
    DeskApp(desk, name, keymap=keymap_file(), daily_backup=True, build_ahead=True).run()


_ROOT_VALUES = ("--db", "--as")  # the root's other options that take a value


def requested_language(args: list[str]) -> str | None:
    """The value of the root's --lang, read the way Typer will read it: before the command's name."""
    found = None
    words = iter(args)
    for word in words:
        if word == "--lang":
            found = next(words, None)
        elif word.startswith("--lang="):
            found = word.removeprefix("--lang=")
        elif word in _ROOT_VALUES:
            next(words, None)
        elif word == "--" or not word.startswith("-"):
            break  # the command's name: what follows is the command's own
    return found


def choose_language(args: list[str]) -> None:
    """--lang, then DESKAPP_LANG, then the locale; a language the desk does not speak is a plain error."""
    requested = requested_language(args)
    bad = requested is not None and i18n.normalise(requested) is None
    problem = None
    try:
        # A bad --lang is said in the language the environment asks for, if that one is good.
        i18n.choose(None if bad else requested)
    except i18n.LanguageError:
        i18n.set_language(i18n.ENGLISH)
        problem = _("DESKAPP_LANG={value!r}: the desk speaks en and zh_CN").format(
            value=os.environ.get("DESKAPP_LANG", "").strip())
    if bad:
        problem = _("--lang {value!r}: the desk speaks en and zh_CN").format(value=requested)
    if problem is not None:
        typer.echo(error_line(problem), err=True)
        sys.exit(2)


def main() -> None:
    """Entry point: usage mistakes are one plain line and exit code 2, like every other refusal."""
    os.umask(0o077)  # whatever a command creates (database, backups, reports) is the desk account's only
    choose_language(sys.argv[1:])
    refuse_undecodable(sys.argv[1:])
    try:
        command = typer.main.get_command(app)  # built now, so its help is in the chosen language
        code = command.main(prog_name="deskapp", standalone_mode=False)
    except typer.Abort:
        typer.echo(_("cancelled; nothing was changed"), err=True)
        sys.exit(1)
    except TyperException as e:  # unknown option, missing argument, a value of the wrong type
        message = helptext.usage_error(e.format_message())
        ctx = getattr(e, "ctx", None)
        if ctx is not None:
            typer.echo(_("error: {message} (see {command} --help)").format(message=message, command=ctx.command_path), err=True)
        else:
            typer.echo(error_line(message), err=True)
        sys.exit(e.exit_code)
    except Exception as e:  # a fault no command caught (the root's callback, opening the app)
        unexpected(e)
    sys.exit(code if isinstance(code, int) else 0)
