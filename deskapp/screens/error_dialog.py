"""When a worker fails in a way the desk did not foresee: one small dialog in plain words, the app
stays up and the form keeps what was typed.

A refusal (DeskError) is not a failure: the screens catch it in their workers and show it beside the
field. Anything else a worker raises ends its worker in the ERROR state; Textual tells that only to
the screen that started the worker (Worker.StateChanged does not bubble), so every screen with
workers passes it on to the app (`PassesOnWorkerFailures`), and the app alone decides what is shown.
"""

from __future__ import annotations

import errno

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from deskapp.domain.errors import DeskError
from deskapp.i18n import N_, _, ngettext
from deskapp.store import faults
from deskapp.store.faults import fault_of
from deskapp.words.widths import clip

# What a failure is, told from its exception (and the exceptions it was raised from). The screens
# never import the database driver, so the kinds are told by the driver's own words and the OS's
# error numbers, which SQLite, PostgreSQL and the file system all report the same way everywhere.
LOCKED = ("database is locked", "database table is locked")
READ_ONLY = ("readonly database", "read-only", "read only")
FULL = ("database or disk is full", "no space left")
SERVER = ("connection refused", "could not connect", "server closed the connection", "terminating connection",
          "connection is closed", "connection timed out", "the database system is shutting down",
          "the database system is starting up", "connection to server")
FAULTS = {
    "locked": N_("The database is locked by another program. What you typed is kept; try again in a moment."),
    "server": N_("The database server is not answering. What you typed is kept; try again when it is back."),
    "read-only": N_("The database is read-only, so nothing could be saved. What you typed is kept."),
    "full": N_("The disk is full, so nothing could be saved. What you typed is kept; free some space and try again."),
    "other": N_("Something went wrong; what you typed is kept."),
}
# Raised by the desk itself (store/guard.py, store/db.py) with a sentence that names the file or the restore.
OWN_WORDS = frozenset({faults.MAINTENANCE, faults.DETACHED})
_DIALOG_KINDS = {faults.LOCKED: "locked", faults.UNAVAILABLE: "server", faults.READ_ONLY: "read-only", faults.FULL: "full"}
DETAIL_CELLS = 76  # the dialog's width, less its border and padding


def _chain(error: BaseException):
    """The error and every error it was raised from or wraps (a driver's own error is `orig`)."""
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        yield error
        error = getattr(error, "orig", None) or error.__cause__ or error.__context__


def fault_kind(error: BaseException) -> str:
    """'locked', 'server', 'read-only', 'full' or 'other'."""
    known = fault_of(error)  # the drivers' own codes first (PostgreSQL's 55P03 "lock timeout" is locked)
    if known is not None and known.kind in _DIALOG_KINDS:
        return _DIALOG_KINDS[known.kind]
    for e in _chain(error):
        number = getattr(e, "errno", None)
        if number == errno.ENOSPC:
            return "full"
        if number in (errno.EROFS, errno.EACCES, errno.EPERM):
            return "read-only"
        words = str(e).lower()
        for kind, marks in (("locked", LOCKED), ("read-only", READ_ONLY), ("full", FULL), ("server", SERVER)):
            if any(mark in words for mark in marks):
                return kind
        if isinstance(e, (ConnectionError, TimeoutError)):
            return "server"
    return "other"


def fault_words(error: BaseException) -> str:
    """The failure in one plain sentence in the desk's language; a refusal says its own words."""
    if isinstance(error, DeskError):
        return error.message
    fault = fault_of(error)
    if fault is not None and fault.kind in OWN_WORDS:
        return fault.message  # the desk's own faults say what happened and what to do
    return _(FAULTS[fault_kind(error)])


def detail(error: BaseException) -> str:
    """One line for whoever looks after the desk: the exception's name and first line, printable only."""
    first = (str(error).strip().splitlines() or [""])[0]
    line = "".join(ch if ch.isprintable() else " " for ch in f"{type(error).__name__}: {first}")
    return clip(line, DETAIL_CELLS)


class ErrorDialog(ModalScreen[None]):
    """The failure in plain words; Enter or Esc closes it and the screen below is as it was."""

    DEFAULT_CSS = """
    ErrorDialog { align: center middle; }
    ErrorDialog > Vertical { width: 80; height: auto; border: thick $error; padding: 1 1; background: $surface; }
    ErrorDialog #error-title { color: $error; text-style: bold; }
    ErrorDialog #error-words { margin: 1 0; }
    ErrorDialog #error-detail, ErrorDialog #error-times, ErrorDialog .hint { color: $text-muted; }
    """
    BINDINGS = [Binding("escape,enter", "close", N_("Close"), id="error.close", priority=True,
                        tooltip=N_("Close this message; what you typed is still there"))]

    def __init__(self, words: str, technical: str = ""):
        super().__init__()
        self.words = words
        self.technical = technical
        self.times = 1

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(_("Not done"), id="error-title", markup=False)
            yield Static(Text(self.words), id="error-words")
            yield Static(Text(self.technical), id="error-detail")
            yield Static("", id="error-times", markup=False)
            yield Static(_("Enter or Esc to close"), classes="hint", markup=False)

    def happened_again(self) -> None:
        """The same failure while the dialog is up: counted here, not another dialog on top."""
        self.times += 1
        self.query_one("#error-times", Static).update(
            ngettext("{n} time", "{n} times", self.times).format(n=self.times))

    def action_close(self) -> None:
        self.dismiss(None)


class PassesOnWorkerFailures:
    """Mixin for a screen that runs workers: a worker that failed is told to the app."""

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR:
            self.app.post_message(Worker.StateChanged(event.worker, event.state))
