"""What went wrong underneath the desk, said in one plain sentence: the database or the disk.

`fault_of(exc)` sorts an exception from SQLAlchemy, the drivers or the file system into a kind the
desk knows (locked, unavailable, read-only, full, corrupt, ...) with a sentence in the desk's
language; None when it is not such a fault (a bug, which should still be seen as one). The CLI
prints the sentence and exits 2; the app shows it in a dialog and keeps the form as typed.
"""

from __future__ import annotations

import errno
import os
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import exc as sa_exc

from deskapp.i18n import _

# The kinds, as constants so that callers can choose what to do (retry a locked or unavailable
# database; never retry a corrupt one).
LOCKED = "locked"
UNAVAILABLE = "unavailable"
READ_ONLY = "read_only"
FULL = "full"
CORRUPT = "corrupt"
NOT_A_DESK = "not_a_desk"
DETACHED = "detached"
TOO_LONG = "too_long"
NOT_TEXT = "not_text"
OUT_OF_RANGE = "out_of_range"
FOLDER = "folder"
UNREADABLE = "unreadable"
# A restore holds the desk's records (store/guard.py): writes wait until it is done, nothing is lost.
MAINTENANCE = "maintenance"

_YEAR_OUT = re.compile(r"year -?\d+ is out of range|date value out of range|year is out of range")

RETRYABLE = frozenset({LOCKED, UNAVAILABLE, MAINTENANCE})


@dataclass(frozen=True)
class Fault:
    kind: str
    message: str

    def __str__(self) -> str:
        return self.message

    @property
    def retryable(self) -> bool:
        return self.kind in RETRYABLE


class DatabaseFault(Exception):
    """Raised by the desk itself (a detached file, no desk database at a path): a fault with its kind."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.fault = Fault(kind, message)


# SQLite says what happened only in its message; these are its words (sqlite3.c, sqlite3ErrStr).
_SQLITE_WORDS = (
    ("database is locked", LOCKED),
    ("database table is locked", LOCKED),
    ("readonly database", READ_ONLY),
    ("disk is full", FULL),
    ("disk image is malformed", CORRUPT),
    ("file is not a database", CORRUPT),
    ("unable to open database file", UNREADABLE),
    ("disk i/o error", UNREADABLE),
    # A search of a thousand words builds a query deeper than SQLite allows: too long, in plain words.
    ("expression tree is too large", TOO_LONG),
    ("too many sql variables", TOO_LONG),
)
# PostgreSQL's SQLSTATE classes and codes (Appendix A of its manual).
_PG_CODES = {
    "22001": TOO_LONG,  # string_data_right_truncation
    "22008": OUT_OF_RANGE,  # datetime_field_overflow
    "25006": READ_ONLY,  # read_only_sql_transaction
    "53100": FULL,  # disk_full
    "55P03": LOCKED,  # lock_not_available
    "57P01": UNAVAILABLE, "57P02": UNAVAILABLE, "57P03": UNAVAILABLE,  # shutting down / cannot connect now
    "XX001": CORRUPT, "XX002": CORRUPT,  # data_corrupted, index_corrupted
}
_PG_CLASSES = {"08": UNAVAILABLE, "53": FULL}  # connection exceptions; insufficient resources
_OS_ERRORS = {
    errno.EACCES: READ_ONLY, errno.EPERM: READ_ONLY, errno.EROFS: READ_ONLY,
    errno.ENOSPC: FULL, errno.EDQUOT: FULL, errno.EISDIR: FOLDER, errno.EIO: UNREADABLE,
}


def _messages() -> dict[str, str]:
    # Built when asked, so that each sentence is in the language the desk speaks at that moment.
    return {
        LOCKED: _("the database is locked by another program (a desk saving, a backup); nothing was changed, try again in a moment"),
        UNAVAILABLE: _("the database server is not answering; nothing was changed, try again when it is back"),
        READ_ONLY: _("the database cannot be written (the file or its folder is read-only); nothing was changed"),
        FULL: _("the disk is full; nothing was changed: free some space and try again"),
        CORRUPT: _("the database file is damaged (it fails SQLite's checks); run `deskapp check` and restore the newest good backup"),
        UNREADABLE: _("the database file cannot be opened or read; check that it and its folder exist and may be read"),
        TOO_LONG: _("a text is longer than the database allows; nothing was changed: shorten it"),
        OUT_OF_RANGE: _("a date is outside the years the desk works with (1901 to 2199); check the dates typed"),
        NOT_TEXT: _("a text given is not valid UTF-8 (perhaps a script saved in another encoding such as GBK); save it as UTF-8 and try again"),
        FOLDER: _("a folder was given where a file is needed"),
        MAINTENANCE: _("the desk's records are being restored from a backup; nothing was changed: "
                       "save again when the restore is done"),
    }


def fault_of(exc: BaseException, where: Path | None = None) -> Fault | None:
    """The fault behind `exc` (following the chain of causes), or None when it is not one.

    `where` is the SQLite file, when known: SQLite says only "unable to open database file" for a
    read-only folder or a full disk, and the file system says which it is."""
    seen = 0
    while exc is not None and seen < 8:  # a chain of causes is short; a cycle must not hang us
        fault = _one(exc)
        if fault is not None:
            return _at(fault, where) if where is not None else fault
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return None


def _at(fault: Fault, where: Path) -> Fault:
    if fault.kind not in (UNREADABLE, READ_ONLY, FULL, CORRUPT, LOCKED):
        return fault
    kind = fault.kind
    if kind in (UNREADABLE, READ_ONLY, FULL):
        kind = _file_system_says(where) or kind
    return Fault(kind, _("{problem} ({where})").format(problem=_messages()[kind], where=where))


def _file_system_says(where: Path) -> str | None:
    folder = where.parent
    try:
        found = os.statvfs(folder)
    except OSError:
        return None
    if found.f_flag & os.ST_RDONLY:
        return READ_ONLY
    if found.f_bavail == 0:
        return FULL
    if where.exists() and not os.access(where, os.W_OK) or not os.access(folder, os.W_OK):
        return READ_ONLY
    return None


def _one(exc: BaseException) -> Fault | None:
    if isinstance(exc, DatabaseFault):
        return exc.fault
    if isinstance(exc, sa_exc.DBAPIError) and exc.orig is not None:
        return _one(exc.orig) or (_fault(UNAVAILABLE) if exc.connection_invalidated else None)
    if isinstance(exc, sa_exc.DisconnectionError):
        return _fault(UNAVAILABLE)
    if isinstance(exc, sqlite3.Error):
        said = str(exc).lower()
        for words, kind in _SQLITE_WORDS:
            if words in said:
                return _fault(kind)
        return None
    code = getattr(exc, "sqlstate", None) or getattr(exc, "pgcode", None)
    if isinstance(code, str):
        kind = _PG_CODES.get(code) or _PG_CLASSES.get(code[:2])
        return _fault(kind, exc) if kind else None
    if type(exc).__module__.startswith("psycopg") and type(exc).__name__ == "OperationalError":
        return _fault(UNAVAILABLE)  # no SQLSTATE: the connection itself failed (refused, reset)
    if isinstance(exc, UnicodeError) and "surrogates not allowed" in str(exc):
        return _fault(NOT_TEXT)
    if isinstance(exc, (OverflowError, ValueError)) and _YEAR_OUT.search(str(exc)):
        return _fault(OUT_OF_RANGE)  # datetime's own words: "year 10000 is out of range", "date value out of range"
    if isinstance(exc, OSError) and exc.errno in _OS_ERRORS:
        return _os_fault(exc)
    return None


def _fault(kind: str, exc: BaseException | None = None) -> Fault:
    message = _messages().get(kind, kind)
    if kind == TOO_LONG and exc is not None:
        said = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        if said:  # PostgreSQL names the limit: "value too long for type character varying(80)"
            message = _("{problem} ({database})").format(problem=message, database=said)
    return Fault(kind, message)


def _os_fault(exc: OSError) -> Fault:
    kind = _OS_ERRORS[exc.errno]
    where = exc.filename
    if where is None:
        return _fault(kind)
    sentences = {
        READ_ONLY: _("{path} cannot be written (read-only or not permitted); nothing was changed"),
        FULL: _("the disk holding {path} is full; free some space and try again"),
        FOLDER: _("{path} is a folder; give a file name"),
        UNREADABLE: _("{path} cannot be read (the disk reports an error)"),
    }
    return Fault(kind, sentences[kind].format(path=where))


def message_of(exc: BaseException) -> str | None:
    fault = fault_of(exc)
    return fault.message if fault else None


def database_words(exc: BaseException) -> str:
    """What the database or the system said, in its own words (the innermost cause's message)."""
    said = str(exc)
    seen = 0
    while exc is not None and seen < 8:
        if isinstance(exc, (sqlite3.Error, OSError, DatabaseFault)) or type(exc).__module__.startswith("psycopg"):
            said = str(exc)
        exc = getattr(exc, "orig", None) or exc.__cause__ or exc.__context__
        seen += 1
    return said.strip().splitlines()[0] if said.strip() else ""
