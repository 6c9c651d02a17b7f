"""The command line's own words in the desk's language: help texts, Typer's panels, usage errors.

Typer builds its click commands afresh on every run (`typer.main.get_command`), after `main()` has
chosen the language; the command classes here translate the help texts marked with `N_` as they
are built, so one process (the tests) can show the help in either language. Typer's vendored click
writes its own words ("Usage:", "No such option") in English without gettext: the usage prefix,
the help option and the usage errors are translated here as well.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from typer.core import TyperArgument, TyperCommand, TyperGroup

from deskapp.domain.enums import Channel, NoteKind
from deskapp.i18n import N_, NP_, _, pgettext
from deskapp.words.labels import label

OPTIONS_METAVAR = N_("[OPTIONS]")
COMMAND_METAVAR = N_("COMMAND [ARGS]...")
HELP_OPTION_HELP = N_("Show this message and exit.")

# The value types Typer shows beside each option ('<str>'), named in the desk's language.
_TYPES = {
    "<str>": NP_("value type", "<str>"),
    "<int>": NP_("value type", "<int>"),
    "<bool>": NP_("value type", "<bool>"),
    "<path>": NP_("value type", "<path>"),
    "<float>": NP_("value type", "<float>"),
    "<int range>": NP_("value type", "<int range>"),
}
# Defaults Typer shows ('[default: phone]') that are words people read: (option, default) → its name.
_DEFAULTS: dict[tuple[str, str], Callable[[], str]] = {
    ("channel", "phone"): lambda: label(Channel.phone),
    ("kind", "progress"): lambda: label(NoteKind.progress),
    ("due", "all"): lambda: pgettext("callbacks due", "all"),
    ("topic", "other"): lambda: pgettext("notice topic", "other"),
}


# The arguments' names in the usage line and the help ('{period}'), by their English names.
_ARGUMENTS = {
    "CASE": NP_("argument", "CASE"),
    "new": NP_("argument", "new"),
    "decision": NP_("argument", "decision"),
    "text": NP_("argument", "text"),
    "title": NP_("argument", "title"),
    "name": NP_("argument", "name"),
    "path": NP_("argument", "path"),
    "period": NP_("argument", "period"),
    "YEAR": NP_("argument", "YEAR"),  # deskapp calendar YEAR
    "party": NP_("argument", "party"),  # deskapp outside-party CASE party
    "ACTION": NP_("argument", "ACTION"),  # deskapp action-done CASE ACTION
}


def _folding(make: Callable) -> Callable:
    """Typer's help texts fold where a line is full: Chinese runs on without spaces to break at,
    and the options table would otherwise cut it short with an ellipsis."""

    from rich.text import Text

    def make_folding(**kwargs):
        made = make(**kwargs)
        if isinstance(made, Text):
            made.overflow = "fold"
        return made

    make_folding.folds = True
    return make_folding


def prepare_typer() -> None:
    """Typer evaluates its panel titles at import, before the language is chosen: set them again.

    Called as a help is formatted: Typer's help (and Rich's markdown under it) is loaded only then."""
    from typer import rich_utils

    if not getattr(rich_utils._make_rich_text, "folds", False):
        rich_utils._make_rich_text = _folding(rich_utils._make_rich_text)
    rich_utils.ARGUMENTS_PANEL_TITLE = _("Arguments")
    rich_utils.OPTIONS_PANEL_TITLE = _("Options")
    rich_utils.COMMANDS_PANEL_TITLE = _("Commands")
    rich_utils.ERRORS_PANEL_TITLE = _("Error")
    rich_utils.ABORTED_TEXT = _("Aborted.")
    rich_utils.REQUIRED_LONG_STRING = _("[required]")
    rich_utils.DEFAULT_STRING = _("[default: {}]")
    rich_utils.ENVVAR_STRING = _("[env var: {}]")
    rich_utils.DEPRECATED_STRING = _("(deprecated) ")
    rich_utils.RICH_HELP = _("Try [blue]'{command_path} {help_option}'[/] for help.")


def _type_word(shown: str | None) -> str | None:
    marked = _TYPES.get(shown or "")
    return pgettext(*marked) if marked else shown


def _translate_param(param) -> None:
    if getattr(param, "_desk_translated", False):
        return
    param._desk_translated = True
    if param.help:
        param.help = _(param.help)  # every help is marked with N_ where the option is declared
    if isinstance(param, TyperArgument):
        marked = _ARGUMENTS.get(param.metavar or param.name)
        if marked:
            param.metavar = pgettext(*marked)
    shown: Callable = param.display_type_rich
    param.display_type_rich = lambda ctx: _type_word(shown(ctx=ctx))
    word = _DEFAULTS.get((param.name, param.default)) if isinstance(param.default, str) else None
    if word is not None:
        param._extract_default_help_str = lambda ctx: word()


class _Translated:
    """Shared by the group and the commands: help, usage line and help option in the desk's language."""

    def _translate(self) -> None:
        if self.help:
            self.help = _(self.help)  # marked with N_ (deskapp.cli.common.described)
        if self.short_help:
            self.short_help = _(self.short_help)
        if self.options_metavar == OPTIONS_METAVAR:
            self.options_metavar = _(OPTIONS_METAVAR)
        for param in self.params:
            _translate_param(param)

    def format_help(self, ctx, formatter) -> None:
        prepare_typer()
        super().format_help(ctx, formatter)

    def format_usage(self, ctx, formatter) -> None:
        pieces = self.collect_usage_pieces(ctx)
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=_("Usage: "))

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None and not getattr(option, "_desk_translated", False):
            option.help = HELP_OPTION_HELP
            _translate_param(option)
        return option


class DeskCommand(_Translated, TyperCommand):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._translate()


class DeskGroup(_Translated, TyperGroup):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._translate()
        if self.subcommand_metavar == COMMAND_METAVAR:
            self.subcommand_metavar = _(COMMAND_METAVAR)


# Typer's usage errors, whole message by whole message: the English is Typer's own wording.
_ERRORS: list[tuple[re.Pattern, Callable[[re.Match], str]]] = [
    (re.compile(r"Invalid value for (?P<param>.+?): (?P<problem>.*)", re.DOTALL),
     lambda m: _("Invalid value for {param}: {problem}").format(param=m["param"], problem=_problem(m["problem"]))),
    (re.compile(r"Invalid value: (?P<problem>.*)", re.DOTALL),
     lambda m: _("Invalid value: {problem}").format(problem=_problem(m["problem"]))),
    (re.compile(r"Missing argument (?P<param>.+)\."), lambda m: _("Missing argument {param}.").format(param=m["param"])),
    (re.compile(r"Missing option (?P<param>.+)\."), lambda m: _("Missing option {param}.").format(param=m["param"])),
    (re.compile(r"No such option: (?P<name>\S+) \(Possible options: (?P<options>.*)\)"),
     lambda m: _("No such option: {name} (Possible options: {options})").format(name=m["name"], options=m["options"])),
    (re.compile(r"No such option: (?P<name>.+)"), lambda m: _("No such option: {name}").format(name=m["name"])),
    (re.compile(r"No such command (?P<name>.+?)\. Did you mean (?P<suggestions>.+)\?"),
     lambda m: _("No such command {name}. Did you mean {suggestions}?").format(name=m["name"], suggestions=m["suggestions"])),
    (re.compile(r"No such command (?P<name>.+)\."), lambda m: _("No such command {name}.").format(name=m["name"])),
    (re.compile(r"Missing command\."), lambda m: _("Missing command.")),
    (re.compile(r"Option (?P<name>.+) requires an argument\."),
     lambda m: _("Option {name} requires an argument.").format(name=m["name"])),
    (re.compile(r"Option (?P<name>.+) does not take a value\."),
     lambda m: _("Option {name} does not take a value.").format(name=m["name"])),
    (re.compile(r"Got unexpected extra argument(?:\(s\)|s)? \((?P<args>.*)\)", re.DOTALL),
     lambda m: _("Got unexpected extra argument(s) ({args})").format(args=m["args"])),
]
# What Typer (through Pydantic) says about a value it cannot take.
_PROBLEMS: list[tuple[re.Pattern, Callable[[re.Match], str]]] = [
    (re.compile(r"Input should be a valid integer, unable to parse string as an integer"),
     lambda m: _("Input should be a valid integer, unable to parse string as an integer")),
    (re.compile(r"Input should be a valid integer.*", re.DOTALL), lambda m: _("Input should be a valid integer")),
    (re.compile(r"Input should be less than or equal to (?P<n>\S+)"),
     lambda m: _("Input should be less than or equal to {n}").format(n=m["n"])),
    (re.compile(r"Input should be greater than or equal to (?P<n>\S+)"),
     lambda m: _("Input should be greater than or equal to {n}").format(n=m["n"])),
    (re.compile(r"Value (?P<value>.+) is not a valid (?P<type>\w+)\.", re.DOTALL),
     lambda m: _("Value {value} is not a valid {type}.").format(value=m["value"], type=m["type"])),
]


def _match(table, text: str) -> str:
    for pattern, say in table:
        found = pattern.fullmatch(text)
        if found:
            return say(found)
    return text


def _problem(text: str) -> str:
    return _match(_PROBLEMS, text)


def usage_error(message: str) -> str:
    """A Typer usage error in the desk's language (messages the desk raised itself are already)."""
    return _match(_ERRORS, message)
