"""Textual's private parts the desk relies on, all here and nowhere else.

Textual keeps these out of its public API, so a release may move or rename them without a word.
Each one is listed in PRIVATES, and tests/test_textual_compat.py checks every entry against the
installed Textual: after an upgrade it fails naming the attribute that moved, and this file is the
only one to mend. Everything else in the desk uses Textual's public API.
"""

from __future__ import annotations

import gc
from collections import deque
from collections.abc import Callable
from contextlib import suppress
from functools import partial
from importlib import import_module

from rich.align import Align
from rich.console import RenderableType
from rich.text import Text
from textual import events
from textual.app import App, ScreenStackError
from textual.binding import Binding
from textual.command import CommandList, CommandPalette
from textual.dom import NoScreen
from textual.message_pump import MessagePump
from textual.screen import Screen
from textual.widgets import Input, Select
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
    # Keys in order (KeysInOrder): the app carries each key up the DOM itself, as Textual's bubbling does.
    ("textual.app", "App", "_check_bindings", "keys in order: the priority bindings, before the focused widget"),
    ("textual.screen", "Screen", "_binding_chain", "keys in order: no priority binding wants a typed run; a hidden key says why"),
    ("textual.screen", "Screen", "_clear_tooltip", "keys in order: a key clears the tooltip, as Textual's does"),
    ("textual.message_pump", "MessagePump", "_dispatch_message", "keys in order: each widget handles the key in turn"),
    ("textual.message_pump", "MessagePump", "_context", "keys in order: each widget handles it as itself"),
    ("textual.message", "Message", "_bubble_to", "keys in order: bubbling names the next widget"),
    ("textual.message", "Message", "_set_forwarded", "keys in order: the key is marked as handed on"),
    ("textual.message", "Message", "_sender", "keys in order: a carried key keeps its sender"),
    ("textual.message", "Message", "_no_default_action", "keys in order: bubbling resets it, as Textual's does"),
    # Kept screens (KeptScreen): built ahead, and not restyled on each opening.
    ("textual.app", "App", "_load_screen_css", "a kept screen is built ahead, off stage"),
    ("textual.app", "App", "_register", "a kept screen is built ahead, off stage"),
    ("textual.screen", "Screen", "_on_screen_resume", "a kept screen is restyled only when the app's CSS changed"),
    ("textual.screen", "Screen", "_refresh_layout", "a kept screen is laid out off stage, before its first opening"),
    ("textual.screen", "Screen", "_layout_required", "a kept screen is laid out off stage, before its first opening"),
    ("textual.screen", "Screen", "_dirty_widgets", "a kept screen is drawn off stage, before its first opening"),
    ("textual.screen", "Screen", "_compositor", "a kept screen is drawn off stage, before its first opening"),
    ("textual._compositor", "Compositor", "render_update", "a kept screen is drawn off stage, before its first opening"),
    ("textual._compositor", "Compositor", "update_widgets", "a kept screen is drawn off stage, before its first opening"),
)


def _private(module: str, name: str):
    try:
        return getattr(import_module(module), name)
    except (ImportError, AttributeError) as e:  # pragma: no cover - only after a Textual upgrade
        raise ImportError(f"Textual no longer has {module}.{name}, which deskapp/textual_compat.py uses") from e


FooterKey = _private("textual.widgets._footer", "FooterKey")
FooterLabel = _private("textual.widgets._footer", "FooterLabel")
BindingsTable = _private("textual.widgets._key_panel", "BindingsTable")


def bindings_of_key(screen: Screen, key: str) -> list[tuple[object, Binding]]:
    """Every binding of a key on this screen, the operator's keymap applied, nearest the focus first,
    each with the node it belongs to: hidden ones included (a screen says why a hidden key did nothing)."""
    return [(node, binding) for node, bindings in screen._binding_chain for binding in bindings.key_to_bindings.get(key, ())]


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


# ---- keys in order --------------------------------------------------------------------------------
#
# Textual hands each key to the focused widget by posting it to that widget's queue, and the key
# climbs the DOM one queue at a time before the app's bindings see it (Tab, Backspace, arrows are
# bindings). The next key is already handed to the focus of that moment: with 30-80 ms between a Tab
# and the next letter, the letter lands in the field the Tab was leaving. The desk instead carries
# each key (and paste) up the DOM itself, to its end, before it looks at the next, and waits for a
# screen that a key opened to be up before handing it the keys typed meanwhile.

CATCH_UP_SECONDS = 2.0  # a screen or field that never answers must not keep the keys typed after it forever


class _Carried:
    """A key or paste the app carries up the DOM itself: bubbling records the next widget instead of
    posting the event to its queue."""

    next_hop: MessagePump | None = None

    def _bubble_to(self, widget: MessagePump) -> None:
        self._no_default_action = False
        self.next_hop = widget


class _CarriedKey(_Carried, events.Key):
    def __init__(self, key: events.Key) -> None:
        super().__init__(key.key, key.character)
        self.time, self._sender = key.time, key._sender


class _CarriedPaste(_Carried, events.Paste):
    def __init__(self, text: str, like: events.Event) -> None:
        super().__init__(text)
        self.time, self._sender = like.time, like._sender


# Handlers are found by these names, which Textual derives from the class's own name.
_CarriedKey.handler_name = events.Key.handler_name
_CarriedPaste.handler_name = events.Paste.handler_name


_UNSETTLED = object()  # no focus seen yet on a screen that has just come up


class KeysInOrder:
    """Mixin for an App (listed before App): every key and paste is handled to its end by the widget
    that has the focus when its turn comes, in the order typed. Characters already waiting for a
    plain text field go into it together, as a paste does, so a burst of typing costs one edit."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._held: deque[events.Key | events.Paste] = deque()
        self._flowing = False  # a key's turn is on its way
        self._settled_on: tuple = (None, None)  # the screen and focus the last key was handled on
        self._awaited: object | None = None  # the wait for a screen or field to catch up, until it has

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded:
            self._held.append(event)
            if not self._flowing:
                self._flowing = True
                self.call_later(self._next_held)
            return
        await super().on_event(event)

    async def _next_held(self) -> None:
        if not self._held:
            self._flowing = False
            return
        try:
            screen, focused = self.screen, self.focused
        except ScreenStackError:  # the app is closing
            return
        # A screen came up, or the focus moved, since the last key: the newcomer first takes what was
        # sent to it (a screen its mount and resume, where it resets its form; a field its focus,
        # where it selects its text), or the next key would be undone by it.
        if screen is not self._settled_on[0]:
            self._settled_on = (screen, _UNSETTLED)
            self._wait_for(screen)
            return
        if focused is not self._settled_on[1]:
            self._settled_on = (screen, focused)
            self._wait_for(focused or screen)
            return
        await self._handle_in_order(self._take_held())
        # After whatever this key asked of the app (a focus to move, a screen to push) is done.
        self.call_later(self._next_held)

    def _wait_for(self, node: MessagePump) -> None:
        self._awaited = token = object()
        node.call_later(self._caught_up, token)
        self.set_timer(CATCH_UP_SECONDS, partial(self._caught_up, token))

    def _caught_up(self, token: object) -> None:
        if self._awaited is token:
            self._awaited = None
            self.call_later(self._next_held)

    def _take_held(self) -> events.Key | events.Paste:
        first = self._held.popleft()
        field = self._plain_text_field()
        if field is None or not _typed(first):
            return first
        # Read once for the whole run: the focus does not move while characters go into one field.
        wanted = {key for _node, bindings in self.screen._binding_chain
                  for key, found in bindings.key_to_bindings.items() if any(b.priority for b in found)}
        if first.key in wanted:
            return first
        run = [first]
        while self._held and _typed(self._held[0]) and self._held[0].key not in wanted:
            run.append(self._held.popleft())
        if len(run) == 1:
            return first
        return events.Paste("".join(key.character for key in run)).set_sender(first._sender or self)

    def _plain_text_field(self) -> Input | None:
        """The focused field when it takes every character as typed (no rule on what may go in)."""
        focused = self.focused
        if type(focused) is not Input or focused.restrict or focused.type != "text" or focused.max_length:
            return None
        return focused

    async def _handle_in_order(self, event: events.Key | events.Paste) -> None:
        """What Textual's App.on_event does with a key or paste, but carried to its end here."""
        if isinstance(event, events.Key):
            if not self.app_focus:
                self.app_focus = True
            if self.screen.maximized is not None and event.key == "escape" and self.escape_to_minimize:
                self.screen.minimize()
                return
            if self.focused:
                with suppress(NoScreen):
                    self.screen._clear_tooltip()
            if await self._check_bindings(event.key, priority=True):
                return
            carried: _Carried = _CarriedKey(event)
        else:
            carried = _CarriedPaste(self.pasted_text(event.text), event)
        await _carry(carried, self.focused or self.screen)

    def pasted_text(self, text: str) -> str:
        """The text of a paste as the focused widget is given it (a subclass may join its lines)."""
        return text


def _typed(event: events.Event) -> bool:
    return isinstance(event, events.Key) and event.is_printable


async def _carry(event, node) -> None:
    """Up the DOM from `node`, each widget handling the event in turn, as Textual's bubbling does."""
    event._set_forwarded()
    while node is not None and not (node._closing or node._closed):
        event.next_hop = None
        with node._context():
            await node._dispatch_message(event)
        node = event.next_hop


class KeptScreen:
    """Mixin for a screen the app keeps built and pushes again and again (listed before Screen).

    Textual restyles every widget of a screen each time it is pushed (ScreenResume's refresh_styles),
    over 100 ms for the intake form; the styles of a kept screen only change with the app's CSS (a
    theme chosen), so it is restyled only then. Textual calls each class's handler in turn: this one
    runs before Screen's own and only tells it whether to restyle.
    """

    def _on_mount(self) -> None:
        if self not in self.app.screen_stack:  # built off stage (build_off_stage), not pushed
            self.call_after_refresh(self._rehearse, first=True)

    def _rehearse(self, first: bool = False) -> None:
        """Lay the screen out and draw it once at the terminal's size while it waits off stage, as its
        first opening would: the width's breakpoint classes (-narrow, -wide) set, which restyles every
        widget, the widgets placed, and each one's lines drawn and cached. Done at the first opening,
        that was most of its cost (over 150 ms for the intake); now it is as quick as the next ones,
        unless the terminal was resized meanwhile. Twice: the first layout tells the screen its size,
        and its breakpoint classes (restyling) come with the Resize message that layout sends it."""
        # Shown meanwhile, or the app closing (no screens left): nothing to rehearse.
        if not self.is_attached or self in self.app.screen_stack or self.stack_updates or not self.app.screen_stack:
            return
        self._refresh_layout(self.app.size)
        if first:
            self.call_after_refresh(self._rehearse)
            return
        self._layout_required = False
        self._compositor.update_widgets(self._dirty_widgets)
        self._compositor.render_update(full=True)  # thrown away: only the widgets' caches of lines are kept
        self._dirty_widgets.clear()
        kept_for_the_shift()

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        styles_now = self.app._css_update_count
        if getattr(self, "_styled_for", None) == styles_now:
            event.refresh_styles = False
        elif getattr(self, "_styled_for", None) is None:  # built on its first opening, not ahead
            self.call_after_refresh(kept_for_the_shift)
        self._styled_for = styles_now

    @staticmethod
    def build_off_stage(app: App, screen: Screen) -> None:
        """Compose and mount an installed screen now, without showing it, as pushing it would: its
        first opening is then as quick as the next ones."""
        app._load_screen_css(screen)
        app._register(app, screen)
        screen._styled_for = app._css_update_count  # registering styled it: its first opening need not


def kept_for_the_shift() -> None:
    """What is built now lives for the shift (a kept screen, its styles, the modules it loaded): frozen,
    the garbage collector no longer walks it. The app froze what start-up built; a kept screen built
    after that was walked by every full collection, a pause of 100-250 ms that landed on a screen pop
    or a keystroke now and then."""
    gc.freeze()
