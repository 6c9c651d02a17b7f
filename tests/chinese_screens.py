"""What a screen shows, as text, and the English words left on it (for the Chinese interface's tests)."""

from __future__ import annotations

import io
import re

from rich.console import Console

from deskapp.config.datafiles import load_staff
from deskapp.config.paths import data_dir

# Words that stay as they are in the Chinese interface: key names, PIN (PIN码, as Chinese writes it),
# the app's name, and the staff's names (people's names, written in pinyin in the shipped staff list).
KEYS = {"Enter", "Esc", "Tab", "ctrl", "Space", "esc", "tab", "enter", "PIN"}
PROPER = {"deskapp"}
STAFF = {word for person in load_staff(data_dir()).staff for word in person.name.split()}
_WORD = re.compile(r"[A-Za-z]{3,}")
_COMMAND = re.compile(r"`[^`\n]*`")


def screen_text(app) -> str:
    """Every character on the screen as the terminal shows it (the modal and what lies under it)."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True,
                      color_system="truecolor", record=True, legacy_windows=False, safe_box=False)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens, simplify=True))
    return console.export_text()


def english_words(app, *allowed: str) -> list[str]:
    """Runs of three or more Latin letters on screen that are not keys, names or data the test typed
    (a piece of it too: a column clips what it cannot hold), nor a command quoted to be typed as it
    is (`deskapp pin NAME`)."""
    known = KEYS | PROPER | STAFF
    shown = _COMMAND.sub(" ", screen_text(app))
    return sorted({w for w in _WORD.findall(shown) if w not in known and not any(w in text for text in allowed)})


def has_chinese(text: str) -> bool:
    return bool(re.search(r"[\u4e00-\u9fff]", text))
