"""Copies of the records: on demand and daily with rotation (restore.py puts one back)."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
from contextlib import closing
from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import make_url

from deskapp.config.paths import sqlite_path
from deskapp.domain.errors import DeskError
from deskapp.i18n import _
from deskapp.store.context import Desk

_DAILY = "daily-"


def backup(desk: Desk, target: Path, verify: bool = True) -> Path:
    """A consistent copy while desks keep working: SQLite's online backup, or pg_dump.

    The copy is checked before it is called a backup: a damaged database copies as damaged, and
    a damaged copy must not push the last good one out of the rotation. Owner-only (0600), like
    the database. verify=False copies a damaged file as it is."""
    if target.is_dir():
        raise DeskError(_("{path} is a folder: give the backup a file name, for example {example}").format(
            path=target, example=target / f"{desk_name(desk)}-backup.db"))
    _make_folder(target.parent)
    source = sqlite_path(str(desk.engine.url))
    if source is not None:
        _owner_only_file(target)
        # closing(): sqlite3's own context manager commits but leaves the connection (and the
        # copy's -wal and -shm files) open. The copy is one self-contained file: no WAL.
        with closing(sqlite3.connect(source)) as live, closing(sqlite3.connect(target)) as copy:
            live.backup(copy)
            copy.execute("PRAGMA journal_mode=DELETE")
        if verify:
            _refuse_damaged(target)
        return target
    if desk.engine.dialect.name == "postgresql":
        _owner_only_file(target)
        run_tool(["pg_dump", "--format=custom", "--no-owner", "--file", str(target), libpq_url(desk)], "pg_dump")
        os.chmod(target, 0o600)
        return target
    raise DeskError(_("backups are made for SQLite and PostgreSQL, not {database}").format(database=desk.engine.dialect.name))


def new_backup_path(desk: Desk, folder: Path, now: datetime) -> Path:
    """backups/desk-backup-20261201-171500.db: the database's name keeps two databases in one folder
    apart, and a second backup in the same second gets -2 instead of overwriting the first."""
    base = f"{desk_name(desk)}-backup-{stamp(now)}"
    suffix = _suffix(desk)
    target = folder / f"{base}{suffix}"
    n = 2
    while target.exists():
        target = folder / f"{base}-{n}{suffix}"
        n += 1
    return target


def desk_name(desk: Desk) -> str:
    """The database's own name: the SQLite file's stem, or the PostgreSQL database's name."""
    path = sqlite_path(str(desk.engine.url))
    name = path.stem if path is not None else (desk.engine.url.database or "desk")
    return re.sub(r"[^\w.-]", "_", name)


def _suffix(desk: Desk) -> str:
    return ".db" if desk.engine.dialect.name == "sqlite" else ".dump"


def _make_folder(folder: Path) -> None:
    if not folder.exists():
        folder.mkdir(parents=True, mode=0o700)


def _owner_only_file(target: Path) -> None:
    """Created 0600 before a byte is written; an existing file is emptied (SQLite's backup writes
    into whatever database the target holds) and made owner-only."""
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.close(fd)
    os.chmod(target, 0o600)


def _refuse_damaged(copy: Path) -> None:
    problems = integrity_problems(copy)
    if not problems:
        return
    damaged = copy.with_name(f"{copy.stem}.damaged{copy.suffix}")
    os.replace(copy, damaged)
    raise DeskError(_("the database fails its integrity check ({problem}); the copy was kept as {path} "
                      "and no older backup was removed: run `deskapp check`").format(problem=problems[0], path=damaged))


def integrity_problems(path: Path) -> list[str]:
    """What SQLite's quick_check finds wrong with a file; empty when it is whole."""
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
            rows = [r[0] for r in db.execute("PRAGMA quick_check")]
    except sqlite3.DatabaseError as e:
        return [str(e)]
    return [] if rows == ["ok"] else rows


def daily_backup(desk: Desk, folder: Path, keep: int, today: str) -> Path | None:
    """Today's backup if there is none yet, keeping the newest `keep` good ones; None when there was one.

    Named daily-2026-12-01-desk.db, so that two databases sharing a folder keep their own days.
    A copy that fails its check is set aside as .damaged and nothing older is removed."""
    _make_folder(folder)
    os.chmod(folder, 0o700)  # backups/ is the desk's own: records of customers, like the database
    suffix, name = _suffix(desk), desk_name(desk)
    target = folder / f"{_DAILY}{today}-{name}{suffix}"
    made = None
    if not target.exists():
        made = backup(desk, target)
    ours = re.compile(rf"{_DAILY}\d{{4}}-\d{{2}}-\d{{2}}(-{re.escape(name)})?{re.escape(suffix)}")
    for old in sorted(p for p in folder.iterdir() if ours.fullmatch(p.name))[:-keep or None]:
        old.unlink()
    return made


def libpq_url(desk: Desk) -> str:
    url = make_url(str(desk.engine.url.render_as_string(hide_password=False))).set(drivername="postgresql")
    return url.render_as_string(hide_password=False)


def run_tool(command: list[str], name: str, failed: str | None = None, path: Path | None = None) -> None:
    """Run a PostgreSQL client tool; its failure in words: `failed` with {error} (and {path}) when given."""
    try:
        done = subprocess.run(command, capture_output=True, text=True)
    except FileNotFoundError:
        said = _("{program} is not installed; install the PostgreSQL client tools").format(program=name)
        raise DeskError(failed.format(error=said, path=path) if failed else said) from None
    if done.returncode != 0:
        # The tool's own last line, as it wrote it.
        said = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else str(done.returncode)
        if failed:
            raise DeskError(failed.format(error=said, path=path))
        raise DeskError(_("{program} failed: {error}").format(program=name, error=said))


def stamp(now: datetime) -> str:
    return now.strftime("%Y%m%d-%H%M%S")
