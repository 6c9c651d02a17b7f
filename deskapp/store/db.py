"""The engine, sessions and schema migrations, for SQLite and PostgreSQL alike."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from deskapp.config.paths import sqlite_path
from deskapp.i18n import _
from deskapp.store import guard

_MIGRATIONS = Path(__file__).resolve().parent / "migrations"

# The newest migration's id. Every command checks the schema against it with one query, so that
# Alembic (a tenth of a second to load) is imported only when there is something to upgrade.
# tests/test_migrations.py fails when this and the migration files disagree.
SCHEMA_HEAD = "0018"  # 0011 → 0014 (the queue's index) → 0015 (actions, chases, paid work) → 0016 (surveys, apologies)
# → 0017 (batch incidents) → 0018 (courtesy)


# FULL syncs the WAL at every commit. NORMAL can lose the last commits on a power cut or an OS crash
# (SQLite's own documentation says so), and a desk's confirmed "case recorded" must survive both.
# DESKAPP_SQLITE_SYNCHRONOUS=NORMAL is there to measure the difference (benchmarks/load.py), or for
# a disk with a battery-backed cache; any other value than NORMAL or EXTRA means FULL.
SYNCHRONOUS = {"NORMAL": "NORMAL", "EXTRA": "EXTRA"}.get(os.environ.get("DESKAPP_SQLITE_SYNCHRONOUS", "").upper(), "FULL")


def make_engine(url: str) -> Engine:
    """One engine per process. SQLite gets WAL and a busy timeout so several desks can share a file."""
    path = sqlite_path(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            # Records of customers: readable by the desk's own account only.
            path.touch(mode=0o600)
    engine = sa.create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        sa.event.listen(engine, "connect", _sqlite_pragmas)
        if path is not None:
            # Registered before _sqlite_begin so that a detached file is refused before BEGIN.
            sa.event.listen(engine, "begin", _same_file(path))
        sa.event.listen(engine, "begin", _sqlite_begin)
        if path is not None:
            sa.event.listen(engine, "begin", guard.sqlite_honours(path))  # after BEGIN IMMEDIATE: see guard.py
    elif engine.dialect.name == "postgresql":
        sa.event.listen(engine, "begin", guard.postgresql_writes(busy_timeout_ms()))
    return engine


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        found = os.stat(path)
    except FileNotFoundError:
        return None
    return found.st_dev, found.st_ino


def _same_file(path: Path):
    """Before each write: the file must still be the one the desk opened. A file deleted or replaced
    underneath a running desk keeps taking writes through the open connection, into a file no one
    will ever open again ("Case #579 recorded", and then it is gone)."""
    opened = _identity(path)

    def check(connection) -> None:
        if not connection.get_execution_options().get("desk_writes"):
            return
        now = _identity(path)
        if now != opened:
            from deskapp.store.faults import DETACHED, DatabaseFault

            if now is None:
                said = _("the database file {path} was deleted while the desk was open; nothing was saved: "
                         "close the desk and open it again on the right file")
            else:
                said = _("the database file {path} was replaced by another file while the desk was open; "
                         "nothing was saved: close the desk and open it again on the right file")
            raise DatabaseFault(DETACHED, said.format(path=path))

    return check


def writer(engine: Engine) -> Engine:
    """The same engine, marked so that SQLite transactions on it take the write lock at BEGIN."""
    return engine.execution_options(desk_writes=True)


def _sqlite_begin(connection) -> None:
    # A deferred transaction that reads and then writes must upgrade its lock, and SQLite answers
    # "database is locked" at once, without waiting, if another desk wrote in between. Writers
    # therefore lock at BEGIN (waiting out the busy timeout); readers never block anyone in WAL.
    # Desk.transaction begins at once, so an operation reads the time (and the case) only once it
    # holds the lock: that is SQLite's one writer per case (PostgreSQL locks the case's row).
    immediate = connection.get_execution_options().get("desk_writes")
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # The driver's own transaction handling is switched off so that _sqlite_begin decides how
    # each transaction begins.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={busy_timeout_ms()}")
    cursor.execute(f"PRAGMA synchronous={SYNCHRONOUS}")
    cursor.close()


def busy_timeout_ms() -> int:
    """How long a desk waits for another's write lock before saying the database is locked.
    DESKAPP_BUSY_TIMEOUT_MS shortens it (tests holding a lock on purpose)."""
    try:
        return max(0, int(os.environ.get("DESKAPP_BUSY_TIMEOUT_MS", "10000")))
    except ValueError:
        return 10000


def _alembic_config(connection):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest migration, as Alembic reads it from the migration files."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_alembic_config(None)).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        if not sa.inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    with engine.begin() as connection:
        command.upgrade(_alembic_config(connection), revision)


def prepare(engine: Engine) -> str | None:
    """Bring the schema to the newest version. An older SQLite file is copied aside first.

    Returns a sentence for the operator when something was done to an existing database.
    """
    current = current_revision(engine)
    if current == SCHEMA_HEAD:
        return None
    head = head_revision()
    if current is None:
        upgrade(engine)
        return None
    backup = _copy_aside(engine, current)
    upgrade(engine)
    if backup:
        return _("database upgraded from schema {old} to {new}; the old file was kept as {path}").format(
            old=current, new=head, path=backup)
    return _("database upgraded from schema {old} to {new}").format(old=current, new=head)


def _copy_aside(engine: Engine, revision: str) -> Path | None:
    path = sqlite_path(str(engine.url))
    if path is None or not path.exists():
        return None
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")  # a file name, not a desk time
    target = path.with_name(f"{path.stem}.before-{revision}-{stamp}{path.suffix}")
    # The online backup API copies a consistent snapshot even while other desks are writing.
    import sqlite3

    with sqlite3.connect(path) as source, sqlite3.connect(target) as copy:
        source.backup(copy)
    os.chmod(target, 0o600)
    return target
