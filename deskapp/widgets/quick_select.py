"""A choice that changes at the keystroke, for forms filled while the caller talks.

Textual's Select opens a list from the keyboard; the list opens and closes between frames, and
keys a fast typist sends in that gap land in the wrong place (the first letter of the next field
was lost). Here the keyboard never opens the list: a letter jumps to the next option starting
with it, the arrows step through the options, Enter never opens the list, so the next keys always
reach the next field: Enter says `Submitted` instead, for a form where it saves (as Input's does). The mouse still opens the list, and the value, messages and API are Select's.

Chinese choices (投诉, 一般) do not start with a letter: `keys` gives each value the words its
letters are taken from as well, the pinyin (tousu, yiban), so that t and y choose them.
"""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Select

from deskapp.i18n import N_
from deskapp.textual_compat import select_allows_blank, select_options


class QuickSelect(Select):
    """`on_choice`, when given, is called at once with each value chosen from the keyboard, before
    the next key is read: a form that shows or hides fields by this choice must do so before a
    Tab that is already on its way moves on (Select's Changed message would come too late)."""

    inherit_bindings = False
    BINDINGS = [
        Binding("down,right", "step(1)", N_("Next choice"), id="quick_select.next", show=False,
                tooltip=N_("The next choice in the list")),
        Binding("up,left", "step(-1)", N_("Previous choice"), id="quick_select.previous", show=False,
                tooltip=N_("The choice before in the list")),
        Binding("backspace,delete", "clear_choice", N_("Clear"), id="quick_select.clear", show=False,
                tooltip=N_("No choice")),
    ]

    class Submitted(Message):
        """Enter on the choice: the form may take it as its save key, as after an Input."""

        def __init__(self, select: QuickSelect) -> None:
            super().__init__()
            self.select = select

        @property
        def control(self) -> QuickSelect:
            return self.select

    def __init__(self, *args, on_choice=None, keys: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.on_choice = on_choice
        self.keys = {value: [w.lower() for w in ([words] if isinstance(words, str) else words)]
                     for value, words in (keys or {}).items()}

    def _choose(self, value) -> None:
        self.value = value
        if self.on_choice is not None:
            self.on_choice(value)

    def action_step(self, delta: int) -> None:
        values = [value for _, value in select_options(self) if value is not self.NULL]
        if not values:
            return
        if self.value is self.NULL or self.value not in values:
            self._choose(values[0] if delta > 0 else values[-1])
            return
        self._choose(values[(values.index(self.value) + delta) % len(values)])

    def action_clear_choice(self) -> None:
        if select_allows_blank(self):
            self.clear()

    def on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()  # chosen already: Enter must not open the list
            event.prevent_default()
            self.post_message(self.Submitted(self))
            return
        letter = event.character
        if letter is None or not letter.isprintable() or letter == " ":
            return
        event.stop()
        event.prevent_default()
        letter = letter.lower()
        matches = [value for prompt, value in select_options(self)
                   if value is not self.NULL and (str(prompt).lower().startswith(letter)
                                                  or any(w.startswith(letter) for w in self.keys.get(value, ())))]
        if not matches:
            self.app.bell()
            return
        # Pressing the same letter again moves on to the next option starting with it.
        current = matches.index(self.value) + 1 if self.value in matches else 0
        self._choose(matches[current % len(matches)])
