"""Copies of the records: on demand, daily with rotation, and putting one back."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import make_url

from deskapp.config.paths import sqlite_path
from deskapp.domain.errors import DeskError
from deskapp.i18n import _
from deskapp.store.context import Desk

_DAILY = "daily-"


def backup(desk: Desk, target: Path) -> Path:
    """A consistent copy while desks keep working: SQLite's online backup, or pg_dump."""
    target.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite_path(str(desk.engine.url))
    if source is not None:
        with sqlite3.connect(source) as live, sqlite3.connect(target) as copy:
            live.backup(copy)
        os.chmod(target, 0o600)
        return target
    if desk.engine.dialect.name == "postgresql":
        _run(["pg_dump", "--format=custom", "--no-owner", "--file", str(target), _libpq(desk)], "pg_dump")
        os.chmod(target, 0o600)
        return target
    raise DeskError(_("backups are made for SQLite and PostgreSQL, not {database}").format(database=desk.engine.dialect.name))


def restore(desk: Desk, source: Path, stamp: str) -> Path | None:
    """Put a backup back. The current SQLite file is kept aside (returned); PostgreSQL is replaced."""
    if not source.exists():
        raise DeskError(_("there is no backup at {path}").format(path=source))
    current = sqlite_path(str(desk.engine.url))
    if current is not None:
        _check_sqlite(source)
        aside = current.with_name(f"{current.stem}.before-restore-{stamp}{current.suffix}")
        backup(desk, aside)
        # Copied page by page into the live file with SQLite's backup API, so that other desks'
        # open connections see the restored records instead of a file swapped under them.
        with sqlite3.connect(source) as copy, sqlite3.connect(current) as live:
            copy.backup(live)
        return aside
    desk.engine.dispose()
    _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--dbname", _libpq(desk), str(source)], "pg_restore")
    return None


def daily_backup(desk: Desk, folder: Path, keep: int, today: str) -> Path | None:
    """Today's backup if there is none yet, keeping the newest `keep`; None when there was one."""
    folder.mkdir(parents=True, exist_ok=True)
    suffix = ".db" if desk.engine.dialect.name == "sqlite" else ".dump"
    target = folder / f"{_DAILY}{today}{suffix}"
    made = None
    if not target.exists():
        made = backup(desk, target)
    for old in sorted(folder.glob(f"{_DAILY}*{suffix}"))[:-keep or None]:
        old.unlink()
    return made


def _check_sqlite(path: Path) -> None:
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as copy:
            ok = copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            copy.execute("SELECT count(*) FROM cases").fetchone()
    except sqlite3.DatabaseError as e:
        raise DeskError(_("{path} is not a deskapp backup: {error}").format(path=path, error=e)) from None
    if not ok:
        raise DeskError(_("{path} is damaged (its integrity check fails); nothing was restored").format(path=path))


def _libpq(desk: Desk) -> str:
    url = make_url(str(desk.engine.url.render_as_string(hide_password=False))).set(drivername="postgresql")
    return url.render_as_string(hide_password=False)


def _run(command: list[str], name: str) -> None:
    try:
        done = subprocess.run(command, capture_output=True, text=True)
    except FileNotFoundError:
        raise DeskError(_("{program} is not installed; install the PostgreSQL client tools").format(program=name)) from None
    if done.returncode != 0:
        # The tool's own last line, as it wrote it.
        said = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else done.returncode
        raise DeskError(_("{program} failed: {error}").format(program=name, error=said))


def stamp(now: datetime) -> str:
    return now.strftime("%Y%m%d-%H%M%S")
