"""Appends history events. There is deliberately no function here to change or remove one."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, date, datetime
from enum import Enum
from typing import Any

from sqlmodel import Session, col, select

from deskapp.models import Case, HistoryEvent


def plain(value: Any) -> Any:
    """A value as it is written into the history's JSON."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(UTC).isoformat()  # the same text before and after a database round trip
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


def record(
    session: Session,
    case: Case,
    action: str,
    actor_id: int,
    at: datetime,
    recorded_at: datetime,
    changes: dict[str, tuple[Any, Any]] | None = None,
    note: str = "",
) -> HistoryEvent:
    """Append one event to the case's history, chained to the one before it."""
    body = json.dumps(
        {k: [plain(before), plain(after)] for k, (before, after) in (changes or {}).items()},
        ensure_ascii=False,
        sort_keys=True,
    )
    prev = session.exec(
        select(HistoryEvent.hash).where(HistoryEvent.case_id == case.id).order_by(col(HistoryEvent.id).desc()).limit(1)
    ).first()
    event = HistoryEvent(
        case_id=case.id,
        at=at,
        recorded_at=recorded_at,
        actor_id=actor_id,
        action=action,
        changes=body,
        note=note,
        prev_hash=prev or "",
    )
    event.hash = event_hash(event)
    session.add(event)
    return event


def event_hash(event: HistoryEvent) -> str:
    return chain_hash(event.case_id, event.at, event.recorded_at, event.actor_id, event.action, event.changes,
                      event.note, event.prev_hash)


def chain_hash(case_id, at, recorded_at, actor_id, action, changes: str, note: str, prev_hash: str) -> str:
    """The hash of one event's content and the hash of the event before it."""
    canonical = json.dumps(
        [case_id, plain(at), plain(recorded_at), actor_id, action, changes, note, prev_hash],
        ensure_ascii=False,
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def change(case: Case, **after: Any) -> dict[str, tuple[Any, Any]]:
    """Set fields on the case and return what changed, as {field: (before, after)}."""
    changes = {}
    for name, value in after.items():
        before = getattr(case, name)
        if before != value:
            changes[name] = (before, value)
            setattr(case, name, value)
    return changes
