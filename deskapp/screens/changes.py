"""Word that another desk wrote something: sent to the screen on show by the app's PostgreSQL
listener (store/notify.py), so a screen that polls can look at once instead of at its next poll."""

from __future__ import annotations

from textual.message import Message


class DeskChanged(Message, bubble=False):
    """Something was written at some desk (this one included); what, the screen's own probe finds out."""


class HearsOtherDesks:
    """Mixin for the app: on PostgreSQL, a thread LISTENs for the other desks' writes (store/notify.py)
    and hands each to the app's loop, which wakes the telephone and the screen on show."""

    listener = None

    def listen_to_other_desks(self) -> None:
        from deskapp.store.notify import Listener, listens

        if listens(self.desk.engine):
            self.listener = Listener(self.desk.engine, self._heard_of_change).start()

    def _heard_of_change(self) -> None:
        """In the listener's thread: hand the news to the app's own loop."""
        try:
            self.call_from_thread(self.desk_changed)
        except RuntimeError:  # the app is closing
            pass

    def desk_changed(self) -> None:
        """Another desk (or this one) wrote: the telephone and the screen on show look now."""
        self.phone.wake()
        self.screen.post_message(DeskChanged())

    def on_unmount(self) -> None:
        if self.listener is not None:
            self.listener.stop()
