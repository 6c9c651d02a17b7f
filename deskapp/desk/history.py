"""Appends history events. There is deliberately no function here to change or remove one.

An event is data: the action, the fields changed (before, after), the facts that are not fields
(`details`) and the operator's note as typed. Nothing here is worded; `deskapp.words.history`
words an event when it is shown, in the reader's language.

Each event takes the next number in its case's chain (`seq`) and the hash of the event before it.
Its own hash is an HMAC-SHA256 under the history key when the desk has one (the key lives outside
the database: deskapp.store.history_key), and a plain SHA-256 when it has none.
The database keeps (case_id, seq) unique, so of two desks appending to one case from the same
tail only the first commits: the chain cannot fork, whatever locks the caller took.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import UTC, date, datetime
from enum import Enum
from typing import Any

from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from deskapp.domain.errors import Conflict
from deskapp.i18n import _
from deskapp.models import Case, HistoryEvent
from deskapp.store.history_key import HistoryKey, history_key

# How each database names the broken constraint when a second append from the same tail arrives.
_FORK_SIGNS = ("uq_history_case_seq", "history.case_id, history.seq")


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
    details: dict[str, Any] | None = None,
) -> HistoryEvent:
    """Append one event to the case's history, chained to the one before it.

    `note` is the operator's text as typed; `details` holds the facts that are not fields of the
    case (English identifiers, names, UTC times), never a sentence.
    """
    body = json.dumps(
        {k: [plain(before), plain(after)] for k, (before, after) in (changes or {}).items()},
        ensure_ascii=False,
        sort_keys=True,
    )
    facts = json.dumps({k: plain(v) for k, v in (details or {}).items()}, ensure_ascii=False, sort_keys=True)
    last_seq, prev = tail(session, case.id)
    event = HistoryEvent(
        case_id=case.id,
        seq=last_seq + 1,
        at=at,
        recorded_at=recorded_at,
        actor_id=actor_id,
        action=action,
        changes=body,
        details=facts,
        note=note,
        prev_hash=prev,
    )
    event.hash = event_hash(event, key_of(session))
    session.add(event)
    _append(session, case.id)
    return event


def tail(session: Session, case_id: int) -> tuple[int, str]:
    """The case's latest event: its number in the chain and its hash; (0, '') before the first."""
    last = session.exec(
        select(HistoryEvent.seq, HistoryEvent.hash)
        .where(HistoryEvent.case_id == case_id)
        .order_by(col(HistoryEvent.seq).desc())
        .limit(1)
    ).first()
    return (last[0], last[1]) if last else (0, "")


def _append(session: Session, case_id: int) -> None:
    """Write the event now, so that a second append from the same tail is refused here, in words."""
    try:
        session.flush()
    except IntegrityError as error:
        if not any(sign in str(error.orig) for sign in _FORK_SIGNS):
            raise
        raise Conflict(_("case {number} was changed by another desk at the same moment; nothing was changed")
                       .format(number=case_id)) from error


def key_of(session: Session) -> HistoryKey | None:
    """The history key of the database this session writes to, or None when it has none."""
    bind = session.get_bind()
    return history_key(str(bind.engine.url if isinstance(bind, Connection) else bind.url))


def event_hash(event: HistoryEvent, key: HistoryKey | None = None) -> str:
    return chain_hash(event.case_id, event.at, event.recorded_at, event.actor_id, event.action, event.changes,
                      event.note, event.prev_hash, event.seq, event.details, key)


def chain_hash(case_id, at, recorded_at, actor_id, action, changes: str, note: str, prev_hash: str,
               seq: int | None = None, details: str | None = None, key: HistoryKey | None = None) -> str:
    """The seal of one event's content and the seal of the event before it: HMAC-SHA256 under the
    history key, or plain SHA-256 without one.

    Events from before schema 0007 (no details) were hashed without their number and details, and
    are checked the same way; later events seal those too.
    """
    if details is None:
        content = [case_id, plain(at), plain(recorded_at), actor_id, action, changes, note, prev_hash]
    else:
        content = [case_id, seq, plain(at), plain(recorded_at), actor_id, action, changes, details, note, prev_hash]
    canonical = json.dumps(content, ensure_ascii=False).encode()
    if key is not None:
        return hmac.new(key.secret, canonical, hashlib.sha256).hexdigest()
    return hashlib.sha256(canonical).hexdigest()


def change(case: Case, **after: Any) -> dict[str, tuple[Any, Any]]:
    """Set fields on the case and return what changed, as {field: (before, after)}."""
    changes = {}
    for name, value in after.items():
        before = getattr(case, name)
        if before != value:
            changes[name] = (before, value)
            setattr(case, name, value)
    return changes
