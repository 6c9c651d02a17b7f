"""How the queue's lines arrive and stay current: the first load, then a probe every second.

The first load has a worker of its own; the probe waits until it is in (it never cancels it, nor a
probe still reloading), and a first load that takes more than a second says how far it has come.
The workers report by message: a message for a queue that has closed is dropped by Textual.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from time import monotonic

from textual import work
from textual.message import Message
from textual.widgets import Static
from textual.worker import Worker, WorkerState, get_current_worker

from deskapp.i18n import _
from deskapp.reads.queue import (
    Directory,
    Marker,
    QueueEntry,
    QueueLine,
    changed_since,
    directory,
    is_open,
    line_at,
    load_cases,
    load_open,
)

PROGRESS_AFTER = 1.0  # seconds: a first load that takes longer says how far it has come
PROGRESS_EVERY = 1000  # lines whose clocks are worked out between two progress messages


@dataclass
class QueueLoaded(Message, bubble=False):
    """Every open line, worked out in the worker: the screen only sorts and paints."""

    lines: dict[int, QueueLine]
    marker: Marker
    names: Directory | None  # None: the directory the screen has still holds
    now: datetime


@dataclass
class QueueChanged(Message, bubble=False):
    """The cases changed since the last look (closed ones are dropped by the screen)."""

    entries: list[QueueEntry]
    ids: list[int]
    marker: Marker


@dataclass
class QueueLoadProgress(Message, bubble=False):
    done: int  # lines whose clocks are worked out so far
    total: int | None  # None while the cases are still being read

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, QueueLoadProgress)  # only the newest count is worth showing


class QueueFeed:
    """Mixin for the queue screen: it provides `desk`, `lines`, `marker`, `names`, `rebuild()` and
    `_sync_rows(ids)`, and calls `load_all()` once and `probe()` every second."""

    _first_load: Worker | None = None
    _probing: Worker | None = None
    _load_started: float = 0.0
    _progress: QueueLoadProgress | None = None

    def load_all(self) -> None:
        """The first load: every open case (again, if the last try failed)."""
        self._load_started, self._progress = monotonic(), None
        self._first_load = self._load_first()

    @work(thread=True, exclusive=True, exit_on_error=False, group="queue-load")
    def _load_first(self) -> None:
        entries, marker = load_open(self.desk)
        names = directory(self.desk)
        self._arrived(entries, marker, names)

    def _arrived(self, entries: list[QueueEntry], marker: Marker, names: Directory | None) -> None:
        """In the worker: the clocks of every line, then the table, so the UI only sorts and paints."""
        now = self.desk.now()
        policy, calendar = self.desk.policy, self.desk.calendar
        worker, lines = get_current_worker(), {}
        for at in range(0, len(entries), PROGRESS_EVERY):
            if worker.is_cancelled:
                return
            self.post_message(QueueLoadProgress(at, len(entries)))
            lines.update((e.case.id, line_at(e, policy, calendar, now)) for e in entries[at : at + PROGRESS_EVERY])
        if not worker.is_cancelled:
            self.post_message(QueueLoaded(lines, marker, names, now))

    def probe(self) -> None:
        """Once a second: ask whether anything changed, once the first load is in, one look at a time
        (a probe neither cancels the first load nor the probe before it, which may be reloading)."""
        if self.marker is None:
            if self._first_load is not None and self._first_load.state is WorkerState.ERROR:
                self.load_all()  # the app has said why it failed; the database may be back
            return
        if self._probing is not None and not self._probing.is_finished:
            return
        self._probing = self._probe(self.marker)

    @work(thread=True, exit_on_error=False, group="queue-probe")
    def _probe(self, since: Marker) -> None:
        marker, ids = changed_since(self.desk, since)
        if ids == []:
            return
        if ids is None:
            entries, marker = load_open(self.desk)
            self._arrived(entries, marker, None)
            return
        self.post_message(QueueChanged(load_cases(self.desk, ids), ids, marker))

    def on_queue_load_progress(self, event: QueueLoadProgress) -> None:
        self._progress = event
        self._show_progress()

    def _show_progress(self) -> None:
        """Before the first load is in: after a second, how far it has come."""
        if self.marker is not None or monotonic() - self._load_started < PROGRESS_AFTER:
            return
        p = self._progress
        if p is None or p.total is None:
            words = _("loading: reading the open cases ({seconds} s)").format(
                seconds=int(monotonic() - self._load_started))
        else:
            words = _("loading: {done} of {total} open cases").format(done=f"{p.done:,}", total=f"{p.total:,}")
        self.query_one("#queue-counts", Static).update(words)

    def on_queue_loaded(self, event: QueueLoaded) -> None:
        self.lines = event.lines
        self.marker, self._ticked_at = event.marker, event.now
        self.names = event.names or self.names
        self.rebuild()

    def on_queue_changed(self, event: QueueChanged) -> None:
        now = self.desk.now()
        found = {e.case.id: e for e in event.entries}
        for case_id in event.ids:
            entry = found.get(case_id)
            if entry is None or not is_open(entry):
                self.lines.pop(case_id, None)
            else:
                self.lines[case_id] = line_at(entry, self.desk.policy, self.desk.calendar, now)
        self.marker = event.marker
        self._sync_rows(event.ids)
