"""A save the database cannot take just now is tried again until it lands, the call kept as typed.

"Just now": the database locked by another program, the server not answering, a restore holding the
records (store/faults.py RETRYABLE). The save worker tries again every RETRY_EVERY seconds, telling
the screen each second ("not saved yet ... trying again in 4 s"), up to RETRY_TIMES tries; after
that it fails as any save does (the dialog, "Not saved", the form and its draft kept) and ctrl+s
tries again. A fault that waiting cannot mend (read-only, full, damaged) fails at once.

Typing into the form while a save waits stops the waiting: the call was read back to the caller as it
was, and saving it then would clear what was typed since. The line says so; ctrl+s reads it back again.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from rich.text import Text
from textual.message import Message
from textual.worker import get_current_worker

from deskapp.i18n import _
from deskapp.store.faults import fault_of

T = TypeVar("T")

# Interface timings, not desk policy: a try every 5 s for two minutes covers a desk's long save, a
# backup, a restore or a server restart; longer than that, the operator should hear about it.
RETRY_EVERY = 5
RETRY_TIMES = 24
GROUP = "intake-save"


@dataclass
class SaveWaiting(Message, bubble=False):
    """Sent by the save worker while it waits: what is wrong, and when it tries again (0: trying now)."""

    problem: str
    seconds: int
    attempt: int
    times: int


class Stopped(Exception):
    """The waiting save was stopped (the form was changed, or another save started): nothing saved."""


def waiting_text(event: SaveWaiting) -> Text:
    if event.seconds <= 0:
        when = _("trying again now (try {attempt} of {times})").format(attempt=event.attempt, times=event.times)
    else:
        when = _("trying again in {seconds} s (try {attempt} of {times})").format(
            seconds=event.seconds, attempt=event.attempt + 1, times=event.times)
    return Text(_("Not saved yet: {problem}. What you typed is kept; {when}.").format(problem=event.problem, when=when))


class RetriesSave:
    """Mixin for the intake screen: its save worker calls until_saved, its typing calls typed_while_waiting."""

    _waiting_save = False

    def until_saved(self, save: Callable[[], T]) -> T:
        """In the save worker: save(), tried again while the database says wait. Raises Stopped."""
        worker, problem = get_current_worker(), ""
        for attempt in range(1, RETRY_TIMES + 1):
            if attempt > 1:
                self.post_message(SaveWaiting(problem, 0, attempt, RETRY_TIMES))
            try:
                done = save()
            except Exception as e:
                fault = fault_of(e)
                if fault is None or not fault.retryable or attempt == RETRY_TIMES or worker.is_cancelled:
                    self._waiting_save = False
                    raise
                problem = fault.message
                self._waiting_save = True
                self._count_down(worker, problem, attempt)
                continue
            self._waiting_save = False
            return done
        raise AssertionError("unreachable: the last try returns or raises")

    def _count_down(self, worker, problem: str, attempt: int) -> None:
        for left in range(RETRY_EVERY, 0, -1):
            self.post_message(SaveWaiting(problem, left, attempt, RETRY_TIMES))
            deadline = time.monotonic() + 1
            while time.monotonic() < deadline:
                if worker.is_cancelled:
                    self._waiting_save = False
                    raise Stopped
                time.sleep(0.05)

    def on_save_waiting(self, event: SaveWaiting) -> None:  # by name: @on is not seen on a mixin
        if self._waiting_save:
            self._result(waiting_text(event), problem=True)

    def typed_while_waiting(self) -> None:
        """Called as the form changes: a save still waiting stops, and the form stays as typed."""
        if not self._waiting_save:
            return
        self._waiting_save = False
        self.workers.cancel_group(self, GROUP)
        self._refused([(None, _("the form was changed while the save waited, so it was not saved; "
                                "ctrl+s reads it back and saves it"))])
