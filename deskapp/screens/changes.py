"""Word that another desk wrote something: sent to the screen on show by the app's PostgreSQL
listener (store/notify.py), so a screen that polls can look at once instead of at its next poll."""

from __future__ import annotations

from textual.message import Message


class DeskChanged(Message, bubble=False):
    """Something was written at some desk (this one included); what, the screen's own probe finds out."""
