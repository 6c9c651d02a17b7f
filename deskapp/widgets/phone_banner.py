"""The telephone's one line across the top of the screen: a call ringing, or one waiting to be taken."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


class PhoneBanner(Static):
    DEFAULT_CSS = """
    PhoneBanner { dock: top; height: 1; width: 100%; padding: 0 1; background: $warning-darken-1; color: $text;
                  text-style: bold; }
    """

    def say(self, text: str) -> None:
        self.update(Text(text, no_wrap=True, overflow="ellipsis"))
