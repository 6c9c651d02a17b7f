"""Textual's private parts the desk relies on, all here and nowhere else.

Textual keeps these out of its public API, so a release may move or rename them without a word.
Each one is listed in PRIVATES, and tests/test_textual_compat.py checks every entry against the
installed Textual: after an upgrade it fails naming the attribute that moved, and this file is the
only one to mend. Everything else in the desk uses Textual's public API.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from rich.align import Align
from rich.console import RenderableType
from rich.text import Text
from textual.command import CommandList, CommandPalette
from textual.widgets import Select
from textual.widgets.option_list import Option

# (module, class, attribute or None for the class itself, what the desk does with it). Attributes
# that Textual sets on an instance in __init__ are checked on an instance by the test.
PRIVATES = (
    ("textual.widgets._footer", "FooterKey", None, "the footer translates and fits each key"),
    ("textual.widgets._footer", "FooterKey", "action", "the footer leaves out the key of the screen shown"),
    ("textual.widgets._footer", "FooterKey", "key_display", "the footer measures each key"),
    ("textual.widgets._footer", "FooterLabel", None, "the footer translates its group labels"),
    ("textual.widgets._key_panel", "BindingsTable", None, "the keys panel (ctrl+p → Keys) in the desk's language"),
    ("textual.widgets._key_panel", "BindingsTable", "render_bindings_table", "the keys panel's table, translated"),
    ("textual.widgets._select", "Select", "_options", "QuickSelect steps through the options from the keyboard"),
    ("textual.widgets._select", "Select", "_allow_blank", "QuickSelect clears a choice only where blank is allowed"),
    ("textual.command", "CommandPalette", "_start_no_matches_countdown", "the palette's 'No matches found', translated"),
    ("textual.command", "CommandPalette", "_stop_no_matches_countdown", "the palette's 'No matches found', translated"),
    ("textual.command", "CommandPalette", "_NO_MATCHES", "the palette's 'No matches found', translated"),
    ("textual.command", "CommandPalette", "_NO_MATCHES_COUNTDOWN", "the palette's 'No matches found', translated"),
    ("textual.command", "CommandPalette", "_list_visible", "the palette's 'No matches found', translated"),
    ("textual.command", "CommandPalette", "_no_matches_timer", "the palette's 'No matches found', translated"),
)


def _private(module: str, name: str):
    try:
        return getattr(import_module(module), name)
    except (ImportError, AttributeError) as e:  # pragma: no cover - only after a Textual upgrade
        raise ImportError(f"Textual no longer has {module}.{name}, which deskapp/textual_compat.py uses") from e


FooterKey = _private("textual.widgets._footer", "FooterKey")
FooterLabel = _private("textual.widgets._footer", "FooterLabel")
BindingsTable = _private("textual.widgets._key_panel", "BindingsTable")


def select_options(select: Select) -> list[tuple[RenderableType, object]]:
    """(prompt, value) of every option, the blank one included where the Select allows it."""
    return select._options


def select_allows_blank(select: Select) -> bool:
    return select._allow_blank


class WordedCommandPalette(CommandPalette):
    """Textual's command palette, its 'No matches found' in words the subclass gives (`no_matches`).

    Textual writes those words inside `_start_no_matches_countdown`; this is its body with only the
    words changed, so an upgrade that changes the body must be looked at here.
    """

    no_matches: Callable[[], str] = staticmethod(lambda: "No matches found")

    def _start_no_matches_countdown(self, search_value: str) -> None:
        self._stop_no_matches_countdown()

        def _show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(Align.center(Text(self.no_matches(), style="not bold")), disabled=True,
                           id=self._NO_MATCHES)
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, _show_no_matches)
