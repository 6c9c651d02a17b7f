"""What every write checks as it begins: that no restore holds the records, and (PostgreSQL) that it
waits a bounded time for another desk's row lock.

A restore (deskapp/upkeep/restore.py) holds the desk's *maintenance lock* while it keeps the current
records aside and puts a backup back. Every desk honours it at the start of each write transaction,
once that transaction holds its own locks, so no save can land between the copy kept aside and the
restore (where it would be in neither):

- SQLite: a file beside the database, `desk.db.maintenance`, locked with flock() by the restore for as
  long as it runs. The lock dies with the restoring process, so a restore killed half-way never
  leaves the desks locked out; a file nobody holds is ignored. Checked after BEGIN IMMEDIATE, so a
  restore that waited for the write lock knows every later writer sees the file.
- PostgreSQL: an advisory lock. Each write transaction takes it shared (released at its end); the
  restore takes it exclusive, which waits for the saves under way and refuses new ones at once.

A write refused this way says so in words (faults.MAINTENANCE); the app keeps the form and retries.
"""

from __future__ import annotations

import fcntl
import json
import os
from pathlib import Path

from deskapp.i18n import _
from deskapp.store.faults import MAINTENANCE, DatabaseFault

# The advisory lock's key: "desk" in ASCII. Any fixed number would do; one no other program uses.
PG_MAINTENANCE_KEY = 0x6465736B


def marker_path(database: Path) -> Path:
    return database.with_name(database.name + ".maintenance")


def held_by(database: Path) -> dict | None:
    """What the running restore wrote in its marker ({} when it wrote nothing yet); None when no restore runs."""
    marker = marker_path(database)
    try:
        fd = os.open(marker, os.O_RDONLY)
    except FileNotFoundError:
        return None  # the common case: one stat, no lock taken
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return _said(fd)
        fcntl.flock(fd, fcntl.LOCK_UN)
        return None  # left by a restore that was killed: nobody holds it
    finally:
        os.close(fd)


def _said(fd: int) -> dict:
    try:
        return json.loads(os.pread(fd, 4096, 0).decode() or "{}")
    except (ValueError, OSError):
        return {}


def refusal(said: dict | None) -> DatabaseFault:
    since = (said or {}).get("since")
    if since:
        words = _("the desk's records are being restored from a backup (since {since}); nothing was changed: "
                  "save again when the restore is done").format(since=since)
    else:
        words = _("the desk's records are being restored from a backup; nothing was changed: "
                  "save again when the restore is done")
    return DatabaseFault(MAINTENANCE, words)


def sqlite_honours(database: Path):
    """A `begin` listener, registered after BEGIN IMMEDIATE: a write under a restore is given up."""

    def check(connection) -> None:
        if not connection.get_execution_options().get("desk_writes"):
            return
        said = held_by(database)
        if said is not None:
            connection.exec_driver_sql("ROLLBACK")  # the write lock is the restore's to take
            raise refusal(said)

    return check


def postgresql_writes(lock_timeout_ms: int):
    """A `begin` listener for PostgreSQL writers: a bounded wait for row locks, and the maintenance lock
    honoured, in one round trip at the start of the transaction."""

    def check(connection) -> None:
        if not connection.get_execution_options().get("desk_writes"):
            return
        # set_config(..., true) is SET LOCAL: for this transaction only. A desk waiting on another's
        # row lock (FOR UPDATE) gives up after the same time SQLite waits for its write lock, with
        # "the database is locked" in words (faults: 55P03), instead of hanging while the caller waits.
        free = connection.exec_driver_sql(
            f"SELECT set_config('lock_timeout', '{int(lock_timeout_ms)}ms', true), "
            f"pg_try_advisory_xact_lock_shared({PG_MAINTENANCE_KEY})").one()[1]
        if not free:
            raise refusal(None)

    return check
