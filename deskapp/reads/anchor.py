"""The history's anchor: one line, kept outside the database, that pins the whole history up to a moment.

The line holds how many events there were, the newest of them, and a digest of every event's
number, case, place in its chain and seal, in the order they were written:

    deskapp-anchor 1 2026-11-23T01:00:00+00:00 events=1204 last=1204 head=3fa9…

Printed on the handover summary and the day report and written to backups/ each day, it is a
promise the database alone cannot take back: `deskapp check --anchor FILE` recomputes the digest
and says whether anything up to that event was changed, removed or slipped in since.

An event still being written when the anchor is taken could land later with an earlier number on
PostgreSQL, where desks write at once; there the anchor covers only the events recorded more than
SETTLED before it, longer than any desk's transaction lasts. SQLite writes one transaction at a
time, so its anchor covers every event written.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlmodel import Session, col, func, select

from deskapp.config.paths import backup_dir
from deskapp.i18n import _
from deskapp.models import HistoryEvent
from deskapp.words.display import weekday_time

SETTLED = timedelta(minutes=10)
_BATCH = 20_000
_LINE = re.compile(r"deskapp-anchor 1 (?P<at>\S+) events=(?P<events>\d+) last=(?P<last>\d+) head=(?P<head>[0-9a-f]{64})")
PREFIX = "anchor-"


@dataclass(frozen=True)
class Anchor:
    at: datetime
    events: int
    last: int  # the newest event it covers; it covers every event numbered up to this one
    head: str

    def line(self) -> str:
        return f"deskapp-anchor 1 {self.at.isoformat()} events={self.events} last={self.last} head={self.head}"

    @property
    def short(self) -> str:
        """What a printed page shows: enough of the head to compare by eye."""
        return f"{self.head[:16]} ({self.events} / #{self.last})"


def parse(text: str) -> Anchor | None:
    found = _LINE.search(text)
    if found is None:
        return None
    return Anchor(datetime.fromisoformat(found["at"]), int(found["events"]), int(found["last"]), found["head"])


class HeadDigest:
    """The digest, fed one event at a time in id order (the check feeds it as it reads)."""

    def __init__(self) -> None:
        self._sha = hashlib.sha256()
        self.events = 0

    def add(self, event_id: int, case_id: int, seq: int, seal: str) -> None:
        self._sha.update(f"{event_id} {case_id} {seq} {seal}\n".encode())
        self.events += 1

    def hexdigest(self) -> str:
        return self._sha.hexdigest()


def take_anchor(session: Session, now: datetime) -> Anchor:
    """The anchor of the history as it stands, up to the events settled by `now`."""
    cut = now if session.get_bind().dialect.name == "sqlite" else now - SETTLED
    last = session.exec(select(func.max(HistoryEvent.id)).where(col(HistoryEvent.recorded_at) <= cut)).one() or 0
    digest, after = HeadDigest(), 0
    while after < last:
        rows = session.exec(select(HistoryEvent.id, HistoryEvent.case_id, HistoryEvent.seq, HistoryEvent.hash)
                            .where(col(HistoryEvent.id) > after, col(HistoryEvent.id) <= last)
                            .order_by(col(HistoryEvent.id)).limit(_BATCH)).all()
        if not rows:
            break
        for row in rows:
            digest.add(*row)
        after = rows[-1][0]
    return Anchor(now, digest.events, last, digest.hexdigest())


def anchor_name(day: str, desk_name: str) -> str:
    """anchor-2026-11-23-desk.txt: by day, and by database, as the daily backups are named."""
    return f"{PREFIX}{day}-{desk_name}.txt"


def anchor_files(folder: Path, desk_name: str) -> list[Path]:
    """This database's anchor files in backups/, oldest first (their names sort by date)."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.name.startswith(PREFIX) and p.name.endswith(f"-{desk_name}.txt"))


def newest_anchor(folder: Path, desk_name: str) -> Anchor | None:
    """The newest anchor written to backups/, for the handover summary and the day report."""
    for path in reversed(anchor_files(folder, desk_name)):
        try:
            found = parse(path.read_text(encoding="utf-8"))
        except OSError:
            continue
        if found is not None:
            return found
    return None


def latest_anchor(desk) -> Anchor | None:
    """The newest anchor written for this database, as the handover summary and the day report print it."""
    from deskapp.upkeep.backup import desk_name  # the backups' own naming, so that both sit side by side

    return newest_anchor(backup_dir(str(desk.engine.url)), desk_name(desk))


def anchor_words(anchor: Anchor | None, tz) -> str:
    """'history anchor of Mon 09:00: 3fa9c0d1e2f3a4b5 (1204 events / #1204)', or how to get one."""
    if anchor is None:
        return _("no history anchor yet: the app writes one each day beside its backup")
    return _("history anchor of {time}: {head}").format(time=weekday_time(anchor.at, tz), head=anchor.short)
