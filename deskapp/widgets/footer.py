"""The footer of keys and the keys panel (ctrl+p → Keys), in the desk's language."""

from __future__ import annotations

from collections import defaultdict
from itertools import groupby
from operator import itemgetter

from rich import box
from rich.table import Table
from rich.text import Text
from textual.binding import Binding
from textual.dom import NoScreen
from textual.widgets import Footer, KeyPanel

from deskapp.i18n import NP_, _, language, pgettext
from deskapp.textual_compat import BindingsTable, FooterKey, FooterLabel

KEY = "key description"  # the context of Textual's key descriptions (TEXTUAL_KEYS)

# The F-key that opens each screen (the app's bindings): not shown in that screen's own footer.
OWN_KEY = {
    "IntakeScreen": "open_intake", "QueueScreen": "open_queue", "CallbacksScreen": "open_callbacks",
    "HandoverScreen": "open_handover", "StatisticsScreen": "open_statistics", "HistoryScreen": "open_history",
}


class DeskFooter(Footer):
    """Textual's footer, with each key's description looked up in the catalogue, and only the keys
    that fit whole.

    Bindings are declared on the classes before any language is chosen (and tests run both
    languages in one process), so their descriptions stay the English msgids and are translated
    here, where they are shown. The screen's own keys come first, the app's F-keys after them; what
    does not fit the width is left out from the end, whole (Textual would cut the last key, even
    through a Chinese character, under the palette key). Every key is in the keys panel (ctrl+p).
    """

    def compose(self):
        own = OWN_KEY.get(type(self.screen).__name__)
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                if own and widget.action == own:
                    continue  # F3 on the queue goes nowhere
                widget.description = _(widget.description) if widget.description else widget.description
                if widget.tooltip:
                    widget.tooltip = _(str(widget.tooltip))
            elif isinstance(widget, FooterLabel):
                widget.update(_(str(widget.content)))
            yield widget

    async def recompose(self) -> None:
        # Textual rebuilds the footer whenever the screen's bindings may have changed: every focus
        # move and every opening of a screen, several times for one F2 (each rebuild restyles every
        # key, ~15 ms). Most of them change nothing shown: rebuilt only when the keys it would show do.
        try:
            shown = self._keys_shown()
        except NoScreen:  # its screen closed since the rebuild was asked for: nothing to show
            return
        if shown == getattr(self, "_composed_for", None):
            return
        self._composed_for = shown
        await super().recompose()
        self._fit()

    def _keys_shown(self) -> tuple | None:
        """What compose() would show: each shown binding, whether it is enabled, its tooltip, and the
        language they are worded in (None before the bindings are ready: nothing is composed then)."""
        if not self._bindings_ready:
            return None
        return (language(), self.show_command_palette, self.compact,
                tuple((b.key, b.action, b.description, b.show, enabled, tooltip)
                      for _node, b, enabled, tooltip in self.screen.active_bindings.values()
                      if b.show or b.key == self.app.COMMAND_PALETTE_BINDING))

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        width = self.size.width
        if not width:
            return
        keys = [k for k in self.query_children(FooterKey) if not k.has_class("-command-palette")]
        palette = [k for k in self.query_children(FooterKey) if k.has_class("-command-palette")]
        room = width - sum(_width_of(k) for k in palette)
        used, fits = 0, True
        for key in keys:
            used += _width_of(key)
            fits = fits and used <= room
            key.display = fits


def key_words(description: str) -> str:
    """A key's description in the desk's language: Textual's own (in their context), or the desk's."""
    words = pgettext(KEY, description)
    return words if words != description else _(description)


def _width_of(key: FooterKey) -> int:
    """The cells a key takes in the footer: its words, padding, border and margins."""
    try:
        words = key.render().cell_len
    except Exception:  # noqa: BLE001 - not styled yet: the words and the usual padding
        words = len(key.key_display) + len(key.description) + 3
    return words + key.styles.gutter.width + key.styles.margin.width


class DeskBindingsTable(BindingsTable):
    """Textual's table of keys, its descriptions, tooltips and group titles translated."""

    def render_bindings_table(self) -> Table:
        # Textual's BindingsTable.render_bindings_table, with _() where it shows words.
        bindings = self.screen.active_bindings.values()
        key_style = self.get_component_rich_style("bindings-table--key")
        divider_transparent = self.get_component_styles("bindings-table--divider").color.a == 0
        table = Table(padding=(0, 0), show_header=False,
                      box=box.SIMPLE if divider_transparent else box.HORIZONTALS,
                      border_style=self.get_component_rich_style("bindings-table--divider"))
        table.add_column("", justify="right")
        header_style = self.get_component_rich_style("bindings-table--header")
        description_style = self.get_component_rich_style("bindings-table--description")

        def render_description(binding: Binding) -> Text:
            text = Text.from_markup(key_words(binding.description) if binding.description else "", end="",
                                    style=description_style)
            if binding.tooltip:
                if binding.description:
                    text.append(" ")
                text.append(key_words(binding.tooltip), "dim")
            return text

        previous_namespace: object = None
        for namespace, grouped in groupby(bindings, key=itemgetter(0)):
            table_bindings = list(grouped)
            if not table_bindings:
                continue
            if namespace.BINDING_GROUP_TITLE:
                title = Text(key_words(namespace.BINDING_GROUP_TITLE), end="")
                title.stylize(header_style)
                table.add_row("", title)
            action_to_bindings: defaultdict[str, list[tuple[Binding, bool, str]]] = defaultdict(list)
            for _node, binding, enabled, tooltip in table_bindings:
                if not binding.system:
                    action_to_bindings[binding.action].append((binding, enabled, tooltip))
            get_key_display = self.app.get_key_display
            for multi_bindings in action_to_bindings.values():
                binding, _enabled, _tooltip = multi_bindings[0]
                keys_display = " ".join(dict.fromkeys(get_key_display(b) for b, _e, _t in multi_bindings))
                table.add_row(Text(keys_display, style=key_style), render_description(binding))
            if namespace != previous_namespace:
                table.add_section()
            previous_namespace = namespace
        return table


class DeskKeyPanel(KeyPanel):
    def compose(self):
        yield DeskBindingsTable(shrink=True, expand=False)


# The keys panel (ctrl+p → Keys) is deskapp.widgets.help_panel: Textual's HelpPanel loads its
# Markdown widget (markdown-it, Pygments: about 0.1 s), and every screen has a footer.


# Textual's own key descriptions the keys panel lists for the widgets the desk uses, for the
# catalogue: DeskBindingsTable looks them up by these msgids, in their own context (KEY: "Home" is
# the key here, the home screen elsewhere), and the desk's own descriptions without one.
TEXTUAL_KEYS = (
    NP_("key description", "Input"), NP_("key description", "Quit"), NP_("key description", "Focus Next"),
    NP_("key description", "Focus Previous"), NP_("key description", "Copy selected text"),
    NP_("key description", "Scroll Up"), NP_("key description", "Scroll Down"),
    NP_("key description", "Scroll Left"), NP_("key description", "Scroll Right"),
    NP_("key description", "Scroll Home"), NP_("key description", "Scroll End"), NP_("key description", "Page Up"),
    NP_("key description", "Page Down"), NP_("key description", "Page Left"), NP_("key description", "Page Right"),
    NP_("key description", "Page up"), NP_("key description", "Page down"), NP_("key description", "Up"),
    NP_("key description", "Down"), NP_("key description", "First"), NP_("key description", "Last"),
    NP_("key description", "Select"), NP_("key description", "Top"), NP_("key description", "Bottom"),
    NP_("key description", "Home"), NP_("key description", "End"), NP_("key description", "Cursor up"),
    NP_("key description", "Cursor down"), NP_("key description", "Cursor left"),
    NP_("key description", "Cursor right"), NP_("key description", "Show menu"),
    NP_("key description", "Dismiss menu"), NP_("key description", "Toggle"), NP_("key description", "Next option"),
    NP_("key description", "Previous option"), NP_("key description", "Press button"),
    NP_("key description", "Submit"), NP_("key description", "Move cursor left"),
    NP_("key description", "Move cursor left and select"), NP_("key description", "Move cursor left a word"),
    NP_("key description", "Move cursor left a word and select"),
    NP_("key description", "Move cursor right or accept the completion suggestion"),
    NP_("key description", "Move cursor right and select"), NP_("key description", "Move cursor right a word"),
    NP_("key description", "Move cursor right a word and select"), NP_("key description", "Go to start"),
    NP_("key description", "Go to end"), NP_("key description", "Select line start"),
    NP_("key description", "Select line end"), NP_("key description", "Select all"),
    NP_("key description", "Delete character left"), NP_("key description", "Delete character right"),
    NP_("key description", "Delete left to start of word"), NP_("key description", "Delete right to start of word"),
    NP_("key description", "Delete all to the left"), NP_("key description", "Delete all to the right"),
    NP_("key description", "Cut selected text"), NP_("key description", "Paste text from the clipboard"),
    NP_("key description", "Copy"), NP_("key description", "Cut"), NP_("key description", "Paste"),
    NP_("key description", "Undo"), NP_("key description", "Redo"), NP_("key description", "Select line"),
    NP_("key description", "Delete line"), NP_("key description", "Delete to line start"),
    NP_("key description", "Delete to line end"), NP_("key description", "Cursor word left"),
    NP_("key description", "Cursor word right"), NP_("key description", "Cursor line start"),
    NP_("key description", "Cursor line end"), NP_("key description", "Cursor page up"),
    NP_("key description", "Cursor page down"), NP_("key description", "Cursor up select"),
    NP_("key description", "Cursor down select"), NP_("key description", "Cursor left select"),
    NP_("key description", "Cursor right select"), NP_("key description", "Cursor left word select"),
    NP_("key description", "Cursor right word select"), NP_("key description", "Cursor line start select"),
    NP_("key description", "Cursor line end select"),
)
