"""Putting a backup back without losing a confirmed save or reusing a case number.

In order, while the desk's maintenance lock (store/guard.py) keeps every desk from writing:
1. wait for the saves under way to finish (or refuse, saying a desk is mid-save);
2. note the highest case number ever issued;
3. keep the current records aside (a SQLite copy, or pg_dump);
4. put the backup back, upgraded to the current schema if it is older;
5. move case numbering past every number already issued (on SQLite the numbers skipped are recorded
   beside the database, upkeep/skipped.py, so `deskapp check` tells them from a deleted case).
A save confirmed before the lock is in the copy kept aside; one tried during the restore is refused in
words and saved by the desk once the lock is gone (the app retries). Nothing is in neither.
"""

from __future__ import annotations

import fcntl
import json
import os
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from deskapp.config.paths import backup_dir, sqlite_path
from deskapp.domain.errors import DeskError
from deskapp.i18n import _
from deskapp.store import db, guard
from deskapp.store.context import Desk
from deskapp.upkeep.backup import desk_name, integrity_problems, libpq_url, run_tool
from deskapp.upkeep.skipped import Skipped, record_skipped

# progress(step in words, done, total): total None for a step that cannot be counted.
Progress = Callable[[str, int, "int | None"], None]
PAGES_PER_STEP = 256  # SQLite pages copied between two progress updates (1 MiB at 4 KiB pages)


@dataclass(frozen=True)
class Records:
    """What a database or a backup holds, for the question asked before restoring."""

    cases: int | None
    newest: int | None  # the highest case number in it
    schema: str | None


@dataclass(frozen=True)
class Restored:
    aside: Path | None  # the records replaced, kept
    upgraded_from: str | None  # the backup's older schema, when it was upgraded
    next_case: int  # the number the next case will get: past every number already issued


def _no_progress(_step: str, _done: int, _total: int | None) -> None:
    return None


def restore(desk: Desk, source: Path, stamp: str, since: str = "", progress: Progress = _no_progress) -> Restored:
    """Put the backup at `source` back in place of the desk's records (see the module's note)."""
    if not source.exists():
        raise DeskError(_("there is no backup at {path}").format(path=source))
    live = sqlite_path(str(desk.engine.url))
    desk.engine.dispose()  # this process's own connections must not hold the file or the tables
    if live is not None:
        return _restore_sqlite(live, source, stamp, since, progress)
    return _restore_postgresql(desk, source, stamp, progress)


# ---- SQLite ----

def backup_records(source: Path) -> Records:
    """What a SQLite backup holds; refuses a file that is not a whole deskapp backup."""
    try:
        with closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as copy:
            ok = copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            cases, newest = copy.execute("SELECT count(*), max(id) FROM cases").fetchone()
            schema = copy.execute("SELECT version_num FROM alembic_version").fetchone()[0] if _has(copy, "alembic_version") else None
    except sqlite3.DatabaseError as e:
        raise DeskError(_("{path} is not a deskapp backup: {error}").format(path=source, error=e)) from None
    if not ok:
        raise DeskError(_("{path} is damaged (its integrity check fails); nothing was restored").format(path=source))
    _must_know(schema, source)
    return Records(cases, newest, schema)


def _has(connection: sqlite3.Connection, table: str) -> bool:
    return connection.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).fetchone() is not None


def _must_know(schema: str | None, source: Path) -> None:
    """A backup made by a newer deskapp has a schema this one cannot upgrade, nor safely use."""
    if schema is None:
        return
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    try:
        ScriptDirectory.from_config(db._alembic_config(None)).get_revision(schema)
    except CommandError:
        raise DeskError(_("{path} was made by a newer deskapp (schema {schema}); nothing was restored: "
                          "restore it with that version").format(path=source, schema=schema)) from None


def _restore_sqlite(live: Path, source: Path, stamp: str, since: str, progress: Progress) -> Restored:
    backup_records(source)
    with _sqlite_maintenance(live, since):
        issued = _highest_issued(live)
        aside = live.with_name(f"{live.stem}.before-restore-{stamp}{live.suffix}")
        _copy(live, aside, _("keeping the current records aside"), progress)
        # The backup is upgraded and renumbered in a copy beside the desk, so that the desks see the
        # old records or the new ones, never a schema half-upgraded.
        work = live.with_name(f".{live.stem}.restoring-{stamp}{live.suffix}")
        try:
            _copy(source, work, _("reading the backup"), progress)
            upgraded = _upgrade(f"sqlite:///{work}", progress)
            in_backup, next_case = _number_past(work, issued)
            problems = integrity_problems(work)
            if problems:
                raise DeskError(_("the upgraded backup fails its integrity check ({problem}); nothing was restored").format(
                    problem=problems[0]))
            # The numbers skipped are the cases recorded since the backup: `deskapp check` is told they are aside.
            record_skipped(live, Skipped(in_backup + 1, next_case - 1, stamp, aside.name))
            _copy(work, live, _("putting the backup back"), progress, live=True)
        finally:
            for leftover in (work, work.with_name(work.name + "-wal"), work.with_name(work.name + "-shm")):
                leftover.unlink(missing_ok=True)
    return Restored(aside, upgraded, next_case)


@contextmanager
def _sqlite_maintenance(live: Path, since: str) -> Iterator[None]:
    """The maintenance lock: the marker file locked, then the saves under way waited for."""
    marker = guard.marker_path(live)
    fd = os.open(marker, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise DeskError(_("another restore of this database is running; nothing was restored")) from None
        os.ftruncate(fd, 0)
        os.write(fd, json.dumps({"since": since, "pid": os.getpid()}).encode())
        _wait_for_saves(live)
        yield
    finally:
        marker.unlink(missing_ok=True)  # unlinked while still locked: no desk sees a free marker first
        os.close(fd)


def _wait_for_saves(live: Path) -> None:
    """Every desk that checked before the marker existed holds the write lock until it commits: once
    the restore has had the lock itself, every later write sees the marker."""
    with closing(sqlite3.connect(live, timeout=db.busy_timeout_ms() / 1000, isolation_level=None)) as wait:
        try:
            wait.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError:
            raise DeskError(_("a desk is in the middle of saving (the database stayed locked); nothing was restored: "
                              "try again in a moment")) from None
        wait.execute("COMMIT")


def _highest_issued(database: Path) -> int:
    """The highest case number the desk has issued, as far as its file can still say (a damaged desk
    is exactly the one being restored: what cannot be read counts as nothing)."""
    found = []
    with closing(sqlite3.connect(database)) as live:
        for sql in ("SELECT max(id) FROM cases", "SELECT seq FROM sqlite_sequence WHERE name = 'cases'"):
            try:
                row = live.execute(sql).fetchone()
            except sqlite3.DatabaseError:
                continue
            found.append(row[0] if row and row[0] is not None else 0)
    return max(found, default=0)


def _number_past(work: Path, issued: int) -> tuple[int, int]:
    """sqlite_sequence (migration 0013r) past the highest number issued: the next case gets one more.
    Returns the highest number in the backup and the next number."""
    with closing(sqlite3.connect(work, isolation_level=None)) as copy:
        newest = copy.execute("SELECT coalesce(max(id), 0) FROM cases").fetchone()[0]
        high = max(issued, newest)
        copy.execute("BEGIN")
        copy.execute("DELETE FROM sqlite_sequence WHERE name = 'cases'")
        copy.execute("INSERT INTO sqlite_sequence (name, seq) VALUES ('cases', ?)", (high,))
        copy.execute("COMMIT")
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file to copy in
    return newest, high + 1


def _copy(source: Path, target: Path, step: str, progress: Progress, live: bool = False) -> None:
    """SQLite's online backup, page by page, telling progress; the target owner-only."""
    if not target.exists():
        os.close(os.open(target, os.O_WRONLY | os.O_CREAT, 0o600))
    os.chmod(target, 0o600)

    def told(_status: int, remaining: int, total: int) -> None:
        progress(step, total - remaining, total)

    with closing(sqlite3.connect(source)) as copy_from, closing(sqlite3.connect(target)) as copy_to:
        copy_from.backup(copy_to, pages=PAGES_PER_STEP, progress=told)
        if not live:
            # A copy is one self-contained file, not WAL. The desk's own file keeps its WAL mode: SQLite's
            # backup into a WAL database leaves it in WAL.
            copy_to.execute("PRAGMA journal_mode=DELETE")


def _upgrade(url: str, progress: Progress) -> str | None:
    """The restored records at the current schema; the older schema, when there was one."""
    engine = db.make_engine(url)
    try:
        old = db.current_revision(engine)
        if old == db.SCHEMA_HEAD:
            return None
        progress(_("upgrading the backup from schema {old} to {new}").format(old=old, new=db.SCHEMA_HEAD), 0, None)
        db.upgrade(engine)
        return old
    finally:
        engine.dispose()


# ---- PostgreSQL ----

def _restore_postgresql(desk: Desk, source: Path, stamp: str, progress: Progress) -> Restored:
    url = desk.engine.url.render_as_string(hide_password=False)
    folder = backup_dir(url)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    script = folder / f".{desk_name(desk)}.restoring-{stamp}.sql"
    progress(_("reading the backup"), 0, None)
    _owner_only(script)
    try:
        run_tool(["pg_restore", "--no-owner", "--file", str(script), str(source)], "pg_restore",
                 _("{path} is not a deskapp backup: {error}"), source)
        with _postgresql_maintenance(url):
            issued = _pg_highest_issued(url)
            aside = folder / f"{desk_name(desk)}.before-restore-{stamp}.dump"
            progress(_("keeping the current records aside"), 0, None)
            _owner_only(aside)
            run_tool(["pg_dump", "--format=custom", "--no-owner", "--file", str(aside), libpq_url(desk)], "pg_dump",
                     _("the current records could not be kept aside ({error}); nothing was restored"))
            progress(_("putting the backup back"), 0, None)
            # One transaction: the old tables go and the backup's come, or nothing changes at all.
            run_tool(["psql", "--no-psqlrc", "--quiet", "--set", "ON_ERROR_STOP=1", "--single-transaction",
                      "--command", "DROP SCHEMA public CASCADE; CREATE SCHEMA public;", "--file", str(script),
                      libpq_url(desk)], "psql", _("putting the backup back failed ({error}); nothing was restored"))
            upgraded = _upgrade(url, progress)
            next_case = _pg_number_past(url, issued)
    finally:
        script.unlink(missing_ok=True)
    return Restored(aside, upgraded, next_case)


def _owner_only(path: Path) -> None:
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
    os.chmod(path, 0o600)


@contextmanager
def _postgresql_maintenance(url: str) -> Iterator[None]:
    """The advisory lock, exclusive: it waits for the saves under way and refuses new ones at once."""
    engine = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as hold:
            hold.exec_driver_sql(f"SET lock_timeout = '{db.busy_timeout_ms()}ms'")
            try:
                hold.exec_driver_sql(f"SELECT pg_advisory_lock({guard.PG_MAINTENANCE_KEY})")
            except sa.exc.OperationalError:
                raise DeskError(_("a desk is in the middle of saving (the database stayed locked); nothing was restored: "
                                  "try again in a moment")) from None
            try:
                yield
            finally:
                hold.exec_driver_sql(f"SELECT pg_advisory_unlock({guard.PG_MAINTENANCE_KEY})")
    finally:
        engine.dispose()


_SEQUENCE = "pg_get_serial_sequence('cases', 'id')"


def _pg_highest_issued(url: str) -> int:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as c:
            newest = c.exec_driver_sql("SELECT coalesce(max(id), 0) FROM cases").scalar()
            counted = c.exec_driver_sql(f"SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM {_sequence_name(c)}").scalar()
        return max(newest, counted)
    finally:
        engine.dispose()


def _sequence_name(connection) -> str:
    return connection.exec_driver_sql(f"SELECT {_SEQUENCE}").scalar()


def _pg_number_past(url: str, issued: int) -> int:
    engine = sa.create_engine(url)
    try:
        with engine.begin() as c:
            newest = c.exec_driver_sql("SELECT coalesce(max(id), 0) FROM cases").scalar()
            high = max(issued, newest)
            # setval(s, n, true): the next is n + 1; a desk that never issued a number starts at 1.
            c.exec_driver_sql(f"SELECT setval({_SEQUENCE}, {max(int(high), 1)}, {'true' if high else 'false'})")
        return high + 1
    finally:
        engine.dispose()


def current_records(desk: Desk) -> Records:
    with desk.engine.connect() as c:
        cases, newest = c.execute(sa.text("SELECT count(*), max(id) FROM cases")).one()
    return Records(cases, newest, db.current_revision(desk.engine))


def tool_missing(name: str) -> bool:
    try:
        subprocess.run([name, "--version"], capture_output=True)
    except FileNotFoundError:
        return True
    return False
