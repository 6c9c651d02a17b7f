"""How the queue's keys arrive and stay current: the first load, then a probe every second.

The first load reads every open case's key (its next stored due, ordered in SQL) and the lines of
the first page only; the probe waits until it is in (it never cancels it, nor a probe still
reloading), and a first load that takes more than a second says how far it has come. The workers
report by message: a message for a queue that has closed is dropped by Textual.
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
    changed_since,
    directory,
    load_cases,
    search_words,
)
from deskapp.reads.queue import (
    probe as marker_now,
)
from deskapp.reads.queue_keys import QueueKey, insert_keys, load_open_keys
from deskapp.reads.queue_rows import PAGE
from deskapp.reads.queue_tally import Tally
from deskapp.reads.views import Names

PROGRESS_AFTER = 1.0  # seconds: a first load that takes longer says how far it has come


@dataclass
class QueueLoaded(Message, bubble=False):
    """Every open case's key in the queue's order, and the first page's cases: the screen only filters
    and paints."""

    keys: list[QueueKey]
    first: list[QueueEntry]  # the cases of the first page, so the first paint reads nothing
    marker: Marker
    names: Names  # staff and departments by id: what the filters compare
    directory: Directory | None  # None: the directory the screen has still holds
    now: datetime


@dataclass
class QueueChanged(Message, bubble=False):
    """The cases changed since the last look: the keys of those still open, their cases."""

    keys: list[QueueKey]
    entries: list[QueueEntry]
    ids: list[int]
    marker: Marker


@dataclass
class QueueWords(Message, bubble=False):
    """What a search looks in, for every open case: read after the first paint, before any search."""

    words: dict[int, tuple[str, str]]
    marker: Marker  # as of this look: words older than the keys the screen has are not taken


@dataclass
class QueueLoadProgress(Message, bubble=False):
    done: int  # open cases read so far
    total: int | None  # None while the cases are still being counted

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, QueueLoadProgress)  # only the newest count is worth showing


class QueueFeed:
    """Mixin for the queue screen: it provides `desk`, `marker`, `names`, `keys`, `tally`, `by_id`,
    `rows`, `rebuild()` and `_sync_rows(ids)`, and calls `load_all()` once and `probe()` every second."""

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
        self._arrived(directory(self.desk))

    @work(thread=True, exclusive=True, exit_on_error=False, group="queue-words")
    def _read_words(self) -> None:
        """After the first paint, so that the rows come first: what a search will look in."""
        marker = marker_now(self.desk)
        self.post_message(QueueWords(search_words(self.desk), marker))

    def _arrived(self, names: Directory | None) -> None:
        """In the worker: every open key in order, then the first page's cases, so the UI only paints."""
        now = self.desk.now()
        worker = get_current_worker()

        def progress(done: int, total: int | None) -> bool:
            self.post_message(QueueLoadProgress(done, total))
            return not worker.is_cancelled

        found = load_open_keys(self.desk, now, progress)
        if found is None or worker.is_cancelled:
            return
        keys, marker, by_id = found
        first = load_cases(self.desk, [k.case_id for k in keys[:PAGE]])
        if not worker.is_cancelled:
            self.post_message(QueueLoaded(keys, first, marker, by_id, names, now))

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
            self._arrived(None)
            return
        found = load_open_keys(self.desk, self.desk.now(), ids=ids)
        assert found is not None  # no progress asked for: never given up
        self.post_message(QueueChanged(found[0], load_cases(self.desk, ids), ids, marker))

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
        self.marker, self._ticked_at = event.marker, event.now
        self.names = event.directory or self.names
        self.arrived(event.keys, event.names, event.first, event.now)
        if event.directory is not None:  # the first load: the search words once its rows are painted
            self.call_after_refresh(self._read_words)

    def _search_words(self) -> dict[int, tuple[str, str]]:
        if self._words is None:  # a search before the words read after the first paint came
            self._words = search_words(self.desk)
        return self._words

    def take_words(self, words: dict[int, tuple[str, str]]) -> None:
        if self._words is None:
            self._words = words

    def arrived(self, keys: list[QueueKey], names: Names, first: list[QueueEntry], now) -> None:
        """Every open case's key, from the first load or a full reload."""
        self.keys, self.by_id = keys, names
        self.tally = Tally(keys, self.desk.policy, self.desk.calendar)
        self.rows.lines = {}
        self.rows.add(first, now)
        self._words = None
        self.rebuild()

    def changed(self, keys: list[QueueKey], entries: list[QueueEntry], ids: list[int]) -> None:
        """The changed cases: their keys put in place (those closed gone), their lines afresh."""
        self.keys = insert_keys(self.keys, keys, ids)
        self.tally = Tally(self.keys, self.desk.policy, self.desk.calendar)
        self.rows.forget(ids)
        self.rows.add(entries, self.desk.now())
        if self._words is not None:
            for case_id in ids:
                self._words.pop(case_id, None)
            self._words.update((e.case.id, (e.haystack, e.case.phone)) for e in entries if e.case.status.is_open)
        self._sync_rows(ids)

    def on_queue_words(self, event: QueueWords) -> None:
        if event.marker == self.marker:  # nothing changed since the keys: the words are those cases'
            self.take_words(event.words)

    def on_queue_changed(self, event: QueueChanged) -> None:
        self.marker = event.marker
        self.changed(event.keys, event.entries, event.ids)
