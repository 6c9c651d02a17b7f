"""What makes the history provable from outside the database: the history key beside it, made at
`init` and `demo`, and the anchor written to backups/ once a day with the daily backup, or on demand."""

from __future__ import annotations

import os
from pathlib import Path

from sqlmodel import func, select

from deskapp.config.paths import backup_dir
from deskapp.models import HistoryEvent
from deskapp.reads.anchor import Anchor, anchor_name, take_anchor
from deskapp.store.context import Desk
from deskapp.store.history_key import make_key_file
from deskapp.upkeep.backup import desk_name


def write_anchor(desk: Desk, folder: Path | None = None, day: str | None = None) -> tuple[Anchor, Path]:
    """Take the anchor now and write it as one line, owner-only; a second one the same day replaces it."""
    folder = folder or backup_dir(str(desk.engine.url))
    now = desk.now()
    with desk.reading() as session:
        anchor = take_anchor(session, now)
    if not folder.exists():
        folder.mkdir(parents=True, mode=0o700)
    day = day or f"{now.astimezone(desk.calendar.tz):%Y-%m-%d}"
    target = folder / anchor_name(day, desk_name(desk))
    temporary = target.with_suffix(".tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as file:
        file.write(anchor.line() + "\n")
    os.replace(temporary, target)  # never half a line in place of yesterday's good one
    return anchor, target


def daily_anchor(desk: Desk, folder: Path, day: str) -> Path | None:
    """Today's anchor if there is none yet; None when it was written already."""
    if (folder / anchor_name(day, desk_name(desk))).exists():
        return None
    return write_anchor(desk, folder, day)[1]


def make_history_key(desk: Desk) -> Path | None:
    """The key file beside a SQLite database, made if there is none (None when there was one, or on
    PostgreSQL, whose desks are given DESKAPP_HISTORY_KEY). Events already written stay unkeyed."""
    with desk.reading() as session:
        newest = session.exec(select(func.max(HistoryEvent.id))).one() or 0
    return make_key_file(str(desk.engine.url), newest)
